"""Tracking workflows: give targets to units, and the report cycle draft → submitted → approved/returned.

Each function is one transaction that records who did it and why in the history.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import delete_audited, save_audited
from thidua.core.uploads import save_private_file
from thidua.org.models import Unit
from thidua.plans.models import Plan, Target
from thidua.tracking import handoffs, standing
from thidua.tracking.models import Assignment, Evidence, Report
from thidua.tracking.periods import Period


class TrackingError(Exception):
    """A workflow rule refused the change; the message is for the user."""


@transaction.atomic
def assignments_give(
    *, target: Target, units, user, role=Assignment.Role.LEAD, share=None, due_on=None, automatic=False
) -> list[Assignment]:
    """Give one target to several units at once; a unit that already has it keeps its assignment.
    `automatic`: given because the target binds every unit, and so given to units created later too."""
    if target.plan.status != Plan.Status.PUBLISHED:
        raise TrackingError(_("Chỉ giao chỉ tiêu của kế hoạch đang thực hiện."))
    existing = set(target.assignments.values_list("unit_id", flat=True))
    created = []
    for unit in units:
        if unit.pk in existing:
            continue
        assignment = Assignment(
            organization_id=target.plan.organization_id,
            target=target,
            unit=unit,
            role=role,
            share=share,
            due_on=due_on or target.ends_on,
            is_automatic=automatic,
        )
        reason = _("Giao cho mọi phòng, đơn vị") if automatic else _("Giao chỉ tiêu")
        created.append(save_audited(assignment, user=user, reason=reason))
    if created:
        standing.refresh_target(target)
        handoffs.assignments_given(created, user)
    return created


@transaction.atomic
def target_measure(*, target: Target, user, measurement: str, indicator: str = "", topic: str = "") -> Target:
    """How the target is measured: figures the units report, or an indicator computed from a registry
    (only the records of a topic, where the target names one). Its standing is recomputed at once,
    since the figures it stands on change."""
    computed = measurement == Target.Measurement.COMPUTED
    target.measurement = measurement
    target.indicator = indicator if computed else ""
    target.indicator_topic = topic.strip() if computed else ""
    save_audited(target, user=user, reason=_("Đổi cách đo chỉ tiêu"))
    standing.refresh_target(target)
    return target


@transaction.atomic
def target_set_milestones(*, target: Target, user, milestones: list[list[str]]) -> Target:
    """The yearly path "expected by now" follows ([[ISO date, level], …]; empty: a straight line)."""
    target.milestones = milestones
    save_audited(
        target, user=user, reason=_("Đặt lộ trình từng năm") if milestones else _("Bỏ lộ trình từng năm")
    )
    standing.refresh_target(target)
    return target


@transaction.atomic
def assignment_update(*, assignment: Assignment, user, role, share, due_on, note="") -> Assignment:
    assignment.role, assignment.share, assignment.due_on, assignment.note = role, share, due_on, note
    save_audited(assignment, user=user, reason=_("Sửa giao chỉ tiêu"))
    standing.refresh_target(assignment.target)
    return assignment


@transaction.atomic
def assignment_remove(*, assignment: Assignment, user, refresh: bool = True) -> None:
    if assignment.reports.exists():
        raise TrackingError(
            _("{unit} đã báo cáo cho chỉ tiêu “{target}”; không thể bỏ giao.").format(
                unit=assignment.unit, target=str(assignment.target)[:60]
            )
        )
    target = assignment.target
    delete_audited(assignment, user=user, reason=_("Bỏ giao chỉ tiêu"))
    if refresh:
        standing.refresh_target(target)


def proposed_roles(plan: Plan, units) -> dict[tuple[int, int], str]:
    """Who should carry out each target, as far as the plan says: its lead unit, or every unit
    for per-unit targets. Targets already given keep what they have."""
    current = {(a.target_id, a.unit_id): a.role for a in Assignment.objects.filter(target__plan=plan)}
    given = {target_id for target_id, _unit in current}
    roles = dict(current)
    for target in plan.targets.all():
        if target.pk in given:
            continue
        for unit in units:
            if (target.per_unit and unit.carries_out) or unit.pk == target.lead_unit_id:
                roles[(target.pk, unit.pk)] = Assignment.Role.LEAD
    return roles


@transaction.atomic
def assignments_sync(*, plan: Plan, wanted: dict[tuple[int, int], str], user) -> int:
    """Make the plan's assignments match a targets × units matrix of roles ("" = not given)."""
    current = {(a.target_id, a.unit_id): a for a in Assignment.objects.filter(target__plan=plan)}
    targets = {target.pk: target for target in plan.targets.all()}
    units = {unit.pk: unit for unit in plan.organization.units.all()}
    touched, changed, given = set(), 0, []
    for (target_id, unit_id), role in wanted.items():
        assignment = current.get((target_id, unit_id))
        if assignment and not role:
            assignment_remove(assignment=assignment, user=user, refresh=False)
        elif assignment and assignment.role != role:
            assignment.role = role
            save_audited(assignment, user=user, reason=_("Đổi vai trò được giao"))
        elif not assignment and role:
            target = targets[target_id]
            assignment = Assignment(
                organization_id=plan.organization_id,
                target=target,
                unit=units[unit_id],
                role=role,
                due_on=target.ends_on,
            )
            given.append(save_audited(assignment, user=user, reason=_("Giao chỉ tiêu")))
        else:
            continue
        touched.add(target_id)
        changed += 1
    for target_id in touched:
        standing.refresh_target(targets[target_id])
    handoffs.assignments_given(given, user)
    return changed


