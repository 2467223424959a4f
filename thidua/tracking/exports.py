"""The tracking dashboards as Excel workbooks (`core.exports`): targets and where they stand, a
unit's targets, the reports waiting for review, the agencies of a province."""

from functools import partial

from django.utils.translation import gettext_noop

from thidua.core.exports import DATE, DATETIME, INTEGER, NUMBER, Column
from thidua.tracking.models import STATUS_CHOICES
from thidua.tracking.reasons import render_reason

STATUS_LABELS = dict(STATUS_CHOICES)


def _status(snapshot) -> str:
    return str(STATUS_LABELS.get(snapshot.status, "")) if snapshot else ""


def _snapshot(name: str):
    return lambda row: getattr(row[1], name) if row[1] else None


# Where a target stands, from the row's snapshot (None: not assigned or not computed yet).
STANDING_COLUMNS = (
    Column(gettext_noop("Thực hiện"), _snapshot("actual"), NUMBER),
    Column(gettext_noop("Cần đạt đến nay"), _snapshot("expected"), NUMBER),
    Column(gettext_noop("Dự báo cuối kỳ"), _snapshot("projected"), NUMBER),
    Column(gettext_noop("Số liệu đến ngày"), _snapshot("as_of"), DATE),
    Column(gettext_noop("Tình trạng"), lambda row: _status(row[1]), width=16),
    Column(gettext_noop("Nhận xét"), lambda row: render_reason(row[1].reason) if row[1] else "", width=60),
)

# Rows are (target, its agency-wide snapshot or None), as on the "Tình hình thực hiện" page.
TARGET_COLUMNS = (
    Column(gettext_noop("Kế hoạch"), lambda row: row[0].plan.title, width=40),
    Column(gettext_noop("Chỉ tiêu"), lambda row: row[0].text, width=60),
    Column(gettext_noop("Yêu cầu"), lambda row: row[0].requirement, width=18),
    Column(gettext_noop("Giá trị chỉ tiêu"), lambda row: row[0].value, NUMBER),
    Column(gettext_noop("Đơn vị tính"), lambda row: row[0].unit_of_measure, width=14),
    *STANDING_COLUMNS,
)

# Rows are (assignment, the unit's snapshot of its target or None), as on a unit's page.
UNIT_COLUMNS = (
    Column(gettext_noop("Kế hoạch"), lambda row: row[0].target.plan.title, width=40),
    Column(gettext_noop("Chỉ tiêu"), lambda row: row[0].target.text, width=60),
    Column(gettext_noop("Vai trò"), lambda row: row[0].get_role_display(), width=14),
    Column(gettext_noop("Phần được giao"), lambda row: row[0].share, NUMBER),
    Column(gettext_noop("Đơn vị tính"), lambda row: row[0].target.unit_of_measure, width=14),
    Column(gettext_noop("Hạn hoàn thành"), lambda row: row[0].due_on, DATE),
    *STANDING_COLUMNS,
)

REPORT_COLUMNS = (
    Column(gettext_noop("Đơn vị"), lambda report: report.assignment.unit.name),
    Column(gettext_noop("Kỳ"), lambda report: report.period_label, width=14),
    Column(gettext_noop("Kỳ từ ngày"), lambda report: report.period_start, DATE),
    Column(gettext_noop("Kỳ đến ngày"), lambda report: report.period_end, DATE),
    Column(gettext_noop("Chỉ tiêu"), lambda report: report.assignment.target.text, width=60),
    Column(gettext_noop("Kết quả"), lambda report: report.value, NUMBER),
    Column(gettext_noop("Đơn vị tính"), lambda report: report.assignment.target.unit_of_measure, width=14),
    Column(gettext_noop("Phân tích, đánh giá"), lambda report: report.analysis, width=60),
    Column(gettext_noop("Gửi lúc"), lambda report: report.submitted_at, DATETIME),
)


def province_columns() -> list[Column]:
    """Rows are (agency, [count per status in STATUS_CHOICES order]), as on the "Toàn tỉnh" page."""
    columns = [
        Column(gettext_noop("Cơ quan"), lambda row: row[0].name, width=40),
        Column(gettext_noop("Tỉnh, thành phố"), lambda row: row[0].province, width=20),
    ]
    for index, (_status_code, label) in enumerate(STATUS_CHOICES):
        columns.append(Column(str(label), partial(_count, index=index), INTEGER, width=14))
    return columns


def _count(row, index: int) -> int:
    return row[1][index]
