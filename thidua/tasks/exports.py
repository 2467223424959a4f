"""The task board as an Excel workbook (the rows the filters keep)."""

import datetime
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from thidua.core.spreadsheets import set_cell
from thidua.core.workdays import WorkingCalendar
from thidua.tasks.models import Task


def board_workbook(tasks, today: datetime.date) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Nhiệm vụ")
    headers = [
        _("STT"),
        _("Nhiệm vụ"),
        _("Nguồn"),
        _("Văn bản giao"),
        _("Nội dung (mục)"),
        _("Đơn vị chủ trì"),
        _("Hạn hoàn thành"),
        _("Tình trạng"),
        _("Ngày hoàn thành"),
        _("Đánh giá"),
        _("Kết quả"),
    ]
    for column, header in enumerate(headers, start=1):
        set_cell(sheet, 1, column, header).font = Font(bold=True)
    calendar = WorkingCalendar()
    for number, task in enumerate(tasks.select_related("lead_unit", "section"), start=1):
        values = [
            number,
            str(task),
            task.get_source_display(),
            task.document_number,
            str(task.section) if task.section_id else "",
            task.lead_unit.name,
            task.due_on.strftime("%d/%m/%Y"),
            task.get_status_display(),
            task.completed_on.strftime("%d/%m/%Y") if task.completed_on else "",
            str(Task.Timing(task.timing(today, calendar)).label),
            task.result,
        ]
        for column, value in enumerate(values, start=1):
            set_cell(sheet, number + 1, column, value)
    for letter, width in zip("ABCDEFGHIJK", (5, 60, 22, 18, 40, 30, 14, 16, 14, 24, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
