"""The progress engine: actual to date, expected by now, projection and status of one target.

Pure functions over frozen dataclasses, with no Django import, so that pages, reminders,
generated reports and the API all judge a target the same way and tests need no database.
A caller turns a `Target` and its approved `Report`s into a `TargetSpec` and `Observation`s,
calls `evaluate(spec, observations, today)` and shows `Progress.status` and `.reason` (a code and
figures, which `tracking/reasons.py` puts into words).

How each kind of target is read (policy in one place; every rule is tested):

- Only observations whose period ends inside the plan (starts_on ≤ period_end) and by
  `today` count; reports for later periods, or for periods after ends_on, are ignored.
- Counts (cumulative targets; annual and whole-plan targets in a counted noun) add up.
  Levels (percentages, by_date and average targets, rates) are read, never added.
- A rate (`is_rate`) is the ratio of the summed numerators to the summed denominators
  × 100 — never the mean of the period ratios, which would give a month with 3 dossiers
  the weight of a month with 3.000. A period with denominator 0 has no value.
- Annual targets are judged on the current calendar year (clipped to the plan). Until the
  first quarterly report of a new year is due, the year just closed is shown instead.
- Dates are whole days: counts accrue day by day, so at the end of `starts_on` one day of
  the span has elapsed and at the end of `ends_on` all of it has.
- Reports arrive after the period they cover, so actual, expected and projection are all
  taken "as of" the end of the latest reported period, not `today`: a unit that reported
  the first quarter on 15 April is judged against the first quarter's share of the target.
- "=" means "reach the value" (100% of dossiers, 01 initiative): plans write it as a floor.
- Average targets use the plain mean of the reported values. For growth rates the
  compound (geometric) average differs by less than 0,1 point while yearly rates stay
  within a few points of each other (10, 12, 11, 13, 9% → 11% against 10,99%), so no
  second method is offered.
"""

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import IntEnum, StrEnum
from itertools import pairwise
from typing import Protocol, TypeGuard


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    BEHIND = "behind"
    NO_DATA = "no_data"
    NOT_STARTED = "not_started"


STATUS_LABELS: dict[Status, str] = {
    Status.ACHIEVED: "Đã đạt",
    Status.ON_TRACK: "Đúng tiến độ",
    Status.AT_RISK: "Có nguy cơ",
    Status.BEHIND: "Chậm tiến độ",
    Status.NO_DATA: "Chưa có số liệu",
    Status.NOT_STARTED: "Chưa đến kỳ",
}

# --- Policy -----------------------------------------------------------------------------
# A miss of at most 10% of what is needed (expected now, or the target at the end) is
# "có nguy cơ"; a larger miss is "chậm tiến độ".
AT_RISK_SHARE = Decimal("0.10")
# ...but for percentages the allowance never exceeds 2 points: 10% of a 99% on-time rate
# would let 89,1% pass as merely "at risk".
AT_RISK_POINTS = Decimal("2")
# ...and for counts it is never less than one whole unit: with 1,2 party members expected
# by March, having admitted 1 is as close as whole people allow.
AT_RISK_UNITS = Decimal(1)
# Agencies report at least quarterly: until the end of the quarter in which the plan (or an
# annual target's year) starts, a target without data is "chưa đến kỳ", afterwards it is
# "chưa có số liệu".
REPORTING_MONTHS = 3

COMPARATORS = frozenset({">=", "<=", "=", ">", "<", "range"})
PERIOD_KINDS = frozenset({"annual", "cumulative", "by_date", "average", "plan"})
LOWER_IS_BETTER = frozenset({"<=", "<"})
FLOORS = frozenset({">=", ">", "="})
HUNDRED = Decimal(100)
ZERO = Decimal(0)


