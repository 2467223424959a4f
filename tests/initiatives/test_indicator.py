import datetime
from decimal import Decimal

import pytest

from tests import factories
from tests.initiatives.conftest import received, register, vote
from thidua.initiatives import services
from thidua.initiatives.indicators import RECOGNISED, RECOGNISED_PROVINCIAL
from thidua.plans.models import Target
from thidua.tracking import indicators, standing
from thidua.tracking.models import Assignment, ProgressSnapshot
from thidua.tracking.periods import period_containing
from thidua.tracking.reasons import render_reason

MARCH, MAY, FEBRUARY_2027 = datetime.date(2026, 3, 20), datetime.date(2026, 5, 4), datetime.date(2027, 2, 10)


def _recognise(cast, council, on: datetime.date, **fields):
    initiative = received(cast, council, **fields)
    vote(cast, initiative, 3)
    return services.initiative_decide(
        initiative=initiative, user=cast.leader, decision_number=f"{on:%j}/QĐ-SXD", decision_date=on
    )


def _three_recognitions(cast, council):
    """The unit's initiatives recognised on 20/03/2026, 04/05/2026 and 10/02/2027."""
    for n, on in enumerate((MARCH, MAY, FEBRUARY_2027)):
        _recognise(cast, council, on, title=f"Sáng kiến {n + 1}")


def _target(cast, kind, *, indicator=RECOGNISED, per_unit=True, value=1, **fields):
    """A computed initiative target of a quarterly plan, assigned to the unit and the office."""
    plan = factories.make_plan(cast.org, reporting_rhythm="quarterly")
    defaults = {
        "text": "Mỗi phòng, ban, đơn vị có tối thiểu 01 sáng kiến được công nhận",
        "comparator": ">=",
        "value": Decimal(value),
        "unit_of_measure": "sáng kiến",
        "period_kind": kind,
        "starts_on": datetime.date(2026, 1, 1),
        "ends_on": datetime.date(2027, 12, 31),
        "per_unit": per_unit,
        "measurement": Target.Measurement.COMPUTED,
        "indicator": indicator,
    }
    target = factories.make_target(plan, **(defaults | fields))
    for unit in (cast.unit, cast.office_unit):
        Assignment.objects.create(organization=cast.org, target=target, unit=unit)
    return target


def _standing(target, today, unit=None) -> ProgressSnapshot:
    standing.refresh_target(target, today)
    return ProgressSnapshot.objects.get(target=target, unit=unit)


def _quarter(day: datetime.date):
    return period_containing(day, "quarterly")


def test_each_period_counts_only_the_recognitions_of_its_own_days(cast, council):
    target = _target(cast, Target.PeriodKind.ANNUAL)
    _recognise(cast, council, MARCH)
    _recognise(cast, council, MAY, title="Phần mềm theo dõi hồ sơ")
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
    q1, q2 = _quarter(MARCH), _quarter(MAY)
    assert compute(target, cast.unit, q1) == 1
    assert compute(target, cast.unit, q2) == 1  # the engine adds the quarters up: 2 in the year
    assert compute(target, cast.office_unit, q2) == 0
    assert compute(target, None, q2) == 1


def test_an_annual_target_counts_the_current_year_once_and_starts_a_new_year_from_nought(cast, council):
    target = _target(cast, Target.PeriodKind.ANNUAL, value=2)
    _three_recognitions(cast, council)
    in_2026 = _standing(target, datetime.date(2026, 7, 15), cast.unit)
    assert in_2026.actual == 2 and in_2026.status == "achieved"
    in_2027 = _standing(target, datetime.date(2027, 4, 10), cast.unit)
    assert in_2027.actual == 1 and in_2027.status != "achieved"
    assert _standing(target, datetime.date(2027, 4, 10), cast.office_unit).actual == 0


