"""A unit's reports as an Excel workbook: download one period pre-filled, fill it in, upload it back.

The import is all-or-nothing: every row is checked first, with errors that name the sheet row and
column, and only a clean workbook is written, through `report_start` + `report_update`, in one
transaction. The hidden first column carries each row's key ("A12|2026-07-01": assignment and
period start), so rows may be sorted but not invented.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from thidua.core import spreadsheets
from thidua.core.formatting import format_date, format_number, parse_number
from thidua.core.query import parse_date
from thidua.core.spreadsheets import XLSX_CONTENT_TYPE, ImportRefused, choice_codes, normalise, set_cell
from thidua.org.roles import Capability
from thidua.plans.models import Plan
from thidua.tracking.models import VALUE_STEP, Assignment, Report, pair_contradiction, rate_of
from thidua.tracking.periods import MONTHS_IN, Period, period_containing, rhythm_for
from thidua.tracking.services import TrackingError, report_start, report_update

__all__ = ["XLSX_CONTENT_TYPE", "ImportRefused"]
# Bounds on what an uploaded sheet may make us read (a unit has tens of targets, not thousands).
MAX_DATA_ROWS = 2000
MAX_COLUMNS = 30
HEADER_SEARCH_ROWS = 30
# Report values are DecimalField(max_digits=16, decimal_places=4).
VALUE_LIMIT = Decimal(10) ** 12
KEY_PATTERN = re.compile(r"^A(\d+)\|(\d{4}-\d{2}-\d{2})$")

# Messages (the row and column are added by `core.spreadsheets`, so every error names where it is).
NOT_A_NUMBER = gettext_noop("“{text}” không phải là số.")
TOO_LARGE = gettext_noop("“{text}” quá lớn.")
KEY_MISSING = gettext_noop(
    "dòng có số liệu nhưng thiếu mã dòng ở cột ẩn đầu tiên; "
    "hãy dùng tệp tải từ Thi Đua và không chèn thêm dòng."
)
KEY_MALFORMED = gettext_noop("“{key}” không phải là mã dòng do Thi Đua tạo ra.")
KEY_FOREIGN = gettext_noop("mã dòng “{key}” không thuộc chỉ tiêu được giao cho {unit}.")
KEY_PERIOD = gettext_noop("ngày {date} không phải là đầu một kỳ báo cáo của chỉ tiêu này.")
DUPLICATE = gettext_noop("chỉ tiêu và kỳ báo cáo này đã có ở dòng {other}.")
RATE_ONLY = gettext_noop("chỉ nhập tử số, mẫu số cho chỉ tiêu tính theo tỷ lệ (%).")
PAIR = gettext_noop("nhập đủ cả tử số và mẫu số, hoặc bỏ trống cả hai.")
DENOMINATOR = gettext_noop("mẫu số phải lớn hơn 0.")
NUMERATOR_ABOVE = gettext_noop("tử số ({numerator}) không được lớn hơn mẫu số ({denominator}).")
CONFIDENCE_UNKNOWN = gettext_noop("“{text}” không có trong danh sách; hãy chọn một trong: {choices}.")
SUBMITTED = gettext_noop("báo cáo {period} đang chờ duyệt, không sửa được.")
APPROVED = gettext_noop(
    "báo cáo {period} đã được duyệt; muốn sửa, hãy tạo bản đính chính trên trang báo cáo."
)
VALUE_REQUIRED = gettext_noop("báo cáo {period} bị trả lại cần có kết quả kỳ này.")
NO_HEADER = gettext_noop(
    "Không tìm thấy dòng tiêu đề có cột “{key}” và cột “{value}”; hãy dùng tệp tải từ Thi Đua."
)
TOO_MANY_ROWS = gettext_noop("Tệp có hơn {limit} dòng số liệu; hãy dùng tệp tải từ Thi Đua.")
NOT_ALLOWED = gettext_noop("Bạn không được nhập số liệu cho {unit}.")


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # Vietnamese source text; shown translated, recognised in either language
    width: float

    @property
    def label(self) -> str:
        return _(self.header)


COLUMNS = (
    Column("key", gettext_noop("Mã dòng (không sửa)"), 18),
    Column("number", gettext_noop("STT"), 6),
    Column("target", gettext_noop("Chỉ tiêu"), 50),
    Column("requirement", gettext_noop("Yêu cầu"), 16),
    Column("unit_of_measure", gettext_noop("Đơn vị tính"), 12),
    Column("previous", gettext_noop("Kỳ trước"), 14),
    Column("value", gettext_noop("Kết quả kỳ này"), 16),
    Column("numerator", gettext_noop("Tử số"), 12),
    Column("denominator", gettext_noop("Mẫu số"), 12),
    Column("analysis", gettext_noop("Phân tích, đánh giá"), 50),
    Column("confidence", gettext_noop("Tự đánh giá"), 16),
)
BY_FIELD = {column.field: column for column in COLUMNS}
NUMBER_FIELDS = ("value", "numerator", "denominator")
# What an upload may change, in the order the preview lists it.
IMPORTED_FIELDS = ("value", "numerator", "denominator", "analysis", "confidence")
TITLE_ROWS = 6
HEADER_ROW = TITLE_ROWS + 2


def can_download(user, unit) -> bool:
    """A unit's workbook carries its reports: for its own people and for those who follow every unit."""
    return user.acts_for_unit(Capability.ENTER_REPORTS, unit) or user.can(
        Capability.VIEW_ALL_REPORTS, unit.organization_id
    )


