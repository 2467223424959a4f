"""Holds on a unit's rewards (tạm dừng xét khen thưởng đối với tập thể, Nghị định 152/2025): the office
opens and closes them from the unit's page (audited); while open, the engine refuses the unit every
collective title and a decision or a proposal cannot carry the unit."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.awards.conftest import make_person
from thidua.awards import decisions, engine, services
from thidua.awards.models import Award, Decision, HoldFlag, Title

pytestmark = pytest.mark.django_db
D = datetime.date


def _hold_reason(organization, unit, title=engine.Title.TTLDTT):
    judged = services.judgements_by_subject(organization, 2026)[(engine.SubjectKind.UNIT, unit.pk, title)]
    return next(r for r in judged.reasons if r.criterion == engine.Criterion.HOLD)


def test_the_office_holds_a_unit_and_closes_it_with_history(client, cast):
    client.force_login(cast.office)
    response = client.post(
        reverse("awards:unit_hold_new", args=[cast.unit.pk]),
        {
            "kind": HoldFlag.Kind.INSPECTION,
            "opened_on": "01/03/2026",
            "note": "Kết luận thanh tra số 5/KL-TTr",
        },
    )
    assert response.url == reverse("awards:book_unit", args=[cast.unit.pk])
    hold = HoldFlag.objects.get(unit=cast.unit)
    assert hold.person is None and hold.closed_on is None
    page = client.get(reverse("awards:book_unit", args=[cast.unit.pk])).content.decode()
    assert (
        "Kết luận thanh tra số 5/KL-TTr" in page and reverse("awards:unit_hold_edit", args=[hold.pk]) in page
    )

    response = client.post(
        reverse("awards:unit_hold_edit", args=[hold.pk]),
        {"kind": hold.kind, "opened_on": "01/03/2026", "closed_on": "30/06/2026", "note": hold.note},
    )
    assert response.status_code == 302
    hold.refresh_from_db()
    assert hold.closed_on == D(2026, 6, 30) and hold.unit == cast.unit
    assert [h.history_change_reason for h in hold.history.order_by("history_date")] == [
        "Tạm dừng xét khen thưởng",
        "Kết thúc tạm dừng xét khen thưởng",
    ]
    history = client.get(reverse("awards:book_unit", args=[cast.unit.pk])).context["history"]
    assert len(history) == 2


def test_a_unit_hold_cannot_close_before_it_opens(client, cast):
    client.force_login(cast.office)
    response = client.post(
        reverse("awards:unit_hold_new", args=[cast.unit.pk]),
        {"kind": HoldFlag.Kind.COMPLAINT, "opened_on": "01/03/2026", "closed_on": "01/02/2026", "note": "x"},
    )
    assert response.status_code == 200
    assert "closed_on" in response.context["form"].errors
    assert not HoldFlag.objects.exists()


def test_only_the_office_holds_a_unit_and_another_agency_gets_404(client, cast):
    for user in (cast.unit_head, cast.leader, cast.staff):
        client.force_login(user)
        assert client.get(reverse("awards:unit_hold_new", args=[cast.unit.pk])).status_code == 403
        data = {"kind": "inspection", "opened_on": "01/03/2026", "note": "x"}
        assert client.post(reverse("awards:unit_hold_new", args=[cast.unit.pk]), data).status_code == 403
    client.force_login(cast.other_office)
    assert client.get(reverse("awards:unit_hold_new", args=[cast.unit.pk])).status_code == 404
    assert not HoldFlag.objects.exists()
    # A person's hold is not edited on the unit's page, nor a unit's on the person's.
    person_hold = HoldFlag.objects.create(
        organization=cast.org,
        person=make_person(cast.org, cast.unit),
        kind="complaint",
        opened_on=D(2026, 1, 1),
    )
    client.force_login(cast.office)
    assert client.get(reverse("awards:unit_hold_edit", args=[person_hold.pk])).status_code == 404


def test_an_open_unit_hold_blocks_every_collective_title_in_the_engine(client, cast):
    assert _hold_reason(cast.org, cast.unit).met is True
    client.force_login(cast.office)
    client.post(
        reverse("awards:unit_hold_new", args=[cast.unit.pk]),
        {"kind": HoldFlag.Kind.COMPLAINT, "opened_on": "01/03/2026", "note": "Đơn tố cáo 3/ĐTC"},
    )
    for title in (engine.Title.TTLDTT, engine.Title.TTLDXS):
        reason = _hold_reason(cast.org, cast.unit, title)
        assert reason.met is False and reason.detail == {"holds": ["complaint"]}
    judged = services.judgements_by_subject(cast.org, 2026)[
        (engine.SubjectKind.UNIT, cast.unit.pk, engine.Title.TTLDTT)
    ]
    assert judged.verdict == engine.Verdict.NOT_ELIGIBLE
    # Another unit is not held; the unit's people are not held by the unit's hold.
    assert _hold_reason(cast.org, cast.office_unit).met is True
    hold = HoldFlag.objects.get()
    client.post(
        reverse("awards:unit_hold_edit", args=[hold.pk]),
        {"kind": hold.kind, "opened_on": "01/03/2026", "closed_on": "01/04/2026", "note": hold.note},
    )
    assert _hold_reason(cast.org, cast.unit).met is True


def test_a_unit_hold_blocks_the_line_and_the_issue_of_a_decision(cast):
    decision = decisions.decision_create(
        organization=cast.org, user=cast.office, year=2026, content="Năm 2026"
    )
    decisions.decision_add_line(decision, user=cast.office, title=Title.TTLDTT, unit=cast.unit)
    # Opened after the draft: the issue-time re-check refuses it, and nothing is written.
    HoldFlag.objects.create(
        organization=cast.org, unit=cast.unit, kind="inspection", opened_on=D(2026, 12, 1)
    )
    with pytest.raises(ValidationError, match="tạm dừng"):
        decisions.decision_issue(
            decision, user=cast.office, number="1/QĐ", signed_on=D(2027, 1, 5), signer="GĐ"
        )
    assert not Award.objects.filter(unit=cast.unit).exists()
    assert Decision.objects.get(pk=decision.pk).status == Decision.Status.DRAFT
    with pytest.raises(ValidationError, match="tạm dừng"):
        decisions.decision_add_line(
            decisions.decision_create(organization=cast.org, user=cast.office, year=2026, content="Khác"),
            user=cast.office,
            title=Title.GIAY_KHEN,
            unit=cast.unit,
        )


def test_a_unit_hold_closed_before_the_signature_lets_the_decision_issue(cast):
    decision = decisions.decision_create(
        organization=cast.org, user=cast.office, year=2026, content="Năm 2026"
    )
    decisions.decision_add_line(decision, user=cast.office, title=Title.TTLDTT, unit=cast.unit)
    HoldFlag.objects.create(
        organization=cast.org,
        unit=cast.unit,
        kind="inspection",
        opened_on=D(2026, 12, 1),
        closed_on=D(2027, 1, 2),
    )
    decisions.decision_issue(decision, user=cast.office, number="2/QĐ", signed_on=D(2027, 1, 5), signer="GĐ")
    assert Award.objects.filter(unit=cast.unit, title=Title.TTLDTT).exists()


def test_a_unit_hold_blocks_sending_a_proposal(cast):
    proposal = decisions.proposal_create(
        organization=cast.org, user=cast.office, year=2026, content="Đề nghị"
    )
    decisions.proposal_add_line(proposal, user=cast.office, title=Title.TTLDXS, unit=cast.unit)
    HoldFlag.objects.create(organization=cast.org, unit=cast.unit, kind="press", opened_on=D(2026, 12, 1))
    with pytest.raises(ValidationError, match="tạm dừng"):
        decisions.proposal_send(
            proposal, user=cast.office, number="3/TTr", signed_on=D(2027, 1, 5), signer="GĐ"
        )