@pytest.mark.parametrize("kind", [Target.PeriodKind.PLAN, Target.PeriodKind.CUMULATIVE])
def test_a_whole_plan_target_counts_each_initiative_once_from_the_targets_start(cast, council, kind):
    # Starts on 21/03/2026: the initiative recognised the day before does not count.
    target = _target(cast, kind, value=2, starts_on=datetime.date(2026, 3, 21))
    _three_recognitions(cast, council)
    assert indicators.REGISTRY[RECOGNISED].compute(target, cast.unit, _quarter(MARCH)) == 0
    unit = _standing(target, datetime.date(2027, 6, 30), cast.unit)
    assert unit.actual == 2 and unit.status == "achieved"
    assert _standing(target, datetime.date(2027, 6, 30)).actual == 2
    office = ProgressSnapshot.objects.get(target=target, unit=cast.office_unit)
    assert office.actual == 0 and office.status != "achieved"


def test_a_target_by_a_date_reads_how_many_there_are_so_far(cast, council):
    target = _target(cast, Target.PeriodKind.BY_DATE, per_unit=False, value=3)
    _three_recognitions(cast, council)
    compute = indicators.REGISTRY[RECOGNISED].compute
    assert compute(target, None, period_containing(MAY, "yearly")) == 2
    assert compute(target, None, period_containing(FEBRUARY_2027, "yearly")) == 3
    assert _standing(target, datetime.date(2028, 1, 10)).actual == 3


def test_an_average_target_takes_the_mean_of_the_yearly_counts(cast, council):
    target = _target(cast, Target.PeriodKind.AVERAGE, per_unit=False, value=1)
    _three_recognitions(cast, council)
    assert _standing(target, datetime.date(2028, 1, 10)).actual == Decimal("1.5")  # (2 + 1) / 2


def _provincial(cast, initiative, on: datetime.date):
    return services.initiative_record_provincial(
        initiative=initiative, user=cast.office, decision_number="2031/QĐ-UBND", decision_date=on
    )


def test_the_provincial_indicator_counts_by_the_provinces_decision(cast, council):
    target = _target(cast, Target.PeriodKind.PLAN, indicator=RECOGNISED_PROVINCIAL)
    _provincial(cast, _recognise(cast, council, MARCH), datetime.date(2026, 6, 1))
    _recognise(cast, council, MARCH, title="Chỉ được công nhận cấp cơ sở")
    provincial = indicators.REGISTRY[RECOGNISED_PROVINCIAL].compute
    assert provincial(target, cast.unit, _quarter(MARCH)) == 0  # recognised by the Sở, not yet the province
    assert provincial(target, cast.unit, _quarter(MAY)) == 1
    assert indicators.REGISTRY[RECOGNISED].compute(target, cast.unit, _quarter(MARCH)) == 2
    assert _standing(target, datetime.date(2026, 7, 15), cast.unit).actual == 1


def test_recording_the_provincial_recognition_moves_the_targets_measured_by_it(cast, council):
    # Real dates: the service refreshes as of today, after the second quarter of 2026.
    target = _target(
        cast, Target.PeriodKind.PLAN, indicator=RECOGNISED_PROVINCIAL, ends_on=datetime.date(2026, 12, 31)
    )
    initiative = _recognise(cast, council, MARCH)
    assert not ProgressSnapshot.objects.filter(target=target, status="achieved").exists()
    _provincial(cast, initiative, datetime.date(2026, 6, 1))
    assert ProgressSnapshot.objects.get(target=target, unit=cast.unit).status == "achieved"
    assert ProgressSnapshot.objects.get(target=target, unit=cast.office_unit).status != "achieved"
    # "Mỗi phòng, ban, đơn vị …": the agency has not reached it while one unit is still short.
    overall = ProgressSnapshot.objects.get(target=target, unit=None)
    assert overall.status != "achieved"
    assert (overall.reason["params"]["reached"], overall.reason["params"]["units"]) == (1, 2)
    assert overall.reason["params"]["short"] == [cast.office_unit.name]


