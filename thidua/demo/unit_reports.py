"""Demo units' reports in words and difficulties: the demo unit's sơ kết sent early, an ad-hoc report
the office asked of every unit (open), a difficulty answered and one still waiting past its date.

Through the services, by the person whose step it is. Idempotent: each row is looked up first.
"""

import datetime

from thidua.org.roles import Role
from thidua.plans.models import Plan
from thidua.tracking import unit_reports as services
from thidua.tracking.models import Difficulty, ReportRequest, UnitReport

AD_HOC_SUBJECT = "Báo cáo nhanh kết quả thực hiện phong trào thi đua đến hết tháng 11/2026"
INTERIM_TEXT = {
    "done": (
        "Quán triệt kế hoạch thi đua của Sở đến toàn thể công chức của phòng; xây dựng kế hoạch thực hiện "
        "của phòng và giao việc cho từng công chức; lồng ghép nội dung thi đua vào giao ban hằng tháng."
    ),
    "results": (
        "Các chỉ tiêu được giao đều có số liệu báo cáo hằng quý; 100% hồ sơ thuộc thẩm quyền của phòng "
        "được giải quyết đúng hạn; 2 sáng kiến được đăng ký."
    ),
    "shortcomings": "Việc cập nhật minh chứng trên hệ thống đôi khi còn chậm so với hạn báo cáo.",
    "proposals": "Đề nghị Văn phòng Sở tổ chức tập huấn sử dụng hệ thống cho công chức mới.",
}
DIFFICULTIES = [
    (
        "Cách tính chỉ tiêu tỷ lệ hồ sơ đúng hạn khi hồ sơ chuyển từ năm trước",
        "Hồ sơ tiếp nhận tháng 12/2025, giải quyết tháng 1/2026 được tính vào kỳ nào?",
        20,
        "Tính vào kỳ có ngày trả kết quả (tháng 1/2026), theo hướng dẫn tại Công văn số 45/VP-SXD.",
    ),
    (
        "Chưa có mẫu báo cáo sơ kết dành cho đơn vị sự nghiệp",
        "Đề nghị Văn phòng hướng dẫn các mục cần có trong báo cáo sơ kết của đơn vị sự nghiệp trực thuộc.",
        10,
        None,
    ),
]


def load_unit_reports(organization, people, today: datetime.date) -> None:
    plan = Plan.objects.filter(organization=organization, status=Plan.Status.PUBLISHED).first()
    if plan is None:
        return
    office, head = people[Role.OFFICE], people[Role.UNIT_HEAD]
    interim = services.plan_requests(plan, ReportRequest.Kind.INTERIM).first()
    if interim is not None and not UnitReport.objects.filter(request=interim, unit=head.unit).exists():
        report = services.unit_report_open(request=interim, unit=head.unit, user=head)
        services.unit_report_save(report=report, user=head, texts=INTERIM_TEXT)
        services.unit_report_submit(report=report, user=head)
    if not ReportRequest.objects.filter(organization=organization, subject=AD_HOC_SUBJECT).exists():
        services.report_request_create(
            organization=organization,
            subject=AD_HOC_SUBJECT,
            details="Nêu kết quả nổi bật, số liệu các chỉ tiêu được giao và khó khăn cần tháo gỡ.",
            due_on=today + datetime.timedelta(days=10),
            units=[],
            plan=plan,
            user=office,
        )
    for subject, details, days_ago, answer in DIFFICULTIES:
        if Difficulty.objects.filter(organization=organization, subject=subject).exists():
            continue
        raised_on = today - datetime.timedelta(days=days_ago)
        difficulty = services.difficulty_raise(
            unit=head.unit, subject=subject, details=details, plan=plan, user=head, today=raised_on
        )
        if answer:
            services.difficulty_answer(
                difficulty=difficulty,
                answer=answer,
                user=office,
                today=raised_on + datetime.timedelta(days=3),
            )
