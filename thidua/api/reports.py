"""Write endpoints: a unit's report figures, drafted and sent as on the report page (on the router of
`endpoints`: a GET and a PUT of one path must be on one router).

The same form validates the figures (`tracking.forms.ReportForm`), the same checks decide who may
(`Report.editable_by`, `submittable_by`, `acts_for_unit`), the same services write
(`tracking.services.report_start`, `report_update`, `report_submit`), so the history records the
integration's account as the author, as it would a person.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.api.endpoints import router
from thidua.api.schemas import Detail, FiguresIn, ReportIn, ReportOut
from thidua.org.access import get_for_user
from thidua.org.roles import Capability
from thidua.tracking import services
from thidua.tracking.forms import ReportForm
from thidua.tracking.models import Assignment, Report
from thidua.tracking.workload import assignment_period

ERRORS = {401: Detail, 403: Detail, 404: Detail, 409: Detail, 422: Detail, 429: Detail}


def _save_figures(report: Report, figures: FiguresIn, user) -> Report:
    rate = report.assignment.target.unit_of_measure == "%"
    form = ReportForm(figures.dict(), instance=report, rate=rate)
    if not form.is_valid():
        errors = form.errors.as_data().items()
        raise ValidationError(
            {field: [m for error in found for m in error.messages] for field, found in errors}
        )
    return services.report_update(report=report, user=user, **form.cleaned_data)


@router.post(
    "/assignments/{assignment_id}/reports",
    response={200: ReportOut, **ERRORS},
    tags=["Báo cáo"],
    summary="Nhập số liệu một kỳ (bản nháp)",
)
def draft_report(request, assignment_id: int, payload: ReportIn):
    """Mở báo cáo của kỳ (hoặc lấy bản đang soạn, bị trả lại) và lưu số liệu; chưa gửi. Chỉ mã được gửi số
    liệu của chính phòng, đơn vị được giao."""
    assignment = get_for_user(
        Assignment.objects.select_related("target__plan"), request.auth, pk=assignment_id
    )
    if not request.auth.acts_for_unit(Capability.ENTER_REPORTS, assignment.unit_id):
        raise PermissionDenied(_("Mã truy cập này không nhập số liệu cho phòng, đơn vị này."))
    period = assignment_period(assignment, payload.period)
    if period is None:
        raise Http404
    with transaction.atomic():  # figures refused: no draft is left behind either
        report = services.report_start(assignment=assignment, period=period, user=request.auth)
        return _save_figures(_editable(report, request.auth), payload, request.auth)


def _editable(report: Report, account) -> Report:
    if not report.editable_by(account):
        raise PermissionDenied(
            _("Báo cáo đã gửi hoặc đã duyệt, hoặc mã truy cập không nhập số liệu cho đơn vị này.")
        )
    return report


@router.put(
    "/reports/{report_id}",
    response={200: ReportOut, **ERRORS},
    tags=["Báo cáo"],
    summary="Sửa số liệu bản nháp",
)
def update_report(request, report_id: int, payload: FiguresIn):
    report = get_for_user(Report.objects.select_related("assignment__target"), request.auth, pk=report_id)
    return _save_figures(_editable(report, request.auth), payload, request.auth)


@router.post(
    "/reports/{report_id}/send", response={200: ReportOut, **ERRORS}, tags=["Báo cáo"], summary="Gửi báo cáo"
)
def send_report(request, report_id: int):
    """Gửi về Văn phòng Sở để duyệt, như nút Gửi báo cáo của trưởng phòng, đơn vị."""
    report = get_for_user(Report.objects.select_related("assignment"), request.auth, pk=report_id)
    if not report.submittable_by(request.auth):
        raise PermissionDenied(_("Báo cáo này không gửi được bằng mã truy cập này."))
    return services.report_submit(report=report, user=request.auth)
