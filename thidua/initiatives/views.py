"""Initiative pages: the register, the application form, its workflow, the council's review, and the
office's upkeep of the councils.

Thin: check access, call one service, redirect or render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core import exports
from thidua.core.actions import error_text, run_action
from thidua.core.forms import error_summary
from thidua.core.history import Records, history_entries
from thidua.core.uploads import UploadKeeper, private_file_response
from thidua.initiatives import services
from thidua.initiatives.exports import INITIATIVE_COLUMNS
from thidua.initiatives.filters import CouncilFilter, InitiativeFilter
from thidua.initiatives.forms import (
    AttachmentForm,
    AuthorFormSet,
    CouncilForm,
    CouncilMemberForm,
    CouncilMemberRoleForm,
    CouncilReviewForm,
    CriterionForm,
    DecisionForm,
    InitiativeForm,
    ProvincialForm,
    ReceiveForm,
)
from thidua.initiatives.models import (
    Council,
    CouncilMember,
    Criterion,
    Initiative,
    InitiativeAttachment,
    Score,
    Vote,
)
from thidua.org.access import get_for_user, get_rw_for_user, organization_for, require
from thidua.org.roles import Capability

PAGE_SIZE = 30


@login_required
def initiative_list(request):
    initiatives = Initiative.objects.visible_to(request.user).select_related("unit")
    filterset = InitiativeFilter(request.GET, queryset=initiatives, request=request)
    if exports.asked(request):
        rows = filterset.qs.prefetch_related("authors")
        organization = request.user.organization
        return exports.xlsx_response(
            "sang-kien", INITIATIVE_COLUMNS, rows, title=_("Sáng kiến"), organization=organization
        )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filter": filterset,
        "can_register": _may_register(request.user),
        "can_manage_councils": request.user.is_superuser
        or bool(request.user.organizations_where(Capability.MANAGE_COUNCILS)),
    }
    return render(request, "initiatives/list.html", context)


def _edit(request, initiative: Initiative | None):
    """The application form with its authors and a first attachment; one page for new and draft ones."""
    organization = request.user.unit.organization if initiative is None else initiative.organization
    form = InitiativeForm(request.POST or None, instance=initiative)
    initial = None
    if initiative is None:
        initial = [
            {"name": request.user.full_name or request.user.username, "share": 100, "user": request.user}
        ]
    elif request.method != "POST":
        initial = [{"name": a.name, "share": a.share, "user": a.user} for a in initiative.authors.all()]
    authors = AuthorFormSet(
        request.POST or None, initial=initial, prefix="tac-gia", form_kwargs={"organization": organization}
    )
    keeper = UploadKeeper(request, f"initiative-{initiative.pk if initiative else 'new'}")
    attachment = AttachmentForm(request.POST or None, keeper.files() or None)
    if request.method == "POST" and all([form.is_valid(), authors.is_valid(), attachment.is_valid()]):
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            with transaction.atomic():
                if initiative is None:
                    initiative = services.initiative_register(
                        unit=request.user.unit, user=request.user, authors=authors.authors(), **fields
                    )
                else:
                    services.initiative_update(
                        initiative=initiative, user=request.user, authors=authors.authors(), **fields
                    )
                upload = attachment.cleaned_data.get("file")
                if upload:
                    services.attachment_add(initiative=initiative, upload=upload, user=request.user)
        except (services.InitiativeError, ValidationError) as error:
            form.add_error(None, error_text(error))
        else:
            keeper.forget()
            messages.success(request, _("Đã lưu sáng kiến."))
            return redirect(initiative)
    if request.method == "POST":
        keeper.keep(attachment)
    context = {"form": form, "authors": authors, "attachment": attachment, "initiative": initiative}
    return render(request, "initiatives/form.html", context)


def _may_register(user) -> bool:
    return user.unit_id is not None and user.acts_for_unit(Capability.REGISTER_INITIATIVES, user.unit)


@login_required
def initiative_create(request):
    if not _may_register(request.user):
        raise PermissionDenied
    return _edit(request, None)


@login_required
def initiative_edit(request, pk: int):
    initiative = get_for_user(Initiative.objects.all(), request.user, pk=pk)
    if not initiative.editable_by(request.user):
        raise PermissionDenied
    return _edit(request, initiative)


@login_required
def initiative_detail(request, pk: int):
    initiative = get_for_user(
        Initiative.objects.select_related("unit", "organization", "council", "rule", "created_by"),
        request.user,
        pk=pk,
    )
    user = request.user
    in_favour, members = initiative.tally()
    context = {
        "initiative": initiative,
        "today": timezone.localdate(),
        "authors": initiative.authors.select_related("user"),
        "attachments": initiative.attachments.all(),
        "votes": initiative.votes.select_related("member__user"),
        "recusals": initiative.recusals.select_related("member__user"),
        "in_favour": in_favour,
        "members": members,
        "can_edit": initiative.editable_by(user),
        "can_submit": initiative.submittable_by(user),
        "can_endorse": initiative.endorsable_by(user),
        "can_vote": initiative.votable_by(user),
        "receive_form": _receive_form(initiative) if initiative.receivable_by(user) else None,
        "decision_form": DecisionForm() if initiative.decidable_by(user) else None,
        "provincial_form": ProvincialForm() if initiative.provincial_recordable_by(user) else None,
        "history": history_entries(
            initiative.history.select_related("endorsed_by", "council", "rule"), limit=30
        )
        if user.can(Capability.VIEW_AUDIT, initiative.organization_id)
        else None,
    }
    return render(request, "initiatives/detail.html", context)


def _receive_form(initiative: Initiative, data=None) -> ReceiveForm:
    councils = Council.objects.of(initiative.organization)
    form = ReceiveForm(data, councils=councils, initial={"received_on": timezone.localdate()})
    current = councils.filter(year=timezone.localdate().year).first()
    if current is not None:
        form.initial["council"] = current.pk
    return form


ERRORS = (services.InitiativeError, ValidationError)


def _initiative(request, pk: int) -> Initiative:
    return get_for_user(Initiative.objects.select_related("organization"), request.user, pk=pk)


@login_required
@require_POST
def initiative_submit(request, pk: int):
    initiative = _initiative(request, pk)
    return run_action(
        request,
        lambda: services.initiative_submit(initiative=initiative, user=request.user),
        allowed=initiative.submittable_by(request.user),
        errors=ERRORS,
        success=_("Đã gửi sáng kiến để trưởng đơn vị xác nhận."),
        to=initiative,
    )


@login_required
@require_POST
def initiative_endorse(request, pk: int):
    initiative = _initiative(request, pk)
    return run_action(
        request,
        lambda: services.initiative_endorse(initiative=initiative, user=request.user),
        allowed=initiative.endorsable_by(request.user),
        errors=ERRORS,
        success=_("Đã xác nhận sáng kiến của đơn vị."),
        to=initiative,
    )


def _with_form(form, action):
    """Run `action(cleaned_data)` when the posted form is valid; raise its errors otherwise."""

    def act():
        if not form.is_valid():
            raise ValidationError(error_summary(form))
        action(form.cleaned_data)

    return act


@login_required
@require_POST
def initiative_receive(request, pk: int):
    initiative = _initiative(request, pk)
    return run_action(
        request,
        _with_form(
            _receive_form(initiative, request.POST),
            lambda data: services.initiative_receive(initiative=initiative, user=request.user, **data),
        ),
        allowed=initiative.receivable_by(request.user),
        errors=ERRORS,
        success=_("Đã tiếp nhận đơn sáng kiến."),
        to=initiative,
    )


@login_required
@require_POST
def initiative_decide(request, pk: int):
    initiative = _initiative(request, pk)
    return run_action(
        request,
        _with_form(
            DecisionForm(request.POST),
            lambda data: services.initiative_decide(initiative=initiative, user=request.user, **data),
        ),
        allowed=initiative.decidable_by(request.user),
        errors=ERRORS,
        success=_("Đã ghi quyết định về sáng kiến."),
        to=initiative,
    )


@login_required
@require_POST
def initiative_provincial(request, pk: int):
    initiative = _initiative(request, pk)
    return run_action(
        request,
        _with_form(
            ProvincialForm(request.POST),
            lambda data: services.initiative_record_provincial(
                initiative=initiative, user=request.user, **data
            ),
        ),
        allowed=initiative.provincial_recordable_by(request.user),
        errors=ERRORS,
        success=_("Đã ghi nhận công nhận cấp tỉnh."),
        to=initiative,
    )


@login_required
def council_review(request, pk: int):
    """A council member's page: score each criterion and vote."""
    initiative = get_for_user(Initiative.objects.select_related("council", "unit"), request.user, pk=pk)
    if not initiative.votable_by(request.user):
        raise PermissionDenied
    member = initiative.council.member_for(request.user)
    criteria = initiative.council.criteria.all()
    initial = {
        f"criterion_{s.criterion_id}": s.points
        for s in Score.objects.filter(initiative=initiative, member=member)
    }
    vote = Vote.objects.filter(initiative=initiative, member=member).first()
    if vote is not None:
        initial["in_favour"] = "yes" if vote.in_favour else "no"
    form = CouncilReviewForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.council_score(initiative=initiative, user=request.user, points=form.points())
                services.council_vote(
                    initiative=initiative, user=request.user, in_favour=form.cleaned_data["in_favour"]
                )
        except (services.InitiativeError, ValidationError) as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("Đã ghi điểm và biểu quyết của anh/chị."))
            return redirect(initiative)
    context = {"initiative": initiative, "member": member, "form": form}
    return render(request, "initiatives/council_review.html", context)


