from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone

from thidua.core.history import history_entries
from thidua.org.access import get_for_user
from thidua.org.roles import Capability
from thidua.plans.filters import PlanFilter
from thidua.plans.models import Deadline, Phase, Plan, Reference, Responsibility, Target

PAGE_SIZE = 20
# Parts whose changes show in a plan's history (sections only change with the text itself).
PLAN_PARTS = (Target, Deadline, Phase, Reference, Responsibility)


@login_required
def plan_list(request):
    plans = (
        Plan.objects.visible_to(request.user)
        .select_related("organization", "movement")
        .annotate(target_count=Count("targets"))
        .order_by("-issued_on", "-created_at", "-pk")
    )
    filterset = PlanFilter(request.GET, queryset=plans, request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "plans/plan_list.html", {"filter": filterset, "page": page})


@login_required
def plan_detail(request, pk: int):
    plan = get_for_user(Plan.objects.select_related("organization", "movement"), request.user, pk=pk)
    today = timezone.localdate()
    context = {
        "plan": plan,
        "today": today,
        "sections": plan.sections.with_tree_fields().order_siblings_by("position"),
        "targets": plan.targets.select_related("lead_unit", "section"),
        "deadlines": plan.deadlines.select_related("responsible_unit"),
        "phases": plan.phases.all(),
        "references": plan.references.all(),
        "responsibilities": plan.responsibilities.select_related("unit"),
        "can_see_history": request.user.can(Capability.VIEW_AUDIT, plan.organization),
    }
    if context["can_see_history"]:
        context["history"] = history_entries(
            Plan.history.filter(id=plan.pk),
            *(model.history.filter(plan_id=plan.pk) for model in PLAN_PARTS),
        )
    return render(request, "plans/plan_detail.html", context)
