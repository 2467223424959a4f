"""Settings come from environment variables only (see .env.example); defaults run a local demo."""

import secrets
import sys
from email.utils import parseaddr
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent

env = environ.Env()
environ.Env.read_env(PROJECT_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
# `thidua plan parse` reads a file and prints, touching no database, session or signature: it runs
# without the secret, on a key of its own process that nothing stores or trusts.
if not SECRET_KEY and sys.argv[1:3] == ["plan", "parse"]:
    SECRET_KEY = secrets.token_urlsafe(50)
if not SECRET_KEY:
    if not DEBUG:
        # Never a fallback in production: a public key would let anyone forge sessions and tokens.
        raise ImproperlyConfigured(
            "SECRET_KEY chưa được đặt: Thi Đua không chạy khi không có khóa bí mật (DEBUG tắt). "
            "Đặt SECRET_KEY trong môi trường hoặc tệp .env, ví dụ giá trị của: "
            'python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    SECRET_KEY = "django-insecure-thidua-local-development-only"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

DATA_DIR = Path(env.str("THIDUA_DATA_DIR", default=str(PROJECT_DIR / "var")))
# SQLite cannot create its folder; everything the instance writes lives under DATA_DIR.
DATA_DIR.mkdir(parents=True, exist_ok=True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "ninja",  # its Swagger UI files come from its own static folder (no CDN): /api/docs
    "thidua.core",
    "thidua.org",
    "thidua.plans",
    "thidua.tracking",
    "thidua.tasks",
    "thidua.notifications",
    "thidua.initiatives",
    "thidua.engagement",
    "thidua.awards",
    "thidua.documents",
    "thidua.search",
    "thidua.api",
]
# The demo data and `thidua demo` exist only on a development instance (or when asked for explicitly).
THIDUA_DEMO = env.bool("THIDUA_DEMO", default=DEBUG)
if THIDUA_DEMO:
    INSTALLED_APPS.append("thidua.demo")

MIDDLEWARE = [
    "thidua.core.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thidua.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "thidua.core.middleware.OddQueryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "thidua.urls"
WSGI_APPLICATION = "thidua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thidua.org.context_processors.navigation",
                "thidua.awards.context_processors.navigation",
                "thidua.notifications.context_processors.unread_notifications",
            ],
            "builtins": [
                "thidua.core.templatetags.vi",
                "thidua.plans.templatetags.plan_tags",
                "thidua.tracking.templatetags.tracking_tags",
            ],
        },
    }
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'thidua.sqlite3'}"),
}
# A PostgreSQL read replica for the dashboards' read-only queries (docs/scaling.md); unset: none.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests: the replica is the primary itself
DATABASE_ROUTERS = ["thidua.core.replica.ReplicaRouter"]
# Connections are kept open between requests (CONN_MAX_AGE seconds; production: 60), checked before reuse
# (CONN_HEALTH_CHECKS: one round trip at each request's first query).
for _database in DATABASES.values():
    _database.setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
    _database.setdefault("CONN_HEALTH_CHECKS", env.bool("CONN_HEALTH_CHECKS", default=True))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "thidua.org.backends.PeopleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: lock a username+address pair after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# Whose address a failure counts against. Unconfigured, the connection's own (REMOTE_ADDR): no header is
# trusted. Behind TRUSTED_PROXY_COUNT reverse proxies, each appending to X-Forwarded-For, the address the
# outermost one saw: the Nth from the right (what a client writes into the header itself stays to the
# left and is never read). django-ipware counts only the proxies listed in the header, one fewer.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_IPWARE_META_PRECEDENCE_ORDER: tuple[str, ...]
if TRUSTED_PROXY_COUNT > 0:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
    AXES_IPWARE_PROXY_COUNT = None
