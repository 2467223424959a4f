"""A council member who is an author of an initiative stands aside from it (issue #12): they cannot
score or vote on it, the recusal is recorded and shown, and the council's share counts without them."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.initiatives.conftest import received
from thidua.initiatives import services
from thidua.initiatives.models import CouncilMember, Initiative, Recusal

pytestmark = pytest.mark.django_db


def co_authored_by(cast, user) -> list[dict]:
    return [
        {"name": cast.staff.full_name, "share": Decimal(60), "user": cast.staff},
        {"name": user.full_name, "share": Decimal(40), "user": user},
    ]


def test_an_author_on_the_council_stands_aside_and_is_recorded(client, cast, council):
    initiative = received(cast, council, authors=co_authored_by(cast, cast.specialist))
    recusal = Recusal.objects.get(initiative=initiative)
    assert (recusal.member.user, recusal.reason) == (cast.specialist, "author")
    assert not initiative.votable_by(cast.specialist) and initiative.votable_by(cast.leader)
    with pytest.raises(PermissionDenied):
        services.council_vote(initiative=initiative, user=cast.specialist, in_favour=True)
    with pytest.raises(PermissionDenied):
        services.council_score(
            initiative=initiative, user=cast.specialist, points={council.criteria.first(): Decimal(10)}
        )
    client.force_login(cast.specialist)
    assert client.get(reverse("initiatives:council_review", args=[initiative.pk])).status_code == 403
    client.force_login(cast.office)
    page = client.get(reverse("initiatives:detail", args=[initiative.pk])).content.decode()
    assert 'data-testid="recusal"' in page and "Là tác giả sáng kiến" in page


def test_the_share_counts_the_members_who_may_judge(cast, council):
    """Two of three members may judge: both agreeing is 2/2, recognised; one of two is not."""
    initiative = received(cast, council, authors=co_authored_by(cast, cast.specialist))
    services.council_vote(initiative=initiative, user=cast.leader, in_favour=True)
    services.council_vote(initiative=initiative, user=cast.office, in_favour=False)
    assert initiative.tally() == (1, 2)
    services.council_vote(initiative=initiative, user=cast.office, in_favour=True)
    assert initiative.tally() == (2, 2)
    decided = services.initiative_decide(
        initiative=initiative,
        user=cast.office,
        decision_number="5/QĐ-SXD",
        decision_date=initiative.received_on,
    )
    assert decided.status == Initiative.Status.RECOGNISED


def test_an_author_who_joins_the_council_later_is_recorded_too(cast, council):
    initiative = received(cast, council)  # the staff member's own, with a co-author without an account
    assert not Recusal.objects.exists()
    services.council_member_add(
        council=council, person=cast.staff, role=CouncilMember.Role.MEMBER, user=cast.office
    )
    assert list(Recusal.objects.values_list("member__user", flat=True)) == [cast.staff.pk]
    assert initiative.tally() == (0, 3)