@dataclass(frozen=True)
class TargetSpec:
    comparator: str  # ">=", "<=", "=", ">", "<", "range"
    value: Decimal
    value_max: Decimal | None  # only for "range"
    unit: str  # "%" or a counted noun ("căn hộ")
    period_kind: str  # "annual", "cumulative", "by_date", "average", "plan"
    starts_on: date
    ends_on: date
    is_rate: bool = False  # reported as numerator/denominator (dossiers on time / settled)
    # The plan's or the office's yearly path (lộ trình): (date, level or running total due by then).
    milestones: tuple[tuple[date, Decimal], ...] = ()

    def __post_init__(self) -> None:
        # A bad spec is a bug upstream (the Target model forbids it): fail loudly here
        # rather than show a wrong status on every dashboard.
        if self.comparator not in COMPARATORS:
            raise ValueError(f"Phép so sánh không hợp lệ: {self.comparator!r}.")
        if self.period_kind not in PERIOD_KINDS:
            raise ValueError(f"Cách tính theo thời gian không hợp lệ: {self.period_kind!r}.")
        if (self.comparator == "range") != (self.value_max is not None):
            raise ValueError("Chỉ chỉ tiêu dạng khoảng mới có (và phải có) giá trị tối đa.")
        if self.value_max is not None and self.value_max < self.value:
            raise ValueError("Giá trị tối đa phải lớn hơn giá trị tối thiểu.")
        if self.ends_on < self.starts_on:
            raise ValueError("Ngày kết thúc phải sau ngày bắt đầu.")


@dataclass(frozen=True)
class Observation:
    """One approved report for one period."""

    period_start: date
    period_end: date
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


@dataclass(frozen=True)
class Baseline:
    """The first reported level of a by_date target: where its trajectory starts."""

    on: date
    value: Decimal


class ReasonCode(StrEnum):
    """Why a target stands where it does. Beside the parameters named here, every code from ACHIEVED on
    carries the commitment: comparator, value, value_max, unit."""

    NOT_STARTED = "not_started"  # starts_on
    NO_DATA = "no_data"
    ACHIEVED = "achieved"  # + actual, year (annual) or due (met before the end)
    MISSED = "missed"  # + actual, year (annual) or ended_on
    UNDER_WAY = "under_way"  # + actual, as_of, year, measure, expected, gap, projected, projected_on, trend
    EVERY_UNIT = "every_unit"  # + units, reached, short (the first units still short), more


Param = str | int | bool | list[str] | None


@dataclass(frozen=True)
class Reason:
    code: ReasonCode
    params: dict[str, Param]

    def as_json(self) -> dict[str, object]:
        return {"code": self.code.value, "params": dict(self.params)}


@dataclass(frozen=True)
class Progress:
    status: Status
    actual: Decimal | None  # actual as of `as_of`, in the target's unit
    expected: Decimal | None  # what the trajectory asks for at `as_of` (at `today` without data)
    projected: Decimal | None  # projection at ends_on (annual: at the end of the judged year)
    gap: Decimal | None  # target − actual (positive = still missing; for ≤: actual − target)
    reason: Reason  # why, for people: rendered in their language by tracking/reasons.py
    as_of: date | None = None  # end of the latest reported period the figures stand for

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class _Basis:
    """What a judgement rests on: the window judged and the reports inside it."""

    start: date
    end: date
    observations: tuple[Observation, ...]  # sorted by period_end, never empty
    closed: bool  # the window is over: nothing can change any more
    year: int | None  # the judged year of an annual target

    @property
    def as_of(self) -> date:
        return self.observations[-1].period_end


class _Grade(IntEnum):
    OK = 0
    NEAR = 1
    FAR = 2


# --- Reading the reports ----------------------------------------------------------------


def counted_observations(
    spec: TargetSpec, observations: Iterable[Observation], today: date
) -> list[Observation]:
    """Reports for periods ended inside the plan by `today`, oldest first.

    The sort is stable, so of two reports for the same period the later in the list (a
    correction) comes last and wins where the latest value is read.
    """
    last = min(today, spec.ends_on)
    kept = [o for o in observations if spec.starts_on <= o.period_end <= last]
    return sorted(kept, key=lambda o: o.period_end)


