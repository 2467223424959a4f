"""Test settings: the product's settings with what only tests need changed."""

import os
import tempfile

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")
# Production settings refuse to load without a key; the tests run with DEBUG off.
os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret-" + "x" * 40)

from thidua.settings import *  # noqa: F403

# The demo app is a development-only app; its tests (and `call_command("demo")`) need it installed.
if "thidua.demo" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "thidua.demo"]  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="thidua-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["*"]
# Live-server (browser) tests run with DEBUG off and no collectstatic: serve assets from the finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Each test process its own cache (the product's default is a folder shared by the workers); the page
# cache is off except in the tests that switch it on (tests/core/test_pagecache.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_SECONDS = 0
