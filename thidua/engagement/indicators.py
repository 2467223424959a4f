"""The engagement indicators a computed target may be measured by."""

from decimal import Decimal

from thidua.engagement.models import Dialogue, Feedback
from thidua.org.models import Unit
from thidua.plans.models import Target
from thidua.tracking.indicators import indicator
from thidua.tracking.periods import Period


@indicator("engagement.dialogues_held", "Số cuộc gặp gỡ, đối thoại doanh nghiệp đã tổ chức trong năm")
def dialogues_held(target: Target, unit: Unit | None, period: Period) -> Decimal | None:
    """Dialogues held in the year of the period's end, up to that end ("ít nhất một cuộc mỗi năm")."""
    rows = Dialogue.objects.held().filter(
        organization_id=target.plan.organization_id,
        held_on__year=period.end.year,
        held_on__lte=period.end,
    )
    if unit is not None:
        rows = rows.filter(units=unit)
    return Decimal(rows.distinct().count())


@indicator(
    "engagement.feedback_on_time_rate", "Tỷ lệ phản ánh, kiến nghị của doanh nghiệp được trả lời đúng hạn"
)
def feedback_on_time_rate(target: Target, unit: Unit | None, period: Period) -> Decimal | None:
    rows = Feedback.objects.filter(organization_id=target.plan.organization_id)
    if unit is not None:
        rows = rows.filter(unit=unit)
    return rows.on_time_rate(period.end)