def observed_value(spec: TargetSpec, observation: Observation) -> Decimal | None:
    """The value of one report; for a rate, numerator and denominator win over value."""
    if spec.is_rate and _has_pair(observation):
        if observation.denominator <= 0:
            return None  # nothing to count in this period (no dossier settled)
        return observation.numerator * HUNDRED / observation.denominator
    return observation.value


def ratio_of_sums(observations: Iterable[Observation]) -> Decimal | None:
    """Σ numerators / Σ denominators × 100 over the reports that carry both."""
    pairs = [(o.numerator, o.denominator) for o in observations if _has_pair(o) and o.denominator > 0]
    denominator = sum((d for _, d in pairs), ZERO)
    if denominator <= 0:
        return None
    return sum((n for n, _ in pairs), ZERO) * HUNDRED / denominator


class _Paired(Protocol):
    """An observation that carries both a numerator and a denominator."""

    @property
    def numerator(self) -> Decimal: ...
    @property
    def denominator(self) -> Decimal: ...


def _has_pair(observation: Observation) -> TypeGuard[_Paired]:
    return observation.numerator is not None and observation.denominator is not None


def is_count(spec: TargetSpec) -> bool:
    """Counts add up over periods; everything else is a level read at a point in time."""
    if spec.is_rate:
        return False
    return spec.period_kind == "cumulative" or (spec.period_kind in ("annual", "plan") and spec.unit != "%")


# --- Which window is judged -------------------------------------------------------------


def _first_report_due(start: date) -> date:
    """End of the reporting quarter containing `start` (31/03 for a plan starting 01/01)."""
    month = (start.month - 1) // REPORTING_MONTHS * REPORTING_MONTHS + REPORTING_MONTHS
    return date(start.year, month, calendar.monthrange(start.year, month)[1])


def _year_window(spec: TargetSpec, year: int) -> tuple[date, date]:
    return max(date(year, 1, 1), spec.starts_on), min(date(year, 12, 31), spec.ends_on)


def _current_year(spec: TargetSpec, day: date) -> int:
    return min(max(day.year, spec.starts_on.year), spec.ends_on.year)


def _basis_in(
    spec: TargetSpec,
    counted: Sequence[Observation],
    today: date,
    window: tuple[date, date],
    year: int | None = None,
) -> _Basis | Status:
    start, end = window
    inside = tuple(o for o in counted if start <= o.period_end <= end)
    if not inside:
        return Status.NOT_STARTED if today < min(_first_report_due(start), end) else Status.NO_DATA
    basis = _Basis(start, end, inside, today >= end, year)
    return basis if _actual(spec, basis) is not None else Status.NO_DATA


def _annual_basis(spec: TargetSpec, counted: Sequence[Observation], today: date) -> _Basis | Status:
    year = _current_year(spec, today)
    current = _basis_in(spec, counted, today, _year_window(spec, year), year)
    if current is not Status.NOT_STARTED or year == spec.starts_on.year:
        return current
    # A new year whose first report is not due yet: people still look at the year just closed.
    previous = _basis_in(spec, counted, today, _year_window(spec, year - 1), year - 1)
    return previous if isinstance(previous, _Basis) else Status.NO_DATA


def _basis(spec: TargetSpec, observations: Iterable[Observation], today: date) -> _Basis | Status:
    if today < spec.starts_on:
        return Status.NOT_STARTED
    counted = counted_observations(spec, observations, today)
    if spec.period_kind == "annual":
        return _annual_basis(spec, counted, today)
    return _basis_in(spec, counted, today, (spec.starts_on, spec.ends_on))


# --- Actual, expected, projection -------------------------------------------------------


