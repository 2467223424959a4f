"""Tracking pages: dashboards, assignments, the report cycle. Thin: check access, call one thing, render."""

from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core import exports, pagecache, query
from thidua.core.actions import run_action
from thidua.core.formatting import format_date, format_quantity
from thidua.core.forms import form_error_text
from thidua.core.history import history_entries
from thidua.core.replica import reads_from_replica
from thidua.core.uploads import private_file_response
from thidua.org.access import get_for_user, get_rw_for_user, organization_for, require
from thidua.org.models import Organization, Unit
from thidua.org.roles import Capability
from thidua.plans.models import Plan, Target
from thidua.tracking import indicators, progress, services, summary
from thidua.tracking.exports import REPORT_COLUMNS, TARGET_COLUMNS, UNIT_COLUMNS, province_columns
from thidua.tracking.forms import (
    AssignMatrixForm,
    AssignmentForm,
    EvidenceForm,
    MeasurementForm,
    MilestonesForm,
    ReportForm,
    ReviewForm,
)
from thidua.tracking.models import STATUS_CHOICES, Assignment, Evidence, ProgressSnapshot, Report
from thidua.tracking.periods import Period, period_containing, periods_between, rhythm_for
from thidua.tracking.specs import target_spec
from thidua.tracking.standing import chart_points
from thidua.tracking.unit_panels import overview_panels_for, panels_for
from thidua.tracking.workload import assignment_period, open_slots

PAGE_SIZE = 50
# What the dashboards cache reads: plans, targets, assignments, units (the rest) and the standing; a
# report moves the standing only when approved, and the standing has its own version (core.pagecache).
STANDS = (pagecache.REST, pagecache.STANDING)


@login_required
@reads_from_replica
def overview(request):
    """Every target of the plans under way and where it stands, including targets nobody reported on."""
    organization = organization_for(request)
    require(request.user, Capability.VIEW_DASHBOARDS, organization)
    status = query.choice_param(request, summary.STATUS_PARAM, summary.STATUS_BY_SLUG)
    if exports.asked(request):
        title = _("Tình hình thực hiện chỉ tiêu")
        rows = summary.with_status(_overview_rows(organization), status)
        return exports.xlsx_response("chi-tieu", TARGET_COLUMNS, rows, title=title, organization=organization)

    # Cached from the plans and the standing; the count of reports waiting is read live (one COUNT).
    # The rows (every target with its series) are read back, once, only when the status counts or the
    # table's fragment are not in the cache: they are lazy.
    rows = SimpleLazyObject(
        lambda: pagecache.cached(
            "overview", [organization.pk], lambda: _overview_rows(organization), topics=STANDS
        )
    )
    waiting = Report.objects.filter(organization=organization, status=Report.Status.SUBMITTED).count()
    counts = pagecache.cached(
        "overview-counts",
        [organization.pk],
        lambda: summary.in_order(Counter(snapshot.status for _target, snapshot in rows if snapshot)),
        topics=STANDS,
    )
    context = {
        "organization": organization,
        "groups": SimpleLazyObject(lambda: summary.by_plan(summary.with_status(rows, status))),
        "chips": summary.status_chips(counts),
        "chosen": status,
        "can_review": request.user.can(Capability.REVIEW_REPORTS, organization),
        "waiting": waiting,
        "panels": overview_panels_for(request, organization, timezone.localdate()),
        **_fragment_cache([organization.pk], STANDS),
    }
    return render(request, "tracking/overview.html", context)


def _overview_rows(organization) -> list[tuple]:
    targets = (
        Target.objects.filter(plan__organization=organization, plan__status=Plan.Status.PUBLISHED)
        .select_related("plan")
        .order_by("plan_id", "position", "pk")
    )
    snapshots = {
        s.target_id: s for s in ProgressSnapshot.objects.filter(organization=organization, unit=None)
    }
    return [(target, snapshots.get(target.pk)) for target in targets]


def _fragment_cache(organization_ids: list[int], topics) -> dict:
    """For `{% cache page_cache_seconds "…" page_version %}` around what a page renders from data."""
    return {
        "page_cache_seconds": settings.PAGE_CACHE_SECONDS,
        "page_version": pagecache.fragment_key(organization_ids, topics),
    }


