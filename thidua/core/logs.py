"""One line per event on stdout, as JSON: time, level, logger, request id, user, path, message.

The request id comes from the proxy's X-Request-ID when it looks like one, or is made here; it goes
back in the response's X-Request-ID and on every line logged while the request runs.
"""

import contextvars
import json
import logging
import re
import time
import uuid

request_context: contextvars.ContextVar[dict | None] = contextvars.ContextVar("request_context", default=None)
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
requests_log = logging.getLogger("thidua.request")


class JsonLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            **(request_context.get() or {}),
            **getattr(record, "fields", {}),
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class RequestLogMiddleware:
    """Give each request an id and log one line when it is answered (status, user, duration)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if REQUEST_ID.match(given) else uuid.uuid4().hex
        context = {"request_id": request_id, "method": request.method, "path": request.path}
        token = request_context.set(context)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            user = getattr(request, "user", None)
            context["user_id"] = user.pk if user is not None and user.is_authenticated else None
            # The request's own fields ride on the record too, for handlers that format it later.
            fields = {
                **context,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            }
            requests_log.info("request", extra={"fields": fields})
            response.headers["X-Request-ID"] = request_id
            return response
        finally:
            request_context.reset(token)
