"""The progress engine, told with the targets of the two sample plans.

Example tests read as the specification (what the office sees on a given day);
property tests (hypothesis) check the rules that must hold for any spec and any reports.
"""

import calendar
import dataclasses
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from thidua.tracking import progress
from thidua.tracking.progress import (
    STATUS_LABELS,
    Baseline,
    Observation,
    Reason,
    ReasonCode,
    Status,
    TargetSpec,
    actual_to_date,
    baseline_of,
    evaluate,
    expected_by,
    projection,
    ratio_of_sums,
    trajectory,
)

D = Decimal
START, END = date(2026, 1, 1), date(2030, 12, 31)


def target(
    comparator=">=", value="0", unit="%", kind="plan", value_max=None, is_rate=False, span=(START, END)
):
    return TargetSpec(
        comparator=comparator,
        value=D(value),
        value_max=None if value_max is None else D(value_max),
        unit=unit,
        period_kind=kind,
        starts_on=span[0],
        ends_on=span[1],
        is_rate=is_rate,
    )


# "Số căn hộ nhà ở xã hội được xây dựng mới trong 05 năm giai đoạn 2026 - 2030 đạt 7.500 căn hộ trở lên"
HOUSING = target(">=", "7500", "căn hộ", "cumulative")
# "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt từ 99% trở lên": on time / settled
ON_TIME = target(">=", "99", "%", "plan", is_rate=True)
# "tỷ lệ đô thị hóa năm 2030 đạt 50% trở lên"
URBANISATION = target(">=", "50", "%", "by_date")
# "GRDP bình quân giai đoạn 2026 - 2030 đạt 11% trở lên"
GRDP = target(">=", "11", "%", "average")
# "Hằng năm kết nạp từ 05 đến 10 đảng viên mới"
PARTY = target("range", "5", "đảng viên", "annual", value_max="10")
# "mỗi phòng, ban, đơn vị có tối thiểu 01 sáng kiến" (one unit's assignment)
INITIATIVES = target(">=", "1", "sáng kiến", "plan")
# A ceiling: late dossiers / settled dossiers, "không quá 1%"
LATE = target("<=", "1", "%", "plan", is_rate=True)


def reason_of(result, *keys: str) -> tuple:
    """The reason's code and the figures that tell it: actual, gap, as_of, measure and year unless `keys`
    name others (besides actual and year)."""
    keys = (keys and ("actual", "year", *keys)) or ("actual", "gap", "as_of", "measure", "year")
    return result.reason.code, {key: result.reason.params[key] for key in keys if key in result.reason.params}


def quarter(year: int, q: int, value=None, numerator=None, denominator=None) -> Observation:
    first, last = 3 * q - 2, 3 * q
    return Observation(
        date(year, first, 1),
        date(year, last, calendar.monthrange(year, last)[1]),
        None if value is None else D(value),
        None if numerator is None else D(numerator),
        None if denominator is None else D(denominator),
    )


