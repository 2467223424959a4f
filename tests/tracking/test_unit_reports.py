"""Units' reports in words (sơ kết, tổng kết, đột xuất) and difficulties: one obligation per unit with
the plan's date and its reminders; a unit fills and sends only its own; the office receives or returns;
a difficulty is due for an answer the agency's number of days later and shows overdue like the rest."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from thidua.notifications import reminders
from thidua.notifications.calendar import State, obligations
from thidua.notifications.models import Notification
from thidua.org.roles import Role
from thidua.plans.models import Deadline
from thidua.tracking import unit_reports as services
from thidua.tracking.models import Difficulty, DifficultyRule, ReportRequest, UnitReport

D = datetime.date
TEXTS = {"done": "Đã quán triệt kế hoạch.", "results": "Hoàn thành 100% nhiệm vụ.", "proposals": "Tập huấn."}


@pytest.fixture
def plan(cast):
    """Lạng Sơn's wording: the units send their sơ kết by 20/5/2028; the agency sums up later."""
    plan = factories.make_plan(cast.org)
    factories.make_deadline(
        plan,
        due_on=D(2028, 5, 20),
        bound=Deadline.Bound.BEFORE,
        kind=Deadline.Kind.INTERIM,
        text="Báo cáo sơ kết giai đoạn 1 gửi Văn phòng Sở",
    )
    factories.make_deadline(plan, due_on=D(2030, 12, 31), kind=Deadline.Kind.FINAL, text="tổng kết")
    factories.make_deadline(
        plan,
        due_on=D(2030, 11, 30),
        bound=Deadline.Bound.BEFORE,
        kind=Deadline.Kind.FINAL,
        text="Báo cáo tổng kết gửi Văn phòng Sở",
    )
    return plan


def interim(plan) -> ReportRequest:
    return services.plan_requests(plan, ReportRequest.Kind.INTERIM).get()


def sent_report(cast, plan) -> UnitReport:
    report = services.unit_report_open(request=interim(plan), unit=cast.unit, user=cast.unit_head)
    services.unit_report_save(report=report, user=cast.unit_head, texts=TEXTS)
    return services.unit_report_submit(report=report, user=cast.unit_head)


def test_the_plans_deadlines_ask_every_unit_for_its_report_by_the_units_date(cast, plan):
    requests = {r.kind: r for r in ReportRequest.objects.filter(plan=plan)}
    assert set(requests) == {ReportRequest.Kind.INTERIM, ReportRequest.Kind.FINAL}
    assert (requests["interim"].due_on, requests["interim"].bound) == (D(2028, 5, 20), "before")
    # Of the two tổng kết dates, the units answer the one that says what they send.
    assert requests["final"].due_on == D(2030, 11, 30)
    found = obligations([cast.org], D(2028, 5, 1), D(2028, 5, 31))
    per_unit = [o for o in found if o.kind == "unit_report_interim"]
    assert {o.unit_id for o in per_unit} == {cast.unit.pk, cast.office_unit.pk}
    assert all(o.comply_by == D(2028, 5, 19) for o in per_unit)


def test_moving_the_deadline_moves_the_units_obligation(cast, plan):
    deadline = plan.deadlines.get(kind=Deadline.Kind.INTERIM)
    deadline.due_on = D(2028, 6, 1)
    deadline.save()
    assert interim(plan).due_on == D(2028, 6, 1)


def test_the_obligation_is_met_when_the_unit_sends_and_the_unit_is_reminded_until_then(cast, plan):
    reminders.send_reminders(D(2028, 5, 12))  # 7 days before the last day (19/5)
    titles = list(Notification.objects.filter(recipient=cast.unit_head).values_list("title", flat=True))
    assert any("Báo cáo sơ kết của đơn vị" in title for title in titles)
    report = sent_report(cast, plan)
    mine = [
        o
        for o in obligations([cast.org], D(2028, 5, 1), D(2028, 5, 31), units=[cast.unit.pk])
        if o.kind == "unit_report_interim"
    ]
    assert [o.state(D(2028, 5, 30)) for o in mine] == [State.DONE]
    assert mine[0].url == report.get_absolute_url()
    before = Notification.objects.filter(recipient=cast.unit_head).count()
    reminders.send_reminders(D(2028, 5, 18))  # the day before: nothing more for a unit that has sent
    assert Notification.objects.filter(recipient=cast.unit_head).count() == before


