"""Work that waits shows where its people look: a draft waits for the unit head (unit page, report page,
home page), and the office's home page lists what is overdue, computed on the page, no command run."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from thidua.notifications.models import ReminderDelivery
from thidua.tracking import services
from thidua.tracking.models import Assignment
from thidua.tracking.periods import period_containing
from thidua.tracking.workload import owed_periods


@pytest.fixture
def draft(cast):
    """A draft written by the staff member for this quarter, of a target given today: no period is owed
    yet, so before the fix the unit page said "Không có báo cáo nào đến hạn" while the draft waited."""
    plan = factories.make_plan(cast.org, reporting_rhythm="quarterly", ends_on=datetime.date(2035, 12, 31))
    target = factories.make_target(plan, text="Tỷ lệ đô thị hóa toàn tỉnh đạt 40%", period_kind="cumulative")
    assignment = Assignment.objects.create(organization=cast.org, target=target, unit=cast.unit, role="lead")
    later = period_containing(timezone.localdate() + datetime.timedelta(days=100), "quarterly")
    return services.report_start(assignment=assignment, period=later, user=cast.staff)


def open_reports(page: str) -> str:
    return page.split('data-testid="open-reports"')[1].split("</ul>")[0]


def test_the_unit_page_shows_the_head_every_draft_waiting_for_him(client, cast, draft):
    client.force_login(cast.unit_head)
    page = client.get(reverse("tracking:unit", args=[cast.unit.pk])).content.decode()
    listed = open_reports(page)
    assert draft.period_label in listed and "Chờ gửi Văn phòng Sở" in listed
    assert "Không có báo cáo nào đến hạn" not in listed and "Chờ trưởng phòng gửi" not in listed


def test_the_unit_page_tells_the_staff_the_head_sends_it(client, cast, draft):
    client.force_login(cast.staff)
    listed = open_reports(client.get(reverse("tracking:unit", args=[cast.unit.pk])).content.decode())
    assert draft.period_label in listed and "Chờ trưởng phòng gửi" in listed


def test_the_report_page_tells_the_staff_the_head_sends_it_and_gives_the_head_the_button(client, cast, draft):
    client.force_login(cast.staff)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'data-testid="waits-for-head"' in page and "Gửi báo cáo" not in page
    client.force_login(cast.unit_head)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'data-testid="waits-for-head"' not in page and "Gửi báo cáo" in page


def test_the_home_page_lists_the_units_drafts_for_the_head_and_the_staff(client, cast, draft):
    client.force_login(cast.unit_head)
    page = client.get(reverse("home")).content.decode()
    drafts = page.split('data-testid="unit-drafts"')[1].split("</ul>")[0]
    assert "Báo cáo chờ gửi Văn phòng Sở" in drafts and draft.get_absolute_url() in drafts
    client.force_login(cast.staff)
    drafts = client.get(reverse("home")).content.decode().split('data-testid="unit-drafts"')[1]
    assert draft.get_absolute_url() in drafts.split("</ul>")[0] and "Chờ trưởng phòng gửi" in drafts
    client.force_login(cast.office)
    assert 'data-testid="unit-drafts"' not in client.get(reverse("home")).content.decode()


def test_the_office_home_shows_what_is_overdue_without_any_command(client, cast, housing):
    today = timezone.localdate()
    late = [p for p in owed_periods(housing, datetime.date.min, today) if p.due_on < today]
    client.force_login(cast.office)
    page = client.get(reverse("home")).content.decode()
    listed = page.split('data-testid="overdue"')[1].split("</ul>")[0]
    assert f'data-testid="overdue-total">{len(late)}<' in page
    assert late and all(period.label in listed for period in late[:10])
    assert not ReminderDelivery.objects.exists()  # nothing was run: the page computed it
    client.force_login(cast.staff)
    assert 'data-testid="overdue"' not in client.get(reverse("home")).content.decode()


def test_the_home_page_lists_the_targets_the_unit_was_given_the_lead_on(client, cast, draft):
    """The office gave the unit the lead (an assignment) on a target whose plan named no lead unit."""
    target = draft.assignment.target
    assert target.lead_unit_id is None
    client.force_login(cast.staff)
    page = client.get(reverse("home")).content.decode()
    listed = page.split('data-testid="my-targets"')[1].split("</ul>")[0]
    assert reverse("tracking:target", args=[target.pk]) in listed and "Tỷ lệ đô thị hóa" in listed
    Assignment.objects.filter(pk=draft.assignment_id).update(role=Assignment.Role.COORDINATE)
    listed = client.get(reverse("home")).content.decode().split('data-testid="my-targets"')[1]
    assert "Tỷ lệ đô thị hóa" not in listed.split("</ul>")[0]
