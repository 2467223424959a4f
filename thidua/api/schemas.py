"""What the API answers and accepts: plain fields, codes with their Vietnamese labels beside them."""

import datetime
from decimal import Decimal

from ninja import Field, Schema

from thidua.tracking.reasons import render_reason


class Detail(Schema):
    detail: str = Field(description="Thông báo lỗi bằng tiếng Việt")
    errors: dict[str, list[str]] | None = Field(None, description="Lỗi của từng trường, nếu có")


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    is_active: bool


class PlanOut(Schema):
    id: int
    kind: str
    number: str
    title: str
    issued_on: datetime.date | None
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    reporting_rhythm: str
    status: str
    status_label: str = Field(alias="get_status_display")


class StandingOut(Schema):
    """Where a target stands (overall, or for one unit), as the dashboards show it."""

    unit_id: int | None
    status: str
    status_label: str = Field(alias="get_status_display")
    actual: Decimal | None
    expected: Decimal | None
    projected: Decimal | None
    reason: str
    as_of: datetime.date | None
    computed_on: datetime.date
    series: list[tuple[datetime.date, float | None]] = Field(description="[[cuối kỳ, giá trị], …]")

    @staticmethod
    def resolve_reason(obj) -> str:
        return render_reason(obj.reason)


class TargetOut(Schema):
    id: int
    plan_id: int
    text: str
    comparator: str
    value: Decimal
    value_max: Decimal | None
    unit_of_measure: str
    period_kind: str
    per_unit: bool
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    lead_unit_id: int | None
    measurement: str
    standing: StandingOut | None = Field(None, description="Tình hình chung của chỉ tiêu")

    @staticmethod
    def resolve_standing(obj):
        overall = getattr(obj, "overall", None)  # prefetched by the endpoint: the snapshot without unit
        return overall[0] if overall else None


class TargetDetailOut(TargetOut):
    units: list[StandingOut] = Field(description="Tình hình của từng phòng, đơn vị được giao")

    @staticmethod
    def resolve_units(obj):
        return obj.snapshots.filter(unit__isnull=False).order_by("unit_id")


class AssignmentOut(Schema):
    id: int
    target_id: int
    unit_id: int
    role: str
    share: Decimal | None
    due_on: datetime.date | None
    is_automatic: bool


class PeriodOut(Schema):
    key: str = Field(description="Mã kỳ (ngày đầu kỳ), dùng khi gửi số liệu")
    label: str
    start: datetime.date
    end: datetime.date
    due_on: datetime.date
    report_id: int | None = None


class AssignmentDetailOut(AssignmentOut):
    periods: list[PeriodOut]


class ReportOut(Schema):
    id: int
    assignment_id: int
    unit_id: int = Field(alias="assignment.unit_id")
    target_id: int = Field(alias="assignment.target_id")
    period_start: datetime.date
    period_end: datetime.date
    period_label: str
    version: int
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    analysis: str
    confidence: str
    status: str
    status_label: str = Field(alias="get_status_display")
    submitted_at: datetime.datetime | None
    reviewed_at: datetime.datetime | None
    review_comment: str
    superseded_at: datetime.datetime | None


class FiguresIn(Schema):
    """The figures of a report, as on the report page: the value, or for a rate numerator and
    denominator (the value is then computed); an analysis and a self-assessment."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    analysis: str = ""
    confidence: str = Field("", description="on_track, at_risk, late hoặc để trống")


class ReportIn(FiguresIn):
    period: str = Field(description="Mã kỳ báo cáo (ngày đầu kỳ, ví dụ 2026-01-01), xem kỳ của việc giao")


class ObligationOut(Schema):
    key: str
    kind: str
    title: str
    due_on: datetime.date
    comply_by: datetime.date
    state: str
    plan_id: int | None
    unit_id: int | None
    done_on: datetime.date | None


class InitiativeOut(Schema):
    id: int
    unit_id: int
    title: str
    field: str
    first_applied_on: datetime.date
    status: str
    status_label: str = Field(alias="get_status_display")
    submitted_at: datetime.datetime | None
    decision_number: str
    decision_date: datetime.date | None


class FeedbackOut(Schema):
    """A published answer: only what /cong-khai/ shows to everyone."""

    id: int
    subject: str = Field(alias="public_subject")
    content: str = Field(alias="public_content")
    received_on: datetime.date
    answer: str = Field(alias="public_answer")
    answered_on: datetime.date | None


class RewardOut(Schema):
    id: int
    year: int
    title: str
    title_label: str
    kind: str
    person_name: str | None
    unit_id: int | None
    decision_number: str
    decision_date: datetime.date

    @staticmethod
    def resolve_title_label(obj) -> str:
        return obj.title_text or obj.get_title_display()

    @staticmethod
    def resolve_person_name(obj) -> str | None:
        return obj.person.full_name if obj.person_id else None
