"""Decisions of the Director and proposals to the province: the office drafts, records, answers; the
leaders read."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards import decisions as services
from thidua.awards.decision_forms import LineForm, OutcomeForm, PaperForm, SignForm
from thidua.awards.models import Decision, DecisionLine, Proposal, ProposalLine
from thidua.awards.views.common import MANAGE, year_asked
from thidua.awards.views.dossier import dossier_context
from thidua.core.actions import error_text, run_action
from thidua.core.history import history_entries
from thidua.org.access import get_for_user, get_rw_for_user, organization_for, require
from thidua.org.roles import Capability

VIEW = Capability.VIEW_AWARDS
ERRORS = (ValidationError,)


def _list_url(year: int) -> str:
    return f"{reverse('awards:decisions')}?nam={year}"


@login_required
def decision_list(request):
    organization = organization_for(request)
    require(request.user, VIEW, organization)
    year = year_asked(request)
    can_manage = request.user.can(MANAGE, organization)
    context = {
        "organization": organization,
        "year": year,
        "decisions": Decision.objects.filter(organization=organization, year=year).order_by("-pk"),
        "proposals": Proposal.objects.filter(organization=organization, year=year).order_by("-pk"),
        "waiting": services.passed_nominations(organization, year) if can_manage else [],
        "form": PaperForm(initial={"year": year}),
        "can_manage": can_manage,
    }
    return render(request, "awards/decision_list.html", context)


@require_POST
@login_required
def decisions_draft(request):
    organization = organization_for(request)
    require(request.user, MANAGE, organization)
    year = year_asked(request)
    decision, proposal, skipped = services.draft_from_council(
        organization=organization, user=request.user, year=year
    )
    for reason in skipped:
        messages.warning(request, reason)
    if decision is None and proposal is None:
        messages.info(
            request, _("Không có người, tập thể nào được Hội đồng thông qua mà chưa có trong danh sách.")
        )
    else:
        messages.success(request, _("Đã lập dự thảo quyết định, tờ trình từ kết quả Hội đồng."))
    return redirect(_list_url(year))


@require_POST
@login_required
def paper_new(request, which: str):
    organization = organization_for(request)
    require(request.user, MANAGE, organization)
    form = PaperForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ghi năm, loại khen thưởng và trích yếu."))
        return redirect(_list_url(year_asked(request)))
    create = services.decision_create if which == "quyet-dinh" else services.proposal_create
    return run_action(
        request,
        partial(create, organization=organization, user=request.user, **form.cleaned_data),
        errors=ERRORS,
        success=_("Đã lập dự thảo."),
        to=_list_url(form.cleaned_data["year"]),
        then=lambda paper: paper_url(paper),
    )


def paper_url(paper) -> str:
    name = "awards:decision" if isinstance(paper, Decision) else "awards:proposal"
    return reverse(name, args=[paper.pk])


def _paper_page(request, paper, lines, extra: dict):
    can_manage = request.user.can(MANAGE, paper.organization)
    draft = paper.status == paper.Status.DRAFT
    preview = services.bonus_preview(paper, lines) if draft else {}
    for line in lines:
        line.preview = preview.get(line.pk)
    context = {
        "paper": paper,
        "lines": lines,
        "can_manage": can_manage,
        "line_form": LineForm(organization=paper.organization) if can_manage and draft else None,
        "sign_form": SignForm(initial={"signed_on": paper.signed_on}) if can_manage and draft else None,
        "history": history_entries(type(paper).history.filter(id=paper.pk)),
        **extra,
    }
    return render(request, "awards/paper_detail.html", context)


@login_required
def decision_detail(request, pk):
    decision = get_for_user(Decision.objects.all(), request.user, pk=pk)
    lines = list(decision.lines.select_related("person__unit", "unit", "nomination"))
    return _paper_page(request, decision, lines, {"is_decision": True})


@login_required
def proposal_detail(request, pk):
    proposal = get_for_user(Proposal.objects.all(), request.user, pk=pk)
    lines = list(proposal.lines.select_related("person__unit", "unit", "nomination"))
    outcome_form = None
    if request.user.can(MANAGE, proposal.organization) and proposal.status == Proposal.Status.SENT:
        outcome_form = OutcomeForm(
            lines=proposal.lines.all(), initial={"accepted": [line.pk for line in lines]}
        )
    extra = {"is_decision": False, "outcome_form": outcome_form, **dossier_context(request, proposal)}
    return _paper_page(request, proposal, lines, extra)


def _add_line(request, paper, add):
    form = LineForm(request.POST, organization=paper.organization)
    if not form.is_valid():
        messages.error(request, " ".join(error_text(ValidationError(e)) for e in form.errors.values()))
        return redirect(paper_url(paper))
    data = form.cleaned_data
    return run_action(
        request,
        partial(add, paper, user=request.user, title=data["title"], person=data["person"], unit=data["unit"]),
        errors=ERRORS,
        success=_("Đã thêm vào danh sách."),
        to=paper_url(paper),
    )


@require_POST
@login_required
def decision_line_add(request, pk):
    decision = get_rw_for_user(Decision.objects.all(), request.user, MANAGE, pk=pk)
    return _add_line(request, decision, services.decision_add_line)


@require_POST
@login_required
def proposal_line_add(request, pk):
    proposal = get_rw_for_user(Proposal.objects.all(), request.user, MANAGE, pk=pk)
    return _add_line(request, proposal, services.proposal_add_line)


def _remove_line(request, line, paper):
    return run_action(
        request,
        partial(services.line_remove, line, user=request.user),
        errors=ERRORS,
        success=_("Đã bỏ khỏi danh sách."),
        to=paper_url(paper),
    )


@require_POST
@login_required
def decision_line_remove(request, pk):
    line = get_rw_for_user(DecisionLine.objects.select_related("decision"), request.user, MANAGE, pk=pk)
    return _remove_line(request, line, line.decision)


@require_POST
@login_required
def proposal_line_remove(request, pk):
    line = get_rw_for_user(ProposalLine.objects.select_related("proposal"), request.user, MANAGE, pk=pk)
    return _remove_line(request, line, line.proposal)


def _sign(request, paper, sign, success: str):
    form = SignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ghi số, ngày ký (dd/mm/yyyy) và người ký."))
        return redirect(paper_url(paper))
    return run_action(
        request,
        partial(sign, paper, user=request.user, **form.cleaned_data),
        errors=ERRORS,
        success=success,
        to=paper_url(paper),
    )


@require_POST
@login_required
def decision_issue(request, pk):
    decision = get_rw_for_user(Decision.objects.all(), request.user, MANAGE, pk=pk)
    return _sign(request, decision, services.decision_issue, _("Đã ban hành quyết định, ghi sổ khen thưởng."))


@require_POST
@login_required
def proposal_send(request, pk):
    proposal = get_rw_for_user(Proposal.objects.all(), request.user, MANAGE, pk=pk)
    return _sign(request, proposal, services.proposal_send, _("Đã ghi tờ trình gửi UBND tỉnh."))


@require_POST
@login_required
def proposal_outcome(request, pk):
    proposal = get_rw_for_user(Proposal.objects.all(), request.user, MANAGE, pk=pk)
    form = OutcomeForm(request.POST, lines=proposal.lines.all())
    if not form.is_valid():
        messages.error(request, _("Kết quả chưa hợp lệ: ngày ghi theo dạng dd/mm/yyyy."))
        return redirect(paper_url(proposal))
    data = form.cleaned_data
    return run_action(
        request,
        partial(
            services.proposal_outcome,
            proposal,
            user=request.user,
            accepted=[line.pk for line in data["accepted"]],
            number=data["number"],
            decided_on=data["decided_on"],
            signer=data["signer"],
            note=data["note"],
        ),
        errors=ERRORS,
        success=_("Đã ghi kết quả tờ trình."),
        to=paper_url(proposal),
    )