@login_required
@reads_from_replica
def province(request):
    """Every agency the person oversees, with how many of its targets stand where."""
    organizations = Organization.objects.visible_to(request.user)
    if not request.user.is_superuser:
        overseen = request.user.organizations_where(Capability.VIEW_DASHBOARDS)
        organizations = organizations.filter(pk__in=overseen)
        if not overseen:
            raise PermissionDenied
    organizations = organizations.order_by("province", "name")
    if exports.asked(request):
        table = _status_counts(organizations[: exports.MAX_ROWS])
        return exports.xlsx_response("toan-tinh", province_columns(), table, title=_("Toàn tỉnh"))
    page = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("page"))
    table = [(o, counts, summary.status_chips(counts)) for o, counts in _status_counts(page)]
    context = {"page": page, "table": table, "statuses": STATUS_CHOICES}
    return render(request, "tracking/province.html", context)


def _status_counts(organizations) -> list:
    """(agency, [how many of its targets stand at each status of STATUS_CHOICES]) per agency."""
    organizations = list(organizations)
    rows = (
        ProgressSnapshot.objects.filter(organization__in=[o.pk for o in organizations], unit=None)
        .values("organization_id", "status")
        .annotate(n=Count("*"))  # lets PostgreSQL answer from the (organization, unit, status) index alone
        .order_by()
    )
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["organization_id"], {})[row["status"]] = row["n"]
    return [
        (o, [counts.get(o.pk, {}).get(status, 0) for status, _label in STATUS_CHOICES]) for o in organizations
    ]


@login_required
@reads_from_replica
def target_detail(request, pk: int):
    target = get_for_user(
        Target.objects.select_related("plan", "plan__organization", "lead_unit").defer("plan__source_text"),
        request.user,
        pk=pk,
    )
    overall, rows, chart = pagecache.cached(
        "target", [target.plan.organization_id], lambda: _target_data(target), target.pk, topics=STANDS
    )
    can_assign = request.user.can(Capability.ASSIGN_TARGETS, target.plan.organization)
    # A unit's own assignment is linked for its people; every one for those who follow all units.
    openable = set(
        Assignment.objects.visible_to(request.user).filter(target=target).values_list("pk", flat=True)
    )
    context = {
        "target": target,
        "overall": overall,
        "rows": [(assignment, snapshot, assignment.pk in openable) for assignment, snapshot in rows],
        "chart": chart,
        "path": _path(target),
        "can_assign": can_assign,
        "indicator": indicators.REGISTRY.get(target.indicator),
        **(_measurement_context(target) if can_assign else {}),
    }
    return render(request, "tracking/target_detail.html", context)


def _target_data(target: Target) -> tuple:
    """The overall snapshot, (assignment, its snapshot) by unit, and the chart."""
    snapshots = {s.unit_id: s for s in target.snapshots.select_related("unit")}
    overall = snapshots.get(None)
    assignments = target.assignments.select_related("unit").order_by("role", "unit__position")
    rows = [(assignment, snapshots.get(assignment.unit_id)) for assignment in assignments]
    return overall, rows, _chart(target, overall)


def _path(target: Target) -> str:
    """How "expected by now" is reckoned, as the sentence under the chart says it."""
    spec = target_spec(target)
    if progress.follows_milestones(spec):
        points = "; ".join(
            f"{format_date(day)}: {format_quantity(level, spec.unit)}" for day, level in spec.milestones
        )
        return _("Mức cần đạt đến nay tính theo lộ trình từng năm (%(points)s).") % {"points": points}
    if progress.is_count(spec) and spec.period_kind == Target.PeriodKind.ANNUAL:
        return _("Mức cần đạt đến nay tính theo đường thẳng từ đầu đến cuối mỗi năm.")
    if progress.is_count(spec):
        return _("Mức cần đạt đến nay tính theo đường thẳng từ %(start)s đến %(end)s.") % {
            "start": format_date(spec.starts_on),
            "end": format_date(spec.ends_on),
        }
    if spec.period_kind == Target.PeriodKind.BY_DATE:
        return _(
            "Mức cần đạt đến nay tính theo đường thẳng từ mức báo cáo đầu tiên đến mức yêu cầu ngày %(end)s."
        ) % {"end": format_date(spec.ends_on)}
    return _("Mức yêu cầu phải giữ trong suốt thời gian của chỉ tiêu.")


