"""The tasks' panels: overdue tasks on a unit's page, their count on the overview (for who may see them)."""

from thidua.core.workdays import WorkingCalendar
from thidua.tasks.models import Task
from thidua.tracking.unit_panels import Panel, overview_panel, unit_panel

SHOWN = 10


@unit_panel
def overdue_tasks(request, unit, today) -> Panel | None:
    tasks = Task.objects.visible_to(request.user).filter(lead_unit=unit).overdue(today).order_by("due_on")
    calendar = WorkingCalendar(years=(today.year - 1, today.year))
    late = [task for task in tasks.select_related("plan")[: SHOWN * 2] if task.deadline(calendar) < today][
        :SHOWN
    ]
    if not late:
        return None
    return Panel("tasks/_overdue_panel.html", {"tasks": late, "unit": unit, "today": today})


@overview_panel
def overdue_count(request, organization, today) -> Panel | None:
    """How many tasks are past their due date (as the board's "Quá hạn" filter counts them), linked to it."""
    count = Task.objects.visible_to(request.user).filter(organization=organization).overdue(today).count()
    if not count:
        return None
    return Panel("tasks/_overdue_count.html", {"count": count})