def expand_per_unit_target(target: Target, *, user=None) -> list[Assignment]:
    """A per-unit target ("mỗi phòng, ban, đơn vị …") goes to every unit of the agency."""
    units = Unit.objects.filter(organization_id=target.plan.organization_id).carrying_out()
    return assignments_give(target=target, units=units, user=user, automatic=True)


def expand_per_unit_targets_to(unit: Unit) -> None:
    """A new unit receives every per-unit target of the plans under way."""
    if not unit.carries_out:
        return
    targets = Target.objects.filter(
        plan__organization=unit.organization, plan__status=Plan.Status.PUBLISHED, per_unit=True
    )
    for target in targets:
        assignments_give(target=target, units=[unit], user=None, automatic=True)


def _lock(assignment: Assignment) -> None:
    """Wait for anyone else changing this assignment's reports (a no-op on SQLite, which writes one
    transaction at a time anyway)."""
    list(Assignment._base_manager.select_for_update().filter(pk=assignment.pk).values_list("pk"))


@transaction.atomic
def report_start(*, assignment: Assignment, period: Period, user) -> Report:
    """The open report of a period, or a new draft; a period already approved needs a correction.

    Two people opening the same period at once: the assignment's row is locked first, so the second
    waits for the first and then finds the draft it made (one draft, never an IntegrityError)."""
    _lock(assignment)
    if assignment.target.measurement == Target.Measurement.COMPUTED:
        raise TrackingError(_("Chỉ tiêu này được tính tự động; phòng, đơn vị không cần báo cáo số liệu."))
    open_report = (
        assignment.reports.filter(period_start=period.start).exclude(status=Report.Status.APPROVED).first()
    )
    if open_report:
        return open_report
    if assignment.reports.filter(period_start=period.start, status=Report.Status.APPROVED).exists():
        raise TrackingError(_("Kỳ này đã có báo cáo được duyệt; hãy tạo bản đính chính."))
    report = Report(
        organization_id=assignment.organization_id,
        assignment=assignment,
        period_start=period.start,
        period_end=period.end,
        period_label=period.label,
    )
    return save_audited(
        report, user=user, reason=_("Bắt đầu báo cáo kỳ {period}").format(period=period.label)
    )


@transaction.atomic
def report_update(*, report: Report, user, reason: str = "", **values) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.is_editable:
        raise TrackingError(_("Báo cáo đã gửi hoặc đã duyệt, không sửa được."))
    for name, value in values.items():
        setattr(report, name, value)
    return save_audited(report, user=user, reason=reason or _("Cập nhật số liệu"))


@transaction.atomic
def evidence_add(*, report: Report, upload, user) -> Evidence:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.is_editable:
        raise TrackingError(_("Báo cáo đã gửi hoặc đã duyệt, không thêm minh chứng được."))
    evidence = Evidence(report=report, uploaded_by=user)
    save_private_file(evidence, upload)
    return save_audited(evidence, user=user, reason=_("Thêm minh chứng"))


