"""The national rules of each title, with the documents and articles they rest on (see the steering
notes on the law, §1.3–1.8 and §3). Where the law is unsettled the row's note says so; every number
is a parameter an administrator may change, or override with the agency's own row."""

import datetime
from decimal import Decimal

from django.db import migrations

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
IN_FORCE = datetime.date(2024, 1, 1)  # the 2022 Law took effect on 01/01/2024
HOLD = (
    "Nghị định 152/2025/NĐ-CP (nguyên tắc khen thưởng: không khen thưởng, đề nghị khen thưởng khi đang "
    "xem xét kỷ luật, điều tra, thanh tra, kiểm toán có dấu hiệu vi phạm, có khiếu nại, tố cáo)"
)
REGISTRATION = "Quy chế thi đua, khen thưởng của tỉnh (đăng ký thi đua là điều kiện xét danh hiệu)"
DIRECTOR = "director"  # Luật 2022 Điều 80 khoản 1: the Giám đốc Sở decides
PROVINCE = "province"  # everything else is proposed to the Chủ tịch UBND tỉnh

RULES = [
    {
        "title": "ldtt",
        "subject": "person",
        "article": "Điều 24 khoản 1",
        "parameters": {
            "decided_by": DIRECTOR,
            "registration_required": True,
            "min_rating": "good",
            "min_months_worked": 10,
            "excluding_measure": "reprimand",
            "extra_criteria": [],
            "bases": {
                "registration": REGISTRATION,
                "time_worked": "Nghị định 91/2017/NĐ-CP (chế độ trước đây, tỉnh còn áp dụng)",
                "discipline": "Nghị định 91/2017/NĐ-CP; Nghị định 152/2025/NĐ-CP (thành tích tính từ khi hết thời hạn kỷ luật)",
                "hold": HOLD,
            },
        },
        "note": (
            "Chưa xác minh: điều kiện công tác đủ 10 tháng trong năm và loại trừ người bị kỷ luật từ khiển "
            "trách (Nghị định 91/2017/NĐ-CP) còn được Nghị định 152/2025/NĐ-CP, Thông tư 15/2025/TT-BNV giữ "
            "lại hay không; nhiều tỉnh vẫn áp dụng. Thời gian nghỉ thai sản, điều trị do dũng cảm cứu người "
            "được tính là thời gian công tác. Tiêu chuẩn tự lực, đoàn kết, tích cực thi đua do Hội đồng đánh "
            "giá khi bình xét."
        ),
    },
    {
        "title": "cstdcs",
        "subject": "person",
        "article": "Điều 23",
        "parameters": {
            "decided_by": DIRECTOR,
            "registration_required": True,
            "min_initiatives": 1,
            "require_excellent_and_initiative": False,
            "quota_share_of_ldtt": None,
            "extra_criteria": [],
            "bases": {
                "registration": REGISTRATION,
                "ldtt_standard": f"{LAW}, Điều 23 khoản 1",
                "achievement": f"{LAW}, Điều 23 khoản 2",
                "quota": "Quy chế thi đua, khen thưởng của tỉnh (tỷ lệ so với số Lao động tiên tiến)",
                "hold": HOLD,
            },
        },
        "note": (
            "Không có tỷ lệ khống chế toàn quốc trong Luật 2022 (mức 15% số Lao động tiên tiến là của Nghị "
            "định 91/2017/NĐ-CP, đã hết hiệu lực; tỉnh có thể quy định lại). Dự thảo Luật sửa đổi (12/2025) "
            "đòi hỏi đồng thời hoàn thành xuất sắc nhiệm vụ và có sáng kiến: chưa xác minh đã được thông qua."
        ),
    },
    {
        "title": "cstd_tinh",
        "subject": "person",
        "article": "",
        "parameters": {
            "decided_by": PROVINCE,
            "consecutive_cstdcs": 3,
            "min_provincial_initiatives": 1,
            "ballot_share": "0.90",
            "extra_criteria": [],
            "bases": {"hold": HOLD},
        },
        "note": (
            "Chủ tịch UBND tỉnh quyết định, Sở đề nghị (Luật 2022 Điều 80 khoản 1). Chưa xác minh: điều, "
            "khoản của tiêu chuẩn trong Luật 2022; việc đề nghị ngay trong năm đạt Chiến sĩ thi đua cơ sở lần "
            "thứ 3; tỷ lệ phiếu kín 90% tổng số thành viên Hội đồng (Nghị định 91/2017/NĐ-CP Điều 45)."
        ),
    },
    {
        "title": "bang_khen_tinh",
        "subject": "person",
        "article": "Điều 74 khoản 1 điểm d",
        "parameters": {
            "decided_by": PROVINCE,
            "consecutive_cstdcs": 2,
            "consecutive_excellent_years": 2,
            "min_initiatives_in_those_years": 2,
            "extra_criteria": [],
            "bases": {"hold": HOLD},
        },
        "note": (
            "Chỉ kiểm tra tiêu chuẩn tại điểm d khoản 1 Điều 74; các tiêu chuẩn khác (thành tích xuất sắc "
            "trong phong trào, đột xuất…) do Hội đồng xem xét — chưa xác minh câu chữ hiện hành. Tỉnh quy "
            "định chi tiết (Điều 74 khoản 6)."
        ),
    },
    {
        "title": "giay_khen",
        "subject": "person",
        "article": "Điều 75 khoản 2",
        "parameters": {
            "decided_by": DIRECTOR,
            "min_rating": "good",
            "extra_criteria": ["Tiêu chuẩn Giấy khen theo Quy chế thi đua, khen thưởng của tỉnh"],
            "bases": {"hold": HOLD},
        },
        "note": "Luật 2022 giao Bộ, ngành, tỉnh quy định tiêu chuẩn Giấy khen; không có tiêu chuẩn chung toàn quốc.",
    },
    {
        "title": "ttldtt",
        "subject": "unit",
        "article": "Điều 28",
        "parameters": {
            "decided_by": DIRECTOR,
            "registration_required": True,
            "min_unit_rating": "good",
            "min_ldtt_share": "0.50",
            "ldtt_share_strict": True,
            "member_discipline_from": "warning",
            "extra_criteria": [],
            "bases": {"registration": REGISTRATION, "hold": HOLD},
        },
        "note": (
            "Tỉnh quy định chi tiết (Điều 28 khoản 3). Chưa xác minh: Luật 2022 còn giữ nguyên văn các điều "
            "kiện “trên 50% thành viên đạt Lao động tiên tiến” và “không có cá nhân bị kỷ luật từ cảnh cáo "
            "trở lên” hay không."
        ),
    },
    {
        "title": "ttldxs",
        "subject": "unit",
        "article": "",
        "parameters": {
            "decided_by": PROVINCE,
            "registration_required": True,
            "min_unit_rating": "excellent",
            "min_members_rating": "completed",
            "min_ldtt_share": "0.70",
            "ldtt_share_strict": False,
            "min_cstdcs_members": 1,
            "extra_criteria": [],
            "bases": {"registration": REGISTRATION, "hold": HOLD},
        },
        "note": (
            "Chủ tịch UBND tỉnh quyết định, Sở đề nghị. Tiêu chuẩn theo thủ tục hành chính công bố của tỉnh "
            "(100% thành viên hoàn thành nhiệm vụ, ít nhất 70% đạt Lao động tiên tiến, có cá nhân đạt Chiến sĩ "
            "thi đua cơ sở); chưa xác minh số điều trong Luật 2022."
        ),
    },
    {
        "title": "co_thi_dua_tinh",
        "subject": "unit",
        "article": "",
        "parameters": {
            "decided_by": PROVINCE,
            "min_unit_rating": "excellent",
            "extra_criteria": ["Dẫn đầu khối thi đua của tỉnh (khối bình xét, suy tôn)"],
            "bases": {"hold": HOLD},
        },
        "note": "Đề nghị qua kết quả chấm điểm, xếp hạng của khối thi đua; tiêu chuẩn chi tiết: chưa xác minh.",
    },
]


