"""The calendar as an Excel workbook (`core.exports`): one row per obligation the page lists."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.core.exports import DATE, INTEGER, Column
from thidua.notifications.calendar import State

# Rows are (obligation, its state today, its unit or None), as on the calendar pages.
OBLIGATION_COLUMNS = (
    Column(gettext_noop("Hạn"), lambda row: row[0].due_on, DATE),
    Column(gettext_noop("Chậm nhất"), lambda row: row[0].comply_by, DATE),
    Column(gettext_noop("Việc"), lambda row: row[0].title, width=70),
    Column(gettext_noop("Đơn vị"), lambda row: row[2].name if row[2] else _("Cả cơ quan")),
    Column(gettext_noop("Trạng thái"), lambda row: State.LABELS.get(row[1], ""), width=16),
    Column(gettext_noop("Hoàn thành ngày"), lambda row: row[0].done_on, DATE),
    Column(gettext_noop("Số ngày chậm"), lambda row: row[0].days_late(timezone.localdate()) or None, INTEGER),
)
