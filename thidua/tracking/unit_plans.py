"""Units' own implementation plans: receive them, read them, link their targets to the agency's."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from thidua.core.audit import delete_audited, save_audited
from thidua.core.uploads import save_private_file
from thidua.plans.extraction import ExtractionError, read_bytes
from thidua.plans.matching import overlap
from thidua.plans.models import Deadline, Plan
from thidua.plans.services import reader_limits
from thidua.tracking import handoffs
from thidua.tracking.models import UnitPlan, UnitPlanLink

# Below this share of common words a unit's target is not proposed as a commitment to any target.
LINK_THRESHOLD = 0.2


@transaction.atomic
def unit_plan_submit(*, plan: Plan, unit, upload, user) -> UnitPlan:
    """Receive (or replace) a unit's plan. The file counts as sent even if it cannot be read."""
    try:
        data = read_bytes(upload.read(), upload.name, **reader_limits()).to_dict()
    except ExtractionError as error:
        data = {"error": str(error)}
    upload.seek(0)
    unit_plan = UnitPlan.objects.filter(plan=plan, unit=unit).first() or UnitPlan(
        organization_id=plan.organization_id, plan=plan, unit=unit
    )
    replacing = unit_plan.pk is not None
    save_private_file(unit_plan, upload)
    unit_plan.data = data
    unit_plan.submitted_by, unit_plan.submitted_at = user, timezone.now()
    save_audited(
        unit_plan,
        user=user,
        reason=_("Thay kế hoạch của đơn vị") if replacing else _("Gửi kế hoạch của đơn vị"),
    )
    for link in unit_plan.links.all():
        delete_audited(link, user=user, reason=_("Thay kế hoạch của đơn vị"))
    bulk_create_with_history(
        proposed_links(unit_plan),
        UnitPlanLink,
        default_user=user,
        default_change_reason=_("Đề xuất liên kết chỉ tiêu từ kế hoạch của đơn vị"),
    )
    handoffs.unit_plan_sent(unit_plan, user)
    return unit_plan


def proposed_links(unit_plan: UnitPlan) -> list[UnitPlanLink]:
    parents = list(unit_plan.plan.targets.all())
    links = []
    for item in unit_plan.data.get("targets") or []:
        candidates = [t for t in parents if t.unit_of_measure == item.get("unit")] or parents
        best = max(candidates, key=lambda t: overlap(t.text, item["text"]), default=None)
        score = overlap(best.text, item["text"]) if best else 0.0
        links.append(
            UnitPlanLink(
                unit_plan=unit_plan,
                parent=best if score >= LINK_THRESHOLD else None,
                text=item["text"],
                comparator=item["comparator"],
                value=Decimal(str(item["value"])),
                value_max=None if item.get("value_max") is None else Decimal(str(item["value_max"])),
                unit_of_measure=item.get("unit") or "",
                score=score,
            )
        )
    return links


@transaction.atomic
def unit_plan_confirm_links(*, unit_plan: UnitPlan, confirmed: dict[int, int | None], user) -> int:
    """The office confirms (or corrects, or clears) which agency target each unit target serves."""
    parents = {t.pk: t for t in unit_plan.plan.targets.all()}
    changed = 0
    for link in unit_plan.links.all():
        if link.pk not in confirmed:
            continue
        parent = parents.get(confirmed[link.pk])
        link.parent, link.confirmed = parent, True
        save_audited(link, user=user, reason=_("Xác nhận liên kết chỉ tiêu"))
        changed += 1
    if changed:
        handoffs.unit_plan_received(unit_plan, user)
    return changed


@dataclass
class UnitPlanRow:
    unit: object
    unit_plan: UnitPlan | None
    days_late: int


def unit_plan_deadline(plan: Plan) -> Deadline | None:
    return plan.deadlines.filter(kind=Deadline.Kind.UNIT_PLAN).order_by("due_on").first()


def unit_plan_rows(plan: Plan, today: datetime.date) -> list[UnitPlanRow]:
    """Every unit that owes a plan, whether it has sent one, and how many days late it is or was."""
    from thidua.org.models import Unit

    deadline = unit_plan_deadline(plan)
    received = {up.unit_id: up for up in plan.unit_plans.select_related("submitted_by")}
    units = Unit.objects.filter(organization_id=plan.organization_id).carrying_out()
    rows = []
    for unit in units.order_by("position", "name"):
        unit_plan = received.get(unit.pk)
        late = 0
        if deadline is not None:
            sent_on = timezone.localtime(unit_plan.submitted_at).date() if unit_plan else today
            late = max((sent_on - deadline.comply_by).days, 0)
        rows.append(UnitPlanRow(unit, unit_plan, late))
    return rows
