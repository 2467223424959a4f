"""The tasks' panels: overdue tasks on a unit's page, their count on the overview (for who may see them).

Both are cached with the agency's "rest" (core.pagecache: tasks are in it), for the day and the person,
since what each may see is theirs: read again as soon as a task changes."""

from thidua.core import pagecache
from thidua.core.workdays import WorkingCalendar
from thidua.tasks.models import Task
from thidua.tracking.unit_panels import Panel, overview_panel, unit_panel

SHOWN = 10


@unit_panel
def overdue_tasks(request, unit, today) -> Panel | None:
    late = pagecache.cached(
        "overdue-tasks",
        [unit.organization_id],
        lambda: _overdue_tasks(request.user, unit, today),
        request.user.pk,
        unit.pk,
        today,
        topics=[pagecache.REST],
    )
    if not late:
        return None
    return Panel("tasks/_overdue_panel.html", {"tasks": late, "unit": unit, "today": today})


def _overdue_tasks(user, unit, today) -> list[Task]:
    tasks = Task.objects.visible_to(user).filter(lead_unit=unit).overdue(today).order_by("due_on")
    calendar = WorkingCalendar(years=(today.year - 1, today.year))
    candidates = tasks.select_related("plan").defer("plan__source_text")[: SHOWN * 2]
    return [task for task in candidates if task.deadline(calendar) < today][:SHOWN]


@overview_panel
def overdue_count(request, organization, today) -> Panel | None:
    """How many tasks are past their due date (as the board's "Quá hạn" filter counts them), linked to it."""

    def overdue() -> int:
        return Task.objects.visible_to(request.user).filter(organization=organization).overdue(today).count()

    count = pagecache.cached(
        "overdue-task-count", [organization.pk], overdue, request.user.pk, today, topics=[pagecache.REST]
    )
    if not count:
        return None
    return Panel("tasks/_overdue_count.html", {"count": count})
