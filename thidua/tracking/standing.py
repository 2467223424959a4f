"""Keep ProgressSnapshot rows up to date: where each target stands, overall and per unit.

Runs on every approval (one target at a time) and nightly for everything (`thidua progress
refresh`), because "expected by now" moves with the calendar even when nobody reports.
"""

import datetime
from collections import defaultdict
from decimal import Decimal
from itertools import accumulate

from django.db import transaction
from django.utils import timezone

from thidua.core import pagecache
from thidua.plans.models import Plan, Target
from thidua.tracking import indicators, progress
from thidua.tracking.models import Assignment, ProgressSnapshot, Report
from thidua.tracking.periods import Period, periods_between, rhythm_for
from thidua.tracking.specs import target_spec


def _observation(report: Report) -> progress.Observation:
    return progress.Observation(
        report.period_start, report.period_end, report.value, report.numerator, report.denominator
    )


def merge_units(
    target: Target, by_unit: dict[int, list[Report]], lead_unit_ids: set[int]
) -> list[progress.Observation]:
    """One series for the whole target from the units' series.

    Counts add up across units; rates add numerators and denominators; levels (percentages
    reported as a single figure) are the lead units', as a lead unit reports the agency's figure;
    with no lead unit assigned, every unit's.
    """
    periods: dict[tuple, list[Report]] = defaultdict(list)
    for unit_id, reports in by_unit.items():
        for report in reports:
            periods[(report.period_start, report.period_end)].append((unit_id, report))
    merged = []
    for (start, end), items in sorted(periods.items()):
        reports = [report for _, report in items]
        if all(r.denominator for r in reports):
            merged.append(
                progress.Observation(
                    start, end, None, sum(r.numerator for r in reports), sum(r.denominator for r in reports)
                )
            )
        elif target.unit_of_measure != "%":
            merged.append(progress.Observation(start, end, sum(r.value for r in reports)))
        else:
            lead = [report for unit_id, report in items if unit_id in lead_unit_ids or not lead_unit_ids]
            if lead:  # a coordinating unit's level alone says nothing of the agency's
                merged.append(progress.Observation(start, end, sum(r.value for r in lead) / len(lead)))
    return merged


def _series(observations: list[progress.Observation], spec: progress.TargetSpec) -> list[list]:
    points = []
    for observation in observations:
        value = progress.observed_value(spec, observation)
        if value is not None:
            points.append([observation.period_end.isoformat(), float(value)])
    return points


def chart_points(target: Target, series: list) -> tuple[list[datetime.date], list[float], list[float]]:
    """(period ends, actual, trajectory) of a snapshot's series, as the target's chart draws them: a
    count over the whole span builds up period by period; the trajectory is the expected figure on
    each date. Shared by the dashboard's chart and the documents' charts."""
    spec = target_spec(target)
    dates = [datetime.date.fromisoformat(point[0]) for point in series] or [spec.starts_on, spec.ends_on]
    actual = [point[1] for point in series]
    if progress.is_count(spec) and target.period_kind in ("cumulative", "plan"):
        actual = list(accumulate(actual))
    return dates, actual, [float(value) for value in progress.trajectory(spec, dates)]


def _unit_value(target: Target, assignment: Assignment) -> Decimal | None:
    """What one unit must reach: its share, or the target itself when each unit must reach it."""
    if assignment.share is not None:
        return assignment.share
    if target.per_unit or target.unit_of_measure == "%":
        return target.value
    return None


def _snapshot_values(result: progress.Progress, spec, observations, today) -> dict:
    return {
        "status": result.status.value,
        "actual": result.actual,
        "expected": result.expected,
        "projected": result.projected,
        "reason": result.reason.as_json(),
        "as_of": result.as_of,
        "series": _series(observations, spec),
        "computed_on": today,
    }


def computed_observations(target: Target, today: datetime.date, unit=None) -> list[progress.Observation]:
    """A computed target's series: its indicator evaluated at every period that has ended and at the
    current one up to `today` ("đến nay"), for the agency or for one unit. Nobody has to report a
    computed figure, so it need not wait for the period's end; the last observation ends on `today`,
    and the figures read "tính đến" that day."""
    found = indicators.REGISTRY.get(target.indicator)
    spec = target_spec(target)
    if found is None:
        return []
    rhythm = rhythm_for(target.period_kind, target.plan.reporting_rhythm)
    observations = []
    for period in periods_between(spec.starts_on, min(spec.ends_on, today), rhythm):
        if period.end > today:
            period = Period(period.start, today, rhythm, partial=True)
        value = found.compute(target, unit, period)
        if value is not None:
            observations.append(progress.Observation(period.start, period.end, value))
    return observations


