"""The register of tasks handed down from an Excel workbook: every row checked, then all written or none.

Columns: số văn bản, ngày văn bản, cấp giao, nội dung nhiệm vụ, đơn vị chủ trì (name or short name),
hạn hoàn thành. Row errors name the sheet row and the column.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.core import spreadsheets
from thidua.core.spreadsheets import normalise
from thidua.org.models import Unit
from thidua.tasks import handoffs, services
from thidua.tasks.models import Task

NO_HEADER = gettext_noop("Không tìm thấy dòng tiêu đề có các cột {columns}.")
MISSING = gettext_noop("thiếu giá trị.")
BAD_DATE = gettext_noop("“{text}” không phải là ngày (dd/mm/yyyy).")
UNKNOWN_UNIT = gettext_noop("không có đơn vị “{text}” trong cơ quan.")
DUE_BEFORE_DOCUMENT = gettext_noop("hạn hoàn thành trước ngày văn bản giao.")
DUPLICATE = gettext_noop("nhiệm vụ này (cùng văn bản, cùng nội dung) đã có ở dòng {other}.")
ALREADY = gettext_noop("nhiệm vụ này (cùng văn bản, cùng nội dung) đã có trong sổ.")

COLUMNS = {
    "document_number": gettext_noop("Số văn bản"),
    "document_date": gettext_noop("Ngày văn bản"),
    "issuer": gettext_noop("Cấp giao"),
    "title": gettext_noop("Nội dung nhiệm vụ"),
    "lead_unit": gettext_noop("Đơn vị chủ trì"),
    "due_on": gettext_noop("Hạn hoàn thành"),
}
REQUIRED = ("document_number", "title", "lead_unit", "due_on")
DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y")


def parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


@dataclass
class TaskRow:
    number: int
    values: dict
    organization: object
    task: Task | None = None  # once written


class PendingTaskUploads(spreadsheets.PendingUploads):
    SESSION_KEY = "tasks.handed_down_uploads"


class HandedDownWorkbookImport(spreadsheets.WorkbookImport):
    columns = COLUMNS
    required = REQUIRED
    max_columns = len(COLUMNS) + 10
    no_header = NO_HEADER
    max_data_rows = 2000

    def __init__(self, organization):
        super().__init__(spreadsheets.ImportPreview())
        self.organization = organization
        self.units: dict[str, Unit] = {}
        for unit in Unit.objects.filter(organization=organization).without_tree_fields():
            for name in (unit.name, unit.short_name):
                if name:
                    self.units.setdefault(normalise(name), unit)
        self.existing = set(
            Task.objects.handed_down()
            .filter(organization=organization)
            .values_list("document_number", "title")
        )

    def run(self, file) -> spreadsheets.ImportPreview:
        seen: dict[tuple, int] = {}
        for row in self.read(file):
            self._check(row, seen)
        return self.finish()

    def _check(self, row, seen) -> None:
        before = len(self.row_errors)
        text = {name: str(row.value(name) or "").strip() for name in COLUMNS}
        for name in REQUIRED:
            if not text[name]:
                self.error(row.number, _(MISSING), name)
        values: dict = {
            "document_number": text["document_number"][:60],
            "issuer": text["issuer"][:200] or _("UBND tỉnh"),
            "title": text["title"][:500],
        }
        for name in ("document_date", "due_on"):
            if text[name]:
                values[name] = parse_date(row.value(name))
                if values[name] is None:
                    self.error(row.number, _(BAD_DATE).format(text=text[name]), name)
        if text["lead_unit"]:
            values["lead_unit"] = self.units.get(normalise(text["lead_unit"]))
            if values["lead_unit"] is None:
                self.error(row.number, _(UNKNOWN_UNIT).format(text=text["lead_unit"]), "lead_unit")
        if len(self.row_errors) > before:
            return
        if values.get("document_date") and values["due_on"] < values["document_date"]:
            self.error(row.number, _(DUE_BEFORE_DOCUMENT), "due_on")
            return
        key = (values["document_number"], values["title"])
        if key in seen:
            self.error(row.number, _(DUPLICATE).format(other=seen[key]))
            return
        seen[key] = row.number
        if key in self.existing:
            self.error(row.number, _(ALREADY))
            return
        self.preview.rows.append(TaskRow(row.number, values, self.organization))

    @classmethod
    def write_row(cls, preview: spreadsheets.ImportPreview, row: TaskRow, user) -> None:
        values = dict(row.values)
        row.task = services.task_create(
            organization=row.organization,
            source=Task.Source.HANDED_DOWN,
            title=values.pop("title"),
            lead_unit=values.pop("lead_unit"),
            due_on=values.pop("due_on"),
            user=user,
            reason=_("Nhập sổ nhiệm vụ được giao từ Excel"),
            refresh=False,
            tell=False,
            **values,
        )

    @classmethod
    @transaction.atomic
    def apply(cls, preview: spreadsheets.ImportPreview, user) -> int:
        count = super().apply(preview, user)
        if preview.rows:
            services.refresh_indicators(preview.rows[0].organization.pk)
            handoffs.tasks_given([row.task for row in preview.rows if row.task], user)
        return count


def parse_workbook(file, organization) -> spreadsheets.ImportPreview:
    return HandedDownWorkbookImport(organization).run(file)


apply_import = HandedDownWorkbookImport.apply
