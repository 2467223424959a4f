"""Read endpoints: every list is the rows the token's account may see (`visible_to`), paginated."""

import datetime

from django.db.models import Prefetch
from django.utils import timezone
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from thidua.api.schemas import (
    AssignmentDetailOut,
    AssignmentOut,
    FeedbackOut,
    InitiativeOut,
    ObligationOut,
    PlanOut,
    ReportOut,
    RewardOut,
    TargetDetailOut,
    TargetOut,
    UnitOut,
)
from thidua.awards.models import Award
from thidua.engagement.models import Feedback
from thidua.initiatives.models import Initiative
from thidua.notifications.calendar import obligations_for
from thidua.org.access import get_for_user
from thidua.org.models import Unit
from thidua.plans.models import Plan, Target
from thidua.tracking.models import Assignment, ProgressSnapshot, Report
from thidua.tracking.workload import assignment_periods

router = Router()
# How far the calendar reaches when no window is asked for: from today, so many days ahead.
OBLIGATIONS_AHEAD_DAYS = 90


def _between(rows, field: str, start, end):
    if start:
        rows = rows.filter(**{f"{field}__gte": start})
    if end:
        rows = rows.filter(**{f"{field}__lte": end})
    return rows


@router.get("/units", response=list[UnitOut], tags=["Cơ quan"], summary="Phòng, đơn vị của cơ quan")
@paginate(PageNumberPagination, page_size=200)
def list_units(request, active: bool | None = None):
    units = Unit.objects.without_tree_fields()  # type: ignore[attr-defined]  # django-tree-queries: untyped
    units = units.visible_to(request.auth).order_by("position", "name")
    return units if active is None else units.filter(is_active=active)


@router.get("/plans", response=list[PlanOut], tags=["Kế hoạch"], summary="Kế hoạch (không gồm dự thảo)")
@paginate(PageNumberPagination, page_size=50)
def list_plans(
    request,
    status: Plan.Status | None = None,
    issued_from: datetime.date | None = None,
    issued_to: datetime.date | None = None,
):
    plans = Plan.objects.visible_to(request.auth).order_by("-issued_on", "-pk")
    if status:
        plans = plans.filter(status=status)
    return _between(plans, "issued_on", issued_from, issued_to)


@router.get("/plans/{plan_id}", response=PlanOut, tags=["Kế hoạch"], summary="Một kế hoạch")
def get_plan(request, plan_id: int):
    return get_for_user(Plan.objects.all(), request.auth, pk=plan_id)


def _targets(request):
    overall = ProgressSnapshot.objects.filter(unit=None)
    targets = Target.objects.visible_to(request.auth).select_related("plan")
    return targets.prefetch_related(Prefetch("snapshots", overall, to_attr="overall")).order_by(
        "plan_id", "position", "pk"
    )


@router.get(
    "/targets", response=list[TargetOut], tags=["Chỉ tiêu"], summary="Chỉ tiêu và tình hình thực hiện"
)
@paginate(PageNumberPagination, page_size=50)
def list_targets(request, plan_id: int | None = None, status: str | None = None):
    """`status`: tình trạng chung của chỉ tiêu (achieved, on_track, at_risk, behind, no_data, not_started)."""
    targets = _targets(request)
    if plan_id:
        targets = targets.filter(plan_id=plan_id)
    if status:
        targets = targets.filter(snapshots__unit=None, snapshots__status=status)
    return targets


@router.get(
    "/targets/{target_id}",
    response=TargetDetailOut,
    tags=["Chỉ tiêu"],
    summary="Một chỉ tiêu: tình hình chung, chuỗi số liệu và tình hình từng đơn vị",
)
def get_target(request, target_id: int):
    return get_for_user(_targets(request), request.auth, pk=target_id)


@router.get("/assignments", response=list[AssignmentOut], tags=["Báo cáo"], summary="Việc giao chỉ tiêu")
@paginate(PageNumberPagination, page_size=100)
def list_assignments(request, plan_id: int | None = None, unit_id: int | None = None):
    assignments = Assignment.objects.visible_to(request.auth).order_by("target_id", "unit_id")
    if plan_id:
        assignments = assignments.filter(target__plan_id=plan_id)
    return assignments.filter(unit_id=unit_id) if unit_id else assignments


