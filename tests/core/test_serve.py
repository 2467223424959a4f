"""`thidua serve`: the real application server, its health endpoint and its log lines."""

import gc
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

KEY = "k5Jx0v3qP9Lw2hN8tZr6Yc4Bm1Gd7Fs0Ua9Ie3Oy5Ql2Wp8Xk6"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def served(tmp_path):
    """Thi Đua under gunicorn with production settings, on a fresh database nobody has migrated."""
    port = free_port()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "THIDUA_DATA_DIR": str(tmp_path),
        "SECRET_KEY": KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "SERVE_WORKERS": "1",
    }
    log = (tmp_path / "out.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "thidua.cli", "serve", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            get(f"{base}/suc-khoe/")
            break
        except OSError:
            assert server.poll() is None, (tmp_path / "out.log").read_text()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.5)
    yield base, tmp_path / "out.log"
    server.terminate()
    server.wait(timeout=30)
    log.close()


def test_serve_answers_and_health_names_the_missing_migrations(served):
    base, log = served
    status, headers, body = get(f"{base}/suc-khoe/")
    assert status == 503
    report = json.loads(body)
    assert report["failing"] == ["migrations"]
    assert report["checks"]["database"] == "ok" and report["checks"]["media"] == "ok"
    assert report["checks"]["migrations"].endswith(" pending")
    assert KEY not in body.decode()

    status, headers, _ = get(f"{base}/dang-nhap/", {"X-Request-ID": "probe-0123456789"})
    assert status == 200
    assert headers["X-Request-ID"] == "probe-0123456789"
    assert "Content-Security-Policy" in headers

    time.sleep(0.5)  # the worker's log line reaches the file
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    login = next(line for line in lines if line.get("request_id") == "probe-0123456789")
    assert login["level"] == "INFO" and login["path"] == "/dang-nhap/" and login["status"] == 200
    assert login["user_id"] is None and login["duration_ms"] >= 0 and login["time"]


def test_each_worker_settles_its_memory_once_the_app_is_loaded():
    """The served workers freeze what loading the app made and collect young objects less often
    (the measured saving is in bench/load.py's figures, not here)."""
    from thidua.core import server

    options = server.server_options(bind="127.0.0.1:0", workers=1, timeout=30, access_log=False)
    assert options["post_worker_init"] is server._settle_memory
    before = gc.get_threshold()
    try:
        server._settle_memory(worker=None)
        assert gc.get_threshold()[0] == server.GC_YOUNG_THRESHOLD > before[0]
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_the_workers_are_one_per_cpu_and_one_more_unless_set(monkeypatch):
    from thidua.core import server

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    chosen = server.server_options(bind="127.0.0.1:0", workers=0, timeout=30, access_log=False)
    assert chosen["workers"] == 3
    assert server.server_options(bind="127.0.0.1:0", workers=7, timeout=30, access_log=False)["workers"] == 7