@transaction.atomic
def refresh_target(target: Target, today: datetime.date | None = None) -> None:
    """Recompute the target's snapshots: one for the agency and one per assigned unit."""
    today = today or timezone.localdate()
    rows = target_rows(target, today)
    for unit_id, values in rows:
        ProgressSnapshot.objects.update_or_create(
            target=target,
            unit_id=unit_id,
            defaults={"organization_id": target.plan.organization_id, **values},
        )
    ProgressSnapshot.objects.filter(target=target).exclude(unit_id=None).exclude(
        unit_id__in=[unit_id for unit_id, _ in rows if unit_id]
    ).delete()


def target_rows(target: Target, today: datetime.date, *, reported_by: datetime.date | None = None) -> list:
    """[(unit id or None, snapshot values)] of the target on `today`, without writing anything: what
    `refresh_target` stores, and what documents "as of a date" read. With `reported_by`, only the
    reports of periods ended by that day count (a report as of a past date)."""
    if target.measurement == Target.Measurement.COMPUTED:
        units = []
        if target.per_unit:  # "mỗi phòng, ban, đơn vị …": each assigned unit is judged on its own count
            for assignment in target.assignments.select_related("unit").order_by("pk"):
                spec = target_spec(target, _unit_value(target, assignment))
                observations = computed_observations(target, today, assignment.unit)
                units.append((assignment.unit_id, assignment.unit.name, spec, observations))
        rows = judged_rows(target, target_spec(target), computed_observations(target, today), units, today)
    else:
        assignments = list(target.assignments.select_related("unit").order_by("pk"))
        reports = Report.objects.counted().filter(assignment__target=target).order_by("period_end")
        if reported_by is not None:
            reports = reports.filter(period_end__lte=reported_by)
        rows = entered_rows(target, assignments, reports, today)
    return rows


def entered_rows(target: Target, assignments: list[Assignment], reports, today: datetime.date) -> list:
    """The snapshots of a target its units report on, from its assignments (with their units) and its
    counted reports in order of period end; no database access."""
    reports = list(reports)
    by_unit: dict[int, list[Report]] = defaultdict(list)
    unit_of = {assignment.pk: assignment.unit_id for assignment in assignments}
    for report in reports:
        by_unit[unit_of[report.assignment_id]].append(report)
    is_rate = any(report.denominator for report in reports)
    lead_ids = {a.unit_id for a in assignments if a.role == Assignment.Role.LEAD}
    # The agency's figure comes from the units that answer for the target: the lead units and
    # those given a share; a coordinating unit's own report shows on its row only.
    answering = lead_ids | {a.unit_id for a in assignments if a.share is not None}
    counted = {unit: rows for unit, rows in by_unit.items() if unit in answering or not answering}
    units = []
    for assignment in assignments:
        value = _unit_value(target, assignment)
        if value is not None:
            observations = [_observation(report) for report in by_unit.get(assignment.unit_id, [])]
            spec = target_spec(target, value, is_rate=is_rate)
            units.append((assignment.unit_id, assignment.unit.name, spec, observations))
    whole = merge_units(target, counted, lead_ids)
    return judged_rows(target, target_spec(target, is_rate=is_rate), whole, units, today)


def judged_rows(target: Target, spec, observations, units, today: datetime.date) -> list:
    """[(unit id, snapshot values)]: the agency (None) and each unit (id, name, spec, observations).

    A target every unit must reach stands for the agency where its furthest-behind unit stands."""
    results = [
        (unit_id, name, unit_spec, seen, progress.evaluate(unit_spec, seen, today))
        for unit_id, name, unit_spec, seen in units
    ]
    overall = progress.evaluate(spec, observations, today)
    if target.per_unit:
        overall = progress.every_unit(
            spec, overall, [(name, result) for _id, name, _s, _o, result in results]
        )
    rows = [(None, _snapshot_values(overall, spec, observations, today))]
    rows += [(unit_id, _snapshot_values(result, s, seen, today)) for unit_id, _n, s, seen, result in results]
    return rows


def refresh_measured_by(organization_id: int, *codes: str) -> None:
    """Refresh the agency's targets under way measured by one of the indicators `codes`: a computed
    target moves as soon as the records it counts do (an initiative recognised, a dialogue held)."""
    targets = Target.objects.filter(
        plan__organization_id=organization_id,
        plan__status=Plan.Status.PUBLISHED,
        measurement=Target.Measurement.COMPUTED,
        indicator__in=codes,
    ).select_related("plan")
    for target in targets:
        refresh_target(target)


def refresh_all(today: datetime.date | None = None) -> int:
    """Nightly: every target of every plan under way. Returns how many targets were refreshed."""
    targets = Target.objects.filter(plan__status=Plan.Status.PUBLISHED).select_related("plan")
    count = 0
    for target in targets.iterator():
        refresh_target(target, today)
        count += 1
    pagecache.changed_all()  # the snapshots are written in bulk, without signals
    return count
