"""Movement rewards: proposals from Thi Đua's records at sơ kết / tổng kết, the office's confirmation."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tests import factories
from tests.awards.conftest import make_person
from tests.awards.test_services import recognise
from thidua.awards import movement, services
from thidua.awards.models import Award, MovementRewardProposal, Nomination
from thidua.engagement.models import Assessment, CriterionSet
from thidua.tracking.models import ProgressSnapshot
from thidua.tracking.progress import Status

pytestmark = pytest.mark.django_db
YEAR = 2026
Stage, Source = MovementRewardProposal.Stage, MovementRewardProposal.Source


@pytest.fixture
def plan(cast):
    return factories.make_plan(cast.org)


def standing(cast, plan, unit, *statuses):
    for status in statuses:
        ProgressSnapshot.objects.create(
            organization=cast.org,
            target=factories.make_target(plan),
            unit=unit,
            status=status,
            computed_on=datetime.date(2026, 12, 1),
        )


def ranked(cast, rank, total):
    criterion_set, _ = CriterionSet.objects.get_or_create(
        organization=cast.org, year=YEAR, defaults={"name": "Bộ"}
    )
    return Assessment.objects.create(
        organization=cast.org,
        enterprise=factories.make_enterprise(cast.org),
        criterion_set=criterion_set,
        state=Assessment.State.VERIFIED,
        total=Decimal(total),
        rank=rank,
    )


def keys(proposals):
    return {(p.source, p.subject_name) for p in proposals}


def test_units_reaching_their_targets_are_proposed_on_track_counting_only_at_the_interim(cast, plan):
    behind = factories.make_unit(cast.org, "Phòng Chậm")
    standing(cast, plan, cast.unit, Status.ACHIEVED, Status.ON_TRACK, Status.NOT_STARTED)
    standing(cast, plan, cast.office_unit, Status.ACHIEVED, Status.ACHIEVED)
    standing(cast, plan, behind, Status.ACHIEVED, Status.BEHIND)
    interim = movement.proposals_make(
        movement=plan.movement, stage=Stage.INTERIM, year=YEAR, user=cast.office
    )
    final = movement.proposals_make(movement=plan.movement, stage=Stage.FINAL, year=YEAR, user=cast.office)
    assert keys(interim) == {(Source.TARGETS, cast.unit.name), (Source.TARGETS, cast.office_unit.name)}
    assert keys(final) == {(Source.TARGETS, cast.office_unit.name)}
    evidence = next(p for p in final).evidence[0]
    assert evidence["value"] == "2/2" and evidence["url"] == reverse(
        "tracking:unit", args=[cast.office_unit.pk]
    )


def test_initiative_authors_and_the_top_enterprises_are_proposed_with_their_evidence(cast, plan):
    make_person(cast.org, cast.unit, full_name="Trịnh Thu Trang", user=cast.staff)
    recognise(cast, [("Trịnh Thu Trang", cast.staff), ("Người Ngoài Sở", None)])
    recognise(cast, [("Tác giả khác", None)])  # no author on the register: proposed for its unit
    recognise(cast, [("Trịnh Thu Trang", cast.staff)], decided_on=datetime.date(2025, 5, 1))  # another year
    first, third, fourth = ranked(cast, 1, 95), ranked(cast, 3, 80), ranked(cast, 4, 70)
    made = movement.proposals_make(movement=plan.movement, stage=Stage.FINAL, year=YEAR, user=cast.office)
    assert keys(made) == {
        (Source.AUTHOR, "Trịnh Thu Trang"),
        (Source.INITIATIVE, cast.unit.name),
        (Source.ENTERPRISE, first.enterprise.name),
        (Source.ENTERPRISE, third.enterprise.name),
    }
    author = next(p for p in made if p.source == Source.AUTHOR)
    assert len(author.evidence) == 1 and "tỷ lệ đóng góp 50%" in author.evidence[0]["value"]
    top = next(p for p in made if p.enterprise == first.enterprise)
    assert "hạng 1, 95 điểm" in top.evidence[0]["value"]
    assert fourth.enterprise.name not in {p.subject_name for p in made}


def test_proposing_again_adds_only_what_is_new(cast, plan):
    ranked(cast, 1, 90)
    assert (
        len(movement.proposals_make(movement=plan.movement, stage=Stage.FINAL, year=YEAR, user=cast.office))
        == 1
    )
    assert (
        movement.proposals_make(movement=plan.movement, stage=Stage.FINAL, year=YEAR, user=cast.office) == []
    )
    ranked(cast, 2, 85)
    assert (
        len(movement.proposals_make(movement=plan.movement, stage=Stage.FINAL, year=YEAR, user=cast.office))
        == 1
    )


def test_a_confirmed_proposal_becomes_a_thematic_nomination_of_the_movement(cast, plan):
    person = make_person(cast.org, cast.unit, full_name="Trịnh Thu Trang", user=cast.staff)
    recognise(cast, [("Trịnh Thu Trang", cast.staff)])
    top = ranked(cast, 1, 90)
    made = movement.proposals_make(movement=plan.movement, stage=Stage.FINAL, year=YEAR, user=cast.office)
    by_source = {p.source: p for p in made}
    nomination = movement.proposal_confirm(proposal=by_source[Source.AUTHOR], user=cast.office)
    assert (nomination.person, nomination.kind, nomination.movement) == (
        person,
        Award.Kind.THEMATIC,
        plan.movement,
    )
    assert nomination.is_thematic and services.judgement_for(nomination) is None
    assert "Sáng kiến" in nomination.summary
    company = movement.proposal_confirm(proposal=by_source[Source.ENTERPRISE], user=cast.office)
    assert company.enterprise == top.enterprise and company.unit == cast.office.unit
    with pytest.raises(movement.MovementError):
        movement.proposal_confirm(proposal=by_source[Source.AUTHOR], user=cast.office)
    assert Nomination.objects.filter(kind=Award.Kind.THEMATIC).count() == 2


def test_discarding_needs_a_reason(cast, plan):
    ranked(cast, 1, 90)
    (proposal,) = movement.proposals_make(
        movement=plan.movement, stage=Stage.FINAL, year=YEAR, user=cast.office
    )
    with pytest.raises(movement.MovementError):
        movement.proposal_discard(proposal=proposal, user=cast.office, reason=" ")
    movement.proposal_discard(proposal=proposal, user=cast.office, reason="Đã khen cùng thành tích")
    proposal.refresh_from_db()
    assert proposal.status == MovementRewardProposal.Status.DISCARDED and proposal.nomination is None


def test_only_the_office_proposes_and_another_agency_gets_404(cast, plan, client):
    ranked(cast, 1, 90)
    url = reverse("awards:movement_propose", args=[plan.movement.pk])
    client.force_login(cast.unit_head)
    assert client.post(url, {"stage": "final", "year": YEAR}).status_code == 403
    client.force_login(cast.other_office)
    assert client.post(url, {"stage": "final", "year": YEAR}).status_code == 404
    assert not MovementRewardProposal.objects.exists()
    client.force_login(cast.office)
    client.post(url, {"stage": "final", "year": YEAR})
    page = client.get(reverse("awards:movement_reward", args=[plan.movement.pk]))
    assert page.status_code == 200 and "Doanh nghiệp tiêu biểu" in page.content.decode()