def quarters(figures, year=2026) -> list[Observation]:
    """Quarterly reports in order from Q1 of `year`."""
    return [quarter(year + i // 4, i % 4 + 1, figure) for i, figure in enumerate(figures)]


def year_report(year: int, value) -> Observation:
    return Observation(date(year, 1, 1), date(year, 12, 31), D(value))


# --- 7.500 căn hộ nhà ở xã hội (cumulative) -------------------------------------------


def test_housing_on_track_when_both_the_pace_and_the_projection_hold():
    progress = evaluate(HOUSING, quarters([390] * 8), date(2028, 1, 20))

    assert progress.status is Status.ON_TRACK
    assert progress.actual == 3120
    assert progress.as_of == date(2027, 12, 31)
    # 730 of the 1.826 days are over at the end of 2027
    assert progress.expected == D(7500) * (D(730) / 1826)
    assert round(progress.projected, 4) == round(D(3120) * 1826 / 730, 4)  # 7.804
    assert progress.gap == 4380


def test_housing_at_risk_when_a_little_behind_the_straight_line():
    progress = evaluate(HOUSING, quarters([356] * 8), date(2028, 1, 20))

    assert progress.status is Status.AT_RISK  # 2.848 of 2.998 needed: 95%
    assert progress.reason.code is ReasonCode.UNDER_WAY
    assert round(D(progress.reason.params["projected"])) == 7124
    assert progress.reason.params["projected_on"] == "2030-12-31"


def test_housing_behind_explains_the_shortfall_and_where_the_pace_leads():
    progress = evaluate(HOUSING, quarters([250] * 8), date(2028, 1, 20))

    assert progress.status is Status.BEHIND
    assert reason_of(progress) == (
        ReasonCode.UNDER_WAY,
        {"actual": "2000", "gap": "5500", "as_of": "2027-12-31", "measure": "count", "year": None},
    )
    assert round(D(progress.reason.params["projected"])) == 5003
    assert round(D(progress.reason.params["expected"])) == 2998


def test_housing_achieved_early_stays_achieved():
    reports = quarters([500] * 15 + [100])  # 7.600 by the end of 2029

    progress = evaluate(HOUSING, reports, date(2030, 1, 20))

    assert progress.status is Status.ACHIEVED
    assert progress.gap == -100
    assert reason_of(progress, "due") == (
        ReasonCode.ACHIEVED,
        {"actual": "7600", "year": None, "due": "2030-12-31"},
    )
    requirement = {key: progress.reason.params[key] for key in ("comparator", "value", "value_max", "unit")}
    assert requirement == {"comparator": ">=", "value": "7500", "value_max": None, "unit": "căn hộ"}


def test_housing_missed_once_the_plan_is_over_whatever_the_tolerance():
    progress = evaluate(HOUSING, quarters([370] * 20), date(2031, 2, 1))

    assert progress.status is Status.BEHIND  # 7.400: within 10%, but nothing can change now
    assert reason_of(progress, "ended_on") == (
        ReasonCode.MISSED,
        {"actual": "7400", "year": None, "ended_on": "2030-12-31"},
    )


def test_housing_is_judged_as_of_the_last_reported_quarter_not_today():
    # The first quarter is reported in April: 20 April asks for the first quarter's share only.
    progress = evaluate(HOUSING, quarters([375]), date(2026, 4, 20))

    assert progress.status is Status.ON_TRACK
    assert progress.expected == expected_by(HOUSING, date(2026, 3, 31))
    assert progress.expected < expected_by(HOUSING, date(2026, 4, 20))


def test_cumulative_expected_follows_a_straight_line_from_zero_to_the_target():
    assert expected_by(HOUSING, date(2025, 12, 31)) == 0
    assert expected_by(HOUSING, END) == 7500
    assert expected_by(HOUSING, date(2031, 6, 1)) == 7500
    # half the days (913 of 1.826), half the flats
    assert expected_by(HOUSING, date(2028, 7, 1)) == D(7500) * (D(913) / 1826)
    assert trajectory(HOUSING, [date(2025, 1, 1), END]) == [0, 7500]


def test_cumulative_projection_uses_the_reported_span_and_the_days_left():
    # Reporting began in 2027: 1.200 flats over 365 days, 1.461 days left after 31/12/2027.
    reports = [Observation(date(2027, 1, 1), date(2027, 12, 31), D(1200))]

    assert projection(HOUSING, reports, date(2028, 2, 1)) == 1200 + D(1200) / 365 * 1096


def test_the_shortfall_of_the_brief():
    # 1.252 flats a year for four years, then 1.252 by the end of September 2030
    reports = [
        *(year_report(y, 1252) for y in range(2026, 2030)),
        Observation(date(2030, 1, 1), date(2030, 9, 30), D(1252)),
    ]

    progress = evaluate(HOUSING, reports, date(2030, 10, 15))

    assert progress.actual == 6260
    assert progress.reason.params["gap"] == "1240"
    assert round(D(progress.reason.params["projected"])) == 6592


# --- 99% dossiers on time (rate) ------------------------------------------------------


def test_a_rate_is_the_ratio_of_sums_not_the_mean_of_period_ratios():
    reports = [
        quarter(2026, 1, numerator=990, denominator=1000),
        quarter(2026, 2, numerator=95, denominator=100),
    ]

    actual = actual_to_date(ON_TIME, reports, date(2026, 7, 10))

    mean_of_ratios = (D(99) + D(95)) / 2
    assert actual == D(1085) * 100 / 1100  # 98,64%: the big quarter weighs more
    assert actual != mean_of_ratios
    progress = evaluate(ON_TIME, reports, date(2026, 7, 10))
    assert progress.status is Status.AT_RISK  # 0,36 point short, allowance 2 points
    assert progress.reason.code is ReasonCode.UNDER_WAY
    assert round(D(progress.reason.params["gap"]), 2) == D("0.36")
    assert progress.reason.params["measure"] == "level" and progress.reason.params["projected"] is None


def test_a_rate_far_below_is_behind_even_if_within_ten_percent():
    reports = [quarter(2026, 1, numerator=950, denominator=1000)]

    assert evaluate(ON_TIME, reports, date(2026, 4, 10)).status is Status.BEHIND  # 95%: 4 points short


def test_a_level_met_before_the_end_is_on_track_and_achieved_only_at_the_end():
    reports = [quarter(2026, 1, numerator=992, denominator=1000)]
    assert evaluate(ON_TIME, reports, date(2026, 4, 10)).status is Status.ON_TRACK

    final = [Observation(START, END, numerator=D(992), denominator=D(1000))]
    progress = evaluate(ON_TIME, final, date(2031, 1, 5))
    assert progress.status is Status.ACHIEVED
    assert reason_of(progress, "due") == (ReasonCode.ACHIEVED, {"actual": "99.2", "year": None, "due": None})


def test_a_zero_denominator_gives_no_value_for_its_period():
    nothing_settled = quarter(2026, 2, value=100, numerator=0, denominator=0)
    reports = [quarter(2026, 1, numerator=990, denominator=1000), nothing_settled]

    assert actual_to_date(ON_TIME, reports, date(2026, 7, 10)) == 99
    progress = evaluate(ON_TIME, [nothing_settled], date(2026, 7, 10))
    assert progress.status is Status.NO_DATA  # numerator/denominator win over value
    assert progress.actual is None


def test_a_rate_reported_as_a_plain_value_is_read_as_a_level():
    assert actual_to_date(ON_TIME, [quarter(2026, 1, value="99.5")], date(2026, 4, 10)) == D("99.5")


# --- A ceiling: late dossiers không quá 1% --------------------------------------------


@pytest.mark.parametrize(
    ("late", "status"),
    [(5, Status.ON_TRACK), (10, Status.ON_TRACK), ("10.5", Status.AT_RISK), (20, Status.BEHIND)],
)
def test_lower_is_better_for_a_ceiling(late, status):
    progress = evaluate(LATE, [quarter(2026, 1, numerator=late, denominator=1000)], date(2026, 4, 10))

    assert progress.status is status
    assert progress.gap == D(late) / 10 - 1  # positive: over the ceiling


def test_a_ceiling_is_explained_as_a_ceiling():
    progress = evaluate(LATE, [quarter(2026, 1, numerator="10.5", denominator=1000)], date(2026, 4, 10))

    assert progress.reason.code is ReasonCode.UNDER_WAY
    assert (progress.reason.params["comparator"], progress.reason.params["gap"]) == ("<=", "0.05")
    assert progress.reason.params["actual"] == "1.05"


def test_a_count_past_its_ceiling_is_behind_for_good():
    accidents = target("<=", "3", "vụ", "cumulative")

    progress = evaluate(accidents, quarters([1, 0, 3]), date(2026, 10, 10))

    assert progress.status is Status.BEHIND
    assert (progress.reason.params["comparator"], progress.reason.params["gap"]) == ("<=", "1")


# --- 50% đô thị hóa năm 2030 (by_date) -------------------------------------------------

RISING = [year_report(2026, 40), year_report(2027, "42.5"), year_report(2028, "45.1")]


def test_by_date_with_a_rising_trend_is_on_track_along_the_line_from_the_first_report():
    progress = evaluate(URBANISATION, RISING, date(2029, 2, 1))

    assert progress.status is Status.ON_TRACK
    assert progress.actual == D("45.1")  # the latest level, not a sum
    baseline = Baseline(date(2026, 12, 31), D(40))
    assert baseline_of(URBANISATION, RISING, date(2029, 2, 1)) == baseline
    assert progress.expected == expected_by(URBANISATION, date(2028, 12, 31), baseline=baseline)
    assert D(45) < progress.expected < D("45.1")
    assert round(progress.projected, 2) == D("50.18")  # least squares through the three years
    assert progress.reason.params["trend"] is True
    assert round(D(progress.reason.params["projected"]), 1) == D("50.2")


def test_by_date_with_a_flat_trend_is_behind():
    flat = [year_report(2026, 40), year_report(2027, 41), year_report(2028, 40)]

    assert evaluate(URBANISATION, flat, date(2029, 2, 1)).status is Status.BEHIND


def test_by_date_first_report_is_the_baseline_and_gives_no_trend_yet():
    progress = evaluate(URBANISATION, RISING[:1], date(2027, 2, 1))

    assert progress.status is Status.ON_TRACK
    assert progress.projected is None


def test_by_date_trajectory_runs_from_the_baseline_to_the_target():
    baseline = Baseline(date(2026, 12, 31), D(40))

    line = trajectory(URBANISATION, [date(2026, 6, 30), date(2026, 12, 31), END], baseline=baseline)

    assert line == [40, 40, 50]
    assert trajectory(URBANISATION, [date(2027, 1, 1)]) == [50]  # without a baseline the level must hold
    assert expected_by(URBANISATION, date(2028, 1, 1), baseline=Baseline(END, D(55))) == 50


# --- GRDP bình quân 11% (average) ------------------------------------------------------


def test_average_is_the_plain_mean_and_a_small_miss_is_at_risk():
    on_track = evaluate(GRDP, [year_report(2026, "10.5"), year_report(2027, "11.8")], date(2028, 2, 1))
    at_risk = evaluate(GRDP, [year_report(2026, "10.5"), year_report(2027, "10.7")], date(2028, 2, 1))

    assert on_track.actual == D("11.15")
    assert on_track.status is Status.ON_TRACK
    assert at_risk.status is Status.AT_RISK  # 10,6%: 0,4 point short, allowance 1,1 points
    assert reason_of(at_risk) == (
        ReasonCode.UNDER_WAY,
        {"actual": "10.6", "gap": "0.4", "as_of": "2027-12-31", "measure": "average", "year": None},
    )


# --- Kết nạp từ 05 đến 10 đảng viên hằng năm (annual range) ----------------------------

PARTY_REPORTS = quarters([2, 1, 2, 2, 1, 1])  # 2026: 7; 2027: 1 in Q1, 1 in Q2


def test_annual_range_counts_the_current_year_only():
    progress = evaluate(PARTY, PARTY_REPORTS, date(2026, 7, 15))

    assert progress.status is Status.ON_TRACK
    assert progress.actual == 3
    assert progress.expected == D(5) * (D(181) / 365)  # 181 of the 365 days of 2026
    assert reason_of(progress) == (
        ReasonCode.UNDER_WAY,
        {"actual": "3", "gap": "2", "as_of": "2026-06-30", "measure": "count", "year": 2026},
    )
    assert (progress.reason.params["value"], progress.reason.params["value_max"]) == ("5", "10")
    assert round(D(progress.reason.params["projected"])) == 6


def test_annual_shows_the_year_just_closed_until_the_first_report_of_the_new_year_is_due():
    progress = evaluate(PARTY, PARTY_REPORTS[:4], date(2027, 2, 1))

    assert progress.status is Status.ACHIEVED
    assert reason_of(progress, "due") == (ReasonCode.ACHIEVED, {"actual": "7", "year": 2026, "due": None})
    assert evaluate(PARTY, PARTY_REPORTS[:4], date(2027, 4, 15)).status is Status.NO_DATA


def test_annual_range_reached_mid_year_is_on_track_not_achieved_because_it_could_overshoot():
    progress = evaluate(PARTY, quarters([3, 3]), date(2026, 7, 15))

    assert progress.status is Status.ON_TRACK  # projected 12: the unit can stop at 10


def test_annual_range_overshoot_is_flagged_once_it_happens():
    assert evaluate(PARTY, quarters([3, 3, 3, 3]), date(2027, 1, 10)).status is Status.BEHIND
    assert evaluate(PARTY, quarters([3, 3, 3, 2]), date(2027, 1, 10)).status is Status.BEHIND


def test_annual_small_counts_may_miss_by_one_person_and_be_only_at_risk():
    progress = evaluate(PARTY, PARTY_REPORTS, date(2027, 5, 1))  # 2027: 1 by 31/03, 1,2 expected

    assert progress.status is Status.AT_RISK
    assert progress.actual == 1


def test_annual_count_expected_restarts_each_year():
    assert expected_by(PARTY, date(2026, 12, 31)) == 5
    assert expected_by(PARTY, date(2027, 1, 1)) == D(5) / 365


# --- Whole-plan counts, "=", ">" --------------------------------------------------------


def test_one_initiative_over_the_plan_is_achieved_as_soon_as_it_is_recognised():
    recognised = Observation(date(2027, 5, 1), date(2027, 5, 31), D(1))

    assert evaluate(INITIATIVES, [recognised], date(2027, 6, 5)).status is Status.ACHIEVED


def test_equals_one_hundred_percent_means_reaching_one_hundred():
    all_units = target("=", "100", "%", "plan")

    assert evaluate(all_units, [year_report(2030, 100)], date(2031, 1, 5)).status is Status.ACHIEVED
    assert evaluate(all_units, [year_report(2030, 99)], date(2031, 1, 5)).status is Status.BEHIND


def test_strictly_above_is_not_met_by_the_value_itself():
    above_90 = target(">", "90", "%", "annual")

    assert evaluate(above_90, [year_report(2026, 90)], date(2027, 1, 5)).status is Status.BEHIND
    assert evaluate(above_90, [year_report(2026, "90.5")], date(2027, 1, 5)).status is Status.ACHIEVED


# --- No data, not started, late reports ---------------------------------------------------


def test_empty_reports_are_not_started_until_the_first_quarter_ends_then_no_data():
    before = evaluate(HOUSING, [], date(2025, 12, 1))
    first_quarter = evaluate(HOUSING, [], date(2026, 2, 10))
    later = evaluate(HOUSING, [], date(2026, 4, 10))

    assert before.status is first_quarter.status is Status.NOT_STARTED
    assert first_quarter.reason == Reason(ReasonCode.NOT_STARTED, {"starts_on": "2026-01-01"})
    assert later.status is Status.NO_DATA
    assert later.reason == Reason(ReasonCode.NO_DATA, {})
    assert later.actual is later.projected is later.gap is None


def test_reports_for_periods_not_yet_ended_or_outside_the_plan_are_ignored():
    reports = [
        *quarters([400]),
        quarter(2026, 2, 9999),  # ends 30/06, after today
        Observation(date(2025, 10, 1), date(2025, 12, 31), D(9999)),  # before the plan
    ]

    progress = evaluate(HOUSING, reports, date(2026, 5, 1))

    assert progress.actual == 400
    assert progress.as_of == date(2026, 3, 31)


def test_a_correction_listed_after_the_original_wins_for_levels():
    original, correction = year_report(2026, 40), year_report(2026, 41)

    assert actual_to_date(URBANISATION, [original, correction], date(2027, 2, 1)) == 41


def test_status_labels_are_vietnamese_and_cover_every_status():
    assert set(STATUS_LABELS) == set(Status)
    assert STATUS_LABELS[Status.BEHIND] == "Chậm tiến độ"
    assert evaluate(HOUSING, [], date(2026, 4, 10)).label == "Chưa có số liệu"


def test_an_inconsistent_target_is_refused():
    with pytest.raises(ValueError, match="khoảng"):
        target("range", "5", "đảng viên", "annual")
    with pytest.raises(ValueError, match="Ngày kết thúc"):
        target(span=(END, START))


# --- Properties ---------------------------------------------------------------------------

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2036, 12, 31))
amounts = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False, allow_infinity=False)
signed = st.decimals(min_value=-1_000, max_value=100_000, places=2, allow_nan=False, allow_infinity=False)
counts = st.integers(min_value=0, max_value=2_000).map(D)


