"""The units' reports in words (sơ kết, tổng kết, đột xuất) and their difficulties: the office asks and
receives or returns, answers difficulties; a unit fills and sends its own, raises its difficulties."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.actions import run_action
from thidua.core.history import history_entries
from thidua.core.uploads import private_file_response
from thidua.org.access import get_for_user, get_rw_for_user, organization_for, require
from thidua.org.roles import Capability
from thidua.tracking import unit_reports as services
from thidua.tracking.forms import (
    DifficultyAnswerForm,
    DifficultyForm,
    DifficultyRuleForm,
    ReportRequestForm,
    UnitReportForm,
    UnitReportReviewForm,
)
from thidua.tracking.models import (
    Difficulty,
    DifficultyRule,
    ReportRequest,
    UnitReport,
    UnitReportAttachment,
)

PAGE_SIZE = 30


def _sends_for(user, organization) -> bool:
    """The person sends their own unit's reports and difficulties in this agency."""
    return (
        user.unit_id is not None
        and user.unit.organization_id == organization.pk
        and user.acts_for_unit(Capability.SEND_UNIT_REPORTS, user.unit)
    )


def _reads_agency(user, organization) -> bool:
    return user.can(Capability.VIEW_ALL_REPORTS, organization) or (
        user.unit_id is not None and user.unit.organization_id == organization.pk
    )