@login_required
def attachment_download(request, pk: int):
    return private_file_response(request, InitiativeAttachment.objects.all(), pk=pk)


# ——— Councils ———


@login_required
def council_list(request):
    organization = organization_for(request)
    require(request.user, Capability.VIEW_ALL_INITIATIVES, organization)
    councils = Council.objects.visible_to(request.user).of(organization)
    years = councils.order_by("-year").values_list("year", flat=True).distinct()
    filterset = CouncilFilter(request.GET, queryset=councils)
    context = {
        "organization": organization,
        "councils": filterset.qs.annotate(
            member_count=Count("members", distinct=True), criterion_count=Count("criteria", distinct=True)
        ),
        "years": years,
        "year": request.GET.get("year", ""),
        "can_manage": request.user.can(Capability.MANAGE_COUNCILS, organization),
    }
    return render(request, "initiatives/council_list.html", context)


def _part_form(request, form, *, title: str, council: Council | None, save):
    """A one-form page (a council, a member's role, a criterion): `save()` runs one service."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save()
        except (services.InitiativeError, ValidationError) as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("Đã lưu."))
            return redirect(council or saved)
    context = {"form": form, "title": title, "council": council}
    return render(request, "initiatives/council_form.html", context)


@login_required
def council_create(request):
    organization = organization_for(request)
    require(request.user, Capability.MANAGE_COUNCILS, organization)
    form = CouncilForm(
        request.POST or None,
        instance=Council(organization=organization),
        initial={"year": timezone.localdate().year},
    )
    return _part_form(
        request,
        form,
        title=_("Lập hội đồng sáng kiến"),
        council=None,
        save=lambda: services.council_save(council=form.instance, user=request.user),
    )


@login_required
def council_edit(request, pk: int):
    council = get_rw_for_user(Council.objects.all(), request.user, Capability.MANAGE_COUNCILS, pk=pk)
    form = CouncilForm(request.POST or None, instance=council)
    return _part_form(
        request,
        form,
        title=_("Sửa hội đồng sáng kiến"),
        council=council,
        save=lambda: services.council_save(council=form.instance, user=request.user),
    )


def _council_history(council: Council) -> list:
    """The latest changes to the council, its members and its criteria, newest first."""
    return history_entries(
        council.history.all(),
        Records(
            CouncilMember.history.filter(council_id=council.pk).select_related("user"),
            subject=lambda record: f"{record.user} — {record.get_role_display()}",
        ),
        Records(Criterion.history.filter(council_id=council.pk), subject=lambda record: record.name),
        limit=30,
    )


def _council_page(request, council: Council, *, member_form=None, criterion_form=None):
    can_manage = request.user.can(Capability.MANAGE_COUNCILS, council.organization)
    criteria = council.criteria.with_use()
    if can_manage:
        next_position = (criteria.aggregate(last=Max("position"))["last"] or 0) + 1
        member_form = member_form or CouncilMemberForm(council=council)
        criterion_form = criterion_form or CriterionForm(initial={"position": next_position})
    context = {
        "council": council,
        "members": council.members.in_order().with_reviews().select_related("user__unit"),
        "criteria": criteria,
        "initiative_count": council.initiatives.count(),
        "can_manage": can_manage,
        "member_form": member_form if can_manage else None,
        "criterion_form": criterion_form if can_manage else None,
        "history": _council_history(council)
        if request.user.can(Capability.VIEW_AUDIT, council.organization_id)
        else None,
    }
    return render(request, "initiatives/council_detail.html", context)


@login_required
def council_detail(request, pk: int):
    council = get_for_user(Council.objects.select_related("organization"), request.user, pk=pk)
    require(request.user, Capability.VIEW_ALL_INITIATIVES, council.organization)
    return _council_page(request, council)


def _added(request, council: Council, form, save, **forms_on_page):
    """Add a member or a criterion from the council's page with `save(cleaned_data)`; on an error,
    show the page again with the form's messages."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except (services.InitiativeError, ValidationError) as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("Đã lưu."))
            return redirect(council)
    return _council_page(request, council, **forms_on_page)


