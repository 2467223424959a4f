"""The nominations list as an Excel workbook (`core.exports`): one row per nomination the page lists,
with the office's verdict columns only for the office (as on the page)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.core.exports import INTEGER, Column

# Rows are {"nomination": …, "judgement": the engine's verdict as a dict or None}, as on the page.
NOMINATION_COLUMNS = (
    Column(gettext_noop("Cá nhân, tập thể"), lambda row: str(row["nomination"].subject), width=30),
    Column(
        gettext_noop("Cá nhân hay tập thể"),
        lambda row: _("Cá nhân") if row["nomination"].person_id else _("Tập thể"),
        width=14,
    ),
    Column(gettext_noop("Đơn vị"), lambda row: row["nomination"].unit.name),
    Column(gettext_noop("Năm thành tích"), lambda row: row["nomination"].year, INTEGER, width=10),
    Column(gettext_noop("Danh hiệu, hình thức"), lambda row: row["nomination"].get_title_display()),
    Column(gettext_noop("Tóm tắt thành tích"), lambda row: row["nomination"].summary, width=60),
    Column(gettext_noop("Trạng thái"), lambda row: row["nomination"].get_status_display(), width=16),
    Column(gettext_noop("Lý do trả lại"), lambda row: row["nomination"].return_reason),
)


def _reasons(row) -> str:
    judgement = row["judgement"]
    if not judgement:
        return ""
    marks = {True: "✓", False: "✗", None: "?"}
    return "\n".join(f"{marks[r['met']]} {r['text']} — {r['basis']}" for r in judgement["reasons"])


OFFICE_COLUMNS = (
    Column(
        gettext_noop("Kết quả xét tiêu chuẩn"),
        lambda row: row["judgement"]["verdict_label"] if row["judgement"] else "",
        width=20,
    ),
    Column(gettext_noop("Căn cứ xét"), _reasons, width=70),
)


def nomination_columns(is_office: bool) -> tuple[Column, ...]:
    return NOMINATION_COLUMNS + OFFICE_COLUMNS if is_office else NOMINATION_COLUMNS
