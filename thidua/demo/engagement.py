"""Demo engagement: the answer-time rule, a dialogue whose issues became feedback, feedback at every
stage, and the enterprises' 2026 self-assessments against the plan's criteria (part II.2 a–d).

Lạng Sơn, whose plan is about enterprises, has most of it; Thanh Hóa a little, so that each demo
enterprise account finds its own feedback and assessment. Everything goes through the engagement
services, by the person whose step it is.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from thidua.core.audit import save_audited
from thidua.core.workdays import add_working_days
from thidua.demo.dates import backdate
from thidua.engagement import services
from thidua.engagement.models import Assessment, CriterionSet, Dialogue, Feedback, FeedbackRule
from thidua.org.models import Enterprise
from thidua.org.roles import Role

YEAR = 2026
D = datetime.date
WEB, OFFICE = Feedback.Channel.WEB, Feedback.Channel.OFFICE
KY_LUA, DONG_DANG, DUONG_BO, HUU_NGHI = "4900234567", "4900345678", "4900100200", "4900456789-001"
HAM_RONG, NGHI_SON = "2800123456", "2800654321"
KHTC, PTDT = "Phòng Kế hoạch - Tài chính", "Phòng Phát triển đô thị"

# The agency's own rule: no national article is claimed.
FEEDBACK_RULE = ("Quy chế tiếp nhận, xử lý phản ánh, kiến nghị của Sở Xây dựng", 10, D(YEAR, 1, 1))

CRITERIA_BASIS = {
    "sxd-lang-son": "Mục II.2 Kế hoạch triển khai phong trào thi đua “Phát triển mạnh doanh nghiệp tư nhân, "
    "nâng cao hiệu quả doanh nghiệp nhà nước” của Sở Xây dựng tỉnh Lạng Sơn",
}

# A feedback is taken as far as its spec says: assigned to "unit", answered "answer_after" working
# days after it arrived (the rule allows 10), then closed and published; or forwarded.
DIALOGUES = {
    "sxd-lang-son": [
        {
            "title": "Hội nghị gặp gỡ, đối thoại doanh nghiệp ngành Xây dựng năm 2026",
            "place": "Hội trường Sở Xây dựng tỉnh Lạng Sơn",
            "announced": D(2026, 8, 3),
            "held_on": D(2026, 8, 20),
            "enterprises": [KY_LUA, DONG_DANG, DUONG_BO, HUU_NGHI],
            "units": [
                "Lãnh đạo Sở",
                "Văn phòng Sở",
                KHTC,
                "Phòng Quản lý xây dựng",
                "Phòng Quản lý kết cấu hạ tầng giao thông",
                "Phòng Quản lý vận tải, phương tiện và người lái",
            ],
            "minutes": "Hội nghị do Phó Giám đốc Sở chủ trì, có đại diện 04 doanh nghiệp và các phòng "
            "chuyên môn thuộc Sở. Doanh nghiệp nêu 03 kiến nghị: hỗ trợ doanh nghiệp nhỏ và vừa tham gia "
            "đấu thầu, thanh toán khối lượng bảo trì đường bộ đã hoàn thành, bố trí bãi đỗ xe chờ thông "
            "quan tại khu vực cửa khẩu. Kết luận: giao Phòng Kế hoạch - Tài chính trả lời các kiến nghị "
            "thuộc thẩm quyền của Sở trong 10 ngày làm việc; kiến nghị vượt thẩm quyền chuyển UBND tỉnh.",
            "issues": [
                {
                    "enterprise": KY_LUA,
                    "subject": "Kiến nghị hướng dẫn doanh nghiệp nhỏ và vừa tham gia đấu thầu công trình",
                    "content": "Đề nghị Sở hướng dẫn điều kiện năng lực và ưu đãi đối với doanh nghiệp nhỏ "
                    "và vừa khi tham gia đấu thầu các gói thầu xây lắp quy mô nhỏ trên địa bàn tỉnh.",
                    "unit": KHTC,
                    "answer": "Sở đã gửi văn bản hướng dẫn các ưu đãi dành cho doanh nghiệp nhỏ và vừa theo "
                    "pháp luật về đấu thầu và danh mục gói thầu dự kiến năm 2027.",
                    "answer_after": 6,
                    "close": True,
                },
                {
                    "enterprise": DUONG_BO,
                    "subject": "Đề nghị thanh toán khối lượng bảo trì đường bộ hoàn thành quý II/2026",
                    "content": "Khối lượng bảo trì các tuyến đường tỉnh hoàn thành quý II/2026 đã được "
                    "nghiệm thu nhưng chưa được thanh toán.",
                    "unit": KHTC,
                    "answer": "Sở đã hoàn tất hồ sơ, chuyển Kho bạc Nhà nước thanh toán trong tháng 9/2026.",
                    "answer_after": 8,
                    "close": True,
                },
                {
                    "enterprise": DONG_DANG,
                    "subject": "Kiến nghị bố trí bãi đỗ xe chờ thông quan tại khu vực cửa khẩu Hữu Nghị",
                    "content": "Xe tải chờ thông quan phải dừng dọc Quốc lộ 1 gây mất an toàn giao thông; đề "
                    "nghị bố trí bãi đỗ xe tập trung.",
                    "forward_to": "UBND tỉnh Lạng Sơn",
                },
            ],
        }
    ],
}

FEEDBACK = {
    "sxd-lang-son": [
        {
            "channel": WEB,
            "enterprise": KY_LUA,
            "subject": "Hỏi về hồ sơ đề nghị hỗ trợ đầu tư sản xuất vật liệu xây dựng không nung",
            "content": "Doanh nghiệp dự kiến đầu tư dây chuyền gạch không nung; đề nghị hướng dẫn hồ sơ "
            "và chính sách hỗ trợ đầu tư hiện hành của tỉnh.",
            "received_on": D(2026, 9, 8),
            "consent": True,
            "unit": KHTC,
            "answer": "Sở đã hướng dẫn thành phần hồ sơ và các chính sách hỗ trợ đầu tư đang áp dụng; doanh "
            "nghiệp nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh.",
            "answer_after": 5,
            "close": True,
            "publish": True,
        },
        {
            "channel": OFFICE,
            "enterprise": DONG_DANG,
            "subject": "Kiến nghị rút ngắn thời gian cấp phù hiệu xe tải vận chuyển hàng hóa qua cửa khẩu",
            "content": "Đề nghị giải quyết cấp phù hiệu trong ngày đối với hồ sơ nộp trực tuyến đầy đủ.",
            "received_on": D(2026, 11, 23),
            "unit": KHTC,
        },
        {
            "channel": OFFICE,
            "enterprise": HUU_NGHI,
            "subject": "Phản ánh thời gian thẩm định thiết kế xây dựng nhà xưởng mở rộng",
            "content": "Hồ sơ thẩm định thiết kế nhà xưởng mở rộng nộp từ tháng 10/2026, doanh nghiệp đề "
            "nghị được thông báo tiến độ giải quyết.",
            "received_on": D(2026, 11, 26),
        },
    ],
    "sxd-thanh-hoa": [
        {
            "channel": WEB,
            "enterprise": HAM_RONG,
            "subject": "Hỏi về trình tự chấp thuận phương án kiến trúc khu dân cư mới",
            "content": "Đề nghị hướng dẫn trình tự, hồ sơ chấp thuận phương án kiến trúc, hạ tầng kỹ thuật "
            "khu dân cư mới theo quy hoạch phân khu đã duyệt.",
            "received_on": D(2026, 10, 12),
            "consent": True,
            "unit": PTDT,
            "answer": "Sở đã hướng dẫn trình tự, thành phần hồ sơ và thời hạn giải quyết theo quy định; hồ "
            "sơ nộp trực tuyến trên Cổng dịch vụ công của tỉnh.",
            "answer_after": 4,
            "close": True,
            "publish": True,
        },
        {
            "channel": OFFICE,
            "enterprise": NGHI_SON,
            "subject": "Kiến nghị hướng dẫn công bố hợp quy sản phẩm vật liệu xây dựng mới",
            "content": "Đề nghị hướng dẫn hồ sơ công bố hợp quy đối với dòng xi măng mới của doanh nghiệp.",
            "received_on": D(2026, 11, 24),
            "unit": PTDT,
        },
    ],
}

# (enterprise, its points as a share of each criterion's maximum, sent on, the office's share or None
# while not yet verified)
ASSESSMENTS = {
    "sxd-lang-son": [
        (HUU_NGHI, "0.95", D(2026, 11, 16), "0.88"),
        (KY_LUA, "0.9", D(2026, 11, 18), "0.84"),
        (DUONG_BO, "0.82", D(2026, 11, 25), None),
    ],
    "sxd-thanh-hoa": [(HAM_RONG, "0.86", D(2026, 11, 20), None)],
}
VERIFIED_ON = D(2026, 11, 27)


def load_engagement(organization, people: dict) -> None:
    _feedback_rule(organization, people[Role.OFFICE])
    for spec in DIALOGUES.get(organization.slug, []):
        if not Dialogue.objects.filter(organization=organization, title=spec["title"]).exists():
            _dialogue(organization, spec, people)
    for spec in FEEDBACK.get(organization.slug, []):
        if not Feedback.objects.filter(organization=organization, subject=spec["subject"]).exists():
            _feedback(organization, spec, people)
    criterion_set = _criterion_set(organization, people[Role.OFFICE])
    for tax_code, share, sent_on, verified_share in ASSESSMENTS.get(organization.slug, []):
        enterprise = _enterprise(organization, tax_code)
        if not Assessment.objects.filter(criterion_set=criterion_set, enterprise=enterprise).exists():
            _assessment(criterion_set, enterprise, share, sent_on, verified_share, people)


def _enterprise(organization, tax_code: str) -> Enterprise:
    return Enterprise.objects.get(organization=organization, tax_code=tax_code)


def _feedback_rule(organization, office) -> None:
    if FeedbackRule.objects.filter(organization=organization).exists():
        return
    basis, days, valid_from = FEEDBACK_RULE
    rule = FeedbackRule(
        organization=organization, legal_basis=basis, answer_working_days=days, valid_from=valid_from
    )
    save_audited(rule, user=office, reason="Quy định thời hạn trả lời phản ánh, kiến nghị")


def _dialogue(organization, spec: dict, people: dict) -> None:
    office = people[Role.OFFICE]
    dialogue = services.dialogue_schedule(
        organization=organization,
        title=spec["title"],
        scheduled_on=spec["held_on"],
        place=spec["place"],
        user=office,
        enterprises=[_enterprise(organization, code) for code in spec["enterprises"]],
        units=organization.units.filter(name__in=spec["units"]),
    )
    backdate(dialogue, created_at=spec["announced"])
    services.dialogue_hold(dialogue=dialogue, held_on=spec["held_on"], minutes=spec["minutes"], user=office)
    for issue in spec["issues"]:
        feedback = services.dialogue_raise_issue(
            dialogue=dialogue,
            enterprise=_enterprise(organization, issue["enterprise"]),
            subject=issue["subject"],
            content=issue["content"],
            user=office,
        )
        _handle(feedback, issue, people)


def _feedback(organization, spec: dict, people: dict) -> None:
    """A feedback sent on the web by the demo enterprise account, or received by the office."""
    sender = people[Role.ENTERPRISE] if spec["channel"] == WEB else people[Role.OFFICE]
    feedback = services.feedback_receive(
        organization=organization,
        channel=spec["channel"],
        enterprise=_enterprise(organization, spec["enterprise"]),
        subject=spec["subject"],
        content=spec["content"],
        received_on=spec["received_on"],
        publish_consent=spec.get("consent", False),
        user=sender,
    )
    _handle(feedback, spec, people)


def _handle(feedback: Feedback, spec: dict, people: dict) -> None:
    office = people[Role.OFFICE]
    backdate(feedback, created_at=feedback.received_on)
    if spec.get("forward_to"):
        services.feedback_forward(feedback=feedback, authority=spec["forward_to"], user=office)
        return
    if not spec.get("unit"):
        return
    unit = feedback.organization.units.get(name=spec["unit"])
    feedback = services.feedback_assign(feedback=feedback, unit=unit, user=office)
    if not spec.get("answer"):
        return
    answered_on = add_working_days(feedback.received_on, spec["answer_after"])
    feedback = services.feedback_answer(
        feedback=feedback, answer=spec["answer"], user=unit.people.first() or office, answered_on=answered_on
    )
    if spec.get("close"):
        feedback = services.feedback_close(feedback=feedback, user=office)
    if spec.get("publish"):
        services.feedback_publish(feedback=feedback, user=office)


def _criterion_set(organization, office) -> CriterionSet:
    """The year's criteria, started from the plan's four groups (part II.2 a–d, 100 points)."""
    criterion_set = CriterionSet.objects.filter(organization=organization, year=YEAR).first()
    return criterion_set or services.criterion_set_create(
        organization=organization,
        year=YEAR,
        name=f"Tiêu chí thi đua doanh nghiệp ngành Xây dựng năm {YEAR}",
        legal_basis=CRITERIA_BASIS.get(organization.slug, ""),
        from_plan=True,
        user=office,
    )


def _assessment(criterion_set, enterprise, share, sent_on, verified_share, people: dict) -> None:
    """The demo enterprise account scores itself; the other enterprises' paper forms are typed in by
    the office. The office then verifies, which ranks the year."""
    office, account = people[Role.OFFICE], people[Role.ENTERPRISE]
    author = account if account.enterprise_id == enterprise.pk else office
    criteria = list(criterion_set.criteria.all())
    assessment = services.assessment_start(criterion_set=criterion_set, enterprise=enterprise, user=author)
    services.assessment_submit(assessment=assessment, scores=_points(criteria, share), user=author)
    stamps = {"submitted_at": sent_on}
    if verified_share:
        services.assessment_verify(
            assessment=assessment, scores=_points(criteria, verified_share), user=office
        )
        stamps["verified_at"] = VERIFIED_ON
    backdate(assessment, **stamps)


def _points(criteria, share: str) -> dict:
    """`share` of each criterion's maximum, to the half point as score sheets are filled in."""
    return {c: (c.max_points * Decimal(share) * 2).quantize(Decimal(1), ROUND_HALF_UP) / 2 for c in criteria}