def test_a_per_unit_target_turns_achieved_when_the_decision_is_recorded(cast, council):
    target = _target(cast, Target.PeriodKind.ANNUAL, ends_on=datetime.date(2026, 12, 31))
    initiative = received(cast, council)
    vote(cast, initiative, 2)
    assert not ProgressSnapshot.objects.filter(target=target, unit=None, status="achieved").exists()
    services.initiative_decide(
        initiative=initiative,
        user=cast.leader,
        decision_number="125/QĐ-SXD",
        decision_date=MARCH,
    )
    assert ProgressSnapshot.objects.get(target=target, unit=cast.unit).status == "achieved"
    snapshot = ProgressSnapshot.objects.get(target=target, unit=None)
    assert snapshot.status != "achieved" and snapshot.actual == 1  # the other unit has none yet
    assert render_reason(snapshot.reason).startswith("Đã đạt ở 1/2 phòng, đơn vị")


def test_both_indicators_are_registered_for_computed_targets():
    assert {RECOGNISED, RECOGNISED_PROVINCIAL} <= set(dict(indicators.choices()))


@pytest.mark.parametrize(
    "text, code",
    [
        (
            "mỗi phòng, ban, đơn vị có tối thiểu 01 sáng kiến về kỹ năng số, chuyển đổi số được "
            "Giám đốc Sở công nhận",
            RECOGNISED,
        ),
        ("01 sáng kiến/đề tài cấp tỉnh được công nhận", RECOGNISED_PROVINCIAL),
        (
            "Mỗi năm có ít nhất 01 sáng kiến, giải pháp cải cách hành chính hoặc hỗ trợ doanh nghiệp "
            "được áp dụng hiệu quả",
            RECOGNISED,
        ),
    ],
)
def test_the_sample_plans_initiative_targets_are_proposed_the_right_indicator(text, code):
    assert indicators.suggest(text, "sáng kiến").code == code


@pytest.mark.parametrize(
    "text, topic",
    [
        (
            "mỗi phòng, ban, đơn vị có tối thiểu 01 sáng kiến về kỹ năng số, chuyển đổi số được "
            "Giám đốc Sở công nhận",
            "kỹ năng số, chuyển đổi số",
        ),
        ("02 sáng kiến thuộc lĩnh vực cải cách hành chính được công nhận", "cải cách hành chính"),
        ("01 sáng kiến/đề tài cấp tỉnh được công nhận", ""),
    ],
)
def test_the_topic_a_target_names_is_proposed(text, topic):
    assert indicators.suggest_topic(text, RECOGNISED) == topic


def test_a_target_about_initiatives_of_a_topic_counts_only_that_topic(cast, council):
    target = _target(cast, Target.PeriodKind.PLAN, indicator_topic="kỹ năng số, chuyển đổi số")
    _recognise(cast, council, MARCH, title="Số hóa hồ sơ cấp phép", field="Chuyển Đổi Số")
    _recognise(cast, council, MARCH, title="Quy trình kiểm tra nhà ở", field="Quản lý nhà ở")
    _recognise(cast, council, MAY, title="Lớp bồi dưỡng kỹ năng số cho cán bộ", field="Đào tạo")
    count = indicators.REGISTRY[RECOGNISED].compute
    assert count(target, cast.unit, _quarter(MARCH)) == 1
    assert count(target, cast.unit, _quarter(MAY)) == 1
    target.indicator_topic = ""
    assert count(target, cast.unit, _quarter(MARCH)) == 2


def test_the_office_sets_the_topic_on_the_target_page(client, cast):
    target = _target(cast, Target.PeriodKind.PLAN, measurement=Target.Measurement.ENTERED, indicator="")
    target.text = "Mỗi phòng có tối thiểu 01 sáng kiến về chuyển đổi số được công nhận"
    target.save()
    client.force_login(cast.office)
    page = client.get(f"/theo-doi/chi-tieu/{target.pk}/")
    assert page.context["measurement_form"].initial["topic"] == "chuyển đổi số"
    client.post(
        f"/theo-doi/chi-tieu/{target.pk}/cach-do/",
        {"measurement": "computed", "indicator": RECOGNISED, "topic": "chuyển đổi số"},
    )
    target.refresh_from_db()
    assert (target.indicator, target.indicator_topic) == (RECOGNISED, "chuyển đổi số")
    assert 'data-testid="indicator-topic"' in client.get(f"/theo-doi/chi-tieu/{target.pk}/").content.decode()