@login_required
@require_POST
def council_member_add(request, pk: int):
    council = get_rw_for_user(
        Council.objects.select_related("organization"), request.user, Capability.MANAGE_COUNCILS, pk=pk
    )
    form = CouncilMemberForm(request.POST, council=council)
    return _added(
        request,
        council,
        form,
        lambda data: services.council_member_add(
            council=council, person=data["user"], role=data["role"], user=request.user
        ),
        member_form=form,
    )


@login_required
def council_member_edit(request, pk: int):
    member = get_rw_for_user(
        CouncilMember.objects.select_related("council__organization", "user"),
        request.user,
        Capability.MANAGE_COUNCILS,
        pk=pk,
    )
    form = CouncilMemberRoleForm(request.POST or None, instance=member)
    return _part_form(
        request,
        form,
        title=_("Vai trò của %(name)s") % {"name": member.user},
        council=member.council,
        save=lambda: services.council_member_change_role(
            member=member, role=form.cleaned_data["role"], user=request.user
        ),
    )


@login_required
@require_POST
def council_member_remove(request, pk: int):
    member = get_rw_for_user(
        CouncilMember.objects.select_related("council__organization"),
        request.user,
        Capability.MANAGE_COUNCILS,
        pk=pk,
    )
    return run_action(
        request,
        lambda: services.council_member_remove(member=member, user=request.user),
        errors=(services.InitiativeError,),
        success=_("Đã bỏ thành viên khỏi hội đồng."),
        to=member.council,
    )


