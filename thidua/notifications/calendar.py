"""Every dated obligation, with who must meet it and whether it is met: the one source for calendar
pages, reminders, digests and calendar feeds.

Obligations come from the tasks (of the plan or handed down by the province: one per task, the
lead unit's, met when the unit reports it done; due on its deadline, the next working day when the
due date is a day off) and from published plans: their deadlines (a "gửi kế hoạch" deadline is one obligation
per unit, met when the unit's plan arrives; the others belong to the agency and are met when the
office marks them done) and every reporting period of every assignment (met when the report is sent).
The units' reports in words are one obligation per unit and request (a sơ kết / tổng kết of a plan, or
an ad-hoc report; met when the unit sends it), and each difficulty a unit raises is an obligation of the
office (met when it answers).
"""

import copy
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db.models import Q
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from thidua.core import pagecache
from thidua.core.workdays import WorkingCalendar, last_day_to_comply
from thidua.initiatives.models import Initiative
from thidua.org.models import Organization, Unit
from thidua.org.roles import Capability
from thidua.plans.models import Deadline, Plan
from thidua.tasks.models import Task
from thidua.tracking.models import Assignment, Difficulty, Report, ReportRequest, UnitPlan
from thidua.tracking.unit_reports import sent_on
from thidua.tracking.workload import owed_periods

SOON_DAYS = 7


class State:
    DONE = "done"
    OVERDUE = "overdue"
    DUE = "due"
    SOON = "soon"
    UPCOMING = "upcoming"

    LABELS = {
        DONE: _("Đã hoàn thành"),
        OVERDUE: _("Quá hạn"),
        DUE: _("Đến hạn"),
        SOON: _("Sắp đến hạn"),
        UPCOMING: _("Chưa đến hạn"),
    }


@dataclass(frozen=True)
class Obligation:
    key: str  # stable across runs: reminders and calendar feeds identify an obligation by it
    kind: str  # a Deadline.Kind value, or "report"
    title: str
    due_on: datetime.date  # the date the plan writes
    bound: str  # Deadline.Bound: "before" means the last day is the day before
    organization_id: int
    plan_id: int | None  # None: an obligation of no plan (an initiative's decision)
    unit_id: int | None  # None: the agency itself (the office answers for it)
    url: str
    done_on: datetime.date | None = None

    @property
    def comply_by(self) -> datetime.date:
        return last_day_to_comply(self.due_on, self.bound)

    def state(self, today: datetime.date) -> str:
        if self.done_on is not None:
            return State.DONE
        comply_by = self.comply_by
        if comply_by < today:
            return State.OVERDUE
        if comply_by == today:
            return State.DUE
        if (comply_by - today).days <= SOON_DAYS:
            return State.SOON
        return State.UPCOMING

    def days_late(self, today: datetime.date) -> int:
        end = self.done_on or today
        return max((end - self.comply_by).days, 0)


def obligations(
    organizations: Iterable[Organization],
    start: datetime.date,
    end: datetime.date,
    *,
    units: Iterable[int] | None = None,
    plan_id: int | None = None,
    include_agency: bool = True,
) -> list[Obligation]:
    """Obligations due between start and end (inclusive), sorted by date.

    `units` keeps only those units' obligations; `include_agency` adds the agency-wide ones.
    A fixed number of queries, whatever the window; cached until one of the organizations changes
    (core.pagecache).
    """
    organizations = list(organizations)
    unit_ids = sorted(set(units)) if units is not None else None
    # What comes from the plans, tasks and requests is cached; whether each report was sent is read
    # live (one query) for an agency, whose units send reports all day long, and each send must show at
    # once; for one unit it is kept by that unit's own reports' version (core.pagecache).
    found, owed = pagecache.cached(
        "obligations",
        [organization.pk for organization in organizations],
        lambda: _obligations(organizations, start, end, unit_ids, plan_id, include_agency),
        start,
        end,
        unit_ids,
        plan_id,
        include_agency,
        get_language(),
        topics=[pagecache.REST],
    )
    if unit_ids and not include_agency and len(organizations) == 1:
        # A unit's own calendar reads only its reports: kept until one of them changes.
        sent = pagecache.cached(
            "reports-sent",
            [organizations[0].pk],
            lambda: _reports_sent(owed),
            start,
            end,
            unit_ids,
            plan_id,
            topics=[pagecache.REST],
            units=unit_ids,
        )
    else:
        sent = _reports_sent(owed)
    return [_met(o, sent.get(owed_key)) if (owed_key := owed.get(o.key)) is not None else o for o in found]


