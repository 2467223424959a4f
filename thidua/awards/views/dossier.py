"""A proposal's dossier (hồ sơ đề nghị) on the proposal's page: the office adds and removes files, the
office and the leaders download them."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards import dossier
from thidua.awards.decision_forms import ProposalFileForm
from thidua.awards.models import Proposal, ProposalFile
from thidua.awards.views.common import MANAGE
from thidua.core.actions import error_text
from thidua.core.history import Records, history_entries
from thidua.core.uploads import private_file_response
from thidua.org.access import get_rw_for_user


def dossier_context(request, proposal) -> dict:
    """What the proposal's page shows of its dossier (with the dossier's changes in the page's history),
    and the upload form for the office."""
    can_add = request.user.can(MANAGE, proposal.organization) and not proposal.answered
    return {
        "dossier": proposal.files.select_related("uploaded_by").order_by("uploaded_at", "pk"),
        "dossier_form": ProposalFileForm() if can_add else None,
        "dossier_removable": request.user.can(MANAGE, proposal.organization)
        and proposal.status == Proposal.Status.DRAFT,
        "history": history_entries(
            Proposal.history.filter(id=proposal.pk),
            Records(ProposalFile.history.filter(proposal_id=proposal.pk), subject=_file_subject),
        ),
    }


def _file_subject(record: Any) -> str:
    return _("Hồ sơ đề nghị: %(name)s") % {"name": record.original_name}


@require_POST
@login_required
def proposal_file_add(request, pk):
    proposal = get_rw_for_user(Proposal.objects.all(), request.user, MANAGE, pk=pk)
    form = ProposalFileForm(request.POST, request.FILES)
    if not form.is_valid():
        problems = [f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()]
        messages.error(request, " ".join(problems))
        return redirect("awards:proposal", pk=proposal.pk)
    try:
        dossier.proposal_file_add(
            proposal=proposal,
            user=request.user,
            upload=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Đã thêm tệp vào hồ sơ đề nghị."))
    return redirect("awards:proposal", pk=proposal.pk)


@login_required
def proposal_file(request, pk):
    return private_file_response(request, ProposalFile.objects.all(), pk=pk)


@require_POST
@login_required
def proposal_file_remove(request, pk):
    row = get_rw_for_user(ProposalFile.objects.select_related("proposal"), request.user, MANAGE, pk=pk)
    try:
        dossier.proposal_file_remove(row=row, user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Đã bỏ tệp khỏi hồ sơ đề nghị."))
    return redirect("awards:proposal", pk=row.proposal_id)