@st.composite
def specs(draw, kinds=("annual", "cumulative", "by_date", "average", "plan"), comparators=None, rates=True):
    comparator = draw(st.sampled_from(comparators or (">=", "<=", "=", ">", "<", "range")))
    value = draw(amounts)
    starts_on = draw(st.dates(min_value=date(2021, 1, 1), max_value=date(2031, 12, 31)))
    return TargetSpec(
        comparator=comparator,
        value=value,
        value_max=value + draw(amounts) if comparator == "range" else None,
        unit=draw(st.sampled_from(["%", "căn hộ"])),
        period_kind=draw(st.sampled_from(kinds)),
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=draw(st.integers(0, 2_000))),
        is_rate=rates and draw(st.booleans()),
    )


@st.composite
def observations(draw, values=signed):
    start = draw(days)
    return Observation(
        period_start=start,
        period_end=start + timedelta(days=draw(st.integers(0, 400))),
        value=draw(st.none() | values),
        numerator=draw(st.none() | counts),
        denominator=draw(st.none() | counts),
    )


@given(specs(), st.lists(observations(), max_size=12), days)
def test_evaluate_never_raises_and_always_explains(spec, reports, today):
    progress = evaluate(spec, reports, today)

    assert progress.status in set(Status)
    assert progress.reason.code in set(ReasonCode)
    assert json.loads(json.dumps(progress.reason.as_json())) == progress.reason.as_json()  # stored as it is
    assert (progress.actual is None) == (progress.status in (Status.NO_DATA, Status.NOT_STARTED))


