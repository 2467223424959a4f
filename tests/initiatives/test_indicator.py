import datetime
from decimal import Decimal

from tests import factories
from tests.initiatives.conftest import received, register, vote
from thidua.initiatives import services
from thidua.initiatives.indicators import RECOGNISED
from thidua.plans.models import Target
from thidua.tracking import indicators
from thidua.tracking.models import ProgressSnapshot
from thidua.tracking.periods import period_containing


def _recognise(cast, council, on: datetime.date, **fields):
    initiative = received(cast, council, **fields)
    vote(cast, initiative, 3)
    return services.initiative_decide(
        initiative=initiative, user=cast.leader, decision_number=f"{on:%j}/QĐ-SXD", decision_date=on
    )


def _per_unit_target(cast):
    plan = factories.make_plan(cast.org, reporting_rhythm="quarterly")
    return factories.make_target(
        plan,
        text="Mỗi phòng, ban, đơn vị có tối thiểu 01 sáng kiến được công nhận",
        comparator=">=",
        value=Decimal(1),
        unit_of_measure="sáng kiến",
        period_kind=Target.PeriodKind.ANNUAL,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        per_unit=True,
        measurement=Target.Measurement.COMPUTED,
        indicator=RECOGNISED,
    )


def test_the_indicator_counts_recognised_initiatives_per_unit_and_year(cast, council):
    target = _per_unit_target(cast)
    _recognise(cast, council, datetime.date(2026, 3, 20))
    _recognise(cast, council, datetime.date(2026, 5, 4), title="Phần mềm theo dõi hồ sơ")
    refused = received(cast, council, title="Không đạt")
    vote(cast, refused, 0)
    services.initiative_decide(
        initiative=refused,
        user=cast.leader,
        decision_number="9/QĐ-SXD",
        decision_date=datetime.date(2026, 3, 25),
        refusal_reason="Chưa được áp dụng",
    )
    register(cast, title="Bản nháp")
    compute = indicators.REGISTRY[RECOGNISED].compute
    q1 = period_containing(datetime.date(2026, 2, 1), "quarterly")
    q2 = period_containing(datetime.date(2026, 5, 1), "quarterly")
    q1_2027 = period_containing(datetime.date(2027, 2, 1), "quarterly")
    assert compute(target, cast.unit, q1) == 1
    assert compute(target, cast.unit, q2) == 2
    assert compute(target, cast.office_unit, q2) == 0
    assert compute(target, None, q2) == 2
    assert compute(target, None, q1_2027) == 0  # a new year starts from nought


def test_a_per_unit_target_turns_achieved_when_the_decision_is_recorded(cast, council):
    target = _per_unit_target(cast)
    initiative = received(cast, council)
    vote(cast, initiative, 2)
    assert not ProgressSnapshot.objects.filter(target=target, unit=None, status="achieved").exists()
    services.initiative_decide(
        initiative=initiative,
        user=cast.leader,
        decision_number="125/QĐ-SXD",
        decision_date=datetime.date(2026, 3, 20),
    )
    snapshot = ProgressSnapshot.objects.get(target=target, unit=None)
    assert snapshot.status == "achieved"
    assert snapshot.actual >= 1


def test_the_indicator_is_registered_for_computed_targets():
    assert RECOGNISED in dict(indicators.choices())