AXES_IPWARE_PROXY_ORDER = "left-most"
IPWARE_STRICT = False  # a header longer than the proxy chain (the client's own prefix) is still read

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = PROJECT_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Only each npm package's distributable folder is served, under vendor/.
    ("vendor/bootstrap", PROJECT_DIR / "node_modules/bootstrap/dist"),
    ("vendor/bootstrap-icons", PROJECT_DIR / "node_modules/bootstrap-icons/font"),
    ("vendor/chart.js", PROJECT_DIR / "node_modules/chart.js/dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE", default="whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if DEBUG:
    STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"

# Uploaded plan documents and evidence are private: never served as static media.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "private")))
# Where uploads live: "local" (MEDIA_ROOT) or "s3", a private bucket of any S3-compatible storage
# (django-storages), shared by every application server (docs/scaling.md). Files are still served only
# through the app's own permission checks (private ACL, no public URL).
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="local")
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("S3_PREFIX", default=""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
elif MEDIA_STORAGE != "local":
    raise ImproperlyConfigured('MEDIA_STORAGE phải là "local" hoặc "s3".')
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 32 * 1024 * 1024
# What an uploaded Word or Excel file may unpack to, checked before any parser opens it
# (thidua.core.office): parts in the zip, total and per-part bytes, compression ratio, shared strings
# of a workbook, paragraphs of a document.
UPLOAD_OFFICE_MAX_MEMBERS = env.int("UPLOAD_OFFICE_MAX_MEMBERS", default=1000)
UPLOAD_OFFICE_MAX_UNPACKED_MB = env.int("UPLOAD_OFFICE_MAX_UNPACKED_MB", default=100)
UPLOAD_OFFICE_MAX_MEMBER_MB = env.int("UPLOAD_OFFICE_MAX_MEMBER_MB", default=32)
UPLOAD_OFFICE_MAX_RATIO = env.int("UPLOAD_OFFICE_MAX_RATIO", default=100)
UPLOAD_XLSX_MAX_SHARED_STRINGS = env.int("UPLOAD_XLSX_MAX_SHARED_STRINGS", default=200_000)
UPLOAD_DOCX_MAX_PARAGRAPHS = env.int("UPLOAD_DOCX_MAX_PARAGRAPHS", default=100_000)
# Characters of text a plan document may hold (about a thousand pages); counted while reading.
UPLOAD_PLAN_MAX_CHARS = env.int("UPLOAD_PLAN_MAX_CHARS", default=3_000_000)

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(DATA_DIR / "mail"))
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# The site's public address, for links in e-mails and calendar feeds.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Thi Đua <thidua@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = 8 * 60 * 60
# Sessions are read from the cache on every request (written through to the database, which keeps them
# when the cache is cleared): one query fewer per page.
SESSION_ENGINE = env.str("SESSION_ENGINE", default="django.contrib.sessions.backends.cached_db")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_REDIRECT_EXEMPT = [r"^suc-khoe/$"]  # a probe on the local network asks over plain HTTP
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
# Subdomains and the browsers' preload list bind every host of the domain (and preload is slow to undo):
# each only when the domain's owner says so, never implied by SECURE_HSTS_SECONDS.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# check --deploy would warn about either one left off; off is the deliberate default.
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_PROXY", False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
# Content-Security-Policy (django-csp): scripts, styles, fonts and images only from the site itself
# (Bootstrap, Chart.js and the app's own files are all served from /static/); no inline script, no
# inline event handler, no inline style, no eval. Data goes to scripts through json_script and data-
# attributes. Bootstrap's CSS draws a few icons as data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Logs: one JSON line per event on stdout (thidua.core.logs), with the request id. Every request is
# one line of the thidua.request logger (status, user, duration), unless REQUEST_LOG=false.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "thidua.core.logs.JsonLineFormatter"}},
    "filters": {"production": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["production"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {
        "thidua.request": {"level": "INFO" if env.bool("REQUEST_LOG", default=True) else "WARNING"},
        # 500s: their traceback on stdout, and by e-mail to ADMINS when there are any.
        "django.request": {"handlers": ["mail_admins"], "level": "ERROR"},
    },
}
# Who gets an e-mail for each server error: "Name <address>, Name <address>".
ADMINS = [parseaddr(address) for address in env.list("ADMINS", default=[])]

# `thidua serve`: the application server (gunicorn).
SERVE_BIND = env.str("SERVE_BIND", default="127.0.0.1:8000")
SERVE_WORKERS = env.int("SERVE_WORKERS", default=0)  # 0: CPU count + 1 (core.server)
SERVE_TIMEOUT = env.int("SERVE_TIMEOUT", default=60)
SERVE_ACCESS_LOG = env.bool("SERVE_ACCESS_LOG", default=False)
# `/suc-khoe/` calls the daily jobs (`thidua remind`, `thidua progress refresh`) stale after this many hours.
JOBS_STALE_HOURS = env.int("JOBS_STALE_HOURS", default=26)
AXES_LOCKOUT_TEMPLATE = "lockout.html"

# The cache: the pages' cached data (thidua.core.pagecache) and the API's request counts per token. It
# must be shared by every worker: by default a folder under THIDUA_DATA_DIR (the workers of one server);
# with several application servers point CACHE_URL at one shared cache (redis://127.0.0.1:6379/1, or
# dbcache://thidua_cache after `thidua createcachetable`). docs/scaling.md compares them.
if env.str("CACHE_URL", default=""):
    CACHES = {"default": env.cache("CACHE_URL")}
else:
    CACHES = {
        "default": {
            "BACKEND": "thidua.core.filecache.FileCache",  # Django's, without a folder listing per write
            "LOCATION": str(DATA_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
# How long the pages' cached data is kept (seconds; a change shows at once whatever this is); 0: no cache.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=3600)
# The REST API (thidua.api): how many requests one token may make, "number/period" (s, m, h, d).
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="120/m")