@login_required
def request_list(request):
    organization = organization_for(request)
    if not _reads_agency(request.user, organization):
        raise PermissionDenied
    may_ask = request.user.can(Capability.REQUEST_UNIT_REPORTS, organization)
    form = ReportRequestForm(request.POST or None, organization=organization) if may_ask else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            created = services.report_request_create(
                organization=organization, user=request.user, **form.cleaned_data
            )
            messages.success(request, _("Đã gửi yêu cầu báo cáo tới các phòng, đơn vị."))
            return redirect(created)
    rows = (
        ReportRequest.objects.visible_to(request.user)
        .filter(organization=organization)
        .select_related("plan")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    own = {}
    if request.user.unit_id:
        own = {
            r.request_id: r
            for r in UnitReport.objects.filter(
                unit_id=request.user.unit_id, request__in=list(page.object_list)
            )
        }
    for item in page:
        item.own_report = own.get(item.pk)
    context = {
        "organization": organization,
        "page": page,
        "shows_own": bool(request.user.unit_id),
        "form": form,
        "today": timezone.localdate(),
        "sees_all": request.user.can(Capability.VIEW_ALL_REPORTS, organization),
    }
    return render(request, "tracking/unit_report_requests.html", context)


@login_required
def request_detail(request, pk: int):
    report_request = get_for_user(
        ReportRequest.objects.select_related("plan", "organization", "created_by"), request.user, pk=pk
    )
    today = timezone.localdate()
    rows = services.request_rows(report_request, today)
    sees_all = request.user.can(Capability.VIEW_ALL_REPORTS, report_request.organization)
    if not sees_all:
        rows = [row for row in rows if row.unit.pk == request.user.unit_id]
    context = {
        "report_request": report_request,
        "rows": rows,
        "sent": sum(1 for row in rows if row.is_sent),
        "may_open": _sends_for(request.user, report_request.organization)
        and report_request.is_addressed_to(request.user.unit_id),
        "today": today,
        "history": history_entries(ReportRequest.history.filter(id=report_request.pk)) if sees_all else [],
    }
    return render(request, "tracking/unit_report_request.html", context)


@login_required
@require_POST
def unit_report_open(request, pk: int):
    report_request = get_for_user(ReportRequest.objects.select_related("organization"), request.user, pk=pk)
    if not _sends_for(request.user, report_request.organization):
        raise PermissionDenied
    return run_action(
        request,
        lambda: services.unit_report_open(request=report_request, unit=request.user.unit, user=request.user),
        errors=(ValidationError,),
        to=report_request,
        then=lambda report: report,
    )


@login_required
def unit_report_detail(request, pk: int):
    report = get_for_user(
        UnitReport.objects.select_related("request", "request__plan", "unit", "organization"),
        request.user,
        pk=pk,
    )
    may_write = report.is_editable and request.user.acts_for_unit(Capability.SEND_UNIT_REPORTS, report.unit)
    form = UnitReportForm(request.POST or None, request.FILES or None, instance=report) if may_write else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data.get("file")
            services.unit_report_save(
                report=report,
                user=request.user,
                texts={name: form.cleaned_data[name] for name in UnitReport.SECTIONS},
                uploads=[upload] if upload else [],
            )
            messages.success(request, _("Đã lưu báo cáo."))
            return redirect(report)
    context = {
        "report": report,
        "form": form,
        "may_submit": may_write,
        "may_review": report.status == UnitReport.Status.SUBMITTED
        and request.user.can(Capability.REQUEST_UNIT_REPORTS, report.organization),
        "review_form": UnitReportReviewForm(),
        "attachments": report.attachments.all(),
        "history": history_entries(UnitReport.history.filter(id=report.pk)),
    }
    return render(request, "tracking/unit_report_detail.html", context)


@login_required
@require_POST
def unit_report_submit(request, pk: int):
    report = get_for_user(UnitReport.objects.select_related("unit"), request.user, pk=pk)
    if not request.user.acts_for_unit(Capability.SEND_UNIT_REPORTS, report.unit):
        raise PermissionDenied
    return run_action(
        request,
        lambda: services.unit_report_submit(report=report, user=request.user),
        errors=(ValidationError,),
        success=_("Đã gửi báo cáo về Văn phòng."),
        to=report,
    )


@login_required
@require_POST
def unit_report_review(request, pk: int):
    report = get_rw_for_user(UnitReport.objects.all(), request.user, Capability.REQUEST_UNIT_REPORTS, pk=pk)
    form = UnitReportReviewForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    receive = form.cleaned_data["decision"] == "receive"
    return run_action(
        request,
        lambda: services.unit_report_review(
            report=report, user=request.user, receive=receive, comment=form.cleaned_data["comment"]
        ),
        errors=(ValidationError,),
        success=_("Đã tiếp nhận báo cáo.") if receive else _("Đã trả lại báo cáo cho đơn vị."),
        to=report,
    )


@login_required
def unit_report_file(request, pk: int):
    return private_file_response(request, UnitReportAttachment.objects.all(), pk=pk)


# ——— Difficulties ———


@login_required
def difficulty_list(request):
    organization = organization_for(request)
    if not _reads_agency(request.user, organization):
        raise PermissionDenied
    may_raise = _sends_for(request.user, organization)
    form = DifficultyForm(request.POST or None, organization=organization) if may_raise else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            difficulty = services.difficulty_raise(
                unit=request.user.unit, user=request.user, **form.cleaned_data
            )
            messages.success(request, _("Đã gửi vướng mắc về Văn phòng."))
            return redirect(difficulty)
    rows = (
        Difficulty.objects.visible_to(request.user).filter(organization=organization).select_related("unit")
    )
    if request.GET.get("trang-thai") == "chua-tra-loi":
        rows = rows.filter(answered_on=None)
    may_set = request.user.can(Capability.REQUEST_UNIT_REPORTS, organization)
    days = DifficultyRule.days_for(organization)
    context = {
        "organization": organization,
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "form": form,
        "rule_form": DifficultyRuleForm(initial={"answer_days": days}) if may_set else None,
        "answer_days": days,
        "today": timezone.localdate(),
        "open_only": request.GET.get("trang-thai") == "chua-tra-loi",
    }
    return render(request, "tracking/difficulties.html", context)


@login_required
@require_POST
def difficulty_rule(request):
    organization = organization_for(request)
    require(request.user, Capability.REQUEST_UNIT_REPORTS, organization)
    form = DifficultyRuleForm(request.POST)
    if form.is_valid():
        services.difficulty_rule_set(
            organization=organization, answer_days=form.cleaned_data["answer_days"], user=request.user
        )
        messages.success(request, _("Đã lưu thời hạn trả lời vướng mắc."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("tracking:difficulties")


@login_required
def difficulty_detail(request, pk: int):
    difficulty = get_for_user(
        Difficulty.objects.select_related("unit", "plan", "organization", "raised_by", "answered_by"),
        request.user,
        pk=pk,
    )
    may_answer = not difficulty.is_answered and request.user.can(
        Capability.REQUEST_UNIT_REPORTS, difficulty.organization
    )
    form = DifficultyAnswerForm(request.POST or None) if may_answer else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            services.difficulty_answer(
                difficulty=difficulty, answer=form.cleaned_data["answer"], user=request.user
            )
            messages.success(request, _("Đã trả lời vướng mắc."))
            return redirect(difficulty)
    context = {
        "difficulty": difficulty,
        "form": form,
        "today": timezone.localdate(),
        "history": history_entries(Difficulty.history.filter(id=difficulty.pk)),
    }
    return render(request, "tracking/difficulty_detail.html", context)
