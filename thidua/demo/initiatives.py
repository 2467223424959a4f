"""Demo initiatives: the rule in force, the 2026 council with its criteria, and applications at every stage.

Each application is taken through the initiatives' own services as far as its stage, by the people whose
step it is: staff register and send, the unit head endorses, the office receives, the council scores and
votes, the leader decides.
"""

import datetime
from decimal import Decimal
from enum import IntEnum
from importlib import import_module

from django.apps import apps

from thidua.demo.dates import at, backdate
from thidua.initiatives import services
from thidua.initiatives.models import Council, CouncilMember, Criterion, Initiative, InitiativeRule, Vote
from thidua.org.roles import Role

YEAR = 2026
D = datetime.date

CRITERIA = [
    ("Tính mới, tính sáng tạo của giải pháp", 30),
    ("Khả năng áp dụng, nhân rộng", 25),
    ("Hiệu quả về cải cách hành chính, kinh tế - xã hội", 30),
    ("Mức độ ứng dụng công nghệ số", 15),
]
# Each council member's points, as a share of each criterion's maximum (chair, member, secretary).
SCORING = {
    CouncilMember.Role.CHAIR: "0.9",
    CouncilMember.Role.MEMBER: "0.85",
    CouncilMember.Role.SECRETARY: "0.8",
}


class Stage(IntEnum):
    """How far an application is taken; "days" lists its dates in order: registered, sent, endorsed,
    received."""

    DRAFT = 0
    SUBMITTED = 1
    RECEIVED = 2
    RECOGNISED = 3


