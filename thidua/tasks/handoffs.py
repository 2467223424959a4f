"""Who the task workflows hand work to, and what they are told (`thidua.core.handoffs`).

- tasks given (one, a recurring series, a plan's lines, the register of tasks handed down) → the lead
  unit's people who report tasks (its head and staff), and the head of each coordinating unit;
- a task reported → whoever gave it; reported done → also the office, to confirm it;
- a completion returned, with the reason, or confirmed → who reported it and the lead unit's head.

Each service calls one function here inside its transaction, after the change.
"""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from thidua.core.formatting import format_date
from thidua.core.handoffs import hand_off, short
from thidua.org.models import Unit, User
from thidua.org.roles import Capability
from thidua.tasks.models import Task, TaskReport

LISTED_MAX = 20  # a message lists this many tasks, then says how many more


def _heads(unit: Unit):
    return User.objects.acting_for(Capability.SUBMIT_UNIT_PLANS, unit)


def _listed(tasks: list[Task]) -> str:
    lines = [
        _("- {title} (hạn {due})").format(title=task, due=format_date(task.due_on))
        for task in tasks[:LISTED_MAX]
    ]
    if len(tasks) > LISTED_MAX:
        lines.append(_("… và {n} nhiệm vụ khác").format(n=len(tasks) - LISTED_MAX))
    return "\n".join(lines)


def _one_series(tasks: list[Task]) -> bool:
    """One task, or the occurrences of one recurring task (its first one lists them all)."""
    return len({task.series_id or task.pk for task in tasks}) == 1


def tasks_given(tasks: Iterable[Task], actor) -> None:
    """One message per unit, however many tasks it was given at once (a series, a plan, a workbook)."""
    leading: dict[int, list[Task]] = {}
    joining: dict[int, list[Task]] = {}
    units: dict[int, Unit] = {}
    for task in tasks:
        units[task.lead_unit_id] = task.lead_unit
        leading.setdefault(task.lead_unit_id, []).append(task)
        for unit in task.coordinating_units.all():
            units[unit.pk] = unit
            joining.setdefault(unit.pk, []).append(task)
    for unit_id, given in leading.items():
        unit, url = units[unit_id], given[0].get_absolute_url()
        if len(given) == 1:
            title = _("{unit} được giao nhiệm vụ: {task}").format(unit=unit, task=short(given[0]))
        elif _one_series(given):
            title = _("{unit} được giao nhiệm vụ định kỳ ({n} kỳ): {task}").format(
                unit=unit, n=len(given), task=short(given[0].title)
            )
        else:
            title = _("{unit} được giao {n} nhiệm vụ").format(unit=unit, n=len(given))
            url = f"{reverse('tasks:board')}?{urlencode({'lead_unit': unit.pk})}"
        hand_off(
            organization=unit.organization,
            recipients=User.objects.acting_for(Capability.REPORT_TASKS, unit),
            title=title,
            body=_listed(given),
            url=url,
            kind="tasks.given",
            actor=actor,
        )
    for unit_id, given in joining.items():
        unit = units[unit_id]
        if _one_series(given):
            title = _("{unit} phối hợp thực hiện nhiệm vụ: {task}").format(unit=unit, task=short(given[0]))
            url = given[0].get_absolute_url()
        else:
            title = _("{unit} phối hợp thực hiện {n} nhiệm vụ").format(unit=unit, n=len(given))
            url = reverse("tasks:board")
        hand_off(
            organization=unit.organization,
            recipients=_heads(unit),
            title=title,
            body=_listed(given),
            url=url,
            kind="tasks.joined",
            actor=actor,
        )


def task_reported(report: TaskReport, actor) -> None:
    task = report.task
    giver = [task.created_by] if task.created_by_id else []
    if report.status == Task.Status.DONE:
        recipients = [*giver, *User.objects.holding(Capability.MANAGE_TASKS, task.organization_id)]
        title = _("{unit} báo cáo hoàn thành nhiệm vụ: {task}").format(unit=task.lead_unit, task=short(task))
        body = _("Hoàn thành ngày {date}. Kết quả: {result}\nChờ Văn phòng Sở xác nhận.").format(
            date=format_date(report.completed_on), result=report.result
        )
    else:
        recipients = giver
        title = _("{unit} báo cáo nhiệm vụ ({status}): {task}").format(
            unit=task.lead_unit, status=report.get_status_display().lower(), task=short(task)
        )
        body = _("Kết quả: {result}").format(result=report.result)
    hand_off(
        organization=task.organization,
        recipients=recipients,
        title=title,
        body=body,
        url=task.get_absolute_url(),
        kind="tasks.reported",
        actor=actor,
    )


def _reporter_and_heads(task: Task) -> list[User]:
    """Who reported the completion (while they still report for the unit) and the lead unit's head."""
    last = task.reports.filter(status=Task.Status.DONE).order_by("-reported_on", "-pk").first()
    reporters = User.objects.acting_for(Capability.REPORT_TASKS, task.lead_unit).filter(
        pk__in=[last.reported_by_id] if last else []
    )
    return [*reporters, *_heads(task.lead_unit)]


def task_returned(task: Task, comment: str, actor) -> None:
    hand_off(
        organization=task.organization,
        recipients=_reporter_and_heads(task),
        title=_("Nhiệm vụ bị trả lại: {task}").format(task=short(task)),
        body=_("Ý kiến của Văn phòng Sở: {comment}").format(comment=comment.strip()),
        url=task.get_absolute_url(),
        kind="tasks.returned",
        actor=actor,
    )


def task_confirmed(task: Task, actor) -> None:
    hand_off(
        organization=task.organization,
        recipients=_reporter_and_heads(task),
        title=_("Văn phòng Sở đã xác nhận hoàn thành nhiệm vụ: {task}").format(task=short(task)),
        body=_("Ngày xác nhận: {date}.").format(date=format_date(task.confirmed_on)),
        url=task.get_absolute_url(),
        kind="tasks.confirmed",
        actor=actor,
    )
