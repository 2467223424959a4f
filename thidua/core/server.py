"""The application server behind `thidua serve`: gunicorn running thidua.wsgi in-process."""

import gc
import os

from gunicorn.app.base import BaseApplication

# Objects made before Python's cycle collector looks at the young generation (Python's default: 700).
GC_YOUNG_THRESHOLD = 50_000
# The application logs one JSON line per request itself (thidua.core.logs); gunicorn's own access
# line, when asked for, carries the same request id.
ACCESS_LOG_FORMAT = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s'


def default_workers() -> int:
    """One worker per CPU, and one more to use a CPU while another worker waits for the database.
    Not gunicorn's usual 2 × CPUs + 1: the pages are CPU-bound and PostgreSQL shares the machine. On
    deadline day (bench/load.py, 200 people on 2 CPUs) 3 workers gave p95 0,30–0,49 s in three runs,
    5 workers 0,42–0,49 s in two, at a higher load average: more processes switching, each turn
    evicting the others from the processor's caches."""
    return (os.cpu_count() or 1) + 1


def server_options(*, bind: str, workers: int, timeout: int, access_log: bool) -> dict:
    return {
        "bind": bind,
        "workers": workers or default_workers(),
        "timeout": timeout,
        "graceful_timeout": timeout,
        "keepalive": 5,
        # A worker is replaced after this many requests, so a slow leak cannot grow without bound.
        "max_requests": 2000,
        "max_requests_jitter": 200,
        "accesslog": "-" if access_log else None,
        "access_log_format": ACCESS_LOG_FORMAT,
        "errorlog": "-",
        "post_worker_init": _settle_memory,
    }


def _settle_memory(worker) -> None:
    """Once the worker has loaded the app: what it made (modules, URLs, settings, templates) lives as
    long as the worker, so Python's cycle collector stops walking it (gc.freeze), and looks at young
    objects less often. Measured over the pages of the load mix: 3.3 → 0.6 ms of collection a request."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, 10, 10)


class Server(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from thidua.wsgi import application

        return application