def _measurement_context(target: Target) -> dict:
    """The "Cách đo" form, proposing the indicator the target's text speaks of while units report it."""
    suggestion = None
    initial = {
        "measurement": target.measurement,
        "indicator": target.indicator,
        "topic": target.indicator_topic,
    }
    if target.measurement == Target.Measurement.ENTERED:
        suggestion = indicators.suggest(target.text, target.unit_of_measure)
        if suggestion is not None:
            initial["indicator"] = suggestion.code
            initial["topic"] = indicators.suggest_topic(target.text, suggestion.code)
    return {
        "measurement_form": MeasurementForm(initial=initial),
        "milestones_form": MilestonesForm(initial=MilestonesForm.initial_for(target), target=target),
        "suggestion": suggestion,
    }


@login_required
@require_POST
def target_measurement(request, pk: int):
    target = get_rw_for_user(
        Target.objects.select_related("plan", "plan__organization"),
        request.user,
        Capability.ASSIGN_TARGETS,
        pk=pk,
    )
    form = MeasurementForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect("tracking:target", pk=target.pk)
    services.target_measure(target=target, user=request.user, **form.cleaned_data)
    messages.success(request, _("Đã lưu cách đo chỉ tiêu; tình hình thực hiện đã được tính lại."))
    return redirect("tracking:target", pk=target.pk)


@login_required
@require_POST
def target_milestones(request, pk: int):
    target = get_rw_for_user(
        Target.objects.select_related("plan", "plan__organization"),
        request.user,
        Capability.ASSIGN_TARGETS,
        pk=pk,
    )
    form = MilestonesForm(request.POST, target=target)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect("tracking:target", pk=target.pk)
    services.target_set_milestones(target=target, user=request.user, milestones=form.cleaned_data["lines"])
    messages.success(request, _("Đã lưu lộ trình; tình hình thực hiện đã được tính lại."))
    return redirect("tracking:target", pk=target.pk)


def _chart(target: Target, snapshot: ProgressSnapshot | None) -> dict:
    """Actual against the trajectory and the target, at each reported period end."""
    dates, actual, trajectory = chart_points(target, snapshot.series if snapshot else [])
    return {
        "labels": [day.strftime("%d/%m/%Y") for day in dates],
        "actual": actual,
        "trajectory": trajectory,
        "target": [float(target.value)] * len(dates),
        "unit": target.unit_of_measure,
    }


@login_required
@reads_from_replica
def unit_detail(request, pk: int):
    """A unit's dashboard: read by everyone who reads the agency's dashboards (see `org.roles`)."""
    # Without tree fields: ranking every unit of every agency costs more than the whole page.
    unit = get_for_user(
        Unit.objects.without_tree_fields().select_related("organization"), request.user, pk=pk
    )
    today = timezone.localdate()
    assignments, snapshots = pagecache.cached(
        "unit", [unit.organization_id], lambda: _unit_data(unit), unit.pk, topics=STANDS
    )
    if exports.asked(request):
        rows = [(assignment, snapshots.get(assignment.target_id)) for assignment in assignments]
        name = f"don-vi-{unit.pk}-chi-tieu"
        return exports.xlsx_response(
            name, UNIT_COLUMNS, rows, title=unit.name, organization=unit.organization
        )
    # From the unit's own reports, kept until one of them changes (core.pagecache).
    slots, returned = pagecache.cached(
        "unit-reports",
        [unit.organization_id],
        lambda: (open_slots(assignments, today), _returned_reports(unit)),
        unit.pk,
        today,
        topics=[pagecache.REST],
        units=[unit.pk],
    )
    context = {
        "unit": unit,
        "can_enter": request.user.acts_for_unit(Capability.ENTER_REPORTS, unit),
        "can_submit": request.user.acts_for_unit(Capability.SUBMIT_REPORTS, unit),
        "today": today,
        "rows": [(assignment, snapshots.get(assignment.target_id)) for assignment in assignments],
        "slots": slots,
        "current_quarter": period_containing(today, "quarterly").key,
        "returned": returned,
        "panels": panels_for(request, unit, today),
        **_fragment_cache([unit.organization_id], STANDS),
    }
    return render(request, "tracking/unit_detail.html", context)


def _returned_reports(unit: Unit) -> list[Report]:
    return list(
        Report.objects.filter(assignment__unit=unit, status=Report.Status.RETURNED).select_related(
            "assignment__target"
        )
    )