@given(specs(), st.lists(observations(), max_size=6), days)
def test_not_started_before_the_plan_starts(spec, reports, today):
    assume(today < spec.starts_on)

    assert evaluate(spec, reports, today).status is Status.NOT_STARTED


@given(
    specs(kinds=("cumulative",), rates=False),
    st.lists(observations(values=amounts), max_size=8),
    observations(values=amounts),
    days,
)
def test_cumulative_actual_never_falls_when_a_report_is_added(spec, reports, extra, today):
    before = actual_to_date(spec, reports, today) or 0
    after = actual_to_date(spec, [*reports, extra], today) or 0

    assert after >= before


@given(specs(kinds=("cumulative",)), days, days)
def test_cumulative_expected_rises_with_time_and_ends_at_the_target(spec, one, other):
    early, late = sorted([one, other])

    assert 0 <= expected_by(spec, early) <= expected_by(spec, late) <= spec.value
    assert expected_by(spec, spec.ends_on) == spec.value
    assert trajectory(spec, [early, late]) == [expected_by(spec, early), expected_by(spec, late)]


@given(
    specs(kinds=("cumulative",), comparators=(">=", "=", ">"), rates=False),
    st.lists(observations(values=amounts), max_size=8),
    days,
    st.data(),
)
def test_a_report_that_exceeds_a_cumulative_target_achieves_it(spec, reports, today, data):
    assume(spec.starts_on <= today)
    last = min(today, spec.ends_on)
    end = data.draw(st.dates(min_value=spec.starts_on, max_value=last))
    big = Observation(end - timedelta(days=90), end, spec.value + 1)

    assert evaluate(spec, [*reports, big], today).status is Status.ACHIEVED


