"""Tracking pages: who may see and change what, and query budgets that do not grow with the data."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from thidua.tracking import services
from thidua.tracking.models import Assignment, Evidence, Report
from thidua.tracking.periods import period_containing

PDF = b"%PDF-1.4\n%minh chung\n"


@pytest.fixture
def report(cast, housing, q1):
    report = services.report_start(assignment=housing, period=q1, user=cast.unit_head)
    return services.report_update(report=report, user=cast.unit_head, value=Decimal(300))


@pytest.fixture
def stranger(cast):
    """The head of another unit of the same agency."""
    unit = factories.make_unit(cast.org, "Phòng Quản lý xây dựng")
    return factories.make_user(cast.org, "unit_head", unit=unit)


def upload(client, report, name="bien-ban.pdf", content=PDF):
    return client.post(report.get_absolute_url(), {"upload": "", "file": SimpleUploadedFile(name, content)})


def test_the_unit_enters_figures_and_evidence_and_submits(client, cast, report):
    client.force_login(cast.unit_head)
    client.post(report.get_absolute_url(), {"value": "450", "analysis": "Đạt kế hoạch quý"})
    upload(client, report)
    client.post(reverse("tracking:report_submit", args=[report.pk]))
    report.refresh_from_db()
    assert (report.value, report.status) == (Decimal(450), Report.Status.SUBMITTED)
    assert report.evidence.get().original_name == "bien-ban.pdf"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ", "chỉ nhận PDF"),
        ("gia-mao.pdf", b"MZ not a pdf", "không đúng với đuôi"),
        ("lon.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), "vượt giới hạn"),
    ],
)
def test_evidence_type_and_size_are_checked(client, cast, report, name, content, message):
    client.force_login(cast.unit_head)
    page = upload(client, report, name, content)
    assert message in page.content.decode()
    assert not Evidence.objects.exists()


def test_evidence_is_served_only_to_those_who_may_see_the_report(client, cast, report, stranger):
    client.force_login(cast.unit_head)
    upload(client, report)
    evidence = Evidence.objects.get()
    url = reverse("tracking:evidence", args=[evidence.pk])
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    for person in (stranger, cast.other_office, cast.enterprise_user):
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.force_login(cast.office)
    assert client.get(url).status_code == 200


def test_another_units_head_can_neither_read_nor_change_the_report(client, cast, report, stranger):
    client.force_login(stranger)
    assert client.get(report.get_absolute_url()).status_code == 404
    assert client.post(report.get_absolute_url(), {"value": "1"}).status_code == 404
    assert client.post(reverse("tracking:report_submit", args=[report.pk])).status_code == 404
    # The unit's dashboard is the agency's to read; entering figures stays with the unit's own people.
    page = client.get(reverse("tracking:unit", args=[cast.unit.pk]))
    assert page.status_code == 200
    assert reverse("tracking:unit_workbook_upload", args=[cast.unit.pk]) not in page.content.decode()
    client.force_login(cast.unit_head)
    own = client.get(reverse("tracking:unit", args=[cast.unit.pk]))
    assert reverse("tracking:unit_workbook_upload", args=[cast.unit.pk]) in own.content.decode()
    client.force_login(stranger)
    # Tampering with the period of another unit's assignment.
    assert (
        client.post(reverse("tracking:report_open", args=[report.assignment_id, "2026-04-01"])).status_code
        == 404
    )
    report.refresh_from_db()
    assert report.value == Decimal(300) and report.status == Report.Status.DRAFT


def test_staff_enter_figures_but_only_the_head_submits(client, cast, report):
    client.force_login(cast.staff)
    client.post(report.get_absolute_url(), {"value": "310"})
    assert client.post(reverse("tracking:report_submit", args=[report.pk])).status_code == 403
    report.refresh_from_db()
    assert (report.value, report.status) == (Decimal(310), Report.Status.DRAFT)


def test_observers_read_but_never_write(client, cast, report):
    services.report_submit(report=report, user=cast.unit_head)
    client.force_login(cast.observer)
    assert client.get(report.get_absolute_url()).status_code == 200
    assert (
        client.post(reverse("tracking:report_review", args=[report.pk]), {"decision": "approve"}).status_code
        == 403
    )
    assert client.post(report.get_absolute_url(), {"value": "1"}).status_code == 403
    plan_assign = reverse("tracking:plan_assign", args=[report.assignment.target.plan_id])
    assert client.post(plan_assign, {}).status_code == 403
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED


def test_the_office_returns_with_a_comment_and_approves(client, cast, report):
    services.report_submit(report=report, user=cast.unit_head)
    client.force_login(cast.office)
    url = reverse("tracking:report_review", args=[report.pk])
    client.post(url, {"decision": "return", "comment": ""})
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED  # a return needs a reason
    client.post(url, {"decision": "return", "comment": "Bổ sung biên bản"})
    report.refresh_from_db()
    assert (report.status, report.review_comment) == (Report.Status.RETURNED, "Bổ sung biên bản")


def test_another_agency_sees_nothing(client, cast, report):
    client.force_login(cast.other_office)
    for url in (
        report.get_absolute_url(),
        reverse("tracking:target", args=[report.assignment.target_id]),
        reverse("tracking:assignment", args=[report.assignment_id]),
        reverse("tracking:overview") + f"?co-quan={cast.org.pk}",
    ):
        assert client.get(url).status_code == 404
    assert "Số căn hộ" not in client.get(reverse("tracking:review_queue")).content.decode()


def test_the_unit_page_lists_open_reports_with_due_dates(client, cast, housing, settings):
    client.force_login(cast.unit_head)
    page = client.get(reverse("tracking:unit", args=[cast.unit.pk]))
    slots = page.context["slots"]
    assert slots and slots[0].period.label == "Quý I/2026"
    assert "Quá hạn" in page.content.decode()


def _grow(cast, plans=2, targets=3, quarters=2):
    """More plans, targets, units and approved reports, to check that query counts stay flat."""
    units = [factories.make_unit(cast.org) for _ in range(3)]
    for _ in range(plans):
        plan = factories.make_plan(cast.org)
        for _ in range(targets):
            target = factories.make_target(
                plan,
                value=100,
                unit_of_measure="căn hộ",
                period_kind="cumulative",
                starts_on=datetime.date(2026, 1, 1),
                ends_on=datetime.date(2030, 12, 31),
            )
            for unit in units:
                assignment = Assignment.objects.create(
                    organization=cast.org, target=target, unit=unit, share=10
                )
                head = factories.make_user(cast.org, "unit_head", unit=unit)
                for quarter in range(quarters):
                    period = period_containing(datetime.date(2026, 1 + 3 * quarter, 1), "quarterly")
                    report = services.report_start(assignment=assignment, period=period, user=head)
                    services.report_update(report=report, user=head, value=Decimal(3))
                    services.report_submit(report=report, user=head)
                    services.report_approve(report=report, user=cast.office)


PAGES = [
    ("overview", lambda c, h: reverse("tracking:overview")),
    ("target", lambda c, h: reverse("tracking:target", args=[h.target_id])),
    ("unit", lambda c, h: reverse("tracking:unit", args=[c.unit.pk])),
    ("province", lambda c, h: reverse("tracking:province")),
]


@pytest.mark.parametrize(("page", "url"), PAGES)
def test_page_query_counts_do_not_grow_with_the_data(client, cast, housing, page, url):
    client.force_login(cast.office)
    small = _count_queries(client, url(cast, housing))
    _grow(cast)
    large = _count_queries(client, url(cast, housing))
    assert large == small
    assert large <= 15


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_history_of_a_report_is_shown_only_with_the_audit_capability(client, cast, report):
    client.force_login(cast.staff)  # staff enter figures but do not read the audit trail
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200 and 'data-testid="history"' not in page.content.decode()
    client.force_login(cast.unit_head)
    assert 'data-testid="history"' in client.get(report.get_absolute_url()).content.decode()


def test_no_link_leads_a_unit_to_a_page_it_may_not_open(client, cast, housing):
    office_share = Assignment.objects.create(
        organization=cast.org, target=housing.target, unit=cast.office_unit, role="coordinate"
    )
    client.force_login(cast.staff)
    page = client.get(reverse("tracking:target", args=[housing.target.pk])).content.decode()
    assert housing.get_absolute_url() in page
    assert office_share.get_absolute_url() not in page and cast.office_unit.name in page
    assert client.get(office_share.get_absolute_url()).status_code == 404
    plan = housing.target.plan
    unit_plans = reverse("tracking:unit_plans", args=[plan.pk])
    assert unit_plans not in client.get(plan.get_absolute_url()).content.decode()
    assert client.get(unit_plans).status_code == 403
    client.force_login(cast.unit_head)
    assert unit_plans in client.get(plan.get_absolute_url()).content.decode()
    client.force_login(cast.office)
    page = client.get(reverse("tracking:target", args=[housing.target.pk])).content.decode()
    assert office_share.get_absolute_url() in page
