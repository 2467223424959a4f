"""The initiatives' computed indicator: recognised initiatives count toward targets by themselves."""

from decimal import Decimal

from thidua.initiatives.models import Initiative
from thidua.org.models import Unit
from thidua.plans.models import Target
from thidua.tracking.indicators import indicator
from thidua.tracking.periods import Period

RECOGNISED = "initiatives.recognised"


@indicator(RECOGNISED, "Số sáng kiến được công nhận cấp cơ sở trong năm")
def recognised(target: Target, unit: Unit | None, period: Period) -> Decimal | None:
    """Initiatives of the unit (or the whole agency) recognised by the period's end, within its year."""
    rows = Initiative.objects.recognised_between(
        target.plan.organization_id, period.end.replace(month=1, day=1), period.end
    )
    if unit is not None:
        rows = rows.filter(unit=unit)
    return Decimal(rows.count())