@login_required
@require_POST
def criterion_add(request, pk: int):
    council = get_rw_for_user(
        Council.objects.select_related("organization"), request.user, Capability.MANAGE_COUNCILS, pk=pk
    )
    form = CriterionForm(request.POST, instance=Criterion(council=council))
    return _added(
        request,
        council,
        form,
        lambda data: services.criterion_save(criterion=form.instance, user=request.user),
        criterion_form=form,
    )


@login_required
def criterion_edit(request, pk: int):
    criterion = get_rw_for_user(
        Criterion.objects.select_related("council__organization"),
        request.user,
        Capability.MANAGE_COUNCILS,
        pk=pk,
    )
    if criterion.is_used():
        messages.error(request, str(services.CRITERION_IN_USE))
        return redirect(criterion.council)
    form = CriterionForm(request.POST or None, instance=criterion)
    return _part_form(
        request,
        form,
        title=_("Sửa tiêu chí chấm điểm"),
        council=criterion.council,
        save=lambda: services.criterion_save(criterion=form.instance, user=request.user),
    )


@login_required
@require_POST
def criterion_remove(request, pk: int):
    criterion = get_rw_for_user(
        Criterion.objects.select_related("council__organization"),
        request.user,
        Capability.MANAGE_COUNCILS,
        pk=pk,
    )
    return run_action(
        request,
        lambda: services.criterion_remove(criterion=criterion, user=request.user),
        errors=(services.InitiativeError,),
        success=_("Đã bỏ tiêu chí chấm điểm."),
        to=criterion.council,
    )
