"""Task workflows: give a task (once or as a recurring series), turn the plan's responsibilities into
tasks, report on a task, confirm its completion; record activities and good examples.

Each function is one transaction that records who did it and why in the history, and moves the
targets measured by the tasks' indicators.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.audit import save_audited
from thidua.core.uploads import save_private_file
from thidua.plans.models import Plan, Responsibility
from thidua.tasks import handoffs
from thidua.tasks.models import Activity, GoodExample, Task, TaskReport
from thidua.tracking import standing
from thidua.tracking.periods import periods_between

INDICATORS = ("tasks.handed_down_on_time", "tasks.activities_held", "tasks.good_examples")
ALREADY_CONFIRMED = gettext_lazy("Văn phòng đã xác nhận hoàn thành nhiệm vụ này.")
NOT_DONE = gettext_lazy("Chỉ xác nhận nhiệm vụ đơn vị đã báo cáo hoàn thành.")
NO_COMPLETION_DATE = gettext_lazy("Nhập ngày hoàn thành.")
COMPLETED_IN_FUTURE = gettext_lazy("Ngày hoàn thành không được sau ngày báo cáo.")
NO_SPAN = gettext_lazy("Nhiệm vụ lặp lại cần ngày bắt đầu và ngày kết thúc chuỗi.")


class TaskError(Exception):
    """A workflow rule refused the change; the message is for the user."""


def refresh_indicators(organization_id: int) -> None:
    """Move the agency's targets measured from tasks, activities and good examples."""
    standing.refresh_measured_by(organization_id, *INDICATORS)


@transaction.atomic
def task_create(
    *,
    organization,
    title: str,
    lead_unit,
    due_on: datetime.date,
    user,
    source: str = Task.Source.PLAN,
    coordinating_units=(),
    targets=(),
    reason: str | None = None,
    refresh: bool = True,
    tell: bool = True,
    **fields,
) -> Task:
    """One task; `fields` are the model's other fields (plan, section, document_number, …).
    `refresh=False` leaves the targets it counts toward to the caller (an import refreshes once);
    `tell=False` leaves telling the units to the caller (one message for many tasks)."""
    task = Task(
        organization=organization,
        source=source,
        title=title,
        lead_unit=lead_unit,
        due_on=due_on,
        created_by=user,
        **fields,
    )
    save_audited(task, user=user, reason=reason or _("Giao nhiệm vụ"))
    task.coordinating_units.set(coordinating_units)
    task.targets.set(targets)
    task.full_clean()  # now that they are set: units and targets of this agency only
    if refresh and source == Task.Source.HANDED_DOWN:
        refresh_indicators(organization.pk)
    if tell:
        handoffs.tasks_given([task], user)
    return task


def unit_task_create(*, parent: Task, user, title: str, due_on: datetime.date, **fields) -> Task:
    """A unit's own task (from its plan) under the agency's task, led by the user's unit."""
    if not parent.takes_unit_tasks_from(user):
        raise PermissionDenied
    return task_create(
        organization=parent.organization,
        source=Task.Source.PLAN if parent.plan_id else Task.Source.OWN,
        title=title,
        lead_unit=user.unit,
        due_on=due_on,
        user=user,
        plan=parent.plan,
        section=parent.section,
        parent=parent,
        reason=_("Đơn vị bổ sung nhiệm vụ theo kế hoạch của đơn vị"),
        **fields,
    )


@transaction.atomic
def task_series_create(
    *,
    organization,
    title: str,
    lead_unit,
    recurrence: str,
    starts_on: datetime.date | None,
    until: datetime.date | None,
    user,
    **fields,
) -> list[Task]:
    """A recurring task ("hằng tháng / quý / năm") as a series: one task per period between
    `starts_on` and `until`, each due on its period's last day (clipped to `until`); the first one
    heads the series."""
    if recurrence == Task.Recurrence.NONE:
        raise TaskError(_("Chọn cách lặp lại."))
    if starts_on is None or until is None or until < starts_on:
        raise TaskError(str(NO_SPAN))
    occurrences: list[Task] = []
    for period in periods_between(starts_on, until, recurrence):
        task = task_create(
            organization=organization,
            title=title,
            lead_unit=lead_unit,
            user=user,
            starts_on=max(period.start, starts_on),
            due_on=min(period.end, until),
            recurrence=recurrence,
            series=occurrences[0] if occurrences else None,
            period_label=period.label,
            reason=_("Giao nhiệm vụ định kỳ ({period})").format(period=period.label),
            tell=False,
            **fields,
        )
        occurrences.append(task)
    handoffs.tasks_given(occurrences, user)
    return occurrences