@transaction.atomic
def evidence_remove(*, evidence: Evidence, user) -> None:
    if not Report.objects.select_for_update().get(pk=evidence.report_id).is_editable:
        raise TrackingError(_("Báo cáo đã gửi hoặc đã duyệt, không bỏ minh chứng được."))
    delete_audited(evidence, user=user, reason=_("Bỏ minh chứng"))


@transaction.atomic
def report_submit(*, report: Report, user) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.is_editable:
        raise TrackingError(_("Báo cáo này đã được gửi."))
    report.status = Report.Status.SUBMITTED
    report.submitted_by, report.submitted_at = user, timezone.now()
    save_audited(report, user=user, reason=_("Gửi báo cáo"))
    handoffs.report_submitted(report, user)
    return report


@transaction.atomic
def report_return(*, report: Report, user, comment: str) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.SUBMITTED:
        raise TrackingError(_("Chỉ trả lại được báo cáo đang chờ duyệt."))
    if not comment.strip():
        raise TrackingError(_("Hãy ghi rõ lý do trả lại để đơn vị sửa."))
    report.status, report.review_comment = Report.Status.RETURNED, comment.strip()
    report.reviewed_by, report.reviewed_at = user, timezone.now()
    save_audited(report, user=user, reason=_("Trả lại: {comment}").format(comment=comment.strip()))
    handoffs.report_returned(report, user)
    return report


@transaction.atomic
def report_approve(*, report: Report, user, comment: str = "") -> Report:
    """Approve a report; it replaces the period's earlier approved version, and progress moves."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.SUBMITTED:
        raise TrackingError(_("Chỉ duyệt được báo cáo đang chờ duyệt."))
    now = timezone.now()
    replaced = Report.objects.counted().filter(assignment=report.assignment, period_start=report.period_start)
    for earlier in replaced.select_for_update():
        earlier.superseded_at = now
        save_audited(
            earlier,
            user=user,
            reason=_("Được thay bằng bản đính chính số {version}").format(version=report.version),
        )
    report.status, report.review_comment = Report.Status.APPROVED, comment.strip()
    report.reviewed_by, report.reviewed_at = user, now
    save_audited(report, user=user, reason=_("Duyệt báo cáo"))
    standing.refresh_target(report.assignment.target)
    handoffs.report_approved(report, user)
    return report


@transaction.atomic
def report_correct(*, report: Report, user) -> Report:
    """Start a correction of an approved report: a new version, the approved one stays in force meanwhile.

    Two corrections asked at once: the assignment's row is locked and the report read again, so the
    second finds the first's open correction and is refused with a message."""
    _lock(report.assignment)
    report = Report.objects.select_related("assignment").get(pk=report.pk)
    if report.status != Report.Status.APPROVED or report.superseded_at:
        raise TrackingError(_("Chỉ đính chính được báo cáo đã duyệt đang có hiệu lực."))
    if (
        report.assignment.reports.filter(period_start=report.period_start)
        .exclude(status=Report.Status.APPROVED)
        .exists()
    ):
        raise TrackingError(_("Kỳ này đang có một bản đính chính chưa được duyệt."))
    last = report.assignment.reports.filter(period_start=report.period_start).aggregate(Max("version"))[
        "version__max"
    ]
    correction = Report(
        organization_id=report.organization_id,
        assignment=report.assignment,
        period_start=report.period_start,
        period_end=report.period_end,
        period_label=report.period_label,
        version=last + 1,
        previous=report,
        value=report.value,
        numerator=report.numerator,
        denominator=report.denominator,
        analysis=report.analysis,
        confidence=report.confidence,
    )
    save_audited(correction, user=user, reason=_("Đính chính báo cáo đã duyệt"))
    for evidence in report.evidence.all():
        copy = Evidence(
            report=correction,
            file=evidence.file.name,
            original_name=evidence.original_name,
            content_type=evidence.content_type,
            size=evidence.size,
            uploaded_by=evidence.uploaded_by,
        )
        save_audited(copy, user=user, reason=_("Minh chứng của bản đã duyệt, chép sang bản đính chính"))
    handoffs.correction_opened(correction, user)
    return correction
