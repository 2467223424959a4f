"""Log lines: one JSON object per event, with the request's id, and the traceback of an error."""

import json
import logging
import sys

from thidua.core.logs import JsonLineFormatter, request_context


def test_an_error_is_one_line_with_its_traceback_and_the_request_id():
    try:
        raise ValueError("hỏng")
    except ValueError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: /", (), sys.exc_info()
        )
    token = request_context.set({"request_id": "abc123", "path": "/", "user_id": 7})
    try:
        line = JsonLineFormatter().format(record)
    finally:
        request_context.reset(token)
    assert "\n" not in line
    event = json.loads(line)
    assert event["level"] == "ERROR" and event["request_id"] == "abc123" and event["user_id"] == 7
    assert event["message"] == "Internal Server Error: /"
    assert "ValueError: hỏng" in event["traceback"]


def test_a_logged_in_request_is_logged_with_its_user(client, cast, caplog):
    client.force_login(cast.office)
    with caplog.at_level(logging.INFO, logger="thidua.request"):
        response = client.get("/", HTTP_X_REQUEST_ID="not valid!")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32  # a header that is not an id is replaced by a new one
    [record] = [r for r in caplog.records if r.name == "thidua.request"]
    event = json.loads(JsonLineFormatter().format(record))
    assert event["status"] == 200 and event["path"] == "/" and event["method"] == "GET"