def forward(apps, schema_editor):
    TitleRule = apps.get_model("awards", "TitleRule")
    RatingRule = apps.get_model("awards", "RatingRule")
    for rule in RULES:
        TitleRule.objects.get_or_create(
            organization=None,
            title=rule["title"],
            valid_from=IN_FORCE,
            defaults={
                "subject": rule["subject"],
                "legal_basis": LAW,
                "article": rule["article"],
                "parameters": rule["parameters"],
                "note": rule["note"],
            },
        )
    RatingRule.objects.get_or_create(
        organization=None,
        legal_basis="Nghị định 335/2025/NĐ-CP",
        defaults={
            "valid_from": datetime.date(2026, 1, 1),
            "excellent_cap_share": Decimal("0.2000"),
            "categories": ["civil_servant"],
            "article": "xếp loại chất lượng công chức (tỷ lệ hoàn thành xuất sắc nhiệm vụ)",
            "note": (
                "Số công chức xếp loại hoàn thành xuất sắc không quá 20% số được xếp loại hoàn thành tốt, "
                "trong từng cơ quan, đơn vị và từng nhóm công chức có nhiệm vụ tương đồng; ngoại lệ cho cơ "
                "quan có thành tích nổi bật: chưa xác minh. Viên chức xếp loại theo Nghị định 90/2020/NĐ-CP."
            ),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