@router.get(
    "/assignments/{assignment_id}",
    response=AssignmentDetailOut,
    tags=["Báo cáo"],
    summary="Một việc giao chỉ tiêu, với các kỳ báo cáo",
)
def get_assignment(request, assignment_id: int):
    assignment = get_for_user(
        Assignment.objects.select_related("target__plan"), request.auth, pk=assignment_id
    )
    open_or_last = {}
    for report in assignment.reports.order_by("period_start", "version"):
        open_or_last[report.period_start] = report.pk
    assignment.periods = [
        {
            "key": p.key,
            "label": p.label,
            "start": p.start,
            "end": p.end,
            "due_on": p.due_on,
            "report_id": open_or_last.get(p.start),
        }
        for p in assignment_periods(assignment)
    ]
    return assignment


@router.get("/reports", response=list[ReportOut], tags=["Báo cáo"], summary="Báo cáo kết quả")
@paginate(PageNumberPagination, page_size=50)
def list_reports(
    request,
    status: Report.Status | None = None,
    unit_id: int | None = None,
    plan_id: int | None = None,
    assignment_id: int | None = None,
    period_from: datetime.date | None = None,
    period_to: datetime.date | None = None,
):
    """`period_from`, `period_to`: kỳ kết thúc trong khoảng này."""
    reports = Report.objects.visible_to(request.auth).select_related("assignment")
    filters = {"status": status, "assignment__unit_id": unit_id, "assignment__target__plan_id": plan_id}
    filters["assignment_id"] = assignment_id
    reports = reports.filter(**{key: value for key, value in filters.items() if value})
    return _between(reports, "period_end", period_from, period_to).order_by("-period_end", "pk", "-version")


@router.get("/reports/{report_id}", response=ReportOut, tags=["Báo cáo"], summary="Một báo cáo")
def get_report(request, report_id: int):
    return get_for_user(Report.objects.select_related("assignment"), request.auth, pk=report_id)


@router.get(
    "/obligations", response=list[ObligationOut], tags=["Lịch"], summary="Lịch thời hạn và tình trạng"
)
@paginate(PageNumberPagination, page_size=100)
def list_obligations(
    request,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    state: str | None = None,
):
    """Mặc định từ hôm nay đến 90 ngày tới. `state`: done, overdue, due, soon, upcoming."""
    today = timezone.localdate()
    start = start or today
    end = end or start + datetime.timedelta(days=OBLIGATIONS_AHEAD_DAYS)
    rows = [
        {**o.__dict__, "comply_by": o.comply_by, "state": o.state(today)}
        for o in obligations_for(request.auth, start, end)
    ]
    return [row for row in rows if not state or row["state"] == state]


@router.get("/initiatives", response=list[InitiativeOut], tags=["Sáng kiến"], summary="Sáng kiến đã gửi")
@paginate(PageNumberPagination, page_size=50)
def list_initiatives(
    request,
    status: Initiative.Status | None = None,
    decided_from: datetime.date | None = None,
    decided_to: datetime.date | None = None,
):
    initiatives = Initiative.objects.visible_to(request.auth).order_by("-created_at", "-pk")
    if status:
        initiatives = initiatives.filter(status=status)
    return _between(initiatives, "decision_date", decided_from, decided_to)


@router.get(
    "/feedback",
    response=list[FeedbackOut],
    tags=["Doanh nghiệp"],
    summary="Phản ánh, kiến nghị đã trả lời công khai",
)
@paginate(PageNumberPagination, page_size=50)
def list_feedback(
    request, answered_from: datetime.date | None = None, answered_to: datetime.date | None = None
):
    """Chỉ phần công khai (như trang /cong-khai/): câu hỏi và trả lời doanh nghiệp đồng ý công khai."""
    rows = Feedback.objects.published().filter(organization_id=request.auth.token.organization_id)
    return _between(rows, "answered_on", answered_from, answered_to).order_by("-answered_on", "-pk")


@router.get("/rewards", response=list[RewardOut], tags=["Khen thưởng"], summary="Sổ khen thưởng")
@paginate(PageNumberPagination, page_size=50)
def list_rewards(
    request,
    year: int | None = None,
    decided_from: datetime.date | None = None,
    decided_to: datetime.date | None = None,
):
    rewards = Award.objects.visible_to(request.auth).select_related("person").order_by("-decision_date", "pk")
    if year:
        rewards = rewards.filter(year=year)
    return _between(rewards, "decision_date", decided_from, decided_to)