INITIATIVES = {
    "sxd-thanh-hoa": [
        {
            "title": "Số hóa quy trình tiếp nhận hồ sơ cấp phép xây dựng",
            "field": "Cải cách hành chính, chuyển đổi số",
            "changes": "Chuẩn hóa thành phần hồ sơ cấp giấy phép xây dựng thành biểu mẫu điện tử trên "
            "Cổng dịch vụ công; hệ thống tự kiểm tra tính đầy đủ của hồ sơ và nhắn tin báo người nộp khi "
            "cần bổ sung.",
            "effect": "Thời gian tiếp nhận, kiểm tra hồ sơ giảm từ 02 ngày xuống còn nửa ngày; số hồ sơ phải "
            "bổ sung giảm khoảng 40%; 100% hồ sơ cấp phép xây dựng được tiếp nhận trực tuyến.",
            "first_applied_on": D(2026, 3, 2),
            "co_author": ("Lê Văn Tuấn", 40),
            "stage": Stage.RECOGNISED,
            "days": [D(2026, 4, 20), D(2026, 4, 21), D(2026, 4, 23), D(2026, 5, 4)],
            "decision": ("125/QĐ-SXD", D(2026, 7, 15)),
            "provincial": ("2150/QĐ-UBND", D(2026, 9, 10)),
        },
        {
            "title": "Sổ tay kỹ năng số cho công chức, viên chức Sở Xây dựng",
            "field": "Kỹ năng số, Phong trào “Bình dân học vụ số”",
            "changes": "Biên soạn sổ tay điện tử 30 bài hướng dẫn ngắn (ký số, dịch vụ công trực tuyến, "
            "phần mềm quản lý văn bản, bảo đảm an toàn thông tin) kèm bài kiểm tra trực tuyến.",
            "effect": "95% công chức, viên chức hoàn thành bài kiểm tra kỹ năng số; số yêu cầu hỗ trợ kỹ "
            "thuật giảm một nửa sau 03 tháng áp dụng.",
            "first_applied_on": D(2026, 8, 3),
            "co_author": ("Đỗ Thị Lan", 30),
            "stage": Stage.RECEIVED,
            "days": [D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 9), D(2026, 10, 19)],
        },
        {
            "title": "Bản đồ số theo dõi tiến độ các dự án nhà ở xã hội trên địa bàn tỉnh",
            "field": "Quản lý phát triển đô thị, nhà ở",
            "changes": "Đưa vị trí, quy mô và tiến độ từng dự án nhà ở xã hội lên bản đồ số dùng chung, "
            "cập nhật hằng tháng từ báo cáo của chủ đầu tư.",
            "effect": "Lãnh đạo Sở nắm được tiến độ toàn tỉnh trên một màn hình; rút ngắn thời gian tổng hợp "
            "báo cáo tháng từ 03 ngày xuống 01 ngày.",
            "first_applied_on": D(2026, 9, 1),
            "co_author": ("Lê Văn Tuấn", 50),
            "stage": Stage.SUBMITTED,
            "days": [D(2026, 11, 20), D(2026, 11, 23)],
        },
        {
            "title": "Ký số văn bản trên thiết bị di động trong xử lý hồ sơ công việc",
            "field": "Chuyển đổi số",
            "changes": "Hướng dẫn và áp dụng ký số từ xa trên điện thoại cho lãnh đạo phòng khi đi công tác.",
            "effect": "Không còn hồ sơ chờ ký do lãnh đạo vắng mặt.",
            "first_applied_on": D(2026, 10, 1),
            "co_author": None,
            "stage": Stage.DRAFT,
            "days": [D(2026, 11, 27)],
        },
    ],
    "sxd-lang-son": [
        {
            "title": "Tiếp nhận và trả lời phản ánh, kiến nghị của doanh nghiệp trên môi trường số",
            "field": "Cải cách hành chính, hỗ trợ doanh nghiệp",
            "changes": "Một đầu mối điện tử tiếp nhận phản ánh, kiến nghị của doanh nghiệp ngành xây dựng, "
            "giao thông vận tải; theo dõi hạn trả lời theo ngày làm việc và công khai trả lời khi doanh "
            "nghiệp đồng ý.",
            "effect": "100% phản ánh, kiến nghị được trả lời đúng hạn; thời gian trả lời bình quân giảm từ "
            "12 xuống 06 ngày làm việc.",
            "first_applied_on": D(2026, 4, 1),
            "co_author": ("Hoàng Văn Tùng", 30),
            "stage": Stage.RECOGNISED,
            "days": [D(2026, 5, 11), D(2026, 5, 12), D(2026, 5, 14), D(2026, 6, 1)],
            "decision": ("87/QĐ-SXD", D(2026, 8, 14)),
        },
        {
            "title": "Quy trình liên thông điện tử thẩm định dự án đầu tư xây dựng với các sở, ngành",
            "field": "Cải cách hành chính",
            "changes": "Gửi lấy ý kiến các sở, ngành về hồ sơ thẩm định dự án qua hệ thống quản lý văn bản "
            "điện tử thay cho văn bản giấy, có hạn trả lời cho từng đơn vị.",
            "effect": "Thời gian lấy ý kiến giảm từ 15 xuống 07 ngày làm việc.",
            "first_applied_on": D(2026, 7, 1),
            "co_author": ("Nông Thị Thu", 40),
            "stage": Stage.RECEIVED,
            "days": [D(2026, 10, 19), D(2026, 10, 20), D(2026, 10, 22), D(2026, 11, 2)],
        },
        {
            "title": "Bảng tính điện tử tổng hợp chỉ tiêu sản xuất kinh doanh của doanh nghiệp ngành",
            "field": "Chuyển đổi số, hỗ trợ doanh nghiệp",
            "changes": "Doanh nghiệp nhập số liệu trên biểu mẫu trực tuyến dùng chung; số liệu tự tổng hợp "
            "theo lĩnh vực và loại hình doanh nghiệp.",
            "effect": "Báo cáo tổng hợp hằng quý hoàn thành trong 01 ngày thay vì 05 ngày.",
            "first_applied_on": D(2026, 9, 15),
            "co_author": None,
            "stage": Stage.SUBMITTED,
            "days": [D(2026, 11, 18), D(2026, 11, 20)],
        },
        {
            "title": "Bộ câu hỏi thường gặp về thủ tục vận tải cho doanh nghiệp logistics",
            "field": "Hỗ trợ doanh nghiệp",
            "changes": "Tổng hợp 50 câu hỏi thường gặp về phù hiệu, giấy phép kinh doanh vận tải và hàng "
            "hóa qua cửa khẩu, đăng trên trang thông tin điện tử của Sở.",
            "effect": "Giảm số cuộc gọi hỏi thủ tục đến Sở.",
            "first_applied_on": D(2026, 11, 2),
            "co_author": ("Hoàng Văn Tùng", 50),
            "stage": Stage.DRAFT,
            "days": [D(2026, 11, 24)],
        },
    ],
}


