"""Two people acting on the same thing at once: one wins, the other is told why in Vietnamese, nothing is
made twice, nobody sees a 500.

Each case is asked twice in a row with the same stale page (the second POST after the first changed
the state), which runs on both databases. Where only a lock can decide (two transactions that both read
before either writes), the case is also run in two threads started together: that needs a database
where two connections really run at once, PostgreSQL; SQLite writes one transaction at a time.
"""

import threading
from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.urls import reverse
from openpyxl import Workbook

from tests.plans.review_forms import review_post
from tests.seeds import reseed_after_flush
from tests.tracking.conftest import housing as housing
from tests.tracking.conftest import q1 as q1
from thidua.core.spreadsheets import PendingUploads
from thidua.plans.models import Plan, PlanDraft
from thidua.plans.services import PlanError, plan_draft_create, plan_draft_publish
from thidua.tasks.models import Task
from thidua.tracking import services
from thidua.tracking.models import Report

SAMPLE_PLAN = "KẾ HOẠCH\nThực hiện phong trào thi đua năm 2026\n1. Hoàn thành 100% nhiệm vụ được giao.\n"


def _messages(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


@pytest.fixture
def approved(cast, housing, q1):
    report = services.report_start(assignment=housing, period=q1, user=cast.unit_head)
    services.report_update(report=report, user=cast.unit_head, value=Decimal(300))
    services.report_submit(report=report, user=cast.unit_head)
    return services.report_approve(report=report, user=cast.office)


@pytest.fixture
def draft_report(cast, housing, q1):
    report = services.report_start(assignment=housing, period=q1, user=cast.staff)
    return services.report_update(report=report, user=cast.staff, value=Decimal(300))


# ——— The same stale page, twice in a row (both databases) ———


def test_a_second_correction_of_the_same_report_is_refused_with_a_message(client, cast, approved):
    client.force_login(cast.unit_head)
    url = reverse("tracking:report_correct", args=[approved.pk])
    first, second = client.post(url), client.post(url)
    assert first.status_code == second.status_code == 302
    assert "bản đính chính chưa được duyệt" in _messages(second)
    assert Report.objects.filter(previous=approved).count() == 1


def test_two_people_opening_the_same_period_share_one_draft(client, cast, housing, q1):
    url = reverse("tracking:report_open", args=[housing.pk, q1.key])
    answers = []
    for person in (cast.staff, cast.unit_head):
        client.force_login(person)
        answers.append(client.post(url))
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0].url == answers[1].url
    assert Report.objects.filter(assignment=housing).count() == 1


def test_saving_a_report_sent_meanwhile_is_refused_with_a_message(client, cast, draft_report):
    client.force_login(cast.unit_head)
    client.post(reverse("tracking:report_submit", args=[draft_report.pk]))
    client.force_login(cast.staff)  # whose page still shows the draft's form
    response = client.post(draft_report.get_absolute_url(), {"value": "999", "analysis": "Muộn"})
    assert response.status_code == 302
    assert "đã gửi hoặc đã duyệt" in _messages(response)
    draft_report.refresh_from_db()
    assert (draft_report.status, draft_report.value) == (Report.Status.SUBMITTED, Decimal(300))


def test_evidence_added_to_a_report_sent_meanwhile_is_refused_with_a_message(client, cast, draft_report):
    services.report_submit(report=draft_report, user=cast.unit_head)
    client.force_login(cast.staff)
    upload = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n%minh chung\n")
    response = client.post(draft_report.get_absolute_url(), {"upload": "", "file": upload})
    assert response.status_code == 302 and "không thêm minh chứng" in _messages(response)
    assert not draft_report.evidence.exists()


def test_a_report_sent_twice_is_sent_once(client, cast, draft_report):
    client.force_login(cast.unit_head)
    url = reverse("tracking:report_submit", args=[draft_report.pk])
    first, second = client.post(url), client.post(url)
    assert (first.status_code, second.status_code) == (302, 302)
    assert "đã được gửi" in _messages(second)
    assert draft_report.history.filter(history_change_reason="Gửi báo cáo").count() == 1


def test_a_report_approved_by_one_officer_and_returned_by_another(client, cast, draft_report):
    services.report_submit(report=draft_report, user=cast.unit_head)
    client.force_login(cast.office)
    url = reverse("tracking:report_review", args=[draft_report.pk])
    client.post(url, {"decision": "approve"})
    response = client.post(url, {"decision": "return", "comment": "Thiếu biên bản"})
    assert response.status_code == 302 and "đang chờ duyệt" in _messages(response)
    draft_report.refresh_from_db()
    assert draft_report.status == Report.Status.APPROVED


@pytest.fixture
def office(client, cast):
    client.force_login(cast.office)
    return client


