"""Production settings, read in a fresh process from a clean environment, as a server would start."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from tests.paths import SAMPLES

KEY = "k5Jx0v3qP9Lw2hN8tZr6Yc4Bm1Gd7Fs0Ua9Ie3Oy5Ql2Wp8Xk6"


@pytest.fixture
def run(tmp_path):
    """Run Python with only the given variables set (nothing inherited from the test settings)."""

    def _run(*args, **variables):
        env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "THIDUA_DATA_DIR": str(tmp_path)}
        env |= {name: value for name, value in variables.items() if value is not None}
        return subprocess.run(
            [sys.executable, *args], env=env, capture_output=True, text=True, timeout=60, cwd=tmp_path
        )

    return _run


def setting(run, expression, **variables):
    """The value of an expression over django.conf.settings, printed by a fresh process."""
    code = f"import django; django.setup(); from django.conf import settings; print(repr({expression}))"
    result = run("-c", code, DJANGO_SETTINGS_MODULE="thidua.settings", **variables)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_reading_a_plan_needs_no_secret_key(run):
    """`thidua plan parse` reads a file and prints: it starts without SECRET_KEY and DEBUG."""
    plan = SAMPLES / "lang-son-doanh-nghiep.txt"
    command = run("-m", "thidua.cli", "plan", "parse", str(plan), "--json")
    assert command.returncode == 0, command.stderr
    assert json.loads(command.stdout)["targets"]


def test_without_secret_key_production_refuses_to_start_and_says_why(run):
    command = run("-m", "thidua.cli", "check")
    assert command.returncode != 0
    assert "SECRET_KEY chưa được đặt" in command.stderr
    assert "Traceback" not in command.stderr  # the command says it in one line
    server = run("-c", "import thidua.wsgi")  # what a WSGI server imports
    assert server.returncode != 0
    assert "SECRET_KEY chưa được đặt" in server.stderr


def test_with_secret_key_production_starts(run):
    result = run("-m", "thidua.cli", "check", SECRET_KEY=KEY, ALLOWED_HOSTS="thidua.example.gov.vn")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_development_runs_without_secret_key(run):
    result = run("-m", "thidua.cli", "check", DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_the_demo_app_is_not_installed_in_production(run):
    installed = "'thidua.demo' in settings.INSTALLED_APPS"
    assert setting(run, installed, SECRET_KEY=KEY) == "False"
    assert setting(run, installed, DEBUG="true") == "True"
    assert setting(run, installed, SECRET_KEY=KEY, THIDUA_DEMO="true") == "True"


def test_thidua_demo_in_production_says_it_is_unavailable(run):
    result = run("-m", "thidua.cli", "demo", SECRET_KEY=KEY)
    assert result.returncode != 0
    assert "Lệnh demo không có trên hệ thống này" in result.stderr
    assert "Traceback" not in result.stderr


def login_page_headers(run, **variables):
    """The status and headers of the login page, served over HTTPS by the production settings."""
    code = textwrap.dedent(
        """
        import django, json
        django.setup()
        from django.test import Client
        response = Client().get("/dang-nhap/", secure=True)
        print(json.dumps({"status": response.status_code, **response.headers}))
        """
    )
    variables = {"SECRET_KEY": KEY, "ALLOWED_HOSTS": "testserver"} | variables
    result = run(
        "-c",
        code,
        DJANGO_SETTINGS_MODULE="thidua.settings",
        STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        **variables,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])  # after the request's own log line


def test_production_serves_pages_without_the_demo_app(run):
    assert login_page_headers(run)["status"] == 200


def test_hsts_covers_subdomains_and_preload_only_when_configured(run):
    year = "31536000"
    alone = login_page_headers(run, SECURE_HSTS_SECONDS=year)
    assert alone["Strict-Transport-Security"] == f"max-age={year}"
    both = login_page_headers(
        run, SECURE_HSTS_SECONDS=year, SECURE_HSTS_INCLUDE_SUBDOMAINS="true", SECURE_HSTS_PRELOAD="true"
    )
    assert both["Strict-Transport-Security"] == f"max-age={year}; includeSubDomains; preload"


def test_trusted_proxy_count_configures_axes(run):
    expression = "(settings.AXES_IPWARE_META_PRECEDENCE_ORDER, settings.AXES_IPWARE_PROXY_COUNT)"
    assert setting(run, expression, SECRET_KEY=KEY) == "(('REMOTE_ADDR',), None)"
    assert setting(run, expression, SECRET_KEY=KEY, TRUSTED_PROXY_COUNT="1") == (
        "(('HTTP_X_FORWARDED_FOR', 'REMOTE_ADDR'), 0)"
    )
