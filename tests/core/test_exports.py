"""core.exports: typed cells, text that never becomes a formula, the header row, the bound, the name."""

import datetime
import zipfile
from decimal import Decimal
from io import BytesIO

from django.http import QueryDict
from openpyxl import load_workbook

from thidua.core import exports
from thidua.core.exports import DATE, DATETIME, INTEGER, NUMBER, PERCENT, TEXT, Column

ATTACKS = ['=HYPERLINK("http://evil.example/","Bấm vào đây")', "+1", "-1", "@SUM(A1:A2)", "=1+1"]

COLUMNS = (
    Column("Tên", lambda row: row["text"]),
    Column("Số lượng", lambda row: row["number"], NUMBER),
    Column("Số người", lambda row: row["count"], INTEGER),
    Column("Tỷ lệ", lambda row: row["rate"], PERCENT),
    Column("Ngày", lambda row: row["day"], DATE),
    Column("Lúc", lambda row: row["at"], DATETIME),
)


def _row(text, **values):
    return {
        "text": text,
        "number": Decimal("7500.25"),
        "count": 12,
        "rate": Decimal("85.5"),
        "day": datetime.date(2026, 8, 30),
        "at": datetime.datetime(2026, 8, 30, 1, 30, tzinfo=datetime.UTC),
    } | values


def _book(data: bytes):
    return load_workbook(BytesIO(data))


def test_numbers_dates_and_times_are_real_cells():
    sheet = _book(exports.workbook_bytes("Thử", COLUMNS, [_row("Hàng một")])).active
    name, number, count, rate, day, at = sheet[2]
    assert name.value == "Hàng một" and name.data_type == "s"
    assert number.data_type == "n" and number.value == 7500.25 and number.number_format == "#,##0.##"
    assert count.data_type == "n" and count.value == 12
    assert rate.data_type == "n" and rate.value == 0.855 and rate.number_format == "0.0%"
    assert day.is_date and day.value == datetime.datetime(2026, 8, 30) and day.number_format == "dd/mm/yyyy"
    # Times are written in the agency's time (Asia/Ho_Chi_Minh, UTC+7), Excel having no zones.
    assert at.is_date and at.value == datetime.datetime(2026, 8, 30, 8, 30)


def test_text_from_people_never_becomes_a_formula():
    data = exports.workbook_bytes("Thử", COLUMNS, [_row(attack) for attack in ATTACKS])
    sheet = _book(data).active
    for number, attack in enumerate(ATTACKS, start=2):
        cell = sheet.cell(row=number, column=1)
        assert cell.value == attack
        assert cell.data_type == "s"
        assert cell.quotePrefix  # Excel keeps it text when the cell is edited
    with zipfile.ZipFile(BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_empty_values_are_empty_cells_and_control_characters_are_dropped():
    data = exports.workbook_bytes("Thử", COLUMNS, [_row("a\x00b\x1fc", number=None, day=None, rate="")])
    name, number, _count, rate, day, _at = _book(data).active[2]
    assert name.value == "abc"
    assert number.value is None and rate.value is None and day.value is None


def test_header_row_is_bold_frozen_filtered_and_repeated_on_print():
    sheet = _book(exports.workbook_bytes("Kế hoạch", COLUMNS, [_row("x"), _row("y")])).active
    assert sheet.title == "Kế hoạch"
    assert [cell.value for cell in sheet[1]] == ["Tên", "Số lượng", "Số người", "Tỷ lệ", "Ngày", "Lúc"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F3"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.column_dimensions["A"].width == exports.WIDTHS[TEXT]


def test_rows_are_bounded_and_the_bound_is_said(monkeypatch):
    monkeypatch.setattr(exports, "MAX_ROWS", 3)
    book = _book(exports.workbook_bytes("Thử", COLUMNS, (_row(str(n)) for n in range(10))))
    assert book.active.max_row == 4  # the header and three rows
    assert "3" in book["Ghi chú"]["A1"].value


def test_no_note_when_everything_fits(monkeypatch):
    monkeypatch.setattr(exports, "MAX_ROWS", 3)
    book = _book(exports.workbook_bytes("Thử", COLUMNS, [_row("1"), _row("2"), _row("3")]))
    assert book.sheetnames == ["Thử"]


def test_file_name_has_the_agency_and_the_day():
    class Agency:
        slug = "sxd-thanh-hoa"

    name = exports.filename("chi-tieu", Agency(), datetime.date(2026, 12, 7))
    assert name == "sxd-thanh-hoa-chi-tieu-2026-12-07.xlsx"
    assert exports.filename("toan-tinh", None, datetime.date(2026, 12, 7)) == "toan-tinh-2026-12-07.xlsx"


def test_export_query_keeps_the_filters_and_drops_the_page():
    query = exports.export_query(QueryDict("status=published&q=%3Dx&page=3&unit=1&unit=2"))
    assert query == "status=published&q=%3Dx&unit=1&unit=2&xuat=xlsx"
