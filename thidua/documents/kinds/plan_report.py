"""Báo cáo sơ kết / tổng kết of a plan as of a date: what was done, where every target stands and why,
initiatives, dialogues and feedback, enterprises, shortcomings and proposals.

The figures of the targets are the progress engine's (`tracking.standing.target_rows`, the rows the
dashboards store) and their sentences `tracking.reasons`, so the document says what the dashboards say.
"""

import datetime
from collections import Counter

from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.formatting import format_date, format_number, format_percent, format_quantity
from thidua.documents.kinds.common import letterhead, signature_of
from thidua.documents.nd30 import CHART, DASH, PART, SECTION, TABLE, TEXT, Block, Content
from thidua.engagement.models import Assessment, Dialogue, Feedback
from thidua.initiatives.models import Initiative
from thidua.plans.models import Deadline, Plan, Target
from thidua.tracking.models import (
    STATUS_CHOICES,
    ProgressSnapshot,
    Report,
    ReportRequest,
    UnitPlan,
    UnitReport,
)
from thidua.tracking.progress import Status
from thidua.tracking.reasons import render_reason
from thidua.tracking.standing import chart_points, target_rows
from thidua.tracking.unit_reports import plan_requests, sent_on

STATUS_LABELS = dict(STATUS_CHOICES)
SHORTCOMINGS = (Status.AT_RISK.value, Status.BEHIND.value)
SHORT_TEXT = 160
QUOTE_TEXT = 400  # how much of each section of a unit's report the agency's report quotes
MAX_CHARTS = 8  # charts only where a target has a series, at most this many: each costs about 0.1–0.3 s


def standings(plan: Plan, as_of: datetime.date) -> list[tuple[Target, dict]]:
    """Every target of the plan with the agency's row on `as_of` (status, actual, expected, reason):
    the dashboard's snapshot when it was computed on that day (the nightly refresh), else computed
    afresh by the same engine."""
    today = timezone.localdate()
    reported_by = as_of if as_of < today else None
    targets = plan.targets.select_related("plan").order_by("position", "pk")
    stored = {
        snapshot.target_id: snapshot
        for snapshot in ProgressSnapshot.objects.filter(target__plan=plan, unit=None, computed_on=as_of)
    }
    rows = []
    for target in targets:
        snapshot = stored.get(target.pk)
        if snapshot is not None:
            values = {
                field: getattr(snapshot, field)
                for field in ("status", "actual", "expected", "reason", "series")
            }
        else:
            values = dict(target_rows(target, as_of, reported_by=reported_by))[None]
        rows.append((target, values))
    return rows


def build_interim(plan: Plan, as_of: datetime.date) -> Content:
    return _build(plan, as_of, final=False)


def build_final(plan: Plan, as_of: datetime.date) -> Content:
    return _build(plan, as_of, final=True)


