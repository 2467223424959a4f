"""The menu's way into the rewards pages: by what the person may do there, and a council member's way
to the ballot when they have no other rewards page."""

import pytest
from django.urls import reverse

from thidua.awards.models import AwardCouncil, AwardCouncilMember

pytestmark = pytest.mark.django_db


def _menu(client, user):
    client.force_login(user)
    return client.get(reverse("home")).content.decode()


def test_the_office_and_a_unit_head_go_to_registrations_a_leader_to_decisions(client, cast):
    registrations, decisions = reverse("awards:registrations"), reverse("awards:decisions")
    assert f'href="{registrations}"' in _menu(client, cast.office)
    assert f'href="{registrations}"' in _menu(client, cast.unit_head)
    leader = _menu(client, cast.leader)
    assert f'href="{decisions}"' in leader and f'href="{registrations}"' not in leader


def test_a_staff_member_finds_the_ballot_only_when_sitting_on_the_council(client, cast):
    council_url = reverse("awards:council")
    assert f'href="{council_url}"' not in _menu(client, cast.staff)
    council = AwardCouncil.objects.create(organization=cast.org, year=2026, name="Hội đồng TĐKT năm 2026")
    AwardCouncilMember.objects.create(council=council, user=cast.staff, role="member")
    assert f'href="{council_url}"' in _menu(client, cast.staff)
    page = client.get(council_url)
    assert list(page.context["councils"]) == [council]
    assert reverse("awards:council_year", args=[2026]) in page.content.decode()


def test_a_leaders_tabs_are_the_pages_a_leader_opens(client, cast):
    client.force_login(cast.leader)
    page = client.get(reverse("awards:decisions")).content.decode()
    for name in ("awards:decisions", "awards:book", "awards:council", "awards:scoring"):
        assert f'href="{reverse(name)}"' in page, name
        assert client.get(reverse(name)).status_code == 200, name
    for name in ("awards:registrations", "awards:nominations", "awards:eligibility"):
        assert f'href="{reverse(name)}"' not in page, name