@given(
    st.lists(
        st.tuples(counts, st.integers(min_value=1, max_value=2_000).map(D)).filter(lambda p: p[0] <= p[1]),
        min_size=1,
        max_size=10,
    )
)
def test_a_ratio_of_sums_lies_between_the_smallest_and_largest_period_ratio(pairs):
    reports = [quarter(2026, 1, numerator=n, denominator=d) for n, d in pairs]
    ratios = [n * 100 / d for n, d in pairs]

    assert min(ratios) <= ratio_of_sums(reports) <= max(ratios)


@given(specs(kinds=("by_date",)), st.decimals(min_value=0, max_value=200, places=1), days, days)
def test_a_by_date_line_stays_between_the_baseline_and_the_target(spec, level, on, today):
    assume(on <= spec.ends_on)
    expected = expected_by(spec, today, baseline=Baseline(on, level))
    bounds = [level, spec.value, spec.value_max if spec.value_max is not None else spec.value]

    assert min(bounds) <= expected <= max(bounds)


# --- Targets every unit must reach ---------------------------------------------------------


def _judged(status: progress.Status) -> progress.Progress:
    return progress.Progress(
        status, Decimal(1), None, None, None, progress.Reason(progress.ReasonCode.NO_DATA, {})
    )


EVERY_UNIT = progress.TargetSpec(
    comparator=">=",
    value=Decimal(1),
    value_max=None,
    unit="sáng kiến",
    period_kind="plan",
    starts_on=date(2026, 1, 1),
    ends_on=date(2030, 12, 31),
)