def period_from_key(key: str, rhythm: str) -> Period | None:
    """The period of `rhythm` starting on the ISO date `key`, or None when there is none."""
    if rhythm not in MONTHS_IN:
        return None
    start = parse_date(key)  # None for a malformed date, or one too far for its period's end to exist
    if start is None:
        return None
    period = period_containing(start, rhythm)
    return period if period.start == start else None


def reporting_period(assignment: Assignment, start: datetime.date) -> Period | None:
    """The assignment's own reporting period that starts on `start`, if it has one."""
    target, plan = assignment.target, assignment.target.plan
    span_start, span_end = target.starts_on or plan.starts_on, target.ends_on or plan.ends_on
    if span_start is None or span_end is None:
        return None
    period = period_containing(start, rhythm_for(target.period_kind, plan.reporting_rhythm))
    if period.start != start or period.end < span_start or period.start > span_end:
        return None
    return period


def row_key(assignment: Assignment, period: Period) -> str:
    return f"A{assignment.pk}|{period.key}"


def workbook_filename(unit, period: Period) -> str:
    return f"bao-cao-{slugify(unit.name) or unit.pk}-{period.key}.xlsx"


def _cell_number(value):
    """What to write in a number cell: an int or a float, never a Decimal in exponent form."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _display(value) -> str:
    if isinstance(value, Decimal):
        return format_number(value, places=4)
    return "" if value is None else str(value)


# ——— Export ———


THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
UNUSED_FILL = PatternFill("solid", fgColor="EEEEEE")
WRAP = Alignment(wrap_text=True, vertical="top")


class UnitWorkbook:
    """One unit's reports for one period, as a sheet to fill in."""

    def __init__(self, unit, period: Period, user):
        self.unit, self.period, self.user = unit, period, user

    def assignments(self) -> list[Assignment]:
        """The unit's assignments of plans under way for which this period is a reporting period."""
        assignments = (
            Assignment.objects.visible_to(self.user)
            .filter(unit=self.unit, target__plan__status=Plan.Status.PUBLISHED)
            .select_related("target", "target__plan")
            .order_by("target__plan_id", "target__position", "pk")
        )
        return [a for a in assignments if reporting_period(a, self.period.start) == self.period]

    def render(self) -> bytes:
        assignments = self.assignments()
        previous = period_containing(self.period.start - datetime.timedelta(days=1), self.period.rhythm)
        counted = {
            r.assignment_id: r.value
            for r in Report.objects.counted().filter(assignment__in=assignments, period_start=previous.start)
        }
        current = latest_reports(assignments, [self.period.start])
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Báo cáo")
        self._write_title(sheet)
        self._write_header(sheet)
        for index, assignment in enumerate(assignments, start=1):
            report = current.get((assignment.pk, self.period.start))
            self._write_row(sheet, HEADER_ROW + index, index, assignment, report, counted.get(assignment.pk))
        self._format(sheet, len(assignments))
        buffer = BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def _write_title(self, sheet) -> None:
        lines = [
            (self.unit.organization.name, Font(bold=True)),
            (self.unit.name, Font(bold=True)),
            (_("BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA"), Font(bold=True, size=14)),
            (_("Kỳ báo cáo: {period}").format(period=self.period.label), Font(bold=True)),
            (_("Hạn nộp: {date}").format(date=format_date(self.period.due_on)), None),
            (
                _(
                    "Số nhập theo kiểu 7.500 hoặc 99,5. Chỉ tiêu tỷ lệ có tử số và mẫu số thì kết quả "
                    "được tính từ hai số này. Không sửa cột mã dòng (cột ẩn), không thêm dòng chỉ tiêu."
                ),
                Font(italic=True, size=9),
            ),
        ]
        last = get_column_letter(len(COLUMNS))
        for row, (text, font) in enumerate(lines, start=1):
            cell = set_cell(sheet, row, 2, text)
            if font:
                cell.font = font
            sheet.merge_cells(f"B{row}:{last}{row}")

    def _write_header(self, sheet) -> None:
        for index, column in enumerate(COLUMNS, start=1):
            cell = set_cell(sheet, HEADER_ROW, index, column.label)
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.border = BORDER
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")

    def _write_row(self, sheet, row: int, index: int, assignment: Assignment, report, previous_value) -> None:
        target = assignment.target
        rate = target.unit_of_measure == "%"
        values = {
            "key": row_key(assignment, self.period),
            "number": index,
            "target": target.text,
            "requirement": target.requirement,
            "unit_of_measure": target.unit_of_measure,
            "previous": format_number(previous_value) if previous_value is not None else "",
            "value": _cell_number(report.value) if report else None,
            "numerator": _cell_number(report.numerator) if report and rate else None,
            "denominator": _cell_number(report.denominator) if report and rate else None,
            "analysis": report.analysis if report else "",
            "confidence": report.get_confidence_display() if report and report.confidence else "",
        }
        for column_index, column in enumerate(COLUMNS, start=1):
            value = values[column.field]
            cell = set_cell(sheet, row, column_index, None if value == "" else value)
            cell.alignment = WRAP
            cell.border = BORDER
            if not rate and column.field in ("numerator", "denominator"):
                cell.fill = UNUSED_FILL

    def _format(self, sheet, rows: int) -> None:
        for index, column in enumerate(COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.column_dimensions["A"].hidden = True
        sheet.row_dimensions[3].height = 22
        sheet.freeze_panes = f"C{HEADER_ROW + 1}"
        sheet.page_setup.orientation = "landscape"
        if rows:
            letter = get_column_letter(len(COLUMNS))
            validation = DataValidation(
                type="list",
                formula1='"{}"'.format(",".join(str(label) for label in Report.Confidence.labels)),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=_("Tự đánh giá"),
                error=_("Hãy chọn một mục trong danh sách."),
            )
            validation.add(f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + rows}")
            sheet.add_data_validation(validation)


def build_workbook(unit, period: Period, user) -> bytes:
    """An .xlsx for `unit` and `period`, one row per assignment that reports in this period."""
    return UnitWorkbook(unit, period, user).render()


def latest_reports(assignments, starts) -> dict[tuple[int, datetime.date], Report]:
    """The report in force or being written for each (assignment, period start): the newest live version."""
    latest: dict[tuple[int, datetime.date], Report] = {}
    reports = Report.objects.filter(
        assignment__in=assignments, period_start__in=starts, superseded_at__isnull=True
    ).order_by("version")
    for report in reports:
        latest[(report.assignment_id, report.period_start)] = report
    return latest


# ——— Import ———


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class RowChange:
    """One sheet row that changes a report: where it is, what it is about, the values to write."""

    number: int
    assignment: Assignment
    period: Period
    report: Report | None
    values: dict
    changes: list[FieldChange]


@dataclass
class ImportPreview(spreadsheets.ImportPreview):
    unit: object = None
    unchanged: int = 0


@dataclass
class SheetRow(spreadsheets.SheetRow):
    """A data row, with the assignment and period start its key names once read."""

    assignment_id: int = 0
    start: datetime.date | None = None


def _confidence_choices() -> dict[str, str]:
    return choice_codes(Report.Confidence)


class UnitWorkbookImport(spreadsheets.WorkbookImport):
    """Reads an uploaded workbook of one unit and works out what it changes, or why it cannot."""

    columns = {column.field: column.header for column in COLUMNS}
    required = ("key", "value")
    header_search_rows = HEADER_SEARCH_ROWS
    max_data_rows = MAX_DATA_ROWS
    max_columns = MAX_COLUMNS
    no_header = NO_HEADER
    too_many_rows = TOO_MANY_ROWS
    write_errors = (TrackingError, ValidationError)
    sheet_row = SheetRow

    def __init__(self, unit, user):
        super().__init__(ImportPreview(unit=unit))
        self.unit, self.user = unit, user
        self.confidences = _confidence_choices()

    def run(self, file) -> ImportPreview:
        if not self.user.acts_for_unit(Capability.ENTER_REPORTS, self.unit):
            self.preview.errors.append(_(NOT_ALLOWED).format(unit=self.unit))
            return self.preview
        keyed = [row for row in self.read(file) if self._key_of(row)]
        assignments = {
            a.pk: a
            for a in Assignment.objects.visible_to(self.user)
            .filter(
                unit=self.unit,
                target__plan__status=Plan.Status.PUBLISHED,
                pk__in={r.assignment_id for r in keyed},
            )
            .select_related("target", "target__plan")
        }
        current = latest_reports(list(assignments.values()), {row.start for row in keyed})
        seen: dict[tuple[int, datetime.date], int] = {}
        for row in keyed:
            self._check(row, assignments.get(row.assignment_id), current, seen)
        return self.finish()

    @classmethod
    def write_row(cls, preview: ImportPreview, row: RowChange, user) -> None:
        report = report_start(assignment=row.assignment, period=row.period, user=user)
        report_update(report=report, user=user, reason=_("Nhập từ tệp Excel"), **row.values)

    def _key_of(self, row: SheetRow) -> bool:
        key = str(row.cells.get("key", (None, ""))[0] or "").strip()
        if not key:
            if any(row.cells.get(name, (None, ""))[0] not in (None, "") for name in IMPORTED_FIELDS):
                self.error(row.number, _(KEY_MISSING))
            return False
        match = KEY_PATTERN.match(key)
        try:
            row.assignment_id, row.start = int(match[1]), datetime.date.fromisoformat(match[2])
        except (TypeError, ValueError):
            self.error(row.number, _(KEY_MALFORMED).format(key=key), "key")
            return False
        return True

    def _check(self, row: SheetRow, assignment, current, seen) -> None:
        key = str(row.cells["key"][0]).strip()
        if assignment is None:
            self.error(row.number, _(KEY_FOREIGN).format(key=key, unit=self.unit), "key")
            return
        period = reporting_period(assignment, row.start)
        if period is None:
            self.error(row.number, _(KEY_PERIOD).format(date=format_date(row.start)), "key")
            return
        if (assignment.pk, row.start) in seen:
            self.error(row.number, _(DUPLICATE).format(other=seen[(assignment.pk, row.start)]))
            return
        seen[(assignment.pk, row.start)] = row.number
        report = current.get((assignment.pk, row.start))
        values = self._values(row, assignment, report)
        if values is None:
            return
        changes = _changes(report, values)
        if not changes:
            self.preview.unchanged += 1
        elif self._editable(row.number, report, values, period):
            self.preview.rows.append(RowChange(row.number, assignment, period, report, values, changes))

    def _editable(self, number: int, report: Report | None, values: dict, period: Period) -> bool:
        if report is not None and report.status == Report.Status.SUBMITTED:
            self.error(number, _(SUBMITTED).format(period=period.label))
        elif report is not None and report.status == Report.Status.APPROVED:
            self.error(number, _(APPROVED).format(period=period.label))
        elif report is not None and report.status == Report.Status.RETURNED and values.get("value") is None:
            self.error(number, _(VALUE_REQUIRED).format(period=period.label), "value")
        else:
            return True
        return False

    def _values(self, row: SheetRow, assignment: Assignment, report: Report | None) -> dict | None:
        """The report's values after this row, or None (with errors recorded) when the row is wrong."""
        rate = assignment.target.unit_of_measure == "%"
        values = {name: getattr(report, name) if report else _empty(name) for name in IMPORTED_FIELDS}
        errors_before = len(self.row_errors)
        for name in IMPORTED_FIELDS:
            if name not in row.cells:
                continue
            raw, number_format = row.cells[name]
            if name in NUMBER_FIELDS:
                values[name] = self._number(row.number, name, raw, number_format)
                if name != "value" and not rate and values[name] is not None:
                    self.error(row.number, _(RATE_ONLY), name)
            elif name == "analysis":
                values[name] = _display(raw).strip()
            else:
                values[name] = self._confidence(row.number, raw)
        if len(self.row_errors) == errors_before and rate:
            typed = "value" in row.cells and values["value"] != (report.value if report else None)
            self._check_pair(row.number, values, typed=typed)
        if len(self.row_errors) > errors_before:
            return None
        if not rate:
            values.pop("numerator"), values.pop("denominator")
        return values

    def _number(self, number: int, name: str, raw, number_format) -> Decimal | None:
        try:
            value = parse_number(raw)
        except ValueError:
            text = format_date(raw) if isinstance(raw, datetime.date) else str(raw).strip()
            self.error(number, _(NOT_A_NUMBER).format(text=text), name)
            return None
        if value is None:
            return None
        if not isinstance(raw, str) and "%" in (number_format or ""):
            value *= 100  # a cell formatted as a percentage holds 0.995 for 99,5%
        if abs(value) >= VALUE_LIMIT:
            self.error(number, _(TOO_LARGE).format(text=_display(raw)), name)
            return None
        return value.quantize(VALUE_STEP, rounding=ROUND_HALF_UP)

    def _confidence(self, number: int, raw) -> str:
        text = normalise(raw)
        if not text:
            return ""
        if text not in self.confidences:
            choices = ", ".join(str(label) for label in Report.Confidence.labels)
            self.error(
                number, _(CONFIDENCE_UNKNOWN).format(text=str(raw).strip(), choices=choices), "confidence"
            )
            return ""
        return self.confidences[text]

    def _check_pair(self, number: int, values: dict, *, typed: bool) -> None:
        numerator, denominator = values["numerator"], values["denominator"]
        if numerator is None and denominator is None:
            return
        if numerator is None or denominator is None:
            self.error(number, _(PAIR), "numerator" if numerator is None else "denominator")
        elif denominator <= 0:
            self.error(number, _(DENOMINATOR), "denominator")
        elif numerator > denominator:
            text = {"numerator": format_number(numerator, 4), "denominator": format_number(denominator, 4)}
            self.error(number, _(NUMERATOR_ABOVE).format(**text), "numerator")
        elif typed and (message := pair_contradiction(values["value"], numerator, denominator)):
            self.error(number, message[0].lower() + message[1:], "value")
        else:
            values["value"] = rate_of(numerator, denominator)


def _empty(name: str):
    return "" if name in ("analysis", "confidence") else None


def _shown(name: str, value) -> str:
    if name == "confidence":
        return str(Report.Confidence(value).label) if value else "—"
    if name in NUMBER_FIELDS:
        return format_number(value, places=4)
    return value or "—"


def _changes(report: Report | None, values: dict) -> list[FieldChange]:
    changes = []
    for name in IMPORTED_FIELDS:
        if name not in values:
            continue
        old = getattr(report, name) if report else _empty(name)
        if old != values[name] and not (old in (None, "") and values[name] in (None, "")):
            changes.append(FieldChange(BY_FIELD[name].label, _shown(name, old), _shown(name, values[name])))
    return changes


def parse_workbook(file, unit, user) -> ImportPreview:
    """What an uploaded workbook would change for `unit`, and every reason it cannot be applied."""
    return UnitWorkbookImport(unit, user).run(file)


apply_import = UnitWorkbookImport.apply


class PendingUploads(spreadsheets.PendingUploads):
    """Uploaded workbooks waiting for confirmation, keyed by unit."""

    SESSION_KEY = "tracking.excel_uploads"