def _actual(spec: TargetSpec, basis: _Basis) -> Decimal | None:
    observations = basis.observations
    if spec.is_rate and spec.period_kind != "by_date" and any(_has_pair(o) for o in observations):
        return ratio_of_sums(observations)
    values = [v for o in observations if (v := observed_value(spec, o)) is not None]
    if not values:
        return None
    if is_count(spec):
        return sum(values, ZERO)
    if spec.period_kind == "average":
        return sum(values, ZERO) / len(values)
    return values[-1]  # a level: the latest report says where it stands


def actual_to_date(spec: TargetSpec, observations: Iterable[Observation], today: date) -> Decimal | None:
    """The figure to date in the target's unit; None when nothing usable has been reported."""
    basis = _basis(spec, observations, today)
    return None if isinstance(basis, Status) else _actual(spec, basis)


def baseline_of(spec: TargetSpec, observations: Iterable[Observation], today: date) -> Baseline | None:
    """The first reported level of a by_date target (None for other kinds or without data)."""
    if spec.period_kind != "by_date":
        return None
    for observation in counted_observations(spec, observations, today):
        value = observed_value(spec, observation)
        if value is not None:
            return Baseline(observation.period_end, value)
    return None


def elapsed_share(start: date, end: date, day: date) -> Decimal:
    """Share of the days start..end (both included) that are over at the end of `day`, in [0, 1]."""
    total = (end - start).days + 1
    done = min(max((day - start).days + 1, 0), total)
    return Decimal(done) / Decimal(total)


def follows_milestones(spec: TargetSpec) -> bool:
    """Whether "expected by now" follows the yearly path rather than a straight line: a running total
    over the plan, or a level to reach by a date, with at least one milestone inside the span."""
    over_span = (is_count(spec) and spec.period_kind != "annual") or spec.period_kind == "by_date"
    return over_span and any(spec.starts_on <= day <= spec.ends_on for day, _v in spec.milestones)


def expected_by(spec: TargetSpec, today: date, *, baseline: Baseline | None = None) -> Decimal:
    """The level the target asks for at the end of `today`.

    With a yearly path (`milestones`), a running total or a by_date level follows it from point to
    point, then to the value at ends_on. Otherwise counts follow a straight line from 0 to the
    value over the plan (annual counts: over the year). A by_date level given a `baseline` that
    does not meet the target yet follows a straight line from the baseline to the target at
    ends_on — asking for 50% urbanisation in 2026 when 2030 is the deadline would make the target
    "behind" for four years. Any other level must hold now: the expected level is the target value.
    """
    if follows_milestones(spec):
        return _along_milestones(spec, today, baseline)
    if is_count(spec):
        if spec.period_kind == "annual":
            start, end = _year_window(spec, _current_year(spec, today))
        else:
            start, end = spec.starts_on, spec.ends_on
        return spec.value * elapsed_share(start, end, today)
    if spec.period_kind == "by_date" and baseline is not None and not meets(spec, baseline.value):
        return _line(baseline, _aim(spec, baseline.value), spec.ends_on, today)
    return spec.value


def _along_milestones(spec: TargetSpec, day: date, baseline: Baseline | None) -> Decimal:
    """Straight between the path's points: a total from 0 before the first day (whole days, as
    counts accrue); a level from its baseline, or held at the first milestone before it."""
    points = sorted((d, v) for d, v in spec.milestones if spec.starts_on <= d <= spec.ends_on)
    if points[-1][0] < spec.ends_on:
        points.append((spec.ends_on, spec.value))
    if is_count(spec):
        start, value = spec.starts_on, Decimal(0)
        for end, aim in points:
            if day <= end:
                return value + (aim - value) * elapsed_share(start, end, day)
            start, value = end + timedelta(days=1), aim
        return spec.value
    if baseline is not None and baseline.on < points[0][0]:
        points.insert(0, (baseline.on, baseline.value))
    if day <= points[0][0]:
        return points[0][1]
    for (before, low), (after, high) in pairwise(points):
        if day <= after:
            return _line(Baseline(before, low), high, after, day)
    return spec.value