def test_a_unit_fills_and_sends_its_own_report_with_a_file(client, cast, plan):
    client.force_login(cast.unit_head)
    request = interim(plan)
    response = client.post(reverse("tracking:unit_report_open", args=[request.pk]))
    report = UnitReport.objects.get()
    assert response.url == report.get_absolute_url() and report.unit == cast.unit
    upload = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.post(report.get_absolute_url(), {**TEXTS, "shortcomings": "", "file": upload})
    client.post(reverse("tracking:unit_report_submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == UnitReport.Status.SUBMITTED and report.results == TEXTS["results"]
    assert report.attachments.get().original_name == "bao-cao.pdf"
    assert report.history.count() >= 3  # opened, filled, sent: each change recorded


def test_an_empty_report_is_not_sent(cast, plan):
    report = services.unit_report_open(request=interim(plan), unit=cast.unit, user=cast.unit_head)
    with pytest.raises(ValidationError):
        services.unit_report_submit(report=report, user=cast.unit_head)
    report.refresh_from_db()
    assert report.status == UnitReport.Status.DRAFT


def test_another_unit_cannot_read_or_fill_it_and_another_agency_gets_404(client, cast, plan):
    report = sent_report(cast, plan)
    services.unit_report_review(report=report, user=cast.office, receive=False, comment="Bổ sung số liệu")
    other_unit = factories.make_unit(cast.org, "Phòng Kế hoạch")
    other_head = factories.make_user(cast.org, Role.UNIT_HEAD, unit=other_unit)
    for user in (other_head, cast.other_office):
        client.force_login(user)
        assert client.get(report.get_absolute_url()).status_code == 404
        assert client.post(report.get_absolute_url(), {**TEXTS, "done": "Sửa"}).status_code == 404
    client.force_login(cast.other_office)
    assert client.get(interim(plan).get_absolute_url()).status_code == 404
    report.refresh_from_db()
    assert report.done == TEXTS["done"]


def test_staff_reads_the_units_report_but_only_the_unit_head_sends(client, cast, plan):
    report = services.unit_report_open(request=interim(plan), unit=cast.unit, user=cast.unit_head)
    services.unit_report_save(report=report, user=cast.unit_head, texts=TEXTS)
    client.force_login(cast.staff)
    assert client.get(report.get_absolute_url()).status_code == 200
    assert client.post(reverse("tracking:unit_report_submit", args=[report.pk])).status_code == 403
    report.refresh_from_db()
    assert report.status == UnitReport.Status.DRAFT


def test_the_office_returns_with_a_reason_then_receives(client, cast, plan):
    report = sent_report(cast, plan)
    client.force_login(cast.office)
    url = reverse("tracking:unit_report_review", args=[report.pk])
    client.post(url, {"decision": "return", "comment": ""})
    report.refresh_from_db()
    assert report.status == UnitReport.Status.SUBMITTED  # a return needs its reason
    client.post(url, {"decision": "return", "comment": "Bổ sung số liệu quý 4"})
    report.refresh_from_db()
    assert report.status == UnitReport.Status.RETURNED and report.office_comment == "Bổ sung số liệu quý 4"
    # Returned, it is owed again until the unit sends it anew.
    owed = [o for o in obligations([cast.org], D(2028, 5, 1), D(2028, 5, 31)) if o.unit_id == cast.unit.pk]
    assert owed[0].done_on is None
    services.unit_report_submit(report=report, user=cast.unit_head)
    client.post(url, {"decision": "receive"})
    report.refresh_from_db()
    assert report.status == UnitReport.Status.RECEIVED and report.reviewed_by == cast.office


def test_the_unit_head_cannot_receive_its_own_report(client, cast, plan):
    report = sent_report(cast, plan)
    client.force_login(cast.unit_head)
    response = client.post(reverse("tracking:unit_report_review", args=[report.pk]), {"decision": "receive"})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == UnitReport.Status.SUBMITTED


def test_an_ad_hoc_report_is_owed_by_the_chosen_units_only(client, cast, plan):
    other_unit = factories.make_unit(cast.org, "Phòng Kế hoạch")
    client.force_login(cast.office)
    response = client.post(
        reverse("tracking:unit_report_requests"),
        {"subject": "Báo cáo nhanh về nhà ở xã hội", "due_on": "15/12/2026", "units": [cast.unit.pk]},
    )
    request = ReportRequest.objects.get(kind=ReportRequest.Kind.AD_HOC)
    assert response.url == request.get_absolute_url()
    found = [
        o for o in obligations([cast.org], D(2026, 12, 1), D(2026, 12, 31)) if o.kind == "unit_report_ad_hoc"
    ]
    assert [o.unit_id for o in found] == [cast.unit.pk]
    assert found[0].state(D(2026, 12, 16)) == State.OVERDUE
    other_head = factories.make_user(cast.org, Role.UNIT_HEAD, unit=other_unit)
    client.force_login(other_head)
    assert client.get(request.get_absolute_url()).status_code == 404
    assert client.post(reverse("tracking:unit_report_open", args=[request.pk])).status_code == 404
    client.force_login(cast.unit_head)
    assert "Báo cáo nhanh về nhà ở xã hội" in client.get(reverse("tracking:unit_report_requests")).text
    assert not UnitReport.objects.filter(unit=other_unit).exists()


def test_only_the_office_asks_for_an_ad_hoc_report(client, cast):
    client.force_login(cast.unit_head)
    response = client.post(
        reverse("tracking:unit_report_requests"), {"subject": "Thử", "due_on": "15/12/2026"}
    )
    assert response.status_code == 403
    assert not ReportRequest.objects.exists()


def test_a_difficulty_is_due_the_agencys_number_of_days_later_and_shows_overdue(client, cast, plan):
    services.difficulty_rule_set(organization=cast.org, answer_days=5, user=cast.office)
    client.force_login(cast.unit_head)
    client.post(
        reverse("tracking:difficulties"), {"subject": "Cách tính tỷ lệ", "details": "Hồ sơ chuyển kỳ"}
    )
    difficulty = Difficulty.objects.get()
    assert difficulty.answer_due_on == difficulty.raised_on + datetime.timedelta(days=5)
    late_day = difficulty.answer_due_on + datetime.timedelta(days=1)
    found = [o for o in obligations([cast.org], difficulty.raised_on, late_day) if o.kind == "difficulty"]
    assert len(found) == 1 and found[0].unit_id is None  # the office's to answer
    assert found[0].state(late_day) == State.OVERDUE
    reminders.send_reminders(difficulty.answer_due_on)
    assert Notification.objects.filter(recipient=cast.office, title__contains="Cách tính tỷ lệ").exists()
    client.force_login(cast.office)
    client.post(difficulty.get_absolute_url(), {"answer": "Tính vào kỳ trả kết quả."})
    difficulty.refresh_from_db()
    assert difficulty.is_answered and difficulty.answered_by == cast.office
    found = [o for o in obligations([cast.org], difficulty.raised_on, late_day) if o.kind == "difficulty"]
    assert found[0].state(late_day) == State.DONE


def test_only_the_office_answers_or_sets_the_days(client, cast):
    difficulty = services.difficulty_raise(
        unit=cast.unit, subject="Thử", details="", plan=None, user=cast.unit_head
    )
    client.force_login(cast.unit_head)
    assert client.post(difficulty.get_absolute_url(), {"answer": "Tự trả lời"}).status_code == 403
    assert client.post(reverse("tracking:difficulty_rule"), {"answer_days": 30}).status_code == 403
    difficulty.refresh_from_db()
    assert not difficulty.is_answered and DifficultyRule.days_for(cast.org) == DifficultyRule.DEFAULT_DAYS
    client.force_login(cast.other_office)
    assert client.get(difficulty.get_absolute_url()).status_code == 404


def test_pages_have_empty_states(client, cast):
    client.force_login(cast.office)
    assert "Chưa có yêu cầu báo cáo nào." in client.get(reverse("tracking:unit_report_requests")).text
    assert "Chưa có vướng mắc nào." in client.get(reverse("tracking:difficulties")).text
