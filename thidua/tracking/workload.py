"""What a unit has to report: every period that has ended (or ends soon) without a report sent."""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from thidua.plans.models import Target
from thidua.tracking.models import Assignment, Report
from thidua.tracking.periods import Period, periods_between, rhythm_for

# The current period shows up this many days before it ends, so units can prepare.
SHOW_BEFORE_END_DAYS = 15


@dataclass
class Slot:
    assignment: Assignment
    period: Period
    report: Report | None

    def state(self, today: datetime.date) -> str:
        if self.period.due_on < today:
            return "overdue"
        if self.period.end < today:
            return "due"
        return "upcoming"


def open_slots(assignments: list[Assignment], today: datetime.date) -> list[Slot]:
    """Periods of these assignments still waiting for a report, oldest first (one query for all), and
    every draft or returned report, whatever its period: a draft waits for the unit head to send it."""
    horizon = today + datetime.timedelta(days=SHOW_BEFORE_END_DAYS)
    reported, drafts = _latest_reports(assignments, horizon)
    slots = []
    for assignment in assignments:
        for period in owed_periods(assignment, datetime.date.min, horizon):
            key = (assignment.pk, period.start)
            if period.end <= horizon and (key not in reported or key in drafts):
                slots.append(Slot(assignment, period, drafts.get(key)))
    slots += _drafts_outside(slots, assignments, drafts)
    slots.sort(key=lambda slot: (slot.period.due_on, slot.assignment.target.position))
    return slots


def _latest_reports(assignments: list[Assignment], horizon: datetime.date) -> tuple[set, dict[tuple, Report]]:
    """The periods that have a report ({(assignment id, period start)}), and those whose latest report is
    still editable, with it. A unit has years of reports: they come as plain rows (only periods up to
    the horizon, and every editable one), the few editable ones as reports."""
    latest: dict[tuple[int, datetime.date], tuple[int, str]] = {}
    rows = (
        Report.objects.filter(
            Q(period_start__lte=horizon) | Q(status__in=Report.EDITABLE),
            assignment__in=assignments,
            superseded_at__isnull=True,
        )
        .order_by("version")
        .values_list("assignment_id", "period_start", "pk", "status")
    )
    for assignment_id, period_start, pk, status in rows:
        latest[(assignment_id, period_start)] = (pk, status)
    editable = {pk: key for key, (pk, status) in latest.items() if status in Report.EDITABLE}
    reports = Report.objects.only("pk", "assignment_id", "period_start", "period_end", "status", "version")
    drafts = {editable[pk]: report for pk, report in reports.in_bulk(list(editable)).items()}
    return set(latest), drafts


def _drafts_outside(slots: list[Slot], assignments, drafts: dict[tuple, Report]) -> list[Slot]:
    """Drafts of periods not owed (reported early, or before the target was given) are open work too."""
    covered = {(slot.assignment.pk, slot.period.start) for slot in slots}
    by_pk = {assignment.pk: assignment for assignment in assignments}
    extra = []
    for (assignment_id, start), report in drafts.items():
        if (assignment_id, start) not in covered:
            assignment = by_pk[assignment_id]
            rhythm = rhythm_for(assignment.target.period_kind, assignment.target.plan.reporting_rhythm)
            extra.append(Slot(assignment, Period(report.period_start, report.period_end, rhythm), report))
    return extra


def owed_periods(assignment: Assignment, start: datetime.date, end: datetime.date) -> list[Period]:
    """The assignment's reporting periods overlapping [start, end] whose report the unit owes.

    A target computed from a registry owes no report. A period whose report was already due before
    the unit was given the target is not owed (the unit may still report it): otherwise a plan
    issued in July would open with every earlier quarter "overdue" and a burst of reminders.
    """
    target = assignment.target
    if target.measurement == Target.Measurement.COMPUTED:
        return []  # the indicator counts by itself: nobody owes a figure
    first, last = target.starts_on or target.plan.starts_on, target.ends_on or target.plan.ends_on
    if first is None or last is None:
        return []
    assigned_on = timezone.localdate(assignment.created_at) if assignment.created_at else first
    rhythm = rhythm_for(target.period_kind, target.plan.reporting_rhythm)
    lower, upper = max(first, start), min(last, end)
    if upper < lower:
        return []
    return [period for period in periods_between(lower, upper, rhythm) if period.due_on >= assigned_on]


def assignment_periods(assignment: Assignment) -> list[Period]:
    """Every reporting period of the assignment, over its target's span, by the plan's rhythm."""
    target = assignment.target
    first, last = target.starts_on or target.plan.starts_on, target.ends_on or target.plan.ends_on
    if first is None or last is None:
        return []
    return periods_between(first, last, rhythm_for(target.period_kind, target.plan.reporting_rhythm))


def assignment_period(assignment: Assignment, key: str) -> Period | None:
    """The assignment's period whose key (its first day, ISO) is `key`; None when it has none such."""
    return next((period for period in assignment_periods(assignment) if period.key == key), None)