def _line(baseline: Baseline, aim: Decimal, end: date, day: date) -> Decimal:
    # A level is a point in time: interpolate between two dates, no whole-day accrual.
    span = (end - baseline.on).days
    if span <= 0 or day >= end:
        return aim
    if day <= baseline.on:
        return baseline.value
    return baseline.value + (aim - baseline.value) * Decimal((day - baseline.on).days) / Decimal(span)


def _aim(spec: TargetSpec, level: Decimal) -> Decimal:
    """The bound of the target a level moves towards (the upper one when above a range)."""
    if spec.comparator == "range" and spec.value_max is not None and level > spec.value_max:
        return spec.value_max
    return spec.value


def trajectory(spec: TargetSpec, points: list[date], *, baseline: Baseline | None = None) -> list[Decimal]:
    """The expected level at each date, for charts (pass `baseline_of(...)` for by_date)."""
    return [expected_by(spec, point, baseline=baseline) for point in points]


def _projection(spec: TargetSpec, basis: _Basis, actual: Decimal) -> Decimal | None:
    if is_count(spec) and spec.period_kind == "annual":
        # This year's pace, over the part of the year the reports cover.
        return actual / elapsed_share(basis.start, basis.end, basis.as_of)
    if is_count(spec) and follows_milestones(spec):
        # Keeping the pace of the path so far: the same share of each later milestone.
        due = expected_by(spec, basis.as_of)
        return actual * spec.value / due if due > 0 else None
    if is_count(spec):
        first = min(o.period_start for o in basis.observations)
        covered = max((basis.as_of - first).days + 1, 1)
        remaining = max((spec.ends_on - basis.as_of).days, 0)
        return actual + actual / Decimal(covered) * Decimal(remaining)
    if spec.period_kind == "by_date":
        return _trend_at(spec, basis.observations, spec.ends_on)
    return actual  # averages and rates: the current level is the best guess


def _trend_at(spec: TargetSpec, observations: Sequence[Observation], day: date) -> Decimal | None:
    """Least-squares straight line through the reported levels, read at `day`.

    None with fewer than two report dates: one point gives no trend.
    """
    points = [
        (Decimal(o.period_end.toordinal()), v)
        for o in observations
        if (v := observed_value(spec, o)) is not None
    ]
    if len({x for x, _ in points}) < 2:
        return None
    n = Decimal(len(points))
    mean_x = sum((x for x, _ in points), ZERO) / n
    mean_y = sum((y for _, y in points), ZERO) / n
    sxx = sum(((x - mean_x) ** 2 for x, _ in points), ZERO)
    sxy = sum(((x - mean_x) * (y - mean_y) for x, y in points), ZERO)
    return mean_y + sxy / sxx * (Decimal(day.toordinal()) - mean_x)


def projection(spec: TargetSpec, observations: Iterable[Observation], today: date) -> Decimal | None:
    """Where the target will stand at ends_on (annual: at the end of the judged year) at this pace."""
    basis = _basis(spec, observations, today)
    if isinstance(basis, Status):
        return None
    actual = _actual(spec, basis)
    return None if actual is None else _projection(spec, basis, actual)


# --- Judging ----------------------------------------------------------------------------


def meets(spec: TargetSpec, level: Decimal) -> bool:
    """Whether `level` satisfies the target's comparator ("=" means reaching the value)."""
    match spec.comparator:
        case ">":
            return level > spec.value
        case "<=":
            return level <= spec.value
        case "<":
            return level < spec.value
        case "range":
            return spec.value <= level <= (spec.value_max if spec.value_max is not None else spec.value)
        case _:
            return level >= spec.value


Band = tuple[Decimal | None, Decimal | None]  # (lowest acceptable, highest acceptable)


def _band(spec: TargetSpec, level: Decimal) -> Band:
    """The interval an actual must lie in when `level` is what is expected now."""
    if spec.comparator in LOWER_IS_BETTER:
        return None, level
    if spec.comparator == "range" and spec.value_max is not None:
        return min(level, spec.value), max(level, spec.value_max)
    return level, None