def load_initiatives(organization, people: dict) -> None:
    _ensure_rule(organization)
    council = _council(organization, people)
    for spec in INITIATIVES.get(organization.slug, []):
        if not Initiative.objects.filter(organization=organization, title=spec["title"]).exists():
            _take(spec, council, people)


def _ensure_rule(organization) -> None:
    """The national rule is a row the initiatives' migration seeds; put it back if it is missing."""
    if InitiativeRule.objects.in_force(organization, datetime.date(YEAR, 1, 1)) is None:
        import_module("thidua.initiatives.migrations.0002_national_rule").forward(apps, None)


def _council(organization, people: dict) -> Council:
    """The 2026 council as the office keeps it: the leader chairs, the unit head sits, the office
    officer is secretary."""
    council = Council.objects.filter(organization=organization, year=YEAR).first()
    if council is not None:
        return council
    office = people[Role.OFFICE]
    name = f"Hội đồng sáng kiến Sở Xây dựng năm {YEAR}"
    council = services.council_save(
        council=Council(organization=organization, year=YEAR, name=name), user=office
    )
    for role, person in [
        (CouncilMember.Role.CHAIR, people[Role.LEADER]),
        (CouncilMember.Role.MEMBER, people[Role.UNIT_HEAD]),
        (CouncilMember.Role.SECRETARY, office),
    ]:
        services.council_member_add(council=council, person=person, role=role, user=office)
    for position, (name, points) in enumerate(CRITERIA):
        criterion = Criterion(council=council, name=name, max_points=points, position=position)
        services.criterion_save(criterion=criterion, user=office)
    return council


def _take(spec: dict, council: Council, people: dict) -> None:
    staff, head, office = people[Role.STAFF], people[Role.UNIT_HEAD], people[Role.OFFICE]
    authors = [{"user": staff, "name": staff.full_name, "share": Decimal(100)}]
    if spec["co_author"]:
        name, share = spec["co_author"]
        authors = [{**authors[0], "share": Decimal(100 - share)}, {"name": name, "share": Decimal(share)}]
    fields = {name: spec[name] for name in services.INITIATIVE_FIELDS}
    initiative = services.initiative_register(unit=staff.unit, user=staff, authors=authors, **fields)
    stage, days = spec["stage"], spec["days"]
    if stage >= Stage.SUBMITTED:
        initiative = services.initiative_submit(initiative=initiative, user=staff)
    if stage >= Stage.RECEIVED:
        services.initiative_endorse(initiative=initiative, user=head)
        initiative = services.initiative_receive(
            initiative=initiative, user=office, received_on=days[3], council=council
        )
    if stage >= Stage.RECOGNISED:
        _council_decides(initiative, council, spec, people)
    stamps = dict(zip(["created_at", "submitted_at", "endorsed_at"], days, strict=False))
    backdate(initiative, **stamps)


def _council_decides(initiative: Initiative, council: Council, spec: dict, people: dict) -> None:
    """Every member scores and votes in favour; the leader signs the decision, the office records the
    province's recognition when there is one."""
    number, day = spec["decision"]
    criteria = list(council.criteria.all())
    for member in council.members.select_related("user"):
        share = Decimal(SCORING[member.role])
        points = {criterion: (criterion.max_points * share).quantize(Decimal(1)) for criterion in criteria}
        services.council_score(initiative=initiative, user=member.user, points=points)
        services.council_vote(initiative=initiative, user=member.user, in_favour=True)
    Vote.objects.filter(initiative=initiative).update(voted_at=at(day - datetime.timedelta(days=7)))
    initiative = services.initiative_decide(
        initiative=initiative, user=people[Role.LEADER], decision_number=number, decision_date=day
    )
    if spec.get("provincial"):
        number, day = spec["provincial"]
        services.initiative_record_provincial(
            initiative=initiative, user=people[Role.OFFICE], decision_number=number, decision_date=day
        )
