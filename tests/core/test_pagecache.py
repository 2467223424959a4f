"""The pages' cache (thidua.core.pagecache): what the dashboards and the calendar compute is kept until the
organization's data changes, and a new report, a sent one or an approval shows on the very next page."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from thidua.core import pagecache
from thidua.tracking import services
from thidua.tracking.models import Assignment
from thidua.tracking.periods import period_containing

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 3600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reported(cast):
    """A target of the cast's agency given to its unit, and the unit's report for January 2026, sent."""
    plan = factories.make_plan(cast.org, reporting_rhythm="monthly")
    target = factories.make_target(
        plan,
        text="Số hồ sơ được số hóa",
        value=Decimal(1200),
        unit_of_measure="hồ sơ",
        period_kind="cumulative",
    )
    assignment = Assignment.objects.create(organization=cast.org, target=target, unit=cast.unit, role="lead")
    # Given when the plan started, so every month of 2026 is owed.
    Assignment.objects.filter(pk=assignment.pk).update(
        created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    assignment.refresh_from_db()
    period = period_containing(datetime.date(2026, 1, 10), "monthly")
    report = services.report_start(assignment=assignment, period=period, user=cast.unit_head)
    services.report_update(report=report, user=cast.unit_head, value=Decimal(321))
    return services.report_submit(report=report, user=cast.unit_head)


def queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_a_second_view_of_a_dashboard_reads_less_from_the_database(client, cast, reported):
    client.force_login(cast.office)
    for url in (
        reverse("tracking:overview"),
        reverse("tracking:target", args=[reported.assignment.target_id]),
        reverse("tracking:unit", args=[cast.unit.pk]),
        reverse("notifications:calendar"),
    ):
        first, _page = queries(client, url)
        second, again = queries(client, url)
        assert second < first, url
        assert "Số hồ sơ được số hóa" in again, url  # the same rows, from the cache


def test_an_approval_shows_on_the_next_page_although_the_pages_are_cached(client, cast, reported):
    client.force_login(cast.office)
    overview = reverse("tracking:overview")
    target = reverse("tracking:target", args=[reported.assignment.target_id])
    _queries, page = queries(client, overview)
    assert "321" not in page  # sent, not yet approved: not counted
    queries(client, target)

    services.report_approve(report=reported, user=cast.office)

    assert "321" in queries(client, overview)[1]
    assert "321" in queries(client, target)[1]


def test_a_sent_report_shows_as_done_in_the_calendar_at_once(client, cast, reported):
    client.force_login(cast.unit_head)
    calendar = reverse("notifications:calendar") + "?tu=2026-01-01&den=2026-03-31"
    period = period_containing(datetime.date(2026, 2, 10), "monthly")
    report = services.report_start(assignment=reported.assignment, period=period, user=cast.unit_head)
    report = services.report_update(report=report, user=cast.unit_head, value=Decimal(12))
    before = queries(client, calendar)[1]
    services.report_submit(report=report, user=cast.unit_head)
    after = queries(client, calendar)[1]
    assert after.count("Đã hoàn thành") == before.count("Đã hoàn thành") + 1


def test_the_version_changes_with_any_row_of_the_organization_and_not_with_another_s(cast):
    mine, theirs = pagecache.versions([cast.org.pk]), pagecache.versions([cast.other_org.pk])
    factories.make_plan(cast.org)
    assert pagecache.versions([cast.org.pk]) != mine
    assert pagecache.versions([cast.other_org.pk]) == theirs


def test_the_version_changes_again_when_the_transaction_commits(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pagecache.changed(cast.org.pk)
    during = pagecache.versions([cast.org.pk])
    for callback in callbacks:
        callback()
    assert pagecache.versions([cast.org.pk]) != during


def test_a_lost_version_never_comes_back_as_an_old_one(cast):
    old = pagecache.versions([cast.org.pk])
    cache.clear()  # evicted, or the cache restarted
    assert pagecache.versions([cast.org.pk]) != old


def test_with_the_cache_off_every_view_reads_the_database(client, cast, reported, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.force_login(cast.office)
    url = reverse("tracking:overview")
    first, _page = queries(client, url)
    second, _page = queries(client, url)
    assert second == first
