"""Chấm điểm thi đua of the units: the year's table, the criteria Thi Đua measures itself (targets
reached, reports sent on time, initiatives recognised, feedback answered on time), the unit's own
points with evidence, the office's verification (accept, or adjust with a reason) and the ranking.

Bounds, totals and ranks come from `thidua.core.scoring`, shared with the enterprises' assessment.
Each workflow is one transaction that records who did it and why.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import ScoringCriterion, ScoringTable, UnitScore, UnitScoreLine
from thidua.core.audit import delete_audited, save_audited
from thidua.core.scoring import net_total, rank_rows
from thidua.core.uploads import save_private_file
from thidua.engagement.models import Feedback
from thidua.initiatives.models import Initiative
from thidua.org.access import require
from thidua.org.roles import Capability
from thidua.plans.models import Plan
from thidua.tracking.models import Assignment, ProgressSnapshot, Report
from thidua.tracking.progress import Status
from thidua.tracking.workload import owed_periods

Source = ScoringCriterion.Source
CRITERIA_FIXED = gettext_lazy(
    "Đã có đơn vị gửi bản chấm điểm năm {year} nên không thêm, sửa hay xóa tiêu chí được nữa."
)
YEAR_TAKEN = gettext_lazy("Cơ quan đã có bảng tiêu chí chấm điểm của năm {year}.")
CENT = Decimal("0.01")

# A starting table the office edits (groups, criteria, maximum points, deductions; 100 points): the
# agency's own wording, saved as its data, hence not translated. Thresholds: % for rates, a count for
# initiatives.
TASKS = "I. Thực hiện nhiệm vụ chuyên môn"
DEFAULT_CRITERIA = (
    (TASKS, "Hoàn thành các chỉ tiêu được giao", "points", Source.TARGETS, 100, 30),
    (TASKS, "Gửi báo cáo đúng hạn", "points", Source.REPORTS, 100, 15),
    (TASKS, "Chất lượng tham mưu, đề xuất", "points", Source.SELF, None, 15),
    ("II. Phong trào thi đua", "Có sáng kiến được công nhận trong năm", "points", Source.INITIATIVES, 1, 10),
    ("II. Phong trào thi đua", "Trả lời phản ánh, kiến nghị đúng hạn", "points", Source.FEEDBACK, 100, 10),
    ("II. Phong trào thi đua", "Tổ chức, hưởng ứng các phong trào thi đua", "points", Source.SELF, None, 10),
    ("III. Xây dựng đơn vị", "Chấp hành kỷ luật, kỷ cương hành chính", "points", Source.SELF, None, 10),
    ("IV. Điểm trừ", "Có cán bộ bị kỷ luật, bị phê bình trong năm", "deduction", Source.SELF, None, 10),
)  # fmt: skip


class ScoringError(Exception):
    """A workflow rule refused the change; the message is for the user."""


# ——— What Thi Đua measures itself ———


@dataclass(frozen=True)
class Measure:
    """A measured figure (None: nothing to measure this year) and the numbers behind it."""

    value: Decimal | None
    detail: dict = field(default_factory=dict)


def points_for(criterion: ScoringCriterion, measured: Decimal | None) -> Decimal:
    """The maximum when the measure reaches the threshold, a proportional share below it (rounded
    down to the hundredth); nothing to measure (no target given, no feedback received) takes the
    maximum, as there was nothing to fall short of."""
    if measured is None or criterion.threshold is None or measured >= criterion.threshold:
        return criterion.max_points
    share = criterion.max_points * max(measured, Decimal(0)) / criterion.threshold
    return share.quantize(CENT, ROUND_DOWN)


def _year_end(year: int, today: datetime.date) -> datetime.date:
    return min(datetime.date(year, 12, 31), today)


def _rate(count: int, total: int) -> Decimal | None:
    return None if total == 0 else (Decimal(count) * 100 / total).quantize(CENT)


def targets_reached(unit, year: int) -> Measure:
    """The unit's targets of the year's plans: the share already reached or on track (per-unit
    standing of the tracking engine); targets not yet started do not count."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    plans = Plan.objects.filter(organization_id=unit.organization_id, status=Plan.Status.PUBLISHED).filter(
        Q(starts_on__isnull=True) | Q(starts_on__lte=end), Q(ends_on__isnull=True) | Q(ends_on__gte=start)
    )
    statuses = list(
        ProgressSnapshot.objects.filter(unit=unit, target__plan__in=plans)
        .exclude(status=Status.NOT_STARTED)
        .values_list("status", flat=True)
    )
    reached = sum(1 for s in statuses if s in (Status.ACHIEVED, Status.ON_TRACK))
    return Measure(_rate(reached, len(statuses)), {"count": reached, "total": len(statuses)})


