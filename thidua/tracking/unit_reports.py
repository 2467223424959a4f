"""Units' reports in words, owed one per unit: their sơ kết / tổng kết of a plan (one request per sơ kết
or tổng kết deadline of the plan, kept in step with it by a signal), the ad-hoc reports the office asks
for, and the difficulties (vướng mắc) a unit raises to the office with an answer due.

The calendar (`notifications.calendar`) turns each request into one obligation per unit, met when the
unit's report is sent, and each open difficulty into an obligation of the office; reminders follow.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import delete_audited, save_audited
from thidua.core.uploads import save_private_file
from thidua.core.workdays import last_day_to_comply
from thidua.org.models import Unit
from thidua.plans.models import Deadline, Plan
from thidua.tracking.models import (
    Difficulty,
    DifficultyRule,
    ReportRequest,
    UnitReport,
    UnitReportAttachment,
)

PLAN_KINDS = {
    Deadline.Kind.INTERIM: ReportRequest.Kind.INTERIM,
    Deadline.Kind.FINAL: ReportRequest.Kind.FINAL,
}
NOT_EDITABLE = _("Báo cáo đã gửi, không sửa được nữa (trừ khi Văn phòng trả lại).")
NOT_SENT = _("Báo cáo chưa được gửi.")
EMPTY_REPORT = _("Hãy điền ít nhất phần “Công việc đã triển khai” hoặc “Kết quả đạt được” trước khi gửi.")
NOT_ADDRESSED = _("Yêu cầu này không gửi cho đơn vị của bạn.")
RETURN_NEEDS_COMMENT = _("Hãy ghi lý do trả lại để đơn vị bổ sung.")
ALREADY_ANSWERED = _("Vướng mắc đã được trả lời.")


# ——— Requests ———


def plan_request_subject(deadline: Deadline) -> str:
    word = _("sơ kết") if deadline.kind == Deadline.Kind.INTERIM else _("tổng kết")
    return _("Báo cáo {word} của đơn vị").format(word=word)


def units_deadline(deadlines: list[Deadline]) -> Deadline | None:
    """Of a plan's deadlines of one kind, the one the units answer: the one that says what is sent
    ("Báo cáo sơ kết … gửi Văn phòng Sở trước ngày 20/5/2028"), else the earliest (the units report
    before the agency sums up)."""
    ordered = sorted(deadlines, key=lambda d: (d.due_on, d.pk))
    sent = [d for d in ordered if "gửi" in d.text.casefold()]
    return next(iter(sent or ordered), None)


def sync_plan_requests(plan: Plan) -> list[ReportRequest]:
    """One request to the units for the plan's sơ kết and one for its tổng kết, each following the
    deadline the units answer; a request left behind that no unit has used goes."""
    deadlines = list(plan.deadlines.filter(kind__in=list(PLAN_KINDS)))
    kept = []
    for deadline_kind, kind in PLAN_KINDS.items():
        chosen = units_deadline([d for d in deadlines if d.kind == deadline_kind])
        for stale in ReportRequest.objects.filter(plan=plan, kind=kind).exclude(deadline=chosen):
            if not stale.unit_reports.exists():
                delete_audited(stale, user=None, reason=_("Thời hạn sơ kết, tổng kết của kế hoạch đã đổi"))
        if chosen is None:
            continue
        request = ReportRequest.objects.filter(deadline=chosen).first() or ReportRequest(
            organization_id=plan.organization_id, deadline=chosen, subject=plan_request_subject(chosen)
        )
        request.plan, request.kind = plan, kind
        request.due_on, request.bound = chosen.due_on, chosen.bound
        request.details = request.details or chosen.text
        kept.append(save_audited(request, user=None, reason=_("Theo thời hạn sơ kết, tổng kết của kế hoạch")))
    return kept


def plan_requests(plan: Plan, kind: str | None = None):
    requests = ReportRequest.objects.filter(plan=plan).exclude(kind=ReportRequest.Kind.AD_HOC)
    return requests.filter(kind=kind) if kind else requests


@transaction.atomic
def report_request_create(
    *, organization, subject: str, details: str, due_on: datetime.date, units, plan: Plan | None, user
) -> ReportRequest:
    """An ad-hoc report (báo cáo đột xuất) the office asks of chosen units, or of all when none is chosen."""
    units = list(units)
    request = ReportRequest(
        organization=organization,
        plan=plan,
        kind=ReportRequest.Kind.AD_HOC,
        subject=subject,
        details=details,
        due_on=due_on,
        bound=Deadline.Bound.BY_END,
        all_units=not units,
        created_by=user,
    )
    save_audited(request, user=user, reason=_("Yêu cầu báo cáo đột xuất"))
    request.units.set(units)
    return request


@dataclass
class RequestRow:
    unit: Unit
    report: UnitReport | None
    days_late: int

    @property
    def is_sent(self) -> bool:
        return self.report is not None and self.report.is_sent


def sent_on(report: UnitReport | None) -> datetime.date | None:
    if report is None or not report.is_sent or report.submitted_at is None:
        return None
    return timezone.localtime(report.submitted_at).date()


def request_rows(request: ReportRequest, today: datetime.date) -> list[RequestRow]:
    """Every unit the request is addressed to, its report if any, and how many days late it is or was."""
    comply_by = last_day_to_comply(request.due_on, request.bound)
    reports = {r.unit_id: r for r in request.unit_reports.select_related("submitted_by")}
    rows = []
    for unit in request.addressed_units():
        report = reports.get(unit.pk)
        end = sent_on(report) or today
        rows.append(RequestRow(unit, report, max((end - comply_by).days, 0)))
    return rows


# ——— A unit's report ———


@transaction.atomic
def unit_report_open(*, request: ReportRequest, unit, user) -> UnitReport:
    """The unit's report for the request: the one it has, or a new draft."""
    if not request.is_addressed_to(unit):
        raise ValidationError(NOT_ADDRESSED)
    existing = UnitReport.objects.filter(request=request, unit=unit).first()
    if existing is not None:
        return existing
    report = UnitReport(organization_id=request.organization_id, request=request, unit=unit)
    return save_audited(report, user=user, reason=_("Lập báo cáo của đơn vị"))


