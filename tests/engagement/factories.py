"""`make_*` helpers for engagement rows, on top of tests/factories.py."""

import datetime

from thidua.engagement import services
from thidua.engagement.models import Feedback, FeedbackRule


def make_rule(organization=None, **fields) -> FeedbackRule:
    defaults = {
        "answer_working_days": 15,
        "legal_basis": "Quy chế tiếp nhận, xử lý phản ánh, kiến nghị của doanh nghiệp",
        "valid_from": datetime.date(2020, 1, 1),
    }
    return FeedbackRule.objects.create(organization=organization, **(defaults | fields))


def make_feedback(organization, enterprise, user, **fields) -> Feedback:
    defaults = {
        "channel": Feedback.Channel.WEB,
        "subject": "Thủ tục cấp giấy phép xây dựng kéo dài",
        "content": "Hồ sơ nộp từ tháng trước vẫn chưa có kết quả.",
        "received_on": datetime.date(2026, 4, 24),
    }
    return services.feedback_receive(
        organization=organization, enterprise=enterprise, user=user, **(defaults | fields)
    )
