"""The pages' cache (thidua.core.pagecache): what the dashboards and the calendar compute is kept until the
organization's data changes, and a new report, a sent one or an approval shows on the very next page."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories
from thidua.core import pagecache
from thidua.tracking import services
from thidua.tracking.models import Assignment
from thidua.tracking.periods import period_containing

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]  # tests/core/conftest.py


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


# Narrow versions: on deadline day units save reports every few seconds; what the pages cache from the
# plans and the standing must outlive them, and what comes from the reports must still show at once.


def test_a_saved_report_changes_the_reports_version_only(cast, reported):
    before = {topic: pagecache.versions([cast.org.pk], [topic]) for topic in pagecache.TOPICS}
    period = period_containing(datetime.date(2026, 3, 10), "monthly")
    report = services.report_start(assignment=reported.assignment, period=period, user=cast.unit_head)
    services.report_update(report=report, user=cast.unit_head, value=Decimal(5))
    services.report_submit(report=report, user=cast.unit_head)
    after = {topic: pagecache.versions([cast.org.pk], [topic]) for topic in pagecache.TOPICS}
    assert after[pagecache.REPORTS] != before[pagecache.REPORTS]
    assert after[pagecache.STANDING] == before[pagecache.STANDING]
    assert after[pagecache.REST] == before[pagecache.REST]


def test_an_approval_changes_the_standing_and_a_plan_change_the_rest(cast, reported):
    standing = pagecache.versions([cast.org.pk], [pagecache.STANDING])
    services.report_approve(report=reported, user=cast.office)
    assert pagecache.versions([cast.org.pk], [pagecache.STANDING]) != standing
    rest = pagecache.versions([cast.org.pk], [pagecache.REST])
    factories.make_target(reported.assignment.target.plan, text="Chỉ tiêu mới")
    assert pagecache.versions([cast.org.pk], [pagecache.REST]) != rest


def test_a_login_changes_no_version(client, cast):
    cast.unit_head.set_password("Mật-khẩu-đủ-dài-1")
    cast.unit_head.save(update_fields=["password"])
    before = pagecache.versions([cast.org.pk])
    answer = client.post(
        reverse("login"), {"username": cast.unit_head.username, "password": "Mật-khẩu-đủ-dài-1"}
    )
    assert answer.status_code == 302
    cast.unit_head.refresh_from_db()
    assert cast.unit_head.last_login is not None
    assert pagecache.versions([cast.org.pk]) == before


def test_the_dashboards_keep_their_cache_through_a_report_and_show_it_at_once(client, cast, reported):
    """A report sent keeps the cached rows of the overview, the target and the unit (a report moves
    the standing only when approved), while what they show of the reports is live."""
    client.force_login(cast.office)
    overview = reverse("tracking:overview")
    target = reverse("tracking:target", args=[reported.assignment.target_id])
    unit = reverse("tracking:unit", args=[cast.unit.pk])
    for url in (overview, target, unit):
        queries(client, url)
    warm = {url: queries(client, url)[0] for url in (overview, target, unit)}
    waiting_before = queries(client, overview)[1].count('<span class="badge text-bg-primary">1</span>')

    period = period_containing(datetime.date(2026, 2, 10), "monthly")
    report = services.report_start(assignment=reported.assignment, period=period, user=cast.unit_head)
    services.report_update(report=report, user=cast.unit_head, value=Decimal(7))
    services.report_submit(report=report, user=cast.unit_head)

    for url in (overview, target):
        assert queries(client, url)[0] == warm[url], url  # the cached rows were kept
    with CaptureQueriesContext(connection) as captured:  # the unit's own reports are read again, only
        client.get(unit)
    read = " ".join(query["sql"] for query in captured.captured_queries)
    assert "tracking_report" in read and "tracking_progresssnapshot" not in read
    page = queries(client, overview)[1]
    assert waiting_before == 1
    assert '<span class="badge text-bg-primary">2</span>' in page  # two reports wait, at once


def test_a_new_draft_shows_on_the_unit_page_at_once(client, cast, reported):
    client.force_login(cast.unit_head)
    unit = reverse("tracking:unit", args=[cast.unit.pk])
    queries(client, unit)
    before = queries(client, unit)[1].count('data-testid="waits-for-me"')
    period = period_containing(datetime.date(2026, 2, 10), "monthly")
    services.report_start(assignment=reported.assignment, period=period, user=cast.unit_head)
    assert queries(client, unit)[1].count('data-testid="waits-for-me"') == before + 1


def test_a_returned_report_is_no_longer_done_in_the_office_calendar(client, cast, reported):
    client.force_login(cast.office)
    calendar = reverse("notifications:calendar") + "?tu=2026-01-01&den=2026-03-31"
    before = queries(client, calendar)[1]
    services.report_return(report=reported, user=cast.office, comment="Thiếu minh chứng")
    after = queries(client, calendar)[1]
    assert after.count("Đã hoàn thành") == before.count("Đã hoàn thành") - 1


def test_a_target_changed_shows_on_the_plan_page_at_once(client, cast, reported):
    client.force_login(cast.unit_head)
    target = reported.assignment.target
    plan = reverse("plans:detail", args=[target.plan_id])
    assert "Số hồ sơ được số hóa" in queries(client, plan)[1]
    target.text = "Số hồ sơ được số hóa toàn trình"
    target.save()
    assert "Số hồ sơ được số hóa toàn trình" in queries(client, plan)[1]


def test_the_menu_is_each_person_s_own_although_it_is_cached(client, cast):
    client.force_login(cast.office)
    office_page = client.get(reverse("home")).content.decode()
    client.force_login(cast.unit_head)
    head_page = client.get(reverse("home")).content.decode()
    for page, person in ((office_page, cast.office), (head_page, cast.unit_head)):
        own = reverse("tracking:unit", args=[person.unit_id])
        assert f'href="{own}">Đơn vị của tôi' in page
    assert (reverse("tracking:review_queue") in office_page) != (
        reverse("tracking:review_queue") in head_page
    )


def test_a_task_done_leaves_the_cached_overdue_panels_at_once(client, cast):
    from thidua.tasks import services as tasks
    from thidua.tasks.models import Task

    task = tasks.task_create(
        organization=cast.org,
        source=Task.Source.HANDED_DOWN,
        title="Nhiệm vụ chậm trễ",
        lead_unit=cast.unit,
        due_on=datetime.date(2026, 1, 15),
        document_number="1688/UBND-CN",
        document_date=datetime.date(2026, 1, 5),
        issuer="UBND tỉnh",
        user=cast.office,
    )
    unit, overview = reverse("tracking:unit", args=[cast.unit.pk]), reverse("tracking:overview")
    client.force_login(cast.unit_head)
    for _ in range(2):  # the second from the cache
        assert "Nhiệm vụ chậm trễ" in queries(client, unit)[1]
        assert "1 nhiệm vụ quá hạn" in queries(client, overview)[1]
    tasks.task_report(
        task=task,
        status=Task.Status.DONE,
        result="Đã gửi báo cáo",
        completed_on=datetime.date(2026, 1, 20),
        reported_on=datetime.date(2026, 1, 20),
        user=cast.unit_head,
    )
    assert "Nhiệm vụ chậm trễ" not in queries(client, unit)[1]
    assert 'data-testid="overdue-task-count"' not in queries(client, overview)[1]


def test_the_home_page_lists_a_new_target_and_deadline_of_the_unit_at_once(client, cast, reported):
    plan = reported.assignment.target.plan
    client.force_login(cast.unit_head)
    home = reverse("home")
    for _ in range(2):  # the second from the cache
        page = queries(client, home)[1]
        assert "Số hồ sơ được số hóa" in page and "Cải tạo 120 căn nhà ở cũ" not in page
    factories.make_target(plan, text="Cải tạo 120 căn nhà ở cũ", lead_unit=cast.unit)
    factories.make_deadline(plan, due_on=timezone.localdate(), text="Nộp báo cáo sơ kết hôm nay")
    page = queries(client, home)[1]
    assert "Cải tạo 120 căn nhà ở cũ" in page and "Nộp báo cáo sơ kết hôm nay" in page


def test_the_overview_reads_its_rows_back_only_to_render_the_table_again(client, cast, reported, monkeypatch):
    client.force_login(cast.office)
    url = reverse("tracking:overview")
    first = client.get(url).content.decode()
    asked = []
    real = pagecache.cached
    monkeypatch.setattr(pagecache, "cached", lambda name, *a, **k: asked.append(name) or real(name, *a, **k))
    second = client.get(url).content.decode()
    assert "overview" not in asked and "overview-counts" in asked  # the table came from its fragment
    assert "Số hồ sơ được số hóa" in second and second.count("<tr>") == first.count("<tr>")
    services.report_approve(report=reported, user=cast.office)  # the standing moves: the table again
    third = client.get(url).content.decode()
    assert "overview" in asked and "Số hồ sơ được số hóa" in third


def test_a_report_changes_its_own_unit_s_version_and_no_other_unit_s(cast, reported):
    mine = pagecache.unit_versions(cast.org.pk, [cast.unit.pk])
    office = pagecache.unit_versions(cast.org.pk, [cast.office_unit.pk])
    period = period_containing(datetime.date(2026, 3, 10), "monthly")
    services.report_start(assignment=reported.assignment, period=period, user=cast.unit_head)
    assert pagecache.unit_versions(cast.org.pk, [cast.unit.pk]) != mine
    assert pagecache.unit_versions(cast.org.pk, [cast.office_unit.pk]) == office
    pagecache.changed(cast.org.pk, pagecache.REPORTS)  # a write past the signals: every unit at once
    assert pagecache.unit_versions(cast.org.pk, [cast.office_unit.pk]) != office


def test_a_unit_s_calendar_and_page_keep_their_reports_through_another_unit_s_report(client, cast, reported):
    other = Assignment.objects.create(
        organization=cast.org, target=reported.assignment.target, unit=cast.office_unit, role="support"
    )
    client.force_login(cast.unit_head)
    pages = [reverse("notifications:calendar"), reverse("tracking:unit", args=[cast.unit.pk])]
    for url in pages:
        client.get(url)
    period = period_containing(datetime.date(2026, 2, 10), "monthly")
    services.report_start(assignment=other, period=period, user=cast.office)  # the other unit's report
    for url in pages:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        assert not [q for q in captured.captured_queries if "tracking_report" in q["sql"]], url


def test_the_home_page_lists_a_unit_s_new_draft_and_drops_it_once_sent_at_once(client, cast, reported):
    client.force_login(cast.unit_head)
    home = reverse("home")
    queries(client, home)
    assert "Tháng 2/2026" not in queries(client, home)[1]
    period = period_containing(datetime.date(2026, 2, 10), "monthly")
    report = services.report_start(assignment=reported.assignment, period=period, user=cast.unit_head)
    assert "Tháng 2/2026" in queries(client, home)[1]
    services.report_update(report=report, user=cast.unit_head, value=Decimal(9))
    services.report_submit(report=report, user=cast.unit_head)
    assert "Tháng 2/2026" not in queries(client, home)[1]


def test_a_target_changed_shows_in_the_plan_s_history_at_once(client, cast, reported):
    client.force_login(cast.office)
    target = reported.assignment.target
    plan = reverse("plans:detail", args=[target.plan_id])
    queries(client, plan)
    assert 'data-testid="history"' in queries(client, plan)[1]
    target.text = "Số hồ sơ được số hóa toàn trình"
    target.save()
    page = queries(client, plan)[1]
    history = page[page.index('data-testid="history"') :]
    assert "Số hồ sơ được số hóa toàn trình" in history  # the change, in the history's table