def test_every_unit_is_reached_only_when_each_unit_is():
    whole = _judged(progress.Status.ACHIEVED)
    units = [("Phòng A", _judged(progress.Status.ACHIEVED)), ("Phòng B", _judged(progress.Status.ON_TRACK))]
    result = progress.every_unit(EVERY_UNIT, whole, units)
    assert result.status is progress.Status.ON_TRACK
    assert result.reason.code is ReasonCode.EVERY_UNIT
    assert {key: result.reason.params[key] for key in ("units", "reached", "short", "more")} == {
        "units": 2,
        "reached": 1,
        "short": ["Phòng B"],
        "more": 0,
    }
    assert result.actual == whole.actual
    everyone = progress.every_unit(EVERY_UNIT, whole, units[:1])
    assert everyone.status is progress.Status.ACHIEVED
    assert (everyone.reason.params["units"], everyone.reason.params["short"]) == (1, [])


def test_every_unit_stands_where_the_furthest_behind_unit_does_and_names_a_few():
    statuses = [progress.Status.ON_TRACK, progress.Status.BEHIND, progress.Status.AT_RISK] + [
        progress.Status.NO_DATA
    ] * 3
    units = [(f"Phòng {n}", _judged(status)) for n, status in enumerate(statuses, 1)]
    result = progress.every_unit(EVERY_UNIT, _judged(progress.Status.ACHIEVED), units)
    assert result.status is progress.Status.BEHIND
    assert result.reason.params["short"] == ["Phòng 1", "Phòng 2", "Phòng 3"]
    assert (result.reason.params["more"], result.reason.params["reached"]) == (3, 0)


