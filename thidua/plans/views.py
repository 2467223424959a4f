from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core import exports, pagecache
from thidua.core.actions import error_text, run_action
from thidua.core.history import Records, history_entries
from thidua.org.access import get_for_user, get_rw_for_user, require
from thidua.org.roles import Capability
from thidua.plans.drafts import highlighted_segments
from thidua.plans.exports import PLAN_COLUMNS
from thidua.plans.extraction import ExtractionError
from thidua.plans.filters import PlanFilter
from thidua.plans.forms import PlanUploadForm
from thidua.plans.models import Deadline, Phase, Plan, PlanDraft, Reference, Responsibility, Target
from thidua.plans.review import DraftReview
from thidua.plans.services import (
    PlanError,
    plan_draft_create,
    plan_draft_discard,
    plan_draft_publish,
    plan_draft_update,
)
from thidua.plans.services import (
    deadline_complete as deadline_complete_service,
)

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
    if exports.asked(request):
        return exports.xlsx_response(
            "ke-hoach",
            PLAN_COLUMNS,
            filterset.qs,
            title=_("Kế hoạch"),
            organization=request.user.organization,
        )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    organization = request.user.organization
    can_import = organization is not None and request.user.can(Capability.IMPORT_PLANS, organization)
    return render(
        request, "plans/plan_list.html", {"filter": filterset, "page": page, "can_import": can_import}
    )


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
        "can_complete": request.user.can(Capability.EDIT_PLANS, plan.organization),
        "can_assign": plan.status == Plan.Status.PUBLISHED
        and request.user.can(Capability.ASSIGN_TARGETS, plan.organization),
        "can_see_unit_plans": plan.unit_plans_open_to(request.user),
        # The targets, the sections and the responsibilities are rendered once per version of the
        # agency's plans (core.pagecache); the deadlines and the history are rendered each time.
        "page_cache_seconds": settings.PAGE_CACHE_SECONDS,
        "page_version": pagecache.fragment_key([plan.organization_id], [pagecache.REST]),
    }
    if context["can_see_history"]:
        # A change to the plan or one of its parts is a change to the agency's "rest": kept until then.
        context["history"] = pagecache.cached(
            "plan-history",
            [plan.organization_id],
            lambda: history_entries(
                Plan.history.filter(id=plan.pk),
                *(Records(model.history.filter(plan_id=plan.pk)) for model in PLAN_PARTS),
            ),
            plan.pk,
            get_language(),
            topics=[pagecache.REST],
        )
    return render(request, "plans/plan_detail.html", context)


@login_required
def plan_import(request):
    """Upload a plan document (or paste its text); the reader turns it into a draft for review."""
    organization = request.user.organization
    if organization is None:
        raise PermissionDenied
    require(request.user, Capability.IMPORT_PLANS, organization)
    form = PlanUploadForm(request.POST, request.FILES) if request.method == "POST" else PlanUploadForm()
    if form.is_bound and form.is_valid():
        try:
            draft = plan_draft_create(
                organization=organization,
                user=request.user,
                upload=form.cleaned_data["file"],
                text=form.cleaned_data["text"],
            )
        except ExtractionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Đã đọc văn bản. Hãy rà soát từng chỉ tiêu, thời hạn trước khi ban hành.")
            )
            return redirect(draft)
    drafts = PlanDraft.objects.visible_to(request.user).filter(status=PlanDraft.Status.OPEN)
    return render(request, "plans/plan_import.html", {"form": form, "drafts": drafts})


@login_required
def draft_review(request, pk: int):
    draft = get_rw_for_user(
        PlanDraft.objects.select_related("organization"), request.user, Capability.EDIT_PLANS, pk=pk
    )
    review = DraftReview(draft, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not review.is_valid():
            messages.error(request, _("Chưa lưu: có ô chưa hợp lệ, xem các dòng được đánh dấu đỏ."))
        else:
            return _draft_save(request, draft, review)
    return render(
        request,
        "plans/draft_review.html",
        {"draft": draft, "review": review, "segments": highlighted_segments(draft.data)},
    )


def _draft_save(request, draft: PlanDraft, review: DraftReview):
    """Keep the corrections, then publish when asked. A draft published or discarded meanwhile (two
    officers on the same draft, a double click) is refused by the service with its message."""
    publish = "publish" in request.POST
    if publish:
        require(request.user, Capability.PUBLISH_PLANS, draft.organization)
    try:
        draft = plan_draft_update(draft=draft, user=request.user, **review.changes())
        if not publish:
            messages.success(request, _("Đã lưu các chỉnh sửa."))
            return redirect(draft)
        plan = plan_draft_publish(draft=draft, user=request.user)
    except (PlanError, ValidationError) as error:
        messages.error(request, error_text(error))
        return redirect(draft)
    messages.success(request, _("Đã ban hành kế hoạch trên hệ thống."))
    return redirect(plan)


@login_required
@require_POST
def draft_discard(request, pk: int):
    draft = get_rw_for_user(PlanDraft.objects.all(), request.user, Capability.EDIT_PLANS, pk=pk)
    return run_action(
        request,
        lambda: plan_draft_discard(draft=draft, user=request.user),
        errors=(PlanError,),
        success=_("Đã hủy bản nháp."),
        to=draft,
        then=lambda _discarded: "plans:import",
    )


@login_required
@require_POST
def deadline_complete(request, pk: int):
    deadline = get_rw_for_user(
        Deadline.objects.select_related("plan"), request.user, Capability.EDIT_PLANS, pk=pk
    )
    return run_action(
        request,
        lambda: deadline_complete_service(deadline=deadline, user=request.user),
        errors=(PlanError,),
        success=_("Đã ghi nhận hoàn thành: %(text)s") % {"text": deadline.text},
        to=deadline.plan.get_absolute_url() + "#deadlines",
    )