@transaction.atomic
def tasks_from_plan(*, plan: Plan, responsibilities, due_on: datetime.date | None, user) -> list[Task]:
    """The office turns the plan's "Phòng X chủ trì, phối hợp với …" lines into tasks.

    A lead (or carry-out) line matched to a unit becomes a task of that unit, under the line's
    section (the content area); the other units named under the same section as coordinating become
    its coordinating units. Lines already turned into a task are skipped.
    """
    due_on = due_on or plan.ends_on
    if due_on is None:
        raise TaskError(_("Nhập hạn hoàn thành (kế hoạch không có ngày kết thúc)."))
    created = []
    for line in responsibilities:
        if line.plan_id != plan.pk or line.unit_id is None or line.tasks.exists():
            continue
        coordinating = (
            [
                other.unit
                for other in plan.responsibilities.filter(
                    section=line.section, role=Responsibility.Role.COORDINATE, unit__isnull=False
                ).exclude(unit=line.unit_id)
            ]
            if line.section_id
            else []
        )
        section_title = line.section.heading if line.section_id else ""
        created.append(
            task_create(
                organization=plan.organization,
                title=(line.text or section_title or str(line))[:500],
                lead_unit=line.unit,
                due_on=due_on,
                starts_on=plan.starts_on if plan.starts_on and plan.starts_on <= due_on else None,
                plan=plan,
                section=line.section,
                responsibility=line,
                coordinating_units=coordinating,
                user=user,
                reason=_("Giao nhiệm vụ từ kế hoạch"),
                tell=False,
            )
        )
    handoffs.tasks_given(created, user)
    return created


@transaction.atomic
def task_report(
    *,
    task: Task,
    status: str,
    result: str,
    user,
    completed_on: datetime.date | None = None,
    upload=None,
    reported_on: datetime.date | None = None,
) -> TaskReport:
    """The lead unit reports: status, a short result, evidence; a completion carries its date."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.confirmed_on is not None:
        raise TaskError(str(ALREADY_CONFIRMED))
    reported_on = reported_on or timezone.localdate()
    if status == Task.Status.DONE:
        if completed_on is None:
            raise TaskError(str(NO_COMPLETION_DATE))
        if completed_on > reported_on:
            raise TaskError(str(COMPLETED_IN_FUTURE))
    else:
        completed_on = None
    report = TaskReport(
        task=task,
        status=status,
        result=result.strip(),
        reported_on=reported_on,
        completed_on=completed_on,
        reported_by=user,
    )
    if upload is not None:
        save_private_file(report, upload)
    save_audited(report, user=user, reason=_("Báo cáo nhiệm vụ"))
    task.status, task.result, task.completed_on = status, report.result, completed_on
    save_audited(
        task, user=user, reason=_("Báo cáo nhiệm vụ: {status}").format(status=task.get_status_display())
    )
    refresh_indicators(task.organization_id)
    handoffs.task_reported(report, user)
    return report


@transaction.atomic
def task_confirm(*, task: Task, user, confirmed_on: datetime.date | None = None) -> Task:
    """The office confirms a completion the unit reported; the task is then closed to reports."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.confirmed_on is not None:
        raise TaskError(str(ALREADY_CONFIRMED))
    if task.status != Task.Status.DONE:
        raise TaskError(str(NOT_DONE))
    task.confirmed_by, task.confirmed_on = user, confirmed_on or timezone.localdate()
    save_audited(task, user=user, reason=_("Văn phòng xác nhận hoàn thành"))
    handoffs.task_confirmed(task, user)
    return task


@transaction.atomic
def task_return(*, task: Task, user, comment: str) -> Task:
    """The office does not accept a reported completion: the task is under way again, out of the count."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.confirmed_on is not None:
        raise TaskError(str(ALREADY_CONFIRMED))
    if task.status != Task.Status.DONE:
        raise TaskError(str(NOT_DONE))
    task.status, task.completed_on = Task.Status.IN_PROGRESS, None
    save_audited(task, user=user, reason=_("Văn phòng trả lại: {comment}").format(comment=comment.strip()))
    refresh_indicators(task.organization_id)
    handoffs.task_returned(task, comment, user)
    return task


@transaction.atomic
def activity_record(*, organization, user, upload=None, **fields) -> Activity:
    activity = Activity(organization=organization, created_by=user, **fields)
    if upload is not None:
        save_private_file(activity, upload)
    save_audited(activity, user=user, reason=_("Ghi hoạt động tuyên truyền"))
    refresh_indicators(organization.pk)
    return activity


@transaction.atomic
def good_example_record(*, organization, user, upload=None, **fields) -> GoodExample:
    example = GoodExample(organization=organization, created_by=user, **fields)
    if upload is not None:
        save_private_file(example, upload)
    save_audited(example, user=user, reason=_("Ghi điển hình tiên tiến"))
    refresh_indicators(organization.pk)
    return example
