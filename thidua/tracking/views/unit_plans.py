"""Units send their own implementation plans; the office sees who has and links their targets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.query import parse_int
from thidua.core.uploads import private_file_response
from thidua.org.access import get_for_user
from thidua.org.roles import Capability
from thidua.plans.models import Plan
from thidua.tracking.forms import UnitPlanForm
from thidua.tracking.models import UnitPlan
from thidua.tracking.unit_plans import (
    unit_plan_confirm_links,
    unit_plan_deadline,
    unit_plan_rows,
    unit_plan_submit,
)


@login_required
def unit_plans(request, pk: int):
    plan = get_for_user(Plan.objects.published().select_related("organization"), request.user, pk=pk)
    sees_all = request.user.can(Capability.VIEW_ALL_REPORTS, plan.organization)
    may_send = plan.sendable_unit_plan_by(request.user)
    if not (sees_all or may_send):
        raise PermissionDenied
    form = UnitPlanForm(request.POST or None, request.FILES or None) if may_send else None
    if request.method == "POST":
        if not may_send:
            raise PermissionDenied
        if form.is_valid():
            unit_plan = unit_plan_submit(
                plan=plan, unit=request.user.unit, upload=form.cleaned_data["file"], user=request.user
            )
            messages.success(request, _("Đã gửi kế hoạch của đơn vị về Văn phòng Sở."))
            return redirect(unit_plan)
    today = timezone.localdate()
    rows = unit_plan_rows(plan, today)
    if not sees_all:
        rows = [row for row in rows if row.unit.pk == request.user.unit_id]
    context = {
        "plan": plan,
        "rows": rows,
        "form": form,
        "deadline": unit_plan_deadline(plan),
        "today": today,
        "received": sum(1 for row in rows if row.unit_plan),
    }
    return render(request, "tracking/unit_plans.html", context)


@login_required
def unit_plan_detail(request, pk: int):
    unit_plan = get_for_user(
        UnitPlan.objects.select_related("plan", "unit", "organization"), request.user, pk=pk
    )
    can_confirm = request.user.can(Capability.ASSIGN_TARGETS, unit_plan.organization)
    parents = list(unit_plan.plan.targets.all())
    if request.method == "POST":
        if not can_confirm:
            raise PermissionDenied
        chosen = {}
        for link in unit_plan.links.all():
            value = request.POST.get(f"link-{link.pk}")
            if value is not None:
                chosen[link.pk] = parse_int(value)
        count = unit_plan_confirm_links(unit_plan=unit_plan, confirmed=chosen, user=request.user)
        messages.success(request, _("Đã xác nhận %(count)s liên kết.") % {"count": count})
        return redirect(unit_plan)
    context = {
        "unit_plan": unit_plan,
        "links": unit_plan.links.select_related("parent"),
        "parents": parents,
        "can_confirm": can_confirm,
    }
    return render(request, "tracking/unit_plan_detail.html", context)


@login_required
def unit_plan_file(request, pk: int):
    return private_file_response(request, UnitPlan.objects.all(), pk=pk)
