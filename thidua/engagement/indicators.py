"""The engagement indicators a computed target may be measured by."""

from decimal import Decimal

from thidua.engagement.models import Dialogue, Feedback
from thidua.org.models import Unit
from thidua.plans.models import Target
from thidua.tracking.indicators import counting_window, indicator
from thidua.tracking.periods import Period


@indicator(
    "engagement.dialogues_held",
    "Số cuộc gặp gỡ, đối thoại doanh nghiệp đã tổ chức",
    hints=("đối thoại", "doanh nghiệp"),
)
def dialogues_held(target: Target, unit: Unit | None, period: Period) -> Decimal | None:
    """Dialogues held ("ít nhất một cuộc mỗi năm"), counted the way the engine adds periods up."""
    start, end = counting_window(target, period)
    if end < start:
        return Decimal(0)
    rows = Dialogue.objects.held().filter(
        organization_id=target.plan.organization_id, held_on__gte=start, held_on__lte=end
    )
    if unit is not None:
        rows = rows.filter(units=unit)
    return Decimal(rows.distinct().count())


@indicator(
    "engagement.feedback_on_time_rate",
    "Tỷ lệ phản ánh, kiến nghị của doanh nghiệp được trả lời đúng hạn",
    hints=("phản ánh", "kiến nghị", "đúng hạn"),
    percent=True,
)
def feedback_on_time_rate(target: Target, unit: Unit | None, period: Period) -> Decimal | None:
    rows = Feedback.objects.filter(organization_id=target.plan.organization_id)
    if unit is not None:
        rows = rows.filter(unit=unit)
    return rows.on_time_rate(period.end, end_is_over=not period.partial)
