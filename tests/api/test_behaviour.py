"""What the API promises besides who may call what: ETags, pages, filters, errors, limits, the audit."""

import json

from django.test import override_settings

from tests.api.factories import bearer, make_assignment
from thidua.api.models import ApiToken
from thidua.tracking import services
from thidua.tracking.models import Report


def post(client, url, body, secret):
    return client.post(url, json.dumps(body), content_type="application/json", **bearer(secret))


def test_a_get_carries_an_etag_and_answers_304_until_the_data_changes(client, world):
    secret = world.tokens["read"]
    first = client.get("/api/reports", **bearer(secret))
    etag = first["ETag"]
    assert etag and "Authorization" in first["Vary"]
    again = client.get("/api/reports", HTTP_IF_NONE_MATCH=etag, **bearer(secret))
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    services.report_update(report=world.draft, user=world.staff, value=5)
    changed = client.get("/api/reports", HTTP_IF_NONE_MATCH=etag, **bearer(secret))
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_lists_are_paginated(client, world):
    for _n in range(3):
        make_assignment(world.org, world.unit)
    secret = world.tokens["read"]
    first = client.get("/api/assignments?page_size=2", **bearer(secret)).json()
    second = client.get("/api/assignments?page_size=2&page=2", **bearer(secret)).json()
    assert first["count"] == second["count"] == 4
    assert len(first["items"]) == 2 and len(second["items"]) == 2
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}


def test_lists_filter_by_status_and_date(client, world):
    secret = world.tokens["read"]
    q1 = services.report_start(assignment=world.assignment, period=world.q1, user=world.staff)
    services.report_submit(
        report=services.report_update(report=q1, user=world.staff, value=3), user=world.unit_head
    )

    def ids(url):
        return [row["id"] for row in client.get(url, **bearer(secret)).json()["items"]]

    assert ids("/api/reports?status=submitted") == [q1.pk]
    assert ids("/api/reports?status=draft") == [world.draft.pk]
    assert ids("/api/reports?period_to=2026-03-31") == [q1.pk]
    assert ids("/api/reports?period_from=2026-04-01") == [world.draft.pk]
    assert ids("/api/plans?issued_from=2026-01-06") == []
    assert ids("/api/plans?issued_from=2026-01-05&issued_to=2026-01-05") == [world.plan.pk]
    assert ids("/api/rewards?year=2024") == [] and ids("/api/rewards?year=2025") == [world.award.pk]
    states = {
        o["state"]
        for o in client.get(
            "/api/obligations?start=2026-01-01&end=2026-12-31&state=done", **bearer(secret)
        ).json()["items"]
    }
    assert states <= {"done"}


def test_a_bad_filter_is_a_422_in_vietnamese(client, world):
    response = client.get("/api/reports?period_from=hom-qua", **bearer(world.tokens["read"]))
    assert response.status_code == 422
    assert "Yêu cầu không hợp lệ" in response.json()["detail"] and "period_from" in response.json()["detail"]


def test_figures_are_drafted_then_sent_through_the_services_in_the_accounts_name(client, world):
    secret = world.tokens["read_write"]
    drafted = post(
        client,
        f"/api/assignments/{world.assignment.pk}/reports",
        {"period": "2026-01-01", "value": "40"},
        secret,
    )
    assert drafted.status_code == 200 and drafted.json()["status"] == "draft"
    report = Report.objects.get(pk=drafted.json()["id"])
    assert report.value == 40 and report.period_label == "Quý I/2026"
    sent = client.post(f"/api/reports/{report.pk}/send", **bearer(secret))
    assert sent.status_code == 200 and sent.json()["status"] == "submitted"
    token = ApiToken.objects.get(scope="read_write", organization=world.org, revoked_at=None)
    report.refresh_from_db()
    assert report.submitted_by_id == token.account_id
    assert {h.history_user_id for h in report.history.all()} == {token.account_id}
    assert report.history.first().history_change_reason == "Gửi báo cáo"
    again = client.post(f"/api/reports/{report.pk}/send", **bearer(secret))
    assert again.status_code == 403  # no longer a draft: the page's check refuses it the same way


def test_figures_the_form_refuses_are_a_422_and_leave_no_draft(client, world):
    secret = world.tokens["read_write"]
    url = f"/api/assignments/{world.assignment.pk}/reports"
    response = post(client, url, {"period": "2026-01-01", "value": "-5", "confidence": "rat-tot"}, secret)
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"confidence"} or "confidence" in response.json()["errors"]
    assert not Report.objects.filter(assignment=world.assignment, period_start=world.q1.start).exists()
    unknown = post(client, url, {"period": "2026-02-01", "value": "1"}, secret)
    assert unknown.status_code == 404  # no such period of this assignment


def test_a_read_write_token_writes_only_for_its_own_unit(client, world):
    elsewhere = make_assignment(world.org, world.office_unit)
    response = post(
        client,
        f"/api/assignments/{elsewhere.pk}/reports",
        {"period": "2026-01-01", "value": "1"},
        world.tokens["read_write"],
    )
    assert response.status_code == 403
    assert "không nhập số liệu" in response.json()["detail"]
    assert not Report.objects.filter(assignment=elsewhere).exists()


@override_settings(API_RATE_LIMIT="3/m")
def test_each_token_has_its_own_rate_limit(client, world):
    secret = world.tokens["read"]
    answers = [client.get("/api/units", **bearer(secret)).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    limited = client.get("/api/units", **bearer(secret))
    assert "Quá nhiều yêu cầu" in limited.json()["detail"] and int(limited["Retry-After"]) > 0
    assert client.get("/api/units", **bearer(world.tokens["read_write"])).status_code == 200


def test_the_secret_is_stored_hashed_and_the_last_use_recorded(client, world):
    secret = world.tokens["read"]
    token = ApiToken.objects.get(scope="read", organization=world.org)
    assert token.last_used_at is None
    assert secret not in json.dumps(list(ApiToken.objects.values()), default=str)
    assert secret not in json.dumps(list(ApiToken.history.values()), default=str)
    client.get("/api/units", **bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert (
        client.get("/api/units", **bearer(secret[:-1] + ("A" if secret[-1] != "A" else "B"))).status_code
        == 401
    )


def test_a_target_answers_where_it_stands_with_its_series_and_each_unit(client, world):
    world.assignment.share = 120  # the unit's own share: it is judged on its own too
    world.assignment.save()
    q1 = services.report_start(assignment=world.assignment, period=world.q1, user=world.staff)
    q1 = services.report_submit(
        report=services.report_update(report=q1, user=world.staff, value=30), user=world.unit_head
    )
    services.report_approve(report=q1, user=world.office)
    data = client.get(f"/api/targets/{world.target.pk}", **bearer(world.tokens["read"])).json()
    assert data["standing"]["status"] and data["standing"]["reason"]
    assert [point[1] for point in data["standing"]["series"]] == [30.0]
    assert [unit["unit_id"] for unit in data["units"]] == [world.unit.pk]
    listed = client.get("/api/targets", **bearer(world.tokens["read"])).json()["items"]
    assert listed[0]["standing"]["status"] == data["standing"]["status"]
