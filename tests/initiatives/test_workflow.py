import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories
from tests.initiatives.conftest import RECEIVED_ON, received, register, vote
from thidua.initiatives import services
from thidua.initiatives.models import Initiative, InitiativeRule, Score, add_months
from thidua.org.roles import Role

DECIDED_ON = datetime.date(2026, 3, 20)


def test_an_initiative_goes_from_registration_to_agency_and_provincial_recognition(cast, council):
    initiative = register(cast)
    assert initiative.status == Initiative.Status.DRAFT
    assert [(a.name, a.share) for a in initiative.authors.all()][1] == ("Trần Văn Bình", Decimal(30))
    services.initiative_submit(initiative=initiative, user=cast.staff)
    services.initiative_endorse(initiative=initiative, user=cast.unit_head)
    initiative = services.initiative_receive(
        initiative=initiative, user=cast.office, received_on=RECEIVED_ON, council=council
    )
    assert initiative.status == Initiative.Status.RECEIVED
    criteria = list(council.criteria.all())
    services.council_score(initiative=initiative, user=cast.leader, points={criteria[0]: 35, criteria[1]: 50})
    vote(cast, initiative, 3)
    initiative = services.initiative_decide(
        initiative=initiative, user=cast.leader, decision_number="125/QĐ-SXD", decision_date=DECIDED_ON
    )
    assert initiative.status == Initiative.Status.RECOGNISED
    assert Score.objects.filter(initiative=initiative).count() == 2
    initiative = services.initiative_record_provincial(
        initiative=initiative,
        user=cast.office,
        decision_number="2031/QĐ-UBND",
        decision_date=datetime.date(2026, 9, 1),
    )
    assert initiative.provincial_decision_number == "2031/QĐ-UBND"
    reasons = list(initiative.history.values_list("history_change_reason", flat=True))
    assert "Tiếp nhận đơn sáng kiến" in reasons and "Được công nhận" in reasons


def test_two_of_three_members_in_favour_recognise_the_initiative(cast, council):
    initiative = received(cast, council)
    vote(cast, initiative, 2)
    decided = services.initiative_decide(
        initiative=initiative, user=cast.leader, decision_number="125/QĐ-SXD", decision_date=DECIDED_ON
    )
    assert decided.status == Initiative.Status.RECOGNISED


def test_one_of_three_in_favour_can_only_be_refused_with_a_reason(cast, council):
    initiative = received(cast, council)
    vote(cast, initiative, 1)
    with pytest.raises(services.InitiativeError, match="chưa đủ tỷ lệ đồng ý"):
        services.initiative_decide(
            initiative=initiative, user=cast.leader, decision_number="126/QĐ-SXD", decision_date=DECIDED_ON
        )
    decided = services.initiative_decide(
        initiative=initiative,
        user=cast.leader,
        decision_number="126/QĐ-SXD",
        decision_date=DECIDED_ON,
        refusal_reason="Giải pháp đã được áp dụng tại đơn vị từ trước, không có tính mới",
    )
    assert decided.status == Initiative.Status.REFUSED
    assert "không có tính mới" in decided.refusal_reason


def test_an_agency_rule_with_another_share_takes_precedence_over_the_national_one(cast, council):
    InitiativeRule.objects.create(
        organization=cast.org,
        approval_share=Decimal("0.3333"),
        decision_months=2,
        legal_basis="Quy chế xét công nhận sáng kiến của Sở (thử)",
        valid_from=datetime.date(2026, 1, 1),
    )
    initiative = received(cast, council)
    assert initiative.decision_due_on == datetime.date(2026, 3, 15)
    vote(cast, initiative, 1)
    decided = services.initiative_decide(
        initiative=initiative, user=cast.leader, decision_number="127/QĐ-SXD", decision_date=DECIDED_ON
    )
    assert decided.status == Initiative.Status.RECOGNISED


def test_the_national_rule_is_data_with_its_legal_basis(db):
    rule = InitiativeRule.objects.in_force(None, datetime.date(2026, 1, 15))
    assert rule.approval_share == Decimal("0.6667") and rule.decision_months == 3
    assert "13/2012/NĐ-CP" in rule.legal_basis
    assert rule.is_approved(2, 3) and not rule.is_approved(1, 3) and not rule.is_approved(0, 0)


def test_the_authors_shares_must_add_up_to_100(cast):
    with pytest.raises(ValidationError, match="phải bằng 100%"):
        register(
            cast,
            authors=[
                {"name": "Nguyễn Thị An", "share": Decimal(60), "user": cast.staff},
                {"name": "Trần Văn Bình", "share": Decimal(30), "user": None},
            ],
        )
    assert not Initiative.objects.exists()


def test_the_decision_is_due_three_months_after_receipt_and_overdue_after(cast, council):
    initiative = received(cast, council)
    assert initiative.decision_due_on == datetime.date(2026, 4, 15)
    assert not initiative.is_decision_overdue(datetime.date(2026, 4, 15))
    assert initiative.is_decision_overdue(datetime.date(2026, 4, 16))
    vote(cast, initiative, 3)
    decided = services.initiative_decide(
        initiative=initiative, user=cast.leader, decision_number="1/QĐ-SXD", decision_date=DECIDED_ON
    )
    assert not decided.is_decision_overdue(datetime.date(2026, 5, 1))


def test_adding_months_keeps_the_day_or_takes_the_month_end():
    assert add_months(datetime.date(2026, 1, 15), 3) == datetime.date(2026, 4, 15)
    assert add_months(datetime.date(2025, 11, 30), 3) == datetime.date(2026, 2, 28)


def test_only_council_members_vote_and_only_on_received_initiatives(cast, council):
    initiative = received(cast, council)
    with pytest.raises(PermissionDenied):
        services.council_vote(initiative=initiative, user=cast.unit_head, in_favour=True)
    vote(cast, initiative, 3)
    services.initiative_decide(
        initiative=initiative, user=cast.leader, decision_number="1/QĐ-SXD", decision_date=DECIDED_ON
    )
    with pytest.raises(services.InitiativeError):
        services.council_vote(initiative=initiative, user=cast.leader, in_favour=False)


def test_a_score_cannot_exceed_the_criterion_maximum(cast, council):
    initiative = received(cast, council)
    novelty = council.criteria.get(name="Tính mới")
    with pytest.raises(ValidationError, match="không được vượt 40"):
        services.council_score(initiative=initiative, user=cast.leader, points={novelty: 41})


def test_another_units_head_cannot_endorse(cast, council):
    initiative = register(cast)
    services.initiative_submit(initiative=initiative, user=cast.staff)
    other_unit = factories.make_unit(cast.org, "Phòng Quy hoạch - Kiến trúc")
    other_head = factories.make_user(cast.org, Role.UNIT_HEAD, unit=other_unit)
    with pytest.raises(PermissionDenied):
        services.initiative_endorse(initiative=initiative, user=other_head)
    with pytest.raises(PermissionDenied):
        services.initiative_receive(
            initiative=initiative, user=cast.office, received_on=RECEIVED_ON, council=council
        )


def test_provincial_recognition_needs_agency_recognition_first(cast, council):
    initiative = received(cast, council)
    with pytest.raises(PermissionDenied):
        services.initiative_record_provincial(
            initiative=initiative,
            user=cast.office,
            decision_number="2031/QĐ-UBND",
            decision_date=datetime.date(2026, 9, 1),
        )
