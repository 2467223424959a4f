"""Engagement pages: feedback and petitions, dialogues, enterprises, their criteria and results.

Thin: check, call, render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core import exports
from thidua.core.actions import run_action
from thidua.core.spreadsheets import import_post
from thidua.core.uploads import private_file_response
from thidua.engagement import excel, services
from thidua.engagement.exports import (
    ASSESSMENT_COLUMNS,
    DIALOGUE_COLUMNS,
    ENTERPRISE_COLUMNS,
    FEEDBACK_COLUMNS,
)
from thidua.engagement.filters import FeedbackFilter
from thidua.engagement.forms import (
    AnswerForm,
    AssignForm,
    AttachmentForm,
    CopyCriterionSetForm,
    CriterionForm,
    CriterionSetForm,
    DialogueForm,
    EnterpriseUploadForm,
    FeedbackForm,
    ForwardForm,
    HoldForm,
    IssueForm,
    OfficeFeedbackForm,
    PublicVersionForm,
    ScoresForm,
)
from thidua.engagement.models import (
    Assessment,
    Criterion,
    CriterionSet,
    Dialogue,
    DialogueAttachment,
    Feedback,
    Score,
    acts_for_enterprise,
    visible_enterprises,
)
from thidua.engagement.personal_data import marked_segments
from thidua.org.access import get_for_user, get_rw_for_user, organization_for, require
from thidua.org.roles import Capability

PAGE_SIZE = 20
ERRORS = (services.EngagementError,)


def _acts_as_enterprise(user, capability: str, organization) -> bool:
    return acts_for_enterprise(user, user.enterprise_id, capability, organization)


def _refused(request, error) -> None:
    messages.error(request, str(error))


# ——— Feedback ———


def _workbook(name, columns, rows, title, organization):
    return exports.xlsx_response(name, columns, rows, title=title, organization=organization)


@login_required
def feedback_list(request):
    organization = organization_for(request)
    rows = Feedback.objects.visible_to(request.user).filter(organization=organization)
    filterset = FeedbackFilter(request.GET, queryset=rows)
    rows, state = filterset.qs, filterset.form.cleaned_data.get("state")
    if exports.asked(request):
        rows = rows.select_related("enterprise", "unit")
        return _workbook("phan-anh", FEEDBACK_COLUMNS, rows, _("Phản ánh, kiến nghị"), organization)
    sees_all = request.user.can(Capability.VIEW_ALL_FEEDBACK, organization)
    today = timezone.localdate()
    context = {
        "organization": organization,
        "rows": rows.select_related("enterprise", "unit")[:200],
        "states": Feedback.State.choices,
        "state": state,
        "today": today,
        "on_time_rate": Feedback.objects.filter(organization=organization).on_time_rate(today)
        if sees_all
        else None,
        "sees_all": sees_all,
        "can_send": _acts_as_enterprise(request.user, Capability.SEND_FEEDBACK, organization)
        or request.user.can(Capability.MANAGE_FEEDBACK, organization),
    }
    return render(request, "engagement/feedback_list.html", context)


@login_required
def feedback_new(request):
    organization = organization_for(request)
    as_enterprise = _acts_as_enterprise(request.user, Capability.SEND_FEEDBACK, organization)
    if not as_enterprise:
        require(request.user, Capability.MANAGE_FEEDBACK, organization)
        form = OfficeFeedbackForm(request.POST or None, organization=organization)
    else:
        form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            feedback = services.feedback_receive(
                organization=organization,
                channel=Feedback.Channel.WEB if as_enterprise else Feedback.Channel.OFFICE,
                enterprise=request.user.enterprise if as_enterprise else data.get("enterprise"),
                subject=data["subject"],
                content=data["content"],
                received_on=None if as_enterprise else data["received_on"],
                publish_consent=data["publish_consent"],
                user=request.user,
            )
        except services.EngagementError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Đã gửi phản ánh, kiến nghị."))
            return redirect(feedback)
    return render(request, "engagement/feedback_form.html", {"form": form, "organization": organization})


@login_required
def feedback_detail(request, pk: int):
    feedback = get_for_user(
        Feedback.objects.select_related("organization", "enterprise", "unit", "rule", "dialogue"),
        request.user,
        pk=pk,
    )
    user = request.user
    context = {
        "feedback": feedback,
        "today": timezone.localdate(),
        "assign_form": AssignForm(organization=feedback.organization, initial={"unit": feedback.unit_id})
        if feedback.assignable_by(user)
        else None,
        "forward_form": ForwardForm() if feedback.assignable_by(user) else None,
        "answer_form": AnswerForm() if feedback.answerable_by(user) else None,
        "can_close": feedback.closable_by(user),
        "can_publish": feedback.publishable_by(user),
    }
    return render(request, "engagement/feedback_detail.html", context)


def _feedback_action(request, pk: int, allowed) -> Feedback:
    feedback = get_for_user(Feedback.objects.select_related("organization"), request.user, pk=pk)
    if not allowed(feedback, request.user):
        raise PermissionDenied
    return feedback


@login_required
@require_POST
def feedback_assign(request, pk: int):
    feedback = _feedback_action(request, pk, Feedback.assignable_by)
    form = AssignForm(request.POST, organization=feedback.organization)
    if form.is_valid():
        services.feedback_assign(feedback=feedback, unit=form.cleaned_data["unit"], user=request.user)
        messages.success(request, _("Đã giao {unit} xử lý.").format(unit=form.cleaned_data["unit"]))
    else:
        messages.error(request, _("Chọn đơn vị xử lý."))
    return redirect(feedback)


@login_required
@require_POST
def feedback_answer(request, pk: int):
    feedback = _feedback_action(request, pk, Feedback.answerable_by)
    form = AnswerForm(request.POST)
    if form.is_valid():
        services.feedback_answer(feedback=feedback, answer=form.cleaned_data["answer"], user=request.user)
        messages.success(request, _("Đã gửi trả lời."))
    else:
        messages.error(request, _("Nhập nội dung trả lời."))
    return redirect(feedback)


@login_required
@require_POST
def feedback_forward(request, pk: int):
    feedback = _feedback_action(request, pk, Feedback.assignable_by)
    form = ForwardForm(request.POST)
    if form.is_valid():
        services.feedback_forward(
            feedback=feedback, authority=form.cleaned_data["authority"], user=request.user
        )
        messages.success(request, _("Đã chuyển cơ quan cấp trên."))
    else:
        messages.error(request, _("Nhập tên cơ quan cấp trên nhận chuyển."))
    return redirect(feedback)


@login_required
@require_POST
def feedback_close(request, pk: int):
    feedback = _feedback_action(request, pk, Feedback.closable_by)
    return run_action(
        request,
        lambda: services.feedback_close(feedback=feedback, user=request.user),
        errors=ERRORS,
        to=feedback,
    )


def _known_personal(feedback: Feedback) -> tuple[str, ...]:
    """Names and contacts the record itself holds, to be marked wherever the text repeats them."""
    enterprise = feedback.enterprise
    people = (feedback.created_by.full_name if feedback.created_by else "",)
    contacts = (enterprise.representative, enterprise.phone, enterprise.email) if enterprise else ()
    return tuple(filter(None, people + contacts))


@login_required
def feedback_publish(request, pk: int):
    """The office reads and edits the public copy, personal data highlighted, then publishes it."""
    feedback = _feedback_action(request, pk, Feedback.publishable_by)
    known = _known_personal(feedback)
    initial = {
        "subject": feedback.public_subject or feedback.subject,
        "content": feedback.public_content or feedback.content,
        "answer": feedback.public_answer or feedback.answer,
    }
    form = PublicVersionForm(request.POST or None, initial=initial, known=known)
    if request.method == "POST" and "check" not in request.POST and form.is_valid():
        data = form.cleaned_data
        return run_action(
            request,
            lambda: services.feedback_publish(
                feedback=feedback,
                user=request.user,
                subject=data["subject"],
                content=data["content"],
                answer=data["answer"],
            ),
            errors=ERRORS,
            success=_("Đã công khai câu hỏi và trả lời."),
            to=feedback,
        )
    previews = [
        (form[name], marked_segments(form[name].value() or "", form.findings(name)))
        for name in ("subject", "content", "answer")
    ]
    return render(
        request,
        "engagement/feedback_publish.html",
        {"feedback": feedback, "form": form, "previews": previews},
    )


# ——— Dialogues ———


@login_required
def dialogue_list(request):
    organization = organization_for(request)
    rows = Dialogue.objects.visible_to(request.user).filter(organization=organization)
    if exports.asked(request):
        rows = rows.prefetch_related("enterprises")
        return _workbook("doi-thoai", DIALOGUE_COLUMNS, rows, _("Đối thoại doanh nghiệp"), organization)
    year = timezone.localdate().year
    context = {
        "organization": organization,
        "rows": rows,
        "held_this_year": rows.held().filter(held_on__year=year).count(),
        "year": year,
        "can_manage": request.user.can(Capability.MANAGE_DIALOGUES, organization),
    }
    return render(request, "engagement/dialogue_list.html", context)


@login_required
def dialogue_new(request):
    organization = organization_for(request)
    require(request.user, Capability.MANAGE_DIALOGUES, organization)
    form = DialogueForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        dialogue = services.dialogue_schedule(
            organization=organization,
            title=data["title"],
            scheduled_on=data["scheduled_on"],
            place=data["place"],
            enterprises=data["enterprises"],
            units=data["units"],
            user=request.user,
        )
        return redirect(dialogue)
    return render(request, "engagement/dialogue_form.html", {"form": form})


@login_required
def dialogue_detail(request, pk: int):
    dialogue = get_for_user(Dialogue.objects.select_related("organization"), request.user, pk=pk)
    can_manage = request.user.can(Capability.MANAGE_DIALOGUES, dialogue.organization)
    if request.method == "POST":
        require(request.user, Capability.MANAGE_DIALOGUES, dialogue.organization)
        _dialogue_post(request, dialogue)
        return redirect(dialogue)
    context = {
        "dialogue": dialogue,
        "issues": Feedback.objects.visible_to(request.user).filter(dialogue=dialogue),
        "can_manage": can_manage,
        "hold_form": HoldForm(initial={"held_on": dialogue.scheduled_on}),
        "issue_form": IssueForm(dialogue=dialogue),
        "attachment_form": AttachmentForm(),
    }
    return render(request, "engagement/dialogue_detail.html", context)


def _dialogue_post(request, dialogue: Dialogue) -> None:
    action = request.POST.get("action")
    forms_by_action = {
        "hold": lambda: HoldForm(request.POST),
        "issue": lambda: IssueForm(request.POST, dialogue=dialogue),
        "attach": lambda: AttachmentForm(request.POST, request.FILES),
    }
    if action not in forms_by_action:
        raise Http404
    form = forms_by_action[action]()
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return
    data, user = form.cleaned_data, request.user
    try:
        if action == "hold":
            services.dialogue_hold(
                dialogue=dialogue, held_on=data["held_on"], minutes=data["minutes"], user=user
            )
        elif action == "issue":
            services.dialogue_raise_issue(
                dialogue=dialogue,
                enterprise=data["enterprise"],
                subject=data["subject"],
                content=data["content"],
                user=user,
            )
        else:
            services.dialogue_attach(dialogue=dialogue, upload=data["file"], user=user)
    except services.EngagementError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Đã lưu."))


@login_required
def attachment_download(request, pk: int):
    return private_file_response(request, DialogueAttachment.objects.select_related("dialogue"), pk=pk)


# ——— Enterprises and their results ———


@login_required
def enterprise_list(request):
    organization = organization_for(request)
    rows = visible_enterprises(request.user).filter(organization=organization)
    if exports.asked(request):
        return _workbook("doanh-nghiep", ENTERPRISE_COLUMNS, rows, _("Doanh nghiệp"), organization)
    context = {
        "organization": organization,
        "rows": rows,
        "can_import": request.user.can(Capability.MANAGE_ENTERPRISES, organization),
    }
    return render(request, "engagement/enterprise_list.html", context)


@login_required
def enterprise_import(request):
    organization = organization_for(request)
    require(request.user, Capability.MANAGE_ENTERPRISES, organization)

    def done(count: int):
        messages.success(request, _("Đã ghi {count} doanh nghiệp từ tệp Excel.").format(count=count))
        return redirect("engagement:enterprises")

    form = EnterpriseUploadForm(request.POST or None, request.FILES or None)
    answered = import_post(
        request,
        owner=organization,
        form=form,
        pending=excel.PendingEnterpriseUploads(request.session),
        parse=lambda file: excel.parse_workbook(file, organization),
        apply=excel.apply_import,
        preview_template="engagement/enterprise_preview.html",
        context={},
        upload_url=reverse("engagement:enterprise_import"),
        done=done,
    )
    if answered is not None:
        return answered
    return render(request, "engagement/enterprise_import.html", {"form": form, "organization": organization})


@login_required
def assessment_list(request):
    organization = organization_for(request)
    rows = Assessment.objects.visible_to(request.user).filter(organization=organization)
    if exports.asked(request):
        rows = rows.select_related("enterprise", "criterion_set")
        return _workbook(
            "thi-dua-doanh-nghiep", ASSESSMENT_COLUMNS, rows, _("Thi đua doanh nghiệp"), organization
        )
    open_sets = []
    if _acts_as_enterprise(request.user, Capability.SELF_ASSESS, organization):
        started = rows.values_list("criterion_set", flat=True)
        open_sets = (
            CriterionSet.objects.filter(organization=organization, criteria__isnull=False)
            .exclude(pk__in=started)
            .distinct()
        )
    context = {
        "organization": organization,
        "rows": rows.select_related("enterprise", "criterion_set"),
        "open_sets": open_sets,
        "can_manage_criteria": request.user.can(Capability.MANAGE_CRITERIA, organization),
    }
    return render(request, "engagement/assessment_list.html", context)


@login_required
@require_POST
def assessment_start(request, pk: int):
    criterion_set = get_for_user(CriterionSet.objects.select_related("organization"), request.user, pk=pk)
    return run_action(
        request,
        lambda: services.assessment_start(
            criterion_set=criterion_set, enterprise=request.user.enterprise, user=request.user
        ),
        allowed=_acts_as_enterprise(request.user, Capability.SELF_ASSESS, criterion_set.organization),
        errors=ERRORS,
        to=criterion_set,
        then=lambda assessment: assessment,
    )


@login_required
def assessment_detail(request, pk: int):
    assessment = get_for_user(
        Assessment.objects.select_related("organization", "enterprise", "criterion_set"), request.user, pk=pk
    )
    scores = assessment.scores.select_related("criterion")
    own, verifies = assessment.self_assessable_by(request.user), assessment.verifiable_by(request.user)
    form = None
    if own or verifies:
        initial = {s.criterion_id: s.self_score for s in scores}
        form = ScoresForm(
            request.POST or None,
            request.FILES or None,
            criteria=assessment.criterion_set.criteria.all(),
            with_evidence=own,
            initial_scores=initial,
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                if own:
                    services.assessment_submit(
                        assessment=assessment,
                        scores=form.scores(),
                        evidence=form.evidence(),
                        user=request.user,
                    )
                    messages.success(request, _("Đã gửi bản tự chấm để thẩm định."))
                else:
                    services.assessment_verify(assessment=assessment, scores=form.scores(), user=request.user)
                    messages.success(request, _("Đã thẩm định và xếp hạng lại."))
            except services.EngagementError as error:
                _refused(request, error)
            return redirect(assessment)
    context = {"assessment": assessment, "scores": scores, "form": form, "verifies": verifies}
    return render(request, "engagement/assessment_detail.html", context)


@login_required
def score_evidence(request, pk: int):
    return private_file_response(
        request,
        Score.objects.select_related("assessment"),
        pk=pk,
        field="evidence",
        filename=lambda score: score.evidence.name.rsplit("/")[-1],
    )


# ——— Enterprise emulation criteria (managed by the office) ———


def _free_year(organization, start: int) -> int:
    """The first year from `start` on without a criteria set: what a new set is proposed for."""
    taken = set(CriterionSet.objects.filter(organization=organization).values_list("year", flat=True))
    year = start
    while year in taken:
        year += 1
    return year


@login_required
def criterion_set_list(request):
    organization = organization_for(request)
    require(request.user, Capability.VIEW_ASSESSMENTS, organization)
    rows = CriterionSet.objects.filter(organization=organization).with_totals().order_by("-year")
    context = {
        "organization": organization,
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_manage": request.user.can(Capability.MANAGE_CRITERIA, organization),
    }
    return render(request, "engagement/criterion_set_list.html", context)


@login_required
def criterion_set_new(request):
    organization = organization_for(request)
    require(request.user, Capability.MANAGE_CRITERIA, organization)
    year = _free_year(organization, timezone.localdate().year)
    has_earlier = CriterionSet.objects.filter(organization=organization, year__lt=year).exists()
    initial = {
        "year": year,
        "start": CriterionSetForm.START_COPY if has_earlier else CriterionSetForm.START_PLAN,
    }
    form = CriterionSetForm(request.POST or None, organization=organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            criterion_set = services.criterion_set_create(
                organization=organization,
                year=data["year"],
                name=data["name"],
                legal_basis=data["legal_basis"],
                from_plan=data["start"] == CriterionSetForm.START_PLAN,
                copy_of=form.source,
                user=request.user,
            )
        except services.EngagementError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã tạo bộ tiêu chí năm {year}.").format(year=criterion_set.year))
            return redirect(criterion_set)
    return render(request, "engagement/criterion_set_form.html", {"form": form, "organization": organization})


def _criterion_set_page(request, criterion_set: CriterionSet, add_form=None):
    can_manage = request.user.can(Capability.MANAGE_CRITERIA, criterion_set.organization)
    submitted = criterion_set.submitted_count()
    editable = can_manage and not submitted
    if editable and add_form is None:
        add_form = CriterionForm(instance=Criterion(criterion_set=criterion_set))
    copy_form = None
    if can_manage:
        year = _free_year(criterion_set.organization, criterion_set.year + 1)
        copy_form = CopyCriterionSetForm(source=criterion_set, initial={"year": year})
    context = {
        "criterion_set": criterion_set,
        "groups": criterion_set.by_group(),
        "total": criterion_set.total_points,
        "submitted": submitted,
        "can_manage": can_manage,
        "editable": editable,
        "add_form": add_form if editable else None,
        "copy_form": copy_form,
    }
    return render(request, "engagement/criterion_set_detail.html", context)


def _criterion_sets():
    return CriterionSet.objects.select_related("organization").prefetch_related("criteria")


@login_required
def criterion_set_detail(request, pk: int):
    criterion_set = get_for_user(_criterion_sets(), request.user, pk=pk)
    require(request.user, Capability.VIEW_ASSESSMENTS, criterion_set.organization)
    return _criterion_set_page(request, criterion_set)


@login_required
@require_POST
def criterion_add(request, pk: int):
    criterion_set = get_rw_for_user(_criterion_sets(), request.user, Capability.MANAGE_CRITERIA, pk=pk)
    form = CriterionForm(request.POST, instance=Criterion(criterion_set=criterion_set))
    if not form.is_valid():
        return _criterion_set_page(request, criterion_set, add_form=form)
    return run_action(
        request,
        lambda: services.criterion_add(criterion_set=criterion_set, user=request.user, **form.cleaned_data),
        errors=ERRORS,
        success=_("Đã thêm tiêu chí."),
        to=criterion_set,
    )


@login_required
@require_POST
def criterion_set_copy(request, pk: int):
    source = get_rw_for_user(_criterion_sets(), request.user, Capability.MANAGE_CRITERIA, pk=pk)
    form = CopyCriterionSetForm(request.POST, source=source)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect(source)
    try:
        copy = services.criterion_set_create(
            organization=source.organization,
            year=form.cleaned_data["year"],
            name=form.cleaned_data["name"],
            legal_basis=source.legal_basis,
            copy_of=source,
            user=request.user,
        )
    except services.EngagementError as error:
        _refused(request, error)
        return redirect(source)
    messages.success(
        request,
        _("Đã sao chép bộ tiêu chí năm {source} sang năm {year}.").format(source=source.year, year=copy.year),
    )
    return redirect(copy)


def _criteria():
    return Criterion.objects.select_related("criterion_set__organization")


@login_required
def criterion_edit(request, pk: int):
    criterion = get_rw_for_user(_criteria(), request.user, Capability.MANAGE_CRITERIA, pk=pk)
    criterion_set = criterion.criterion_set
    form = CriterionForm(request.POST or None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_update(criterion=criterion, user=request.user, **form.cleaned_data)
        except services.EngagementError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Đã lưu tiêu chí."))
        return redirect(criterion_set)
    context = {"form": form, "criterion_set": criterion_set, "submitted": criterion_set.submitted_count()}
    return render(request, "engagement/criterion_form.html", context)


@login_required
@require_POST
def criterion_remove(request, pk: int):
    criterion = get_rw_for_user(_criteria(), request.user, Capability.MANAGE_CRITERIA, pk=pk)
    return run_action(
        request,
        lambda: services.criterion_remove(criterion=criterion, user=request.user),
        errors=ERRORS,
        success=_("Đã xóa tiêu chí “{text}”.").format(text=criterion.text),
        to=criterion.criterion_set,
    )
