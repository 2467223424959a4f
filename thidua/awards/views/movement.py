"""Movement rewards: the movements, what the records propose at sơ kết / tổng kết, the office's call."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards import movement as services
from thidua.awards.models import MovementRewardProposal
from thidua.awards.scoring_forms import ProposeForm
from thidua.awards.views.common import MANAGE, PAGE_SIZE
from thidua.core.actions import run_action
from thidua.org.access import get_rw_for_user, organization_for, require
from thidua.plans.models import Deadline, Movement, Phase

Proposal = MovementRewardProposal
ERRORS = (services.MovementError,)


def _url(movement) -> str:
    return reverse("awards:movement_reward", args=[movement.pk])


@login_required
def movement_list(request):
    organization = organization_for(request)
    require(request.user, MANAGE, organization)
    counted = {status: Count("pk", filter=Q(status=status)) for status in Proposal.Status.values}
    stats = {
        row["movement"]: row
        for row in Proposal.objects.filter(organization=organization).values("movement").annotate(**counted)
    }
    movements = Movement.objects.filter(organization=organization).order_by("name")
    rows = [{"movement": m, "counts": stats.get(m.pk, {})} for m in movements]
    context = {
        "organization": organization,
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_manage": True,
    }
    return render(request, "awards/movement_list.html", context)


def _movements():
    return Movement.objects.select_related("organization")


@login_required
def movement_detail(request, pk: int):
    movement = get_rw_for_user(_movements(), request.user, MANAGE, pk=pk)
    proposals = Proposal.objects.filter(movement=movement).select_related("nomination", "decided_by")
    status = request.GET.get("trang-thai", "")
    if status in Proposal.Status.values:
        proposals = proposals.filter(status=status)
    phases = Phase.objects.filter(plan__movement=movement).order_by("starts_on")
    reviews = Deadline.objects.filter(
        plan__movement=movement, kind__in=(Deadline.Kind.INTERIM, Deadline.Kind.FINAL)
    ).order_by("due_on")
    # A yearly sơ kết by default; the tổng kết when the plan's falls this year.
    year = timezone.localdate().year
    final = reviews.filter(kind=Deadline.Kind.FINAL, due_on__year=year).exists()
    stage = Proposal.Stage.FINAL if final else Proposal.Stage.INTERIM
    context = {
        "movement": movement,
        "page": Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page")),
        "statuses": Proposal.Status.choices,
        "status": status,
        "phases": phases,
        "reviews": reviews,
        "form": ProposeForm(initial={"stage": stage, "year": year}),
        "can_manage": True,
    }
    return render(request, "awards/movement_detail.html", context)


@login_required
@require_POST
def movement_propose(request, pk: int):
    movement = get_rw_for_user(_movements(), request.user, MANAGE, pk=pk)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chọn đợt và năm hợp lệ."))
        return redirect(_url(movement))
    made = services.proposals_make(movement=movement, user=request.user, **form.cleaned_data)
    if made:
        messages.success(request, _("Đã lập {count} đề xuất mới từ số liệu.").format(count=len(made)))
    else:
        messages.info(request, _("Không có đề xuất mới: số liệu chưa thay đổi hoặc chưa có ai đạt."))
    return redirect(_url(movement))


def _proposals():
    return Proposal.objects.select_related("organization", "movement")


@login_required
@require_POST
def proposal_confirm(request, pk: int):
    proposal = get_rw_for_user(_proposals(), request.user, MANAGE, pk=pk)
    return run_action(
        request,
        lambda: services.proposal_confirm(proposal=proposal, user=request.user),
        errors=ERRORS,
        success=_("Đã xác nhận: “{name}” được đưa vào bình xét khen thưởng theo chuyên đề.").format(
            name=proposal.subject_name
        ),
        to=_url(proposal.movement),
    )


@login_required
@require_POST
def proposal_discard(request, pk: int):
    proposal = get_rw_for_user(_proposals(), request.user, MANAGE, pk=pk)
    reason = request.POST.get("reason", "")
    return run_action(
        request,
        lambda: services.proposal_discard(proposal=proposal, user=request.user, reason=reason),
        errors=ERRORS,
        success=_("Đã ghi không đề nghị “{name}”.").format(name=proposal.subject_name),
        to=_url(proposal.movement),
    )