def test_every_unit_without_units_is_the_agencys_own_standing():
    whole = _judged(progress.Status.AT_RISK)
    assert progress.every_unit(EVERY_UNIT, whole, []) is whole


# --- A yearly path (lộ trình) ------------------------------------------------------------

# "7.500 căn hộ giai đoạn 2026 - 2030", with a path slow at first: 500, 1.500, 3.500, 5.500 by each year end.
HOUSING_PATH = dataclasses.replace(
    HOUSING,
    milestones=tuple(
        (date(year, 12, 31), D(total))
        for year, total in ((2026, 500), (2027, 1500), (2028, 3500), (2029, 5500))
    ),
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 31), D(500)),
        (date(2027, 12, 31), D(1500)),
        (date(2029, 12, 31), D(5500)),
        (date(2030, 12, 31), D(7500)),
        (date(2026, 7, 1), D(500) * 182 / 365),
        (date(2028, 7, 1), D(1500) + D(2000) * 183 / 366),
    ],
)
def test_a_running_total_follows_its_yearly_path(day, expected):
    assert progress.expected_by(HOUSING_PATH, day) == expected


def test_the_path_makes_a_slow_start_on_track_where_a_straight_line_says_behind():
    reports = [Observation(date(2026, 1, 1), date(2026, 12, 31), D(480))]
    on_line = progress.evaluate(HOUSING, reports, date(2027, 2, 1))
    on_path = progress.evaluate(HOUSING_PATH, reports, date(2027, 2, 1))
    assert on_line.status == Status.BEHIND and round(on_line.expected) == 1499  # a fifth of 7.500
    assert on_path.status in (Status.ON_TRACK, Status.AT_RISK) and on_path.expected == D(500)
    assert on_path.reason.params["path"] == "milestones" and on_line.reason.params["path"] == "line"
    from thidua.tracking.reasons import render_reason

    assert "theo lộ trình từng năm cần 500 căn hộ" in render_reason(on_path.reason.as_json())


def test_a_level_by_a_date_follows_its_milestones_from_its_first_report():
    path = dataclasses.replace(
        URBANISATION, milestones=((date(2027, 12, 31), D(40)), (date(2029, 12, 31), D(46)))
    )
    assert progress.expected_by(path, date(2027, 12, 31)) == D(40)
    assert progress.expected_by(path, date(2028, 12, 31)) == D(40) + D(6) * 366 / 731
    assert progress.expected_by(path, date(2030, 12, 31)) == D(50)
    baseline = progress.Baseline(date(2026, 12, 31), D(36))
    assert progress.expected_by(path, date(2027, 6, 30), baseline=baseline) == D(36) + D(4) * 181 / 365


def test_an_annual_count_and_a_plain_level_ignore_a_path():
    for spec in (PARTY, ON_TIME):
        with_path = dataclasses.replace(spec, milestones=((date(2027, 12, 31), D(3)),))
        assert not progress.follows_milestones(with_path)
        assert progress.expected_by(with_path, date(2028, 6, 30)) == progress.expected_by(
            spec, date(2028, 6, 30)
        )
