"""The tasks' computed indicators: tasks handed down done on time, activities held, good examples.

"100% nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao được tham mưu, tổ chức thực hiện sớm và trước thời
hạn giao" is measured from the register of tasks handed down: the share of those that count by a day
(their deadline has come, or they are done) that were done by their deadline, judged on the
Vietnamese working-day calendar (a due date on a day off moves to the next working day).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from thidua.core.workdays import WorkingCalendar
from thidua.org.models import Unit
from thidua.plans.models import Target
from thidua.tasks.models import Activity, GoodExample, Task
from thidua.tracking.indicators import counting_window, indicator
from thidua.tracking.periods import Period

HANDED_DOWN_ON_TIME = "tasks.handed_down_on_time"


@dataclass
class OnTime:
    """The figure and the tasks behind it: `counted` (the denominator), `on_time` (the numerator)."""

    counted: list[Task] = field(default_factory=list)
    on_time: list[Task] = field(default_factory=list)

    @property
    def rate(self) -> Decimal | None:
        return Decimal(len(self.on_time)) * 100 / len(self.counted) if self.counted else None

    @property
    def late(self) -> list[Task]:
        return [task for task in self.counted if task not in self.on_time]


def on_time(
    organization_id: int,
    start: datetime.date,
    end: datetime.date,
    *,
    unit: Unit | None = None,
    end_is_over: bool = True,
) -> OnTime:
    """Tasks handed down whose deadline falls in [start, end], or done in it before their deadline.

    A task done early counts as soon as it is done (it is known to be on time); one still open counts
    once its deadline has passed, as a miss. Counting up to today (`end_is_over` False), a task whose
    deadline is today is still in time.
    """
    rows = Task.objects.handed_down().filter(organization_id=organization_id, due_on__lte=end)
    done_early = Task.objects.handed_down().filter(
        organization_id=organization_id, status=Task.Status.DONE, completed_on__range=(start, end)
    )
    if unit is not None:
        rows, done_early = rows.filter(lead_unit=unit), done_early.filter(lead_unit=unit)
    tasks = {task.pk: task for task in [*rows, *done_early]}
    calendar = WorkingCalendar(years=(start.year, end.year + 1))
    result = OnTime()
    for task in sorted(tasks.values(), key=lambda t: (t.due_on, t.pk)):
        deadline = task.deadline(calendar)
        done = task.status == Task.Status.DONE and task.completed_on is not None and task.completed_on <= end
        if done and task.completed_on <= deadline and task.completed_on >= start:
            result.counted.append(task)
            result.on_time.append(task)
        elif start <= deadline and (deadline < end or (deadline == end and end_is_over)):
            result.counted.append(task)
    return result


@indicator(
    HANDED_DOWN_ON_TIME,
    "Tỷ lệ nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao hoàn thành đúng hoặc trước hạn",
    hints=("nhiệm vụ", "giao", "thời hạn"),
    percent=True,
)
def handed_down_on_time(target: Target, unit: Unit | None, period: Period) -> Decimal | None:
    start, end = counting_window(target, period)
    if end < start:
        return None
    return on_time(target.plan.organization_id, start, end, unit=unit, end_is_over=not period.partial).rate


@indicator("tasks.activities_held", "Số hoạt động tuyên truyền, phát động đã tổ chức")
def activities_held(target: Target, unit: Unit | None, period: Period) -> Decimal | None:
    start, end = counting_window(target, period)
    if end < start:
        return Decimal(0)
    rows = Activity.objects.filter(organization_id=target.plan.organization_id, held_on__range=(start, end))
    if unit is not None:
        rows = rows.filter(unit=unit)
    return Decimal(rows.count())


@indicator("tasks.good_examples", "Số điển hình tiên tiến được phát hiện, biểu dương")
def good_examples(target: Target, unit: Unit | None, period: Period) -> Decimal | None:
    start, end = counting_window(target, period)
    if end < start:
        return Decimal(0)
    rows = GoodExample.objects.filter(
        organization_id=target.plan.organization_id, recognised_on__range=(start, end)
    )
    if unit is not None:
        rows = rows.filter(unit=unit)
    return Decimal(rows.count())