def _met(obligation: Obligation, on: datetime.date | None) -> Obligation:
    """The obligation with the day it was met: a copy, since dataclasses.replace() runs __init__ over
    every field, several times slower, and an agency's calendar makes 1,500 of these a view."""
    met = copy.copy(obligation)
    object.__setattr__(met, "done_on", on)  # frozen: set once, on the fresh copy
    return met


def _obligations(organizations, start, end, units, plan_id, include_agency) -> tuple[list[Obligation], dict]:
    """The obligations, the reports' not yet marked done, and {report obligation's key: (assignment id,
    period start)} for `_reports_sent`."""
    plans = Plan.objects.filter(organization__in=organizations, status=Plan.Status.PUBLISHED)
    if plan_id is not None:
        plans = plans.filter(pk=plan_id)
    plans = list(plans)
    unit_ids = set(units) if units is not None else None
    found = _deadline_obligations(plans, start, end, unit_ids, include_agency)
    reports, owed = _report_obligations(plans, start, end, unit_ids)
    found += reports
    found += _task_obligations(organizations, start, end, unit_ids, plan_id)
    found += _unit_report_obligations(organizations, plans, start, end, unit_ids, plan_id)
    if include_agency and plan_id is None:
        found += _difficulty_obligations(organizations, start, end)
    if include_agency and plan_id is None:
        found += _initiative_obligations(organizations, start, end)
    return sorted(found, key=lambda o: (o.due_on, o.kind, o.title)), owed


def _unit_report_obligations(organizations, plans, start, end, unit_ids, plan_id) -> list[Obligation]:
    """Each unit a request is addressed to owes its report by the request's date (the day before for
    "trước ngày"); a request of a plan counts only while the plan is in force."""
    requests = ReportRequest.objects.filter(organization__in=organizations, due_on__range=(start, end))
    requests = (
        requests.filter(plan__in=plans)
        if plan_id is not None
        else requests.filter(Q(plan=None) | Q(plan__in=plans))
    )
    requests = list(requests.prefetch_related("units", "unit_reports"))
    carrying: dict[int, list[Unit]] = {}
    for unit in Unit.objects.filter(organization__in={r.organization_id for r in requests}).carrying_out():
        carrying.setdefault(unit.organization_id, []).append(unit)
    found = []
    for request in requests:
        chosen = None if request.all_units else {unit.pk for unit in request.units.all()}
        reports = {report.unit_id: report for report in request.unit_reports.all()}
        for unit in carrying.get(request.organization_id, []):
            if (chosen is not None and unit.pk not in chosen) or (
                unit_ids is not None and unit.pk not in unit_ids
            ):
                continue
            report = reports.get(unit.pk)
            found.append(
                Obligation(
                    key=f"unit-report-{request.pk}-unit-{unit.pk}",
                    kind=f"unit_report_{request.kind}",
                    title=_("{unit}: {subject}").format(unit=unit.name, subject=request.subject[:120]),
                    due_on=request.due_on,
                    bound=request.bound,
                    organization_id=request.organization_id,
                    plan_id=request.plan_id,
                    unit_id=unit.pk,
                    url=report.get_absolute_url() if report else request.get_absolute_url(),
                    done_on=sent_on(report),
                )
            )
    return found