def _unit_data(unit: Unit) -> tuple[list, dict]:
    assignments = list(
        Assignment.objects.filter(unit=unit, target__plan__status=Plan.Status.PUBLISHED)
        .select_related("target", "target__plan")
        .defer("target__plan__source_text")  # the plan's whole document, once per row: not shown
        .order_by("target__plan_id", "target__position")
    )
    # The series (years of points, for charts) is not shown here: kept out of every cached read.
    snapshots = {s.target_id: s for s in ProgressSnapshot.objects.filter(unit=unit).defer("series")}
    return assignments, snapshots


@login_required
def assignment_detail(request, pk: int):
    assignment = get_for_user(
        Assignment.objects.select_related("target", "target__plan", "unit", "organization"),
        request.user,
        pk=pk,
    )
    can_assign = request.user.can(Capability.ASSIGN_TARGETS, assignment.organization)
    form = AssignmentForm(request.POST or None, instance=assignment) if can_assign else None
    if request.method == "POST":
        if not can_assign:
            raise PermissionDenied
        if form.is_valid():
            services.assignment_update(assignment=assignment, user=request.user, **form.cleaned_data)
            messages.success(request, _("Đã cập nhật việc giao chỉ tiêu."))
            return redirect(assignment)
    reports = {r.period_start: r for r in assignment.reports.order_by("period_start", "version")}
    target = assignment.target
    periods = periods_between(
        target.starts_on or target.plan.starts_on,
        target.ends_on or target.plan.ends_on,
        rhythm_for(target.period_kind, target.plan.reporting_rhythm),
    )
    context = {
        "assignment": assignment,
        "form": form,
        "periods": [(period, reports.get(period.start)) for period in periods],
        "today": timezone.localdate(),
        "is_own_unit": request.user.acts_for_unit(Capability.ENTER_REPORTS, assignment.unit_id),
        "snapshot": ProgressSnapshot.objects.filter(target=target, unit=assignment.unit).first(),
    }
    return render(request, "tracking/assignment_detail.html", context)


@login_required
@require_POST
def report_open(request, pk: int, period: str):
    assignment = get_for_user(Assignment.objects.select_related("target__plan"), request.user, pk=pk)
    if not request.user.acts_for_unit(Capability.ENTER_REPORTS, assignment.unit_id):
        raise PermissionDenied
    chosen = _period_of(assignment, period)
    return run_action(
        request,
        lambda: services.report_start(assignment=assignment, period=chosen, user=request.user),
        errors=(services.TrackingError,),
        to=assignment,
        then=lambda report: report,
    )


def _period_of(assignment: Assignment, key: str) -> Period:
    period = assignment_period(assignment, key)
    if period is None:
        raise Http404
    return period


@login_required
def report_detail(request, pk: int):
    report = get_for_user(
        Report.objects.select_related("assignment__target__plan", "assignment__unit", "organization"),
        request.user,
        pk=pk,
    )
    target = report.assignment.target
    rate = target.unit_of_measure == "%"
    form = ReportForm(request.POST or None, instance=report, rate=rate)
    evidence_form = EvidenceForm()
    if request.method == "POST":
        answered = _save(request, report, form)
        if answered is not None:
            return answered
        if "upload" in request.POST:
            evidence_form, form = (
                EvidenceForm(request.POST, request.FILES),
                ReportForm(instance=report, rate=rate),
            )
    context = {
        "report": report,
        "target": target,
        "form": form,
        "evidence_form": evidence_form,
        "review_form": ReviewForm(),
        "can_edit": report.editable_by(request.user),
        "can_submit": report.submittable_by(request.user),
        "can_review": report.reviewable_by(request.user),
        "can_correct": report.correctable_by(request.user),
        "versions": report.assignment.reports.filter(period_start=report.period_start).order_by("-version"),
        "history": history_entries(report.history.all(), limit=30)
        if request.user.can(Capability.VIEW_AUDIT, report.organization_id)
        else None,
    }
    return render(request, "tracking/report_detail.html", context)


def _save(request, report: Report, form):
    """A POST on the report page: new figures or a file of evidence. Someone who may enter the unit's
    figures but whose page is stale (the report was sent meanwhile) is told so, not refused."""
    if not request.user.acts_for_unit(Capability.ENTER_REPORTS, report.assignment.unit_id):
        raise PermissionDenied
    try:
        if "upload" in request.POST:
            evidence_form = EvidenceForm(request.POST, request.FILES)
            if not evidence_form.is_valid():
                return None
            services.evidence_add(report=report, upload=evidence_form.cleaned_data["file"], user=request.user)
            messages.success(request, _("Đã thêm minh chứng."))
            return redirect(report)
        if not form.is_valid():
            return None
        services.report_update(report=report, user=request.user, **form.cleaned_data)
    except services.TrackingError as refused:
        messages.error(request, str(refused))
        return redirect(report)
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, _("Đã lưu số liệu."))
    return redirect(report)


