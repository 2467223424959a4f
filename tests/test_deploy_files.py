"""The deployment files in deploy/ (systemd units, nginx) name commands and settings that exist."""

import configparser
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
THIDUA = "/srv/thidua/.venv/bin/thidua"


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path)
    return parser


def thidua_command(exec_start: str) -> list[str]:
    """The `thidua …` words of an ExecStart line, also when wrapped in `/bin/sh -c '…'`."""
    words = shlex.split(exec_start)
    if words[:2] == ["/bin/sh", "-c"]:
        words = shlex.split(words[2])
    if words[0] == "exec":
        words = words[1:]
    assert words[0] == THIDUA, exec_start
    return [word for word in words[1:] if not word.startswith("-") and "$" not in word and "/" not in word]


def test_every_service_has_a_timer_or_is_the_server():
    for service in UNITS:
        timer = service.with_suffix(".timer")
        assert service.name == "thidua.service" or timer.exists(), service
    for timer in (DEPLOY / "systemd").glob("*.timer"):
        assert unit(timer)["Timer"]["OnCalendar"]
        assert timer.with_suffix(".service").exists()


@pytest.mark.parametrize("service", UNITS, ids=lambda p: p.name)
def test_each_unit_runs_a_thidua_command_that_exists(service):
    section = unit(service)["Service"]
    assert section["EnvironmentFile"] == "/etc/thidua.env"
    assert section["WorkingDirectory"] == "/srv/thidua"
    words = thidua_command(section["ExecStart"])
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["SECRET_KEY"] = "k5Jx0v3qP9Lw2hN8tZr6Yc4Bm1Gd7Fs0Ua9Ie3Oy5Ql2Wp8Xk6"
    result = subprocess.run(
        [sys.executable, "-m", "thidua.cli", *words, "--help"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Unknown command" not in result.stderr


def test_the_timers_run_the_daily_jobs_the_health_check_watches():
    commands = {
        " ".join(thidua_command(unit(service)["Service"]["ExecStart"]))
        for service in UNITS
        if service.with_suffix(".timer").exists()
    }
    assert {"remind", "progress refresh", "backup"} <= commands


def test_the_proxy_forwards_the_client_address_and_the_env_example_trusts_one_proxy():
    nginx = (DEPLOY / "nginx.conf").read_text()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in nginx
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in nginx
    env_example = (DEPLOY.parent / ".env.example").read_text()
    assert "\nTRUSTED_PROXY_COUNT=1\n" in env_example


def test_the_env_example_loads_in_a_shell_as_the_readme_says_and_gives_the_same_values():
    """README "Deploying" loads /etc/thidua.env with `set -a; . /etc/thidua.env; set +a`: every line must
    be valid shell (a value with spaces or <…> quoted), with the value django-environ and systemd read."""
    example = DEPLOY.parent / ".env.example"
    shell = subprocess.run(
        ["bash", "-c", f"set -e; set -a; . {shlex.quote(str(example))}; set +a; env -0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert shell.returncode == 0, shell.stderr
    loaded = dict(item.split("=", 1) for item in shell.stdout.split("\0") if "=" in item)
    assert loaded["DEFAULT_FROM_EMAIL"] == "Thi Đua <thidua@example.gov.vn>"
    assert loaded["ADMINS"].startswith("Quản trị hệ thống <")
    assert loaded["SERVE_BIND"] == "127.0.0.1:8000"  # the lines after them are read too