def _target_band(spec: TargetSpec) -> Band:
    if spec.comparator == "range" and is_count(spec):
        # A count projected past the top of its range is not a risk: the unit can stop
        # there. Only a count actually past the top is flagged.
        return spec.value, None
    return _band(spec, spec.value)


def allowance(spec: TargetSpec, level: Decimal) -> Decimal:
    """How far from `level` a figure may fall and still be only "có nguy cơ"."""
    share = abs(level) * AT_RISK_SHARE
    if spec.unit == "%":
        return min(share, AT_RISK_POINTS)
    return max(share, AT_RISK_UNITS) if is_count(spec) else share


def _grade(spec: TargetSpec, figure: Decimal, band: Band, strict: bool = False) -> _Grade:
    low, high = band
    if low is not None and (figure < low or (strict and figure == low)):
        return _Grade.NEAR if low - figure <= allowance(spec, low) else _Grade.FAR
    if high is not None and (figure > high or (strict and figure == high)):
        return _Grade.NEAR if figure - high <= allowance(spec, high) else _Grade.FAR
    return _Grade.OK


def _settled(spec: TargetSpec, basis: _Basis, actual: Decimal) -> bool:
    """Met for good: the window is over, or a count reached its floor (counts only grow)."""
    if not meets(spec, actual):
        return False
    return basis.closed or (is_count(spec) and spec.comparator in FLOORS)


def _lost(spec: TargetSpec, basis: _Basis, actual: Decimal) -> bool:
    """Missed for good: the window is over, or a count went past its ceiling (counts only grow)."""
    if meets(spec, actual):
        return False
    return basis.closed or (is_count(spec) and spec.comparator not in FLOORS and actual >= spec.value)


def _status(
    spec: TargetSpec, basis: _Basis, actual: Decimal, expected: Decimal, projected: Decimal | None
) -> Status:
    """On track when the actual keeps to the trajectory and the projection meets the target;
    at risk when the worse of the two misses within the allowance; behind otherwise."""
    if _settled(spec, basis, actual):
        return Status.ACHIEVED
    if _lost(spec, basis, actual):
        return Status.BEHIND  # no tolerance can help any more
    grades = [_grade(spec, actual, _band(spec, expected))]
    if projected is not None:
        grades.append(_grade(spec, projected, _target_band(spec), strict=spec.comparator in (">", "<")))
    return {_Grade.OK: Status.ON_TRACK, _Grade.NEAR: Status.AT_RISK, _Grade.FAR: Status.BEHIND}[max(grades)]


def _gap(spec: TargetSpec, actual: Decimal) -> Decimal:
    if spec.comparator in LOWER_IS_BETTER:
        return actual - spec.value
    if spec.comparator == "range" and spec.value_max is not None and actual > spec.value_max:
        return spec.value_max - actual  # negative: above the range
    if spec.comparator == "range":
        return max(spec.value - actual, ZERO)
    return spec.value - actual


def evaluate(spec: TargetSpec, observations: Iterable[Observation], today: date) -> Progress:
    """Judge one target on `today` from its approved reports."""
    observations = tuple(observations)  # read more than once below
    basis = _basis(spec, observations, today)
    actual = None if isinstance(basis, Status) else _actual(spec, basis)
    if isinstance(basis, Status) or actual is None:
        status = basis if isinstance(basis, Status) else Status.NO_DATA
        return Progress(status, None, expected_by(spec, today), None, None, _waiting_reason(spec, status))
    expected = expected_by(spec, basis.as_of, baseline=baseline_of(spec, observations, today))
    projected = _projection(spec, basis, actual)
    status = _status(spec, basis, actual, expected, projected)
    reason = _reason(spec, basis, status, actual, expected, projected)
    return Progress(status, actual, expected, projected, _gap(spec, actual), reason, basis.as_of)