def _difficulty_obligations(organizations, start, end) -> list[Obligation]:
    """The office answers each difficulty a unit raises by its answer date."""
    rows = Difficulty.objects.filter(
        organization__in=organizations, answer_due_on__range=(start, end)
    ).select_related("unit")
    return [
        Obligation(
            key=f"difficulty-{row.pk}",
            kind="difficulty",
            title=_("Trả lời vướng mắc của {unit}: {subject}").format(
                unit=row.unit.name, subject=row.subject[:120]
            ),
            due_on=row.answer_due_on,
            bound=Deadline.Bound.BY_END,
            organization_id=row.organization_id,
            plan_id=row.plan_id,
            unit_id=None,
            url=row.get_absolute_url(),
            done_on=row.answered_on,
        )
        for row in rows
    ]


def _initiative_obligations(organizations, start, end) -> list[Obligation]:
    """The agency decides on a received initiative within the rule's months (3 by the national rule)."""
    received = Initiative.objects.filter(
        organization__in=organizations, received_on__isnull=False, decision_due_on__range=(start, end)
    )
    return [
        Obligation(
            key=f"initiative-{initiative.pk}-decision",
            kind="initiative_decision",
            title=_("Quyết định về sáng kiến: {title}").format(title=initiative.title[:100]),
            due_on=initiative.decision_due_on,
            bound=Deadline.Bound.BY_END,
            organization_id=initiative.organization_id,
            plan_id=None,
            unit_id=None,
            url=initiative.get_absolute_url(),
            done_on=initiative.decision_date,
        )
        for initiative in received
    ]


def _task_obligations(organizations, start, end, unit_ids, plan_id) -> list[Obligation]:
    """Each task, due on its deadline; a week's slack on the query for due dates moved past a day off."""
    tasks = Task.objects.filter(
        organization__in=organizations, due_on__range=(start - datetime.timedelta(days=10), end)
    ).select_related("lead_unit")
    if unit_ids is not None:
        tasks = tasks.filter(lead_unit_id__in=unit_ids)
    if plan_id is not None:
        tasks = tasks.filter(plan_id=plan_id)
    calendar = WorkingCalendar(years=(start.year - 1, end.year + 1))
    found = []
    for task in tasks:
        deadline = task.deadline(calendar)
        if not start <= deadline <= end:
            continue
        found.append(
            Obligation(
                key=f"task-{task.pk}",
                kind="task",
                title=_("{unit}: nhiệm vụ — {task}").format(unit=task.lead_unit.name, task=str(task)[:100]),
                due_on=deadline,
                bound=Deadline.Bound.BY_END,
                organization_id=task.organization_id,
                plan_id=task.plan_id,
                unit_id=task.lead_unit_id,
                url=task.get_absolute_url(),
                done_on=task.completed_on if task.status == Task.Status.DONE else None,
            )
        )
    return found


def _deadline_obligations(plans, start, end, unit_ids, include_agency) -> list[Obligation]:
    deadlines = Deadline.objects.filter(plan__in=plans, due_on__range=(start, end)).select_related("plan")
    per_unit_plans = {d.plan_id for d in deadlines if d.kind == Deadline.Kind.UNIT_PLAN}
    units_by_org: dict[int, list[Unit]] = {}
    for unit in Unit.objects.filter(organization__plans__in=per_unit_plans).carrying_out().distinct():
        units_by_org.setdefault(unit.organization_id, []).append(unit)
    received = {
        (up.plan_id, up.unit_id): up.submitted_at.date()
        for up in UnitPlan.objects.filter(plan_id__in=per_unit_plans).only(
            "plan_id", "unit_id", "submitted_at"
        )
    }
    found = []
    for deadline in deadlines:
        common = {
            "kind": deadline.kind,
            "due_on": deadline.due_on,
            "bound": deadline.bound,
            "organization_id": deadline.plan.organization_id,
            "plan_id": deadline.plan_id,
        }
        if deadline.kind == Deadline.Kind.UNIT_PLAN:
            for unit in units_by_org.get(deadline.plan.organization_id, []):
                if unit_ids is None or unit.pk in unit_ids:
                    found.append(
                        Obligation(
                            key=f"deadline-{deadline.pk}-unit-{unit.pk}",
                            title=_("{unit}: gửi kế hoạch thực hiện").format(unit=unit.name),
                            unit_id=unit.pk,
                            url=reverse("tracking:unit_plans", args=[deadline.plan_id]),
                            done_on=received.get((deadline.plan_id, unit.pk)),
                            **common,
                        )
                    )
        elif include_agency or (unit_ids and deadline.responsible_unit_id in unit_ids):
            found.append(
                Obligation(
                    key=f"deadline-{deadline.pk}",
                    title=deadline.text,
                    unit_id=deadline.responsible_unit_id,
                    url=deadline.plan.get_absolute_url() + "#deadlines",
                    done_on=deadline.completed_on,
                    **common,
                )
            )
    return found