def reports_on_time(unit, year: int, today: datetime.date) -> Measure:
    """Of the reports the unit owed with a due date in the year (up to today), the share sent by then."""
    start, end = datetime.date(year, 1, 1), _year_end(year, today)
    assignments = list(
        Assignment.objects.filter(unit=unit, target__plan__status=Plan.Status.PUBLISHED).select_related(
            "target", "target__plan"
        )
    )
    sent = {
        (r.assignment_id, r.period_start): timezone.localdate(r.submitted_at)
        for r in Report.objects.filter(assignment__in=assignments, submitted_at__isnull=False).only(
            "assignment_id", "period_start", "submitted_at"
        )
    }
    owed = on_time = 0
    for assignment in assignments:
        for period in owed_periods(assignment, start - datetime.timedelta(days=400), end):
            if not start <= period.due_on <= end:
                continue
            owed += 1
            day = sent.get((assignment.pk, period.start))
            on_time += day is not None and day <= period.due_on
    return Measure(_rate(on_time, owed), {"count": on_time, "total": owed})


def initiatives_recognised(unit, year: int) -> Measure:
    """The unit's initiatives the Director recognised during the year."""
    count = (
        Initiative.objects.recognised_between(
            unit.organization_id, datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        )
        .filter(unit=unit)
        .count()
    )
    return Measure(Decimal(count), {"count": count})


def feedback_on_time(unit, year: int, today: datetime.date) -> Measure:
    """Feedback received in the year and given to the unit: the share answered by its deadline, among
    those due by now or already answered (forwarded ones are answered elsewhere and do not count)."""
    end = _year_end(year, today)
    rows = (
        Feedback.objects.filter(unit=unit, received_on__year=year, answer_due_on__isnull=False)
        .exclude(state=Feedback.State.FORWARDED)
        .filter(Q(answer_due_on__lte=end) | Q(answered_on__lte=end))
        .values_list("answered_on", "answer_due_on")
    )
    pairs = list(rows)
    on_time = sum(1 for answered, due in pairs if answered is not None and answered <= min(due, end))
    return Measure(_rate(on_time, len(pairs)), {"count": on_time, "total": len(pairs)})


def measure(criterion: ScoringCriterion, unit, year: int, today: datetime.date) -> Measure:
    match criterion.source:
        case Source.TARGETS:
            return targets_reached(unit, year)
        case Source.REPORTS:
            return reports_on_time(unit, year, today)
        case Source.INITIATIVES:
            return initiatives_recognised(unit, year)
        case Source.FEEDBACK:
            return feedback_on_time(unit, year, today)
    return Measure(None)


def signed(line: UnitScoreLine, points: Decimal) -> tuple[Decimal, Decimal]:
    """(earned, deducted) of a line."""
    if line.criterion.kind == ScoringCriterion.Kind.DEDUCTION:
        return Decimal(0), points
    return points, Decimal(0)


def sheet_total(lines, *, verified: bool) -> Decimal:
    pairs = [signed(line, line.points if verified else line.self_points) for line in lines]
    return net_total((p for p, _ in pairs), (d for _, d in pairs))


# ——— The table (the office) ———


def _refuse_if_fixed(table: ScoringTable) -> None:
    table = ScoringTable.objects.select_for_update().get(pk=table.pk)
    if table.submitted_count():
        raise ScoringError(CRITERIA_FIXED.format(year=table.year))


@transaction.atomic
def table_create(
    *, organization, year: int, name: str, user, legal_basis: str = "", with_defaults: bool = True
) -> ScoringTable:
    """The year's table, empty or started from the default groups and criteria (100 points)."""
    require(user, Capability.VERIFY_UNIT_SCORES, organization)
    if ScoringTable.objects.filter(organization=organization, year=year).exists():
        raise ScoringError(YEAR_TAKEN.format(year=year))
    table = ScoringTable(organization=organization, year=year, name=name, legal_basis=legal_basis)
    save_audited(table, user=user, reason=_("Tạo bảng tiêu chí chấm điểm thi đua đơn vị"))
    for position, (group, text, kind, source, threshold, points) in enumerate(
        DEFAULT_CRITERIA if with_defaults else (), start=1
    ):
        criterion = ScoringCriterion(
            table=table,
            group=group,
            text=text,
            kind=kind,
            source=source,
            threshold=None if threshold is None else Decimal(threshold),
            max_points=Decimal(points),
            position=position,
        )
        save_audited(criterion, user=user, reason=_("Khởi tạo theo bảng tiêu chí mẫu"))
    return table


@transaction.atomic
def criterion_add(*, table: ScoringTable, user, **fields) -> ScoringCriterion:
    require(user, Capability.VERIFY_UNIT_SCORES, table.organization)
    _refuse_if_fixed(table)
    if fields.get("position") is None:
        fields["position"] = table.next_position()
    criterion = ScoringCriterion(table=table, **fields)
    return save_audited(criterion, user=user, reason=_("Thêm tiêu chí chấm điểm"))


@transaction.atomic
def criterion_remove(*, criterion: ScoringCriterion, user) -> None:
    require(user, Capability.VERIFY_UNIT_SCORES, criterion.organization)
    _refuse_if_fixed(criterion.table)
    delete_audited(criterion, user=user, reason=_("Xóa tiêu chí chấm điểm"))


# ——— The unit's sheet ———


