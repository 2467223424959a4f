"""A target as the progress engine reads it: the bridge from a `Target` row to a `progress.TargetSpec`.

Apart from `standing` so that the indicators, which read a target's span, and the standing, which
evaluates the indicators, do not import each other.
"""

import datetime
from decimal import Decimal

from thidua.plans.models import Target
from thidua.tracking import progress


def target_spec(
    target: Target, value: Decimal | None = None, *, is_rate: bool = False
) -> progress.TargetSpec:
    plan = target.plan
    return progress.TargetSpec(
        comparator=target.comparator,
        value=value if value is not None else target.value,
        value_max=target.value_max if value is None else None,
        unit=target.unit_of_measure,
        period_kind=target.period_kind,
        starts_on=target.starts_on or plan.starts_on,
        ends_on=target.ends_on or plan.ends_on,
        is_rate=is_rate,
        # The path is the agency's: a unit judged on its own share follows a straight line.
        milestones=milestones_of(target) if value is None else (),
    )


def milestones_of(target: Target) -> tuple[tuple[datetime.date, Decimal], ...]:
    return tuple(
        (datetime.date.fromisoformat(day), Decimal(str(level))) for day, level in target.milestones or []
    )
