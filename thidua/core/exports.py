"""Every list and dashboard as an Excel workbook, with the page's own filters and scoping.

A list page offers its download with the same URL and `?xuat=xlsx` (the `export_url` template tag
builds it from the current filters): the view builds its rows exactly as for the page (same
filterset, same `visible_to`, same permission checks) and, when `asked(request)`, answers
`xlsx_response(...)` instead of rendering. A list says its columns once, as `Column`s:

    COLUMNS = (
        Column(gettext_noop("Số, ký hiệu"), lambda plan: plan.number),
        Column(gettext_noop("Ngày ban hành"), lambda plan: plan.issued_on, DATE),
        Column(gettext_noop("Số chỉ tiêu"), lambda plan: plan.target_count, INTEGER),
    )
    if exports.asked(request):
        return exports.xlsx_response(request, "ke-hoach", COLUMNS, filterset.qs, organization=...)

The workbook: one sheet, the Vietnamese headers in row 1 (bold, frozen, with an autofilter,
repeated on every printed page), one row per item; numbers, percentages, dates and times are real
cells with a Vietnamese-looking format, text is always text (`core.spreadsheets.keep_text`: a
value starting with = + - @ never becomes a formula). It is written row by row (openpyxl's
write-only mode, querysets read with `.iterator()`), at most `MAX_ROWS` rows; when there are more,
a second sheet says so.
"""

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from itertools import islice
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import FileResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thidua.core.spreadsheets import keep_text, workbook_response

PARAMETER, VALUE = "xuat", "xlsx"
MAX_ROWS = 20_000
MAX_TEXT = 32_767  # what one Excel cell holds
SHEET_TITLE_UNSAFE = re.compile(r"[\\/*?:\[\]\x00-\x1f]")  # what a sheet's name may not contain

TEXT, NUMBER, INTEGER, PERCENT, DATE, DATETIME = "text", "number", "integer", "percent", "date", "datetime"
FORMATS = {
    NUMBER: "#,##0.##",
    INTEGER: "#,##0",
    PERCENT: "0.0%",
    DATE: "dd/mm/yyyy",
    DATETIME: "dd/mm/yyyy hh:mm",
}
WIDTHS = {TEXT: 30, NUMBER: 14, INTEGER: 12, PERCENT: 12, DATE: 12, DATETIME: 17}
TRUNCATED = gettext_noop(
    "Danh sách có hơn {limit} dòng; tệp này chỉ có {limit} dòng đầu. Hãy lọc hẹp hơn để xuất phần còn lại."
)


@dataclass(frozen=True)
class Column:
    """One column of an export: its Vietnamese header (marked with gettext_noop, translated when
    written), how to read its value from a row, the kind of cell, and optionally its width."""

    header: str
    value: Callable[[Any], Any]
    kind: str = TEXT
    width: int | None = None


def asked(request) -> bool:
    """Whether the page is asked as a workbook (`?xuat=xlsx`)."""
    return request.GET.get(PARAMETER) == VALUE


def export_query(params) -> str:
    """The current filters (without the page number) plus `xuat=xlsx`, as a query string."""
    pairs = [
        (key, value) for key, values in params.lists() if key not in ("page", PARAMETER) for value in values
    ]
    return urlencode([*pairs, (PARAMETER, VALUE)])


def cell_value(kind: str, value):
    """What a cell of `kind` holds for `value`: numbers as numbers, percentages as fractions (the
    getter gives percentage points, 85 → 0.85 shown as 85,0%), dates as dates, times in local time
    without a zone (Excel has none), everything else as clean text."""
    if value is None or value == "":
        return None
    if kind in (NUMBER, INTEGER):
        return value if isinstance(value, int | float | Decimal) else Decimal(str(value))
    if kind == PERCENT:
        return Decimal(str(value)) / 100
    if kind == DATETIME and isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if kind == DATE:
        return value.date() if isinstance(value, datetime.datetime) else value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_TEXT]


def _rows(rows: Iterable) -> Iterable:
    if isinstance(rows, QuerySet):
        return rows.iterator(chunk_size=500)  # prefetches run per chunk
    return rows


def workbook_bytes(title: str, columns: tuple[Column, ...] | list[Column], rows: Iterable) -> bytes:
    """The workbook of `rows` (a queryset or any iterable), one row per item, at most MAX_ROWS."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=SHEET_TITLE_UNSAFE.sub(" ", title)[:31].strip() or "Sheet")
    for number, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = column.width or WIDTHS[column.kind]
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    header = []
    for column in columns:
        cell = keep_text(WriteOnlyCell(sheet, value=_(str(column.header))))
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
        header.append(cell)
    sheet.append(header)
    written = 0
    more = False
    for item in islice(_rows(rows), MAX_ROWS + 1):
        if written == MAX_ROWS:
            more = True
            break
        sheet.append([_cell(sheet, column, item) for column in columns])
        written += 1
    if columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{written + 1}"
    if more:
        note = book.create_sheet(title=_("Ghi chú"))
        note.append([keep_text(WriteOnlyCell(note, value=_(TRUNCATED).format(limit=MAX_ROWS)))])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(sheet, column: Column, item) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=cell_value(column.kind, column.value(item)))
    if column.kind in FORMATS and cell.value is not None:
        cell.number_format = FORMATS[column.kind]
    return keep_text(cell)


def filename(name: str, organization=None, day: datetime.date | None = None) -> str:
    """`so-noi-vu-thanh-hoa-ke-hoach-2026-12-07.xlsx`: the agency, the list, the day."""
    day = day or timezone.localdate()
    parts = [organization.slug if organization is not None else "", slugify(name), day.isoformat()]
    return "-".join(part for part in parts if part) + ".xlsx"


def xlsx_response(
    name: str, columns: tuple[Column, ...] | list[Column], rows: Iterable, *, title: str, organization=None
) -> FileResponse:
    """The download: `rows` written with `columns`, under a name with the agency's slug and the day."""
    return workbook_response(workbook_bytes(title, columns, rows), filename(name, organization))
