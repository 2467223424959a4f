import os
import subprocess
import sys

TEST_ONLY = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "STATICFILES_STORAGE", "SECRET_KEY"}
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k5Jx0v3qP9Lw2hN8tZr6Yc4Bm1Gd7Fs0Ua9Ie3Oy5Ql2Wp8Xk6",
    "ALLOWED_HOSTS": "thidua.example.gov.vn",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
}


def test_deploy_check_is_clean_with_production_values():
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY} | PRODUCTION
    result = subprocess.run(
        [sys.executable, "-m", "thidua.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_demo_refuses_to_run_without_debug():
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY} | PRODUCTION
    result = subprocess.run(
        [sys.executable, "-m", "thidua.cli", "demo"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "DEBUG=true" in result.stderr
