"""The initiatives' computed indicators: recognised initiatives count toward targets by themselves.

"Mỗi phòng, ban, đơn vị có tối thiểu 01 sáng kiến … được Giám đốc Sở công nhận" (over the whole
plan), "01 sáng kiến/đề tài cấp tỉnh được công nhận" (the province's recognition) and "Mỗi năm có ít
nhất 01 sáng kiến …" (annual) are all measured here, for the agency or for one unit.
"""

from decimal import Decimal

from thidua.initiatives.models import Initiative
from thidua.org.models import Unit
from thidua.plans.models import Target
from thidua.tracking.indicators import counting_window, indicator, on_topic, topic_terms
from thidua.tracking.periods import Period

RECOGNISED = "initiatives.recognised"
RECOGNISED_PROVINCIAL = "initiatives.recognised_provincial"


def _count(target: Target, unit: Unit | None, period: Period, *, provincial: bool) -> Decimal:
    start, end = counting_window(target, period)
    if end < start:
        return Decimal(0)
    rows = Initiative.objects.recognised_between(
        target.plan.organization_id, start, end, provincial=provincial
    )
    if unit is not None:
        rows = rows.filter(unit=unit)
    terms = topic_terms(target)
    if not terms:
        return Decimal(rows.count())
    # A target about initiatives of a topic counts only those whose field or title speaks of it.
    return Decimal(sum(on_topic(terms, field, title) for field, title in rows.values_list("field", "title")))


@indicator(RECOGNISED, "Số sáng kiến được công nhận cấp cơ sở", hints=("sáng kiến",), topical=True)
def recognised(target: Target, unit: Unit | None, period: Period) -> Decimal | None:
    """Initiatives of the unit (or the whole agency) recognised by the Director's decision."""
    return _count(target, unit, period, provincial=False)


@indicator(
    RECOGNISED_PROVINCIAL,
    "Số sáng kiến được công nhận cấp tỉnh",
    hints=("sáng kiến", "cấp tỉnh"),
    topical=True,
)
def recognised_provincial(target: Target, unit: Unit | None, period: Period) -> Decimal | None:
    """Initiatives of the unit (or the whole agency) whose effect the province recognised, by the
    date of the province's decision."""
    return _count(target, unit, period, provincial=True)