@login_required
@require_POST
def report_submit(request, pk: int):
    report = get_for_user(Report.objects.select_related("assignment"), request.user, pk=pk)
    return run_action(
        request,
        lambda: services.report_submit(report=report, user=request.user),
        # The role decides (403); a report sent meanwhile is the service's message.
        allowed=request.user.acts_for_unit(Capability.SUBMIT_REPORTS, report.assignment.unit_id),
        errors=(services.TrackingError, ValidationError),
        success=_("Đã gửi báo cáo về Văn phòng Sở."),
        to=report,
    )


@login_required
@require_POST
def report_review(request, pk: int):
    report = get_for_user(Report.objects.select_related("assignment"), request.user, pk=pk)
    if not request.user.can(Capability.REVIEW_REPORTS, report.organization_id):
        raise PermissionDenied  # a report decided meanwhile: the service's message
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect(report)
    approve = form.cleaned_data["decision"] == "approve"
    decide = services.report_approve if approve else services.report_return
    return run_action(
        request,
        lambda: decide(report=report, user=request.user, comment=form.cleaned_data["comment"]),
        errors=(services.TrackingError,),
        success=_("Đã duyệt báo cáo.") if approve else _("Đã trả lại báo cáo cho đơn vị."),
        to=report,
    )


@login_required
@require_POST
def report_correct(request, pk: int):
    report = get_for_user(Report.objects.select_related("assignment"), request.user, pk=pk)
    return run_action(
        request,
        lambda: services.report_correct(report=report, user=request.user),
        allowed=request.user.acts_for_unit(Capability.SUBMIT_REPORTS, report.assignment.unit_id),
        errors=(services.TrackingError,),
        to=report,
        then=lambda correction: correction,
    )


@login_required
def evidence_download(request, pk: int):
    return private_file_response(request, Evidence.objects.select_related("report"), pk=pk)


@login_required
@require_POST
def evidence_delete(request, pk: int):
    evidence = get_for_user(Evidence.objects.select_related("report__assignment"), request.user, pk=pk)
    report = evidence.report
    if not request.user.acts_for_unit(Capability.ENTER_REPORTS, report.assignment.unit_id):
        raise PermissionDenied
    try:
        services.evidence_remove(evidence=evidence, user=request.user)
    except services.TrackingError as refused:
        messages.error(request, str(refused))
    return redirect(report)


@login_required
def review_queue(request):
    reports = Report.objects.visible_to(request.user).filter(status=Report.Status.SUBMITTED)
    if not request.user.is_superuser:
        reports = reports.filter(organization__in=request.user.organizations_where(Capability.REVIEW_REPORTS))
    reports = reports.select_related("assignment__unit", "assignment__target").order_by("submitted_at")
    if exports.asked(request):
        title = _("Báo cáo chờ duyệt")
        return exports.xlsx_response(
            "bao-cao-cho-duyet", REPORT_COLUMNS, reports, title=title, organization=request.user.organization
        )
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "tracking/review_queue.html", {"page": page})


@login_required
def plan_assign(request, pk: int):
    """Give a plan's targets to units in one screen: a matrix of targets × units."""
    plan = get_for_user(Plan.objects.published().select_related("organization"), request.user, pk=pk)
    require(request.user, Capability.ASSIGN_TARGETS, plan.organization)
    targets = list(plan.targets.select_related("lead_unit"))
    units = list(plan.organization.units.carrying_out().order_by("position"))
    proposed = services.proposed_roles(plan, units)
    form = AssignMatrixForm(request.POST or None, targets=targets, units=units, current=proposed)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.assignments_sync(plan=plan, wanted=form.wanted(), user=request.user)
        except services.TrackingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Đã cập nhật %(count)s việc giao chỉ tiêu.") % {"count": changed})
            return redirect("tracking:plan_assign", pk=plan.pk)
    return render(request, "tracking/plan_assign.html", {"plan": plan, "form": form, "units": units})