def _scores_for(user, unit) -> bool:
    """The unit scores itself; the office may type in a unit's paper sheet on its behalf (the pages
    offer the form to the unit only)."""
    return user.acts_for_unit(Capability.SCORE_OWN_UNIT, unit) or user.can(
        Capability.VERIFY_UNIT_SCORES, unit.organization_id
    )


@transaction.atomic
def sheet_start(*, table: ScoringTable, unit, user) -> UnitScore:
    """The unit's sheet of the year, made on the first visit; an existing one is returned."""
    if not _scores_for(user, unit):
        raise PermissionDenied
    existing = UnitScore.objects.filter(table=table, unit=unit).first()
    if existing is not None:
        return existing
    sheet = UnitScore(organization=table.organization, table=table, unit=unit)
    return save_audited(sheet, user=user, reason=_("Bắt đầu tự chấm điểm thi đua"))


def preview(sheet: UnitScore, today: datetime.date | None = None) -> dict[int, Measure]:
    """What each computed criterion measures for the unit now (criterion id → measure)."""
    today = today or timezone.localdate()
    return {
        c.pk: measure(c, sheet.unit, sheet.table.year, today)
        for c in sheet.table.criteria.all()
        if c.is_computed
    }


@transaction.atomic
def sheet_submit(
    *, sheet: UnitScore, scores: dict, user, evidence: dict | None = None, today: datetime.date | None = None
) -> UnitScore:
    """The unit's own points (criterion → points) for the criteria it scores, with evidence files;
    the computed criteria are measured now from Thi Đua's records. The sheet goes to the office."""
    if sheet.state != UnitScore.State.DRAFT:
        raise ScoringError(_("Bản chấm điểm đã gửi, không sửa được."))
    if not _scores_for(user, sheet.unit):
        raise PermissionDenied
    today, evidence = today or timezone.localdate(), evidence or {}
    ScoringTable.objects.select_for_update().get(pk=sheet.table_id)
    criteria = list(sheet.table.criteria.all())
    if not criteria:
        raise ScoringError(_("Bảng tiêu chí năm {year} chưa có tiêu chí nào.").format(year=sheet.table.year))
    missing = [c for c in criteria if not c.is_computed and c not in scores]
    if missing:
        raise ScoringError(_("Chưa chấm tiêu chí “{text}”.").format(text=missing[0].text))
    lines = []
    for criterion in criteria:
        line = UnitScoreLine.objects.filter(sheet=sheet, criterion=criterion).first()
        line = line or UnitScoreLine(sheet=sheet, criterion=criterion)
        if criterion.is_computed:
            found = measure(criterion, sheet.unit, sheet.table.year, today)
            line.measured, line.detail = found.value, found.detail | {"on": today.isoformat()}
            line.self_points = points_for(criterion, found.value)
        else:
            line.self_points = scores[criterion]
            if criterion in evidence:
                save_private_file(line, evidence[criterion], field="evidence")
        lines.append(save_audited(line, user=user, reason=_("Tự chấm điểm thi đua")))
    sheet.self_total = sheet_total(lines, verified=False)
    sheet.state, sheet.submitted_by, sheet.submitted_at = UnitScore.State.SUBMITTED, user, timezone.now()
    return save_audited(sheet, user=user, reason=_("Gửi bản chấm điểm thi đua"))


@transaction.atomic
def sheet_verify(*, sheet: UnitScore, scores: dict, reasons: dict, user) -> UnitScore:
    """The office accepts each claim or adjusts it with a reason; the total is the office's, and the
    year's ranking is redone."""
    if not sheet.verifiable_by(user):
        raise PermissionDenied
    lines = list(sheet.lines.select_related("criterion"))
    for line in lines:
        line.verified_points = scores.get(line.criterion, line.self_points)
        line.adjust_reason = (reasons.get(line.criterion) or "").strip()
        if line.verified_points == line.self_points:
            line.adjust_reason = ""
        try:
            save_audited(line, user=user, reason=_("Thẩm định điểm thi đua"))
        except ValidationError as error:
            raise ScoringError(
                _("“{text}”: {error}").format(text=line.criterion.text, error=" ".join(error.messages))
            ) from error
    sheet.total = sheet_total(lines, verified=True)
    sheet.state, sheet.verified_by, sheet.verified_at = UnitScore.State.VERIFIED, user, timezone.now()
    save_audited(sheet, user=user, reason=_("Thẩm định kết quả chấm điểm thi đua"))
    sheets_rank(table=sheet.table, user=user)
    sheet.refresh_from_db()
    return sheet


@transaction.atomic
def sheets_rank(*, table: ScoringTable, user) -> list[UnitScore]:
    """Rank the verified sheets of a year by total, ties sharing a rank (1, 2, 2, 4)."""
    verified = list(
        table.sheets.filter(state=UnitScore.State.VERIFIED).order_by("-total", "unit__name", "pk")
    )
    for sheet, rank in rank_rows(verified, lambda s: s.total):
        if sheet.rank != rank:
            sheet.rank = rank
            save_audited(sheet, user=user, reason=_("Xếp hạng thi đua các đơn vị"))
    return verified
