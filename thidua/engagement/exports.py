"""The engagement lists as Excel workbooks (`core.exports`): feedback, dialogues, enterprises and the
enterprises' assessments, one row per item the page lists."""

from django.utils.translation import gettext_noop

from thidua.core.exports import DATE, INTEGER, NUMBER, Column


def _name(value) -> str:
    return value.name if value is not None else ""


FEEDBACK_COLUMNS = (
    Column(gettext_noop("Tiêu đề"), lambda feedback: feedback.subject, width=40),
    Column(gettext_noop("Doanh nghiệp"), lambda feedback: _name(feedback.enterprise)),
    Column(gettext_noop("Kênh tiếp nhận"), lambda feedback: feedback.get_channel_display(), width=16),
    Column(gettext_noop("Nội dung phản ánh, kiến nghị"), lambda feedback: feedback.content, width=60),
    Column(gettext_noop("Ngày tiếp nhận"), lambda feedback: feedback.received_on, DATE),
    Column(gettext_noop("Hạn trả lời"), lambda feedback: feedback.answer_due_on, DATE),
    Column(gettext_noop("Đơn vị xử lý"), lambda feedback: _name(feedback.unit)),
    Column(gettext_noop("Trạng thái"), lambda feedback: feedback.get_state_display(), width=16),
    Column(gettext_noop("Ngày trả lời"), lambda feedback: feedback.answered_on, DATE),
    Column(gettext_noop("Nội dung trả lời"), lambda feedback: feedback.answer, width=60),
)

DIALOGUE_COLUMNS = (
    Column(gettext_noop("Tên hội nghị, buổi đối thoại"), lambda dialogue: dialogue.title, width=50),
    Column(gettext_noop("Ngày dự kiến"), lambda dialogue: dialogue.scheduled_on, DATE),
    Column(gettext_noop("Ngày tổ chức"), lambda dialogue: dialogue.held_on, DATE),
    Column(gettext_noop("Địa điểm"), lambda dialogue: dialogue.place),
    Column(gettext_noop("Trạng thái"), lambda dialogue: dialogue.get_status_display(), width=16),
    Column(gettext_noop("Số doanh nghiệp"), lambda dialogue: len(dialogue.enterprises.all()), INTEGER),
)

ENTERPRISE_COLUMNS = (
    Column(gettext_noop("Tên doanh nghiệp"), lambda enterprise: enterprise.name, width=45),
    Column(gettext_noop("Mã số thuế"), lambda enterprise: enterprise.tax_code, width=16),
    Column(gettext_noop("Lĩnh vực"), lambda enterprise: enterprise.get_sector_display()),
    Column(gettext_noop("Loại hình sở hữu"), lambda enterprise: enterprise.get_ownership_display()),
    Column(gettext_noop("Quy mô"), lambda enterprise: enterprise.get_size_display(), width=14),
    Column(gettext_noop("Địa chỉ"), lambda enterprise: enterprise.address, width=40),
    Column(gettext_noop("Người đại diện"), lambda enterprise: enterprise.representative, width=24),
    Column(gettext_noop("Điện thoại"), lambda enterprise: enterprise.phone, width=16),
    Column(gettext_noop("Thư điện tử"), lambda enterprise: enterprise.email, width=26),
)

ASSESSMENT_COLUMNS = (
    Column(gettext_noop("Năm"), lambda assessment: assessment.criterion_set.year, INTEGER, width=8),
    Column(gettext_noop("Doanh nghiệp"), lambda assessment: assessment.enterprise.name, width=45),
    Column(gettext_noop("Bộ tiêu chí"), lambda assessment: assessment.criterion_set.name, width=40),
    Column(gettext_noop("Tự chấm"), lambda assessment: assessment.self_total, NUMBER),
    Column(gettext_noop("Thẩm định"), lambda assessment: assessment.total, NUMBER),
    Column(gettext_noop("Xếp hạng"), lambda assessment: assessment.rank, INTEGER),
    Column(gettext_noop("Trạng thái"), lambda assessment: assessment.get_state_display(), width=16),
)