def test_a_draft_published_twice_makes_one_plan_and_says_so(office, cast):
    draft = plan_draft_create(organization=cast.org, user=cast.office, text=SAMPLE_PLAN)
    post = review_post(office.get(draft.get_absolute_url()).context["review"]) | {"publish": ""}
    first, second = office.post(draft.get_absolute_url(), post), office.post(draft.get_absolute_url(), post)
    assert (first.status_code, second.status_code) == (302, 302)
    assert "đã được ban hành hoặc đã hủy" in _messages(second)
    assert Plan.objects.filter(organization=cast.org).count() == 1


def _task_workbook() -> BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["SỔ THEO DÕI NHIỆM VỤ"])
    sheet.append(
        [
            "STT",
            "Số văn bản",
            "Ngày văn bản",
            "Cấp giao",
            "Nội dung nhiệm vụ",
            "Đơn vị chủ trì",
            "Hạn hoàn thành",
        ]
    )
    sheet.append(
        [1, "1520/UBND-CN", "02/07/2026", "", "Rà soát dự án", "Phòng Phát triển đô thị", "31/08/2026"]
    )
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "so-nhiem-vu.xlsx"
    return buffer


def test_an_import_confirmed_twice_writes_once_and_says_so(office, cast, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    url = reverse("tasks:handed_down_import")
    token = office.post(url, {"file": _task_workbook()}).context["token"]
    first, second = office.post(url, {"token": token}), office.post(url, {"token": token})
    assert (first.status_code, second.status_code) == (302, 302)
    assert "không còn" in _messages(second)
    assert Task.objects.count() == 1


# ——— At the same moment, in two threads ———


def _at_once(*calls) -> list:
    """Run the calls in threads released together; each answer is its result or the exception raised."""
    barrier, answers = threading.Barrier(len(calls)), [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            answers[index] = call()
        except Exception as error:  # the answer under test
            answers[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_two_confirmations_at_once_get_the_upload_once(settings, tmp_path):
    """The file is claimed by renaming it: only one confirmation reads it (no database involved)."""
    settings.MEDIA_ROOT = str(tmp_path)
    session, owner = {}, type("Owner", (), {"pk": 7})()
    for _attempt in range(20):
        token = PendingUploads(session).stash(owner, b"workbook")
        take = lambda token=token: PendingUploads(session).take(owner, token)  # noqa: E731
        answers = _at_once(*[take] * 4)
        assert sorted(answers, key=bool) == [None, None, None, b"workbook"]


@pytest.fixture
def seeds_back(django_db_blocker):
    """After the flush that ends a transactional test, the rows the migrations seed are put back, so
    the tests that run next in this process (the demo, the permission matrix) find them."""
    yield
    with django_db_blocker.unblock():
        reseed_after_flush()


def threads(test):
    """Committed rows (a transactional test, set up after `seeds_back` so it is flushed before the
    seeds come back), two connections at once: PostgreSQL only."""
    test = pytest.mark.usefixtures("seeds_back", "transactional_db")(test)
    return pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite writes one at a time")(test)


@threads
def test_two_corrections_at_once_make_one(cast, approved):
    answers = _at_once(*[lambda: services.report_correct(report=approved, user=cast.unit_head)] * 2)
    made = [a for a in answers if isinstance(a, Report)]
    refused = [a for a in answers if isinstance(a, services.TrackingError)]
    assert (len(made), len(refused)) == (1, 1), answers
    assert Report.objects.filter(previous=approved).count() == 1


@threads
def test_two_people_opening_a_period_at_once_share_one_draft(cast, housing, q1):
    answers = _at_once(
        lambda: services.report_start(assignment=housing, period=q1, user=cast.staff),
        lambda: services.report_start(assignment=housing, period=q1, user=cast.unit_head),
    )
    assert all(isinstance(a, Report) for a in answers), answers
    assert answers[0].pk == answers[1].pk
    assert Report.objects.filter(assignment=housing).count() == 1


@threads
def test_save_and_send_at_once_leave_a_consistent_report(cast, draft_report):
    answers = _at_once(
        lambda: services.report_update(report=draft_report, user=cast.staff, value=Decimal(450)),
        lambda: services.report_submit(report=draft_report, user=cast.unit_head),
    )
    assert all(isinstance(a, Report | services.TrackingError) for a in answers), answers
    draft_report.refresh_from_db()
    assert draft_report.status == Report.Status.SUBMITTED
    saved = isinstance(answers[0], Report)
    assert draft_report.value == (Decimal(450) if saved else Decimal(300))


@threads
def test_two_publications_of_a_draft_at_once_make_one_plan(cast):
    draft = plan_draft_create(organization=cast.org, user=cast.office, text=SAMPLE_PLAN)
    answers = _at_once(*[lambda: plan_draft_publish(draft=draft, user=cast.office)] * 2)
    assert sorted(type(a).__name__ for a in answers) == ["Plan", "PlanError"], answers
    assert isinstance(next(a for a in answers if not isinstance(a, Plan)), PlanError)
    assert Plan.objects.filter(organization=cast.org).count() == 1
    assert PlanDraft.objects.get(pk=draft.pk).status == PlanDraft.Status.PUBLISHED