def _report_obligations(plans, start, end, unit_ids) -> tuple[list[Obligation], dict]:
    assignments = Assignment.objects.filter(target__plan__in=plans).select_related(
        "target", "target__plan", "unit"
    )
    if unit_ids is not None:
        assignments = assignments.filter(unit_id__in=unit_ids)
    # A period ends before its report is due: look back far enough for yearly periods.
    due = [
        (assignment, period)
        for assignment in assignments
        for period in owed_periods(assignment, start - datetime.timedelta(days=400), end)
        if start <= period.due_on <= end
    ]
    found, owed = [], {}
    for assignment, period in due:
        target = assignment.target
        key = f"report-{assignment.pk}-{period.key}"
        owed[key] = (assignment.pk, period.start)
        found.append(
            Obligation(
                key=key,
                kind="report",
                title=_("{unit}: báo cáo {period} — {target}").format(
                    unit=assignment.unit.name, period=period.label, target=target.text[:80]
                ),
                due_on=period.due_on,
                bound=Deadline.Bound.BY_END,
                organization_id=target.plan.organization_id,
                plan_id=target.plan_id,
                unit_id=assignment.unit_id,
                url=reverse("tracking:assignment", args=[assignment.pk]),
            )
        )
    return found, owed


def _reports_sent(owed: dict) -> dict:
    """{(assignment id, period start): the day its report was sent} of these report obligations."""
    if not owed:
        return {}
    # The assignments owed × the period starts owed: a unit's periods share their starts, so this is
    # the pairs owed and few others (filtered out below), in two IN lists that PostgreSQL answers
    # from the (assignment, period) index, and the ORM builds at once whatever the window.
    pairs = set(owed.values())
    sent = (
        Report.objects.filter(
            assignment__in={assignment for assignment, _start in pairs},
            period_start__in={start for _assignment, start in pairs},
            submitted_at__isnull=False,
            status__in=(Report.Status.SUBMITTED, Report.Status.APPROVED),
        )
        .annotate(sent_on=TruncDate("submitted_at"))
        .values_list("assignment_id", "period_start", "sent_on")
    )
    return {(assignment, start): day for assignment, start, day in sent if (assignment, start) in pairs}


def obligations_for(user, start: datetime.date, end: datetime.date, *, plan_id=None) -> list[Obligation]:
    """A person's own calendar: their unit's obligations, and the agency's where they follow everything."""
    wide = user.organizations_where(Capability.VIEW_ALL_REPORTS)
    found = obligations(Organization.objects.filter(pk__in=wide), start, end, plan_id=plan_id) if wide else []
    if user.unit_id and user.organization_id not in wide:
        mine = obligations(
            [user.organization], start, end, units=[user.unit_id], plan_id=plan_id, include_agency=False
        )
        if not user.acts_for_unit(Capability.SUBMIT_UNIT_PLANS, user.unit_id):
            # Staff follow their unit's plan being sent; the page that sends it is the head's.
            mine = [
                replace(o, url=reverse("plans:detail", args=[o.plan_id]) + "#deadlines")
                if o.kind == Deadline.Kind.UNIT_PLAN
                else o
                for o in mine
            ]
        found += mine
    return sorted(found, key=lambda o: (o.due_on, o.kind, o.title))