def _build(plan: Plan, as_of: datetime.date, *, final: bool) -> Content:
    rows = standings(plan, as_of)
    word = _("tổng kết") if final else _("sơ kết")
    blocks = [Block(PART, _("KẾT QUẢ TRIỂN KHAI THỰC HIỆN"))]
    blocks += _deployment(plan, as_of)
    blocks += _unit_reports(plan, as_of, final=final)
    blocks += _targets(rows, as_of)
    blocks += _charts(rows)
    blocks += _initiatives(plan, as_of)
    blocks += _engagement(plan, as_of)
    blocks += _enterprises(plan, as_of)
    blocks += [Block(PART, _("TỒN TẠI, HẠN CHẾ")), *_shortcomings(plan, rows, as_of, final=final)]
    blocks += [
        Block(PART, _("PHƯƠNG HƯỚNG, NHIỆM VỤ VÀ ĐỀ XUẤT")),
        *_proposals(rows, final=final, units=_sent_reports(plan, as_of, final=final)),
    ]
    summary = _("{word} thực hiện {kind} số {number} về {title}").format(
        word=word.capitalize(),
        kind=plan.kind.lower(),
        number=plan.number or "…",
        title=_lower_first(plan.title),
    )
    return Content(
        **letterhead(plan.organization, symbol="BC"),
        dated=as_of,
        kind_title=_("Báo cáo"),
        summary=summary,
        blocks=blocks,
        signature=signature_of(plan),
        recipients=[
            _("UBND tỉnh (để báo cáo);"),
            _("Sở Nội vụ (Ban Thi đua - Khen thưởng);"),
            _("Giám đốc, các Phó Giám đốc Sở;"),
            _("Các phòng, đơn vị thuộc Sở;"),
            _("Lưu: VT, VP."),
        ],
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT_TEXT else text[: SHORT_TEXT - 1].rstrip() + "…"


def _deployment(plan: Plan, as_of: datetime.date) -> list[Block]:
    issued = _(" ngày {date}").format(date=format_date(plan.issued_on)) if plan.issued_on else ""
    blocks = [
        Block(SECTION, _("Công tác chỉ đạo, triển khai")),
        Block(
            TEXT,
            _(
                "Thực hiện {kind} số {number}{issued} về {title}, {issuer} đã giao chỉ tiêu cho các phòng, "
                "đơn vị và theo dõi tình hình thực hiện trên hệ thống Thi Đua. Số liệu trong báo cáo "
                "tính đến ngày {as_of}."
            ).format(
                kind=plan.kind,
                number=plan.number or "…",
                issued=issued,
                title=_lower_first(plan.title),
                issuer=plan.organization.short_name,
                as_of=format_date(as_of),
            ),
        ),
    ]
    received = UnitPlan.objects.filter(plan=plan, submitted_at__date__lte=as_of).count()
    reports = Report.objects.filter(
        assignment__target__plan=plan, status=Report.Status.APPROVED, period_end__lte=as_of
    ).aggregate(n=Count("pk"), units=Count("assignment__unit", distinct=True))
    blocks.append(
        Block(
            TEXT,
            _(
                "Đã nhận {plans} kế hoạch thực hiện của các phòng, đơn vị; "
                "đã duyệt {reports} báo cáo số liệu của {units} phòng, đơn vị."
            ).format(plans=received, reports=reports["n"], units=reports["units"]),
        )
    )
    areas = plan.sections.filter(parent=None).order_by("position")
    if areas:
        blocks.append(Block(TEXT, _("Các nội dung của kế hoạch:")))
        blocks += [Block(DASH, _short(_area(area))) for area in areas]
    return blocks


def _area(section) -> str:
    label = section.label.strip()
    if label and label[-1] not in ".)":
        label += "."
    return f"{label} {section.heading}".strip()


def _targets(rows: list[tuple[Target, dict]], as_of: datetime.date) -> list[Block]:
    counts = Counter(values["status"] for _target, values in rows)
    tally = "; ".join(
        f"{label.lower()}: {counts[status]}" for status, label in STATUS_CHOICES if counts.get(status)
    )
    blocks = [
        Block(SECTION, _("Kết quả thực hiện các chỉ tiêu")),
        Block(
            TEXT,
            _("Tính đến ngày {date}, kế hoạch có {n} chỉ tiêu ({tally}).").format(
                date=format_date(as_of), n=len(rows), tally=tally or _("chưa có số liệu")
            ),
        ),
    ]
    if not rows:
        return blocks
    table = [[_("STT"), _("Chỉ tiêu"), _("Yêu cầu"), _("Kết quả"), _("Theo lộ trình"), _("Tình trạng")]]
    for number, (target, values) in enumerate(rows, 1):
        table.append(
            [
                str(number),
                _short(target.text),
                target.requirement,
                _quantity(values["actual"], target),
                _quantity(values["expected"], target),
                str(STATUS_LABELS.get(values["status"], "")),
            ]
        )
    blocks.append(Block(TABLE, rows=table, widths=[1.0, 4.6, 1.8, 1.8, 1.8, 1.7]))
    blocks.append(Block(TEXT, _("Cụ thể từng chỉ tiêu:")))
    for number, (_target, values) in enumerate(rows, 1):
        blocks.append(Block(DASH, f"{_('Chỉ tiêu {n}').format(n=number)}: {render_reason(values['reason'])}"))
    return blocks


def _quantity(value, target: Target) -> str:
    return "—" if value is None else format_quantity(value, target.unit_of_measure)


def _window(plan: Plan, as_of: datetime.date) -> tuple[datetime.date, datetime.date]:
    return plan.starts_on or datetime.date(as_of.year, 1, 1), as_of


def _initiatives(plan: Plan, as_of: datetime.date) -> list[Block]:
    start, end = _window(plan, as_of)
    rows = (
        Initiative.objects.recognised_between(plan.organization_id, start, end)
        .select_related("unit")
        .order_by("decision_date", "pk")
    )
    blocks = [
        Block(SECTION, _("Sáng kiến được công nhận")),
        Block(
            TEXT,
            _("Từ {start} đến {end} có {n} sáng kiến được công nhận.").format(
                start=format_date(start), end=format_date(end), n=len(rows)
            ),
        ),
    ]
    blocks += [
        Block(
            DASH,
            _("{title} ({unit}; quyết định ngày {date}).").format(
                title=_short(row.title), unit=row.unit.name, date=format_date(row.decision_date)
            ),
        )
        for row in rows
    ]
    return blocks


def _engagement(plan: Plan, as_of: datetime.date) -> list[Block]:
    start, end = _window(plan, as_of)
    held = Dialogue.objects.filter(
        organization_id=plan.organization_id,
        status=Dialogue.Status.HELD,
        held_on__gte=start,
        held_on__lte=end,
    ).order_by("held_on")
    feedback = Feedback.objects.filter(organization_id=plan.organization_id)
    answered = feedback.filter(answered_on__gte=start, answered_on__lte=end)
    on_time = answered.filter(answer_due_on__isnull=False, answered_on__lte=F("answer_due_on")).count()
    rate = feedback.on_time_rate(end)
    late = feedback.filter(answered_on=None, answer_due_on__lt=end).exclude(state=Feedback.State.FORWARDED)
    blocks = [
        Block(SECTION, _("Đối thoại doanh nghiệp, giải quyết phản ánh, kiến nghị")),
        Block(TEXT, _("Đã tổ chức {n} buổi đối thoại với doanh nghiệp.").format(n=len(held))),
    ]
    blocks += [Block(DASH, f"{format_date(d.held_on)}: {_short(d.title)}") for d in held]
    blocks.append(
        Block(
            TEXT,
            _(
                "Đã trả lời {answered} phản ánh, kiến nghị, trong đó {on_time} đúng hạn; tỷ lệ trả lời đúng "
                "hạn {rate}; còn {late} phản ánh, kiến nghị quá hạn chưa trả lời."
            ).format(
                answered=answered.count(), on_time=on_time, rate=format_percent(rate), late=late.count()
            ),
        )
    )
    return blocks


def _enterprises(plan: Plan, as_of: datetime.date) -> list[Block]:
    verified = (
        Assessment.objects.filter(
            organization_id=plan.organization_id,
            state=Assessment.State.VERIFIED,
            criterion_set__year__lte=as_of.year,
        )
        .select_related("enterprise", "criterion_set")
        .order_by("-criterion_set__year", "rank", "enterprise__name")
    )
    latest = verified.first()
    blocks = [Block(SECTION, _("Kết quả thi đua của doanh nghiệp"))]
    if latest is None:
        return [*blocks, Block(TEXT, _("Chưa có kết quả chấm điểm thi đua doanh nghiệp đã thẩm định."))]
    rows = [a for a in verified if a.criterion_set_id == latest.criterion_set_id]
    blocks.append(
        Block(
            TEXT,
            _("Năm {year}, {n} doanh nghiệp có kết quả đã thẩm định ({name}):").format(
                year=latest.criterion_set.year, n=len(rows), name=latest.criterion_set.name
            ),
        )
    )
    blocks += [
        Block(
            DASH,
            _("{enterprise}: {total} điểm{rank}.").format(
                enterprise=a.enterprise.name,
                total=format_number(a.total),
                rank=_(", xếp thứ {rank}").format(rank=a.rank) if a.rank else "",
            ),
        )
        for a in rows
    ]
    return blocks


def _shortcomings(
    plan: Plan, rows: list[tuple[Target, dict]], as_of: datetime.date, *, final: bool
) -> list[Block]:
    behind = [(n, t, v) for n, (t, v) in enumerate(rows, 1) if v["status"] in SHORTCOMINGS]
    missed = [(n, t, v) for n, (t, v) in enumerate(rows, 1) if (v["reason"] or {}).get("code") == "missed"]
    overdue = Deadline.objects.filter(plan=plan, completed_on=None, due_on__lt=as_of).order_by("due_on")
    blocks = []
    for number, target, values in behind + missed:
        blocks.append(
            Block(
                DASH,
                _("Chỉ tiêu {n} ({text}) {status}: {reason}").format(
                    n=number,
                    text=_short(target.text),
                    status=str(STATUS_LABELS.get(values["status"], "")).lower(),
                    reason=render_reason(values["reason"]),
                ),
            )
        )
    for deadline in overdue:
        blocks.append(
            Block(
                DASH,
                _("Chưa hoàn thành việc có hạn {date}: {text}").format(
                    date=format_date(deadline.comply_by), text=_short(deadline.text)
                ),
            )
        )
    for request, missing in _missing_reports(plan, as_of, final=final):
        if missing and request.deadline and request.deadline.comply_by < as_of:
            blocks.append(
                Block(
                    DASH,
                    _("Các phòng, đơn vị chưa gửi {subject} (hạn {date}): {units}.").format(
                        subject=request.subject[:1].lower() + request.subject[1:],
                        date=format_date(request.deadline.comply_by),
                        units=", ".join(unit.name for unit in missing),
                    ),
                )
            )
    return blocks or [
        Block(
            TEXT,
            _("Không có chỉ tiêu chậm tiến độ hay việc quá hạn tính đến ngày {date}.").format(
                date=format_date(as_of)
            ),
        )
    ]


def _proposals(rows: list[tuple[Target, dict]], *, final: bool, units: list[UnitReport]) -> list[Block]:
    weak = [n for n, (_t, v) in enumerate(rows, 1) if v["status"] in SHORTCOMINGS]
    focus = (
        _("tập trung vào các chỉ tiêu {numbers} đang có nguy cơ hoặc chậm tiến độ").format(
            numbers=", ".join(str(n) for n in weak)
        )
        if weak
        else _("giữ vững kết quả các chỉ tiêu đã đạt")
    )
    direction = (
        _("Tiếp tục duy trì phong trào thi đua trong giai đoạn tiếp theo, {focus}.")
        if final
        else _("Các phòng, đơn vị tiếp tục thực hiện kế hoạch trong thời gian còn lại, {focus}.")
    )
    return [
        Block(SECTION, _("Phương hướng, nhiệm vụ")),
        Block(TEXT, direction.format(focus=focus)),
        Block(SECTION, _("Đề xuất, kiến nghị")),
        Block(TEXT, _("Văn phòng Sở bổ sung đề xuất, kiến nghị trước khi trình ký.")),
        *[
            Block(
                DASH, _("{unit} đề xuất: {text}").format(unit=report.unit.name, text=_quote(report.proposals))
            )
            for report in units
            if report.proposals.strip()
        ],
    ]


# ——— The units' own reports, and the charts ———


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_TEXT else text[: QUOTE_TEXT - 1].rstrip() + "…"


def _requests(plan: Plan, *, final: bool) -> list[ReportRequest]:
    kind = ReportRequest.Kind.FINAL if final else ReportRequest.Kind.INTERIM
    return list(plan_requests(plan, kind).select_related("deadline").order_by("due_on"))


def _sent_reports(plan: Plan, as_of: datetime.date, *, final: bool) -> list[UnitReport]:
    """The units' sơ kết (or tổng kết) reports of the plan sent by `as_of`, in the units' order."""
    reports = UnitReport.objects.filter(
        request__in=_requests(plan, final=final),
        status__in=[UnitReport.Status.SUBMITTED, UnitReport.Status.RECEIVED],
    ).select_related("unit")
    found = [r for r in reports if (sent_on(r) or as_of) <= as_of]
    return sorted(found, key=lambda r: (r.unit.position, r.unit.name))


def _missing_reports(plan: Plan, as_of: datetime.date, *, final: bool) -> list[tuple[ReportRequest, list]]:
    sent = {report.unit_id for report in _sent_reports(plan, as_of, final=final)}
    return [
        (request, [unit for unit in request.addressed_units() if unit.pk not in sent])
        for request in _requests(plan, final=final)
    ]


def _unit_reports(plan: Plan, as_of: datetime.date, *, final: bool) -> list[Block]:
    """What each unit's own report says (what it did and its results), and who has not sent one."""
    word = _("tổng kết") if final else _("sơ kết")
    reports = _sent_reports(plan, as_of, final=final)
    missing = [unit for _request, units in _missing_reports(plan, as_of, final=final) for unit in units]
    blocks = [
        Block(SECTION, _("Báo cáo {word} của các phòng, đơn vị").format(word=word)),
        Block(
            TEXT,
            _("Tính đến ngày {date}, {n} phòng, đơn vị đã gửi báo cáo {word}.").format(
                date=format_date(as_of), n=len(reports), word=word
            ),
        ),
    ]
    for report in reports:
        parts = [_quote(report.done)] if report.done.strip() else []
        if report.results.strip():
            parts.append(_("Kết quả: {text}").format(text=_quote(report.results)))
        if report.shortcomings.strip():
            parts.append(_("Tồn tại: {text}").format(text=_quote(report.shortcomings)))
        blocks.append(
            Block(
                DASH,
                _("{unit} (gửi ngày {date}): {text}").format(
                    unit=report.unit.name, date=format_date(sent_on(report)), text=" ".join(parts)
                ),
            )
        )
    if missing:
        blocks.append(
            Block(
                TEXT,
                _("Các phòng, đơn vị chưa gửi báo cáo: {units}.").format(
                    units=", ".join(unit.name for unit in missing)
                ),
            )
        )
    return blocks


def _charts(rows: list[tuple[Target, dict]]) -> list[Block]:
    """A chart for each target with at least two reported periods (at most MAX_CHARTS)."""
    charts = []
    for number, (target, values) in enumerate(rows, 1):
        series = values.get("series") or []
        if len(series) < 2:
            continue
        dates, actual, expected = chart_points(target, series)
        caption = _("Biểu đồ chỉ tiêu {n}: {text} ({unit})").format(
            n=number, text=_short(target.text), unit=target.unit_of_measure or _("giá trị")
        )
        points = [[format_date(day), a, e] for day, a, e in zip(dates, actual, expected, strict=True)]
        charts.append(Block(CHART, caption, rows=[["", _("Thực hiện"), _("Theo lộ trình")], *points]))
        if len(charts) == MAX_CHARTS:
            break
    if not charts:
        return []
    return [Block(TEXT, _("Diễn biến thực hiện so với lộ trình của các chỉ tiêu đã có số liệu:")), *charts]
