"""The initiatives list as an Excel workbook (`core.exports`): one row per initiative the page lists."""

from django.utils.translation import gettext_noop

from thidua.core.exports import DATE, DATETIME, Column
from thidua.core.formatting import format_percent


def _authors(initiative) -> str:
    return "; ".join(f"{author.name} ({format_percent(author.share)})" for author in initiative.authors.all())


INITIATIVE_COLUMNS = (
    Column(gettext_noop("Tên sáng kiến"), lambda initiative: initiative.title, width=50),
    Column(gettext_noop("Đơn vị"), lambda initiative: initiative.unit.name),
    Column(gettext_noop("Tác giả"), _authors),
    Column(gettext_noop("Lĩnh vực áp dụng"), lambda initiative: initiative.field),
    Column(gettext_noop("Ngày áp dụng lần đầu"), lambda initiative: initiative.first_applied_on, DATE),
    Column(gettext_noop("Trạng thái"), lambda initiative: initiative.get_status_display(), width=18),
    Column(gettext_noop("Gửi lúc"), lambda initiative: initiative.submitted_at, DATETIME),
    Column(gettext_noop("Ngày tiếp nhận đơn"), lambda initiative: initiative.received_on, DATE),
    Column(gettext_noop("Hạn ra quyết định"), lambda initiative: initiative.decision_due_on, DATE),
    Column(gettext_noop("Số quyết định"), lambda initiative: initiative.decision_number, width=16),
    Column(gettext_noop("Ngày quyết định"), lambda initiative: initiative.decision_date, DATE),
    Column(
        gettext_noop("Số quyết định cấp tỉnh"),
        lambda initiative: initiative.provincial_decision_number,
        width=16,
    ),
    Column(
        gettext_noop("Ngày quyết định cấp tỉnh"), lambda initiative: initiative.provincial_decision_date, DATE
    ),
)
