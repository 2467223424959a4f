"""What every page reads about the signed-in person (core.personcache): their row, roles and unread
count come from the cache on the next pages, and any change to them shows on the very next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.awards.models import AwardCouncil, AwardCouncilMember
from thidua.notifications.handoffs import deliver
from thidua.notifications.models import Notification
from thidua.org.models import Membership
from thidua.org.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]  # tests/core/conftest.py


def page(client, name="plans:list"):
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def bell(client) -> str:
    """The unread count the header's bell shows ("" when none)."""
    html = page(client)
    marker = 'data-testid="unread-count">'
    return html.split(marker, 1)[1].split("<", 1)[0] if marker in html else ""


def notify(person, title="Có việc mới"):
    return Notification.objects.create(recipient=person, organization=person.organization, title=title)


def test_the_next_pages_read_neither_the_person_nor_their_roles_nor_their_bell(client, cast):
    client.force_login(cast.unit_head)
    page(client)
    with CaptureQueriesContext(connection) as captured:
        page(client)
    tables = " ".join(query["sql"] for query in captured.captured_queries)
    assert '"org_user"' not in tables
    assert '"org_membership"' not in tables
    assert '"notifications_notification"' not in tables


def test_a_role_granted_or_taken_back_shows_on_the_next_page(client, cast):
    client.force_login(cast.staff)
    review_queue = f'href="{reverse("tracking:review_queue")}"'
    assert review_queue not in page(client)
    granted = Membership.objects.create(user=cast.staff, organization=cast.org, role=Role.OFFICE)
    shown = page(client)
    assert review_queue in shown and str(Role.OFFICE.label) in shown
    granted.delete()
    assert review_queue not in page(client)


def test_a_role_in_another_agency_shows_at_once_for_a_person_of_no_agency(client, cast):
    client.force_login(cast.observer)  # no agency of their own: only their person version tells
    review_queue = f'href="{reverse("tracking:review_queue")}"'
    assert review_queue not in page(client, "home")
    Membership.objects.create(user=cast.observer, organization=cast.other_org, role=Role.OFFICE)
    assert review_queue in page(client, "home")


def test_a_person_deactivated_is_signed_out_on_the_next_request(client, cast):
    client.force_login(cast.observer)
    page(client, "home")
    cast.observer.is_active = False
    cast.observer.save()
    assert client.get(reverse("home")).status_code == 302


def test_their_unit_renamed_shows_in_the_header_at_once(client, cast):
    client.force_login(cast.staff)
    assert "Phòng Phát triển đô thị" in page(client)
    cast.unit.name = "Phòng Quy hoạch kiến trúc"
    cast.unit.save()
    assert "Phòng Quy hoạch kiến trúc" in page(client)


def test_a_notification_shows_in_the_bell_at_once_and_leaves_it_when_read(client, cast):
    client.force_login(cast.staff)
    assert bell(client) == ""
    first = notify(cast.staff)
    assert bell(client) == "1"
    notify(cast.unit_head)  # someone else's: not in this bell
    assert bell(client) == "1"
    client.get(reverse("notifications:notification", args=[first.pk]))  # opened: marked read by update()
    assert bell(client) == ""


def test_notifications_written_in_bulk_and_read_all_at_once_show_in_the_bell(client, cast):
    client.force_login(cast.staff)
    assert bell(client) == ""
    deliver(
        organization_id=cast.org.pk,
        recipient_ids=[cast.staff.pk],
        title="Nhiệm vụ được giao",
        body="",
        url="/",
        kind="task",
        email=False,
    )
    notify(cast.staff)
    assert bell(client) == "2"
    client.post(reverse("notifications:inbox"))  # mark all read: one update()
    assert bell(client) == ""


def test_a_council_seat_shows_in_the_cached_menu_at_once(client, cast):
    client.force_login(cast.staff)
    ballot = f'href="{reverse("awards:council")}"'
    assert ballot not in page(client, "home")
    council = AwardCouncil.objects.create(organization=cast.org, year=2026, name="Hội đồng TĐKT năm 2026")
    seat = AwardCouncilMember.objects.create(council=council, user=cast.staff, role="member")
    assert ballot in page(client, "home")
    seat.delete()
    assert ballot not in page(client, "home")