@transaction.atomic
def unit_report_save(*, report: UnitReport, user, texts: dict[str, str], uploads=()) -> UnitReport:
    """The unit's text, section by section, and any files it adds."""
    if not report.is_editable:
        raise ValidationError(NOT_EDITABLE)
    for name in UnitReport.SECTIONS:
        if name in texts:
            setattr(report, name, texts[name].strip())
    save_audited(report, user=user, reason=_("Soạn báo cáo của đơn vị"))
    for upload in uploads:
        attachment = UnitReportAttachment(report=report, uploaded_by=user)
        save_private_file(attachment, upload)
        save_audited(attachment, user=user, reason=_("Đính kèm tệp"))
    return report


@transaction.atomic
def unit_report_submit(*, report: UnitReport, user) -> UnitReport:
    report = UnitReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_editable:
        raise ValidationError(NOT_EDITABLE)
    if not (report.done.strip() or report.results.strip()):
        raise ValidationError(EMPTY_REPORT)
    report.status = UnitReport.Status.SUBMITTED
    report.submitted_by, report.submitted_at = user, timezone.now()
    return save_audited(report, user=user, reason=_("Gửi báo cáo về Văn phòng"))


@transaction.atomic
def unit_report_review(*, report: UnitReport, user, receive: bool, comment: str = "") -> UnitReport:
    """The office receives the report, or returns it with what is missing."""
    report = UnitReport.objects.select_for_update().get(pk=report.pk)
    if report.status != UnitReport.Status.SUBMITTED:
        raise ValidationError(NOT_SENT)
    comment = comment.strip()
    if not receive and not comment:
        raise ValidationError(RETURN_NEEDS_COMMENT)
    report.status = UnitReport.Status.RECEIVED if receive else UnitReport.Status.RETURNED
    report.reviewed_by, report.reviewed_at = user, timezone.now()
    report.office_comment = comment
    reason = _("Tiếp nhận báo cáo") if receive else _("Trả lại báo cáo")
    return save_audited(report, user=user, reason=reason)


# ——— Difficulties ———


@transaction.atomic
def difficulty_rule_set(*, organization, answer_days: int, user) -> DifficultyRule:
    rule = DifficultyRule.objects.filter(organization=organization).first() or DifficultyRule(
        organization=organization
    )
    rule.answer_days = answer_days
    return save_audited(rule, user=user, reason=_("Đặt thời hạn trả lời vướng mắc"))


@transaction.atomic
def difficulty_raise(
    *, unit, subject: str, details: str, plan: Plan | None, user, today: datetime.date | None = None
) -> Difficulty:
    """A unit's difficulty, due for an answer the agency's number of days later."""
    today = today or timezone.localdate()
    days = DifficultyRule.days_for(unit.organization_id)
    difficulty = Difficulty(
        organization_id=unit.organization_id,
        unit=unit,
        plan=plan,
        subject=subject,
        details=details,
        raised_by=user,
        raised_on=today,
        answer_due_on=today + datetime.timedelta(days=days),
    )
    return save_audited(difficulty, user=user, reason=_("Gửi vướng mắc"))


@transaction.atomic
def difficulty_answer(
    *, difficulty: Difficulty, answer: str, user, today: datetime.date | None = None
) -> Difficulty:
    difficulty = Difficulty.objects.select_for_update().get(pk=difficulty.pk)
    if difficulty.is_answered:
        raise ValidationError(ALREADY_ANSWERED)
    if not answer.strip():
        raise ValidationError(_("Hãy nhập nội dung trả lời."))
    difficulty.answer = answer.strip()
    difficulty.answered_by, difficulty.answered_on = user, today or timezone.localdate()
    return save_audited(difficulty, user=user, reason=_("Trả lời vướng mắc"))