# --- Reasons ----------------------------------------------------------------------------
# Why a target stands where it does, as a code and the figures that explain it, never as words:
# pages, e-mails and documents render it in the reader's language (`tracking/reasons.py`), and a
# stored reason reads in the wording of the day. Figures are strings ("7124.5") and dates ISO
# ("2030-12-31"), so that a reason is JSON as it is.


def _figure(value: Decimal) -> str:
    """A figure as a reason carries it: "7500", "50.1", "-2" (a sum of nothing is the int 0)."""
    return f"{Decimal(value).normalize():f}"


def _requirement(spec: TargetSpec) -> dict[str, Param]:
    """What a reason carries of the commitment, to say it: comparator, value(s), unit."""
    return {
        "comparator": spec.comparator,
        "value": _figure(spec.value),
        "value_max": None if spec.value_max is None else _figure(spec.value_max),
        "unit": spec.unit,
    }


def _waiting_reason(spec: TargetSpec, status: Status) -> Reason:
    if status is Status.NOT_STARTED:
        return Reason(ReasonCode.NOT_STARTED, {"starts_on": spec.starts_on.isoformat()})
    return Reason(ReasonCode.NO_DATA, {})


def _measure(spec: TargetSpec) -> str:
    """How the actual reads: a count piled up so far, an average, or a level standing now."""
    if is_count(spec):
        return "count"
    return "average" if spec.period_kind == "average" else "level"


def _reason(
    spec: TargetSpec,
    basis: _Basis,
    status: Status,
    actual: Decimal,
    expected: Decimal,
    projected: Decimal | None,
) -> Reason:
    params: dict[str, Param] = {**_requirement(spec), "actual": _figure(actual), "year": basis.year}
    if status is Status.ACHIEVED:
        return Reason(ReasonCode.ACHIEVED, params | {"due": None if basis.closed else basis.end.isoformat()})
    if basis.closed:
        return Reason(ReasonCode.MISSED, params | {"ended_on": basis.end.isoformat()})
    # For averages and rates the projection is the current level: it is not said.
    shown = projected is not None and (is_count(spec) or spec.period_kind == "by_date")
    return Reason(
        ReasonCode.UNDER_WAY,
        params
        | {
            "as_of": basis.as_of.isoformat(),
            "measure": _measure(spec),
            "expected": _figure(expected),
            "gap": _figure(_gap(spec, actual)),
            "projected": _figure(projected) if shown and projected is not None else None,
            "projected_on": basis.end.isoformat(),
            "trend": spec.period_kind == "by_date",
            "path": "milestones" if follows_milestones(spec) else "line",
        },
    )


# --- Targets every unit must reach --------------------------------------------------------

# How the units' standings weigh on a target each of them must reach: the worst one tells.
_WORST_FIRST = (
    Status.BEHIND,
    Status.AT_RISK,
    Status.NO_DATA,
    Status.ON_TRACK,
    Status.NOT_STARTED,
    Status.ACHIEVED,
)
NAMED_UNITS = 3  # how many units still short a reason names ("và N đơn vị khác" for the rest)


def every_unit(spec: TargetSpec, whole: Progress, units: Sequence[tuple[str, Progress]]) -> Progress:
    """A target each unit must reach on its own ("mỗi phòng, ban, đơn vị có tối thiểu 01 sáng
    kiến"), judged for the agency: reached when every unit has reached it, otherwise where its
    furthest-behind unit stands. The figures stay the agency's totals (`whole`); the reason says
    how many units have reached it and names those still short."""
    if not units:
        return whole
    status = min((progress.status for _name, progress in units), key=_WORST_FIRST.index)
    short = [name for name, progress in units if progress.status is not Status.ACHIEVED]
    reason = Reason(
        ReasonCode.EVERY_UNIT,
        {
            **_requirement(spec),
            "units": len(units),
            "reached": len(units) - len(short),
            "short": short[:NAMED_UNITS],
            "more": max(len(short) - NAMED_UNITS, 0),
        },
    )
    return Progress(status, whole.actual, whole.expected, whole.projected, whole.gap, reason, whole.as_of)
