import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories
from thidua.notifications.calendar import State, obligations, obligations_for
from thidua.plans.models import Deadline
from thidua.tracking import services
from thidua.tracking.models import Assignment
from thidua.tracking.periods import period_containing
from thidua.tracking.unit_plans import unit_plan_submit

WINDOW = (datetime.date(2026, 1, 1), datetime.date(2031, 1, 31))


@pytest.fixture
def plan(cast):
    plan = factories.make_plan(cast.org, reporting_rhythm="quarterly")
    factories.make_deadline(
        plan,
        due_on=datetime.date(2026, 8, 30),
        bound="before",
        kind=Deadline.Kind.UNIT_PLAN,
        text="Gửi kế hoạch thực hiện về Văn phòng Sở",
    )
    factories.make_deadline(
        plan,
        due_on=datetime.date(2028, 9, 10),
        bound="before",
        kind=Deadline.Kind.INTERIM,
        text="Tổ chức sơ kết",
    )
    return plan


def by_key(found):
    return {o.key: o for o in found}


def test_a_unit_plan_deadline_is_one_obligation_per_unit_met_when_the_plan_arrives(cast, plan):
    found = [o for o in obligations([cast.org], *WINDOW) if o.kind == Deadline.Kind.UNIT_PLAN]
    assert {o.unit_id for o in found} == {cast.unit.pk, cast.office_unit.pk}
    late = next(o for o in found if o.unit_id == cast.unit.pk)
    assert late.comply_by == datetime.date(2026, 8, 29)
    assert late.state(datetime.date(2026, 8, 30)) == State.OVERDUE
    assert late.state(datetime.date(2026, 8, 29)) == State.DUE
    assert late.state(datetime.date(2026, 8, 25)) == State.SOON
    unit_plan_submit(
        plan=plan, unit=cast.unit, upload=SimpleUploadedFile("kh.txt", b"KE HOACH"), user=cast.unit_head
    )
    met = next(o for o in obligations([cast.org], *WINDOW) if o.key == late.key)
    assert met.state(datetime.date(2026, 12, 1)) == State.DONE


def test_report_due_dates_follow_the_periods_and_are_met_when_sent(cast, plan):
    target = factories.make_target(
        plan, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2030, 12, 31)
    )
    assignment = Assignment.objects.create(organization=cast.org, target=target, unit=cast.unit)
    Assignment.objects.filter(pk=assignment.pk).update(
        created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    reports = [o for o in obligations([cast.org], *WINDOW) if o.kind == "report"]
    assert len(reports) == 20  # quarters of 2026-2030
    assert reports[0].due_on == datetime.date(2026, 4, 5)
    report = services.report_start(
        assignment=assignment,
        period=period_containing(datetime.date(2026, 1, 5), "quarterly"),
        user=cast.unit_head,
    )
    services.report_update(report=report, user=cast.unit_head, value=Decimal(99))
    services.report_submit(report=report, user=cast.unit_head)
    first = by_key(obligations([cast.org], *WINDOW))[reports[0].key]
    assert first.done_on is not None


def test_a_person_sees_their_unit_and_the_office_sees_the_agency(cast, plan):
    mine = obligations_for(cast.unit_head, *WINDOW)
    assert {o.unit_id for o in mine} == {cast.unit.pk}
    office = obligations_for(cast.office, *WINDOW)
    # The sơ kết is the agency's, and each unit owes its own sơ kết report by the same date.
    assert {o.kind for o in office} == {"unit_plan", "interim", "unit_report_interim"}
    assert obligations_for(cast.other_office, *WINDOW) == []


def test_calendar_pages_filter_and_show_states(client, cast, plan):
    client.force_login(cast.office)
    page = client.get(reverse("notifications:calendar"), {"tu": "2026-01-01", "den": "2030-12-31"})
    html = page.content.decode()
    assert "Tổ chức sơ kết" in html and "gửi kế hoạch thực hiện" in html
    only_unit = client.get(
        reverse("notifications:calendar"), {"tu": "2026-01-01", "den": "2030-12-31", "don-vi": cast.unit.pk}
    ).content.decode()
    assert "Tổ chức sơ kết" not in only_unit and cast.unit.name in only_unit
    month = client.get(reverse("notifications:month"), {"thang": "2026-08"}).content.decode()
    assert "gửi kế hoạch thực hiện" in month
    client.force_login(cast.other_office)
    assert (
        "Tổ chức sơ kết"
        not in client.get(
            reverse("notifications:calendar"), {"tu": "2026-01-01", "den": "2030-12-31"}
        ).content.decode()
    )


def test_a_period_already_due_before_the_target_was_given_is_not_owed(cast, plan):
    target = factories.make_target(
        plan, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2030, 12, 31)
    )
    assignment = Assignment.objects.create(organization=cast.org, target=target, unit=cast.unit)
    Assignment.objects.filter(pk=assignment.pk).update(
        created_at=datetime.datetime(2026, 7, 20, tzinfo=datetime.UTC)
    )
    reports = [o for o in obligations([cast.org], *WINDOW) if o.kind == "report"]
    assert reports[0].due_on == datetime.date(2026, 10, 5)  # Quý III/2026: the first report owed


def test_what_is_late_shows_whatever_the_window(client, cast):
    today = datetime.date.today()
    plan = factories.make_plan(cast.org, reporting_rhythm="quarterly")
    factories.make_deadline(
        plan, due_on=today - datetime.timedelta(days=200), kind=Deadline.Kind.REPORT, text="Gửi báo cáo cũ"
    )
    factories.make_deadline(
        plan, due_on=today + datetime.timedelta(days=3), kind=Deadline.Kind.INTERIM, text="Sơ kết tuần này"
    )
    client.force_login(cast.office)

    overdue = client.get(reverse("notifications:calendar"), {"trang-thai": State.OVERDUE}).content.decode()
    assert "Gửi báo cáo cũ" in overdue  # 200 days ago: before the default window, yet shown
    assert "Sơ kết tuần này" not in overdue  # the state filter holds for the pinned items too

    past_window = {"tu": "2020-01-01", "den": "2020-12-31"}
    page = client.get(reverse("notifications:calendar"), past_window).content.decode()
    assert "Không có thời hạn nào trong khoảng này." in page
    assert "Gửi báo cáo cũ" in page and "Sơ kết tuần này" in page
    month = client.get(reverse("notifications:month"), {"thang": "2020-05"}).content.decode()
    assert "Gửi báo cáo cũ" in month and "Sơ kết tuần này" in month


def test_the_list_is_paged_and_the_workbook_holds_every_row(client, cast, plan, monkeypatch):
    from thidua.notifications.views import calendar as views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    client.force_login(cast.office)
    window = {"tu": "2026-01-01", "den": "2030-12-31"}
    first = client.get(reverse("notifications:calendar"), window)
    paginator = first.context["page"].paginator
    assert paginator.count > 2 and len(first.context["page"].object_list) == 2
    pages = [
        client.get(reverse("notifications:calendar"), {**window, "page": n}).content.decode()
        for n in paginator.page_range
    ]
    assert f"Trang 1/{paginator.num_pages}" in pages[0]
    assert sum(page.count("Tổ chức sơ kết") for page in pages) == 1
    assert sum(page.count('<tr><td class="text-nowrap">') for page in pages) == paginator.count
    response = client.get(reverse("notifications:calendar"), {**window, "xuat": "xlsx"})
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    titles = [cell for row in rows for cell in row if cell == "Tổ chức sơ kết"]
    assert titles == ["Tổ chức sơ kết"] and len(rows) > paginator.count  # every row, and the heading
