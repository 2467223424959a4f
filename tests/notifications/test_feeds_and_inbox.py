import datetime

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests import factories
from thidua.notifications.context_processors import unread_notifications
from thidua.notifications.models import CalendarToken, Notification
from thidua.org.roles import Role
from thidua.plans.models import Deadline
from thidua.tracking.models import Assignment


@pytest.fixture
def plan(cast):
    """A unit-plan deadline a month ahead (one obligation per unit) and a quarterly report of cast.unit."""
    today = timezone.localdate()
    cast.other_unit = factories.make_unit(cast.org, "Phòng Quản lý nhà")
    cast.other_head = factories.make_user(cast.org, Role.UNIT_HEAD, unit=cast.other_unit)
    plan = factories.make_plan(cast.org, reporting_rhythm="quarterly")
    cast.deadline = factories.make_deadline(
        plan,
        kind=Deadline.Kind.UNIT_PLAN,
        due_on=today + datetime.timedelta(days=30),
        bound=Deadline.Bound.BEFORE,
    )
    target = factories.make_target(
        plan, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2030, 12, 31)
    )
    cast.assignment = Assignment.objects.create(organization=cast.org, target=target, unit=cast.other_unit)
    return plan


def events_of(response) -> dict[str, object]:
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_carries_the_persons_own_obligations(client, cast, plan):
    token = CalendarToken.rotate(cast.unit_head)
    response = client.get(reverse("notifications:feed", args=[token.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = events_of(response)
    mine = f"deadline-{cast.deadline.pk}-unit-{cast.unit.pk}@thidua"
    assert set(events) == {mine}  # not the other units' plan deadlines, not the other unit's reports
    event = events[mine]
    comply_by = cast.deadline.due_on - datetime.timedelta(days=1)
    assert event.decoded("DTSTART") == comply_by and event["DTSTART"].params["VALUE"] == "DATE"
    assert event.decoded("DTEND") == comply_by + datetime.timedelta(days=1)
    assert str(event["SUMMARY"]) == "Phòng Phát triển đô thị: gửi kế hoạch thực hiện"
    description = str(event["DESCRIPTION"])
    assert f"trước ngày {cast.deadline.due_on:%d/%m/%Y}" in description
    assert f"chậm nhất trong ngày {comply_by:%d/%m/%Y}" in description
    assert "Chưa đến hạn, còn 29 ngày" in description
    assert str(event["URL"]) == "http://testserver" + reverse("tracking:unit_plans", args=[plan.pk])


def test_the_other_unit_sees_its_reports_and_the_office_sees_everything(client, cast, plan):
    other = events_of(
        client.get(reverse("notifications:feed", args=[CalendarToken.rotate(cast.other_head).token]))
    )
    assert f"deadline-{cast.deadline.pk}-unit-{cast.other_unit.pk}@thidua" in other
    assert any(uid.startswith(f"report-{cast.assignment.pk}-") for uid in other)
    assert not any(f"-unit-{cast.unit.pk}@" in uid for uid in other)
    office = events_of(
        client.get(reverse("notifications:feed", args=[CalendarToken.rotate(cast.office).token]))
    )
    assert set(other) < set(office)
    assert f"deadline-{cast.deadline.pk}-unit-{cast.unit.pk}@thidua" in office


def test_unknown_rotated_and_revoked_tokens_are_not_found(client, cast, plan):
    assert client.get(reverse("notifications:feed", args=["pas-de-jeton"])).status_code == 404
    first = CalendarToken.rotate(cast.unit_head).token
    second = CalendarToken.rotate(cast.unit_head).token
    assert first != second
    assert client.get(reverse("notifications:feed", args=[first])).status_code == 404
    assert client.get(reverse("notifications:feed", args=[second])).status_code == 200
    assert CalendarToken.revoke(cast.unit_head)
    assert client.get(reverse("notifications:feed", args=[second])).status_code == 404
    cast.unit_head.is_active = False
    cast.unit_head.save()
    third = CalendarToken.rotate(cast.unit_head).token
    assert client.get(reverse("notifications:feed", args=[third])).status_code == 404


def test_the_settings_page_creates_rotates_and_revokes(client, cast, plan):
    page = reverse("notifications:feed_settings")
    assert client.get(page).status_code == 302  # login required
    client.force_login(cast.unit_head)
    assert 'data-testid="feed-empty"' in client.get(page).content.decode()

    assert client.post(page, {"action": "rotate"}).status_code == 302
    token = CalendarToken.active_for(cast.unit_head)
    html = client.get(page).content.decode()
    assert "http://testserver" + reverse("notifications:feed", args=[token.token]) in html
    assert "webcal://testserver" in html

    client.post(page, {"action": "rotate"})
    assert CalendarToken.active_for(cast.unit_head).token != token.token
    assert client.get(reverse("notifications:feed", args=[token.token])).status_code == 404

    client.post(page, {"action": "revoke"})
    assert CalendarToken.active_for(cast.unit_head) is None
    assert 'data-testid="feed-empty"' in client.get(page).content.decode()
    history = CalendarToken.objects.get(user=cast.unit_head).history.all()
    assert history.count() == 3 and all(row.history_user == cast.unit_head for row in history)
    assert not hasattr(history[0], "token")  # the secret is kept out of the history table


def notify(user, organization, **fields):
    defaults = {"title": "Nhắc việc", "body": "Còn 7 ngày", "url": reverse("notifications:calendar")}
    return Notification.objects.create(recipient=user, organization=organization, **(defaults | fields))


def test_opening_a_notification_marks_it_read_and_follows_it(client, cast):
    mine = notify(cast.unit_head, cast.org)
    theirs = notify(cast.staff, cast.org)
    client.force_login(cast.unit_head)
    response = client.get(reverse("notifications:notification", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("notifications:calendar")
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert client.get(reverse("notifications:notification", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    outside = notify(cast.unit_head, cast.org, url="https://example.com/phishing")
    assert client.get(reverse("notifications:notification", args=[outside.pk]))["Location"] == reverse(
        "notifications:inbox"
    )


def test_the_inbox_lists_highlights_and_marks_all_read(client, cast):
    client.force_login(cast.unit_head)
    empty = client.get(reverse("notifications:inbox")).content.decode()
    assert 'data-testid="inbox-empty"' in empty and 'data-testid="mark-all-read"' not in empty
    for n in range(25):
        notify(cast.unit_head, cast.org, title=f"Thông báo số {n}")
    notify(cast.staff, cast.org, title="Của người khác")
    Notification.objects.filter(title="Thông báo số 0").update(read_at=timezone.now())
    html = client.get(reverse("notifications:inbox")).content.decode()
    assert "Thông báo số 24" in html and "Thông báo số 0" not in html  # newest first, 20 a page
    assert html.count('data-unread="true"') == 20 and "Của người khác" not in html
    assert "Trang 1/2" in html
    second = client.get(reverse("notifications:inbox"), {"page": 2}).content.decode()
    assert "Thông báo số 0" in second and second.count('data-unread="true"') == 4

    response = client.post(reverse("notifications:inbox"))
    assert response.status_code == 302
    assert not Notification.objects.for_user(cast.unit_head).unread().exists()
    assert Notification.objects.for_user(cast.staff).unread().count() == 1


def test_the_unread_count_is_one_query_and_the_bell_shows_it(cast, django_assert_num_queries):
    for _n in range(3):
        notify(cast.unit_head, cast.org)
    notify(cast.staff, cast.org)
    request = RequestFactory().get("/")
    request.user = cast.unit_head
    with django_assert_num_queries(1):
        context = unread_notifications(request)
    assert context == {"unread_count": 3}
    html = render_to_string("notifications/_bell.html", context, request=request)
    assert "bi bi-bell" in html and 'data-testid="unread-count">3<' in html
    assert reverse("notifications:inbox") in html
    assert 'data-testid="unread-count"' not in render_to_string(
        "notifications/_bell.html", {"unread_count": 0}, request=request
    )
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    assert unread_notifications(request) == {}
