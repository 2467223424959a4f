"""The plans list as an Excel workbook (`core.exports`): one row per plan the page lists."""

from django.utils.translation import gettext_noop

from thidua.core.exports import DATE, INTEGER, Column

PLAN_COLUMNS = (
    Column(gettext_noop("Kế hoạch"), lambda plan: plan.title, width=60),
    Column(gettext_noop("Số, ký hiệu"), lambda plan: plan.number, width=16),
    Column(gettext_noop("Phong trào"), lambda plan: plan.movement.name if plan.movement else ""),
    Column(gettext_noop("Cơ quan"), lambda plan: plan.organization.name),
    Column(gettext_noop("Ngày ban hành"), lambda plan: plan.issued_on, DATE),
    Column(gettext_noop("Từ ngày"), lambda plan: plan.starts_on, DATE),
    Column(gettext_noop("Đến ngày"), lambda plan: plan.ends_on, DATE),
    Column(gettext_noop("Số chỉ tiêu"), lambda plan: plan.target_count, INTEGER),
    Column(gettext_noop("Trạng thái"), lambda plan: plan.get_status_display(), width=14),
)
