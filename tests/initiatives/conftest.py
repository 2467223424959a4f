import datetime
from decimal import Decimal

import pytest

from tests import factories
from thidua.initiatives import services
from thidua.initiatives.models import Council, CouncilMember, Criterion
from thidua.org.roles import Role

RECEIVED_ON = datetime.date(2026, 1, 15)


@pytest.fixture
def council(cast):
    """The agency's 2026 council: the leader chairs, a specialist sits, the office officer is secretary."""
    council = Council.objects.create(organization=cast.org, year=2026, name="Hội đồng sáng kiến Sở")
    cast.specialist = factories.make_user(cast.org, Role.STAFF, unit=cast.office_unit, full_name="Chuyên gia")
    for user, role in (
        (cast.leader, CouncilMember.Role.CHAIR),
        (cast.specialist, CouncilMember.Role.MEMBER),
        (cast.office, CouncilMember.Role.SECRETARY),
    ):
        CouncilMember.objects.create(council=council, user=user, role=role)
    Criterion.objects.create(council=council, name="Tính mới", max_points=Decimal(40), position=1)
    Criterion.objects.create(council=council, name="Hiệu quả", max_points=Decimal(60), position=2)
    return council


def register(cast, user=None, **fields):
    user = user or cast.staff
    defaults = {
        "title": "Số hóa quy trình cấp giấy phép xây dựng",
        "field": "Cải cách hành chính",
        "changes": "Thay hồ sơ giấy bằng hồ sơ điện tử, tra cứu trạng thái trực tuyến",
        "first_applied_on": datetime.date(2025, 10, 1),
        "effect": "Rút ngắn thời gian giải quyết từ 15 xuống 10 ngày",
        "authors": [
            {"name": user.full_name, "share": Decimal(70), "user": user},
            {"name": "Trần Văn Bình", "share": Decimal(30), "user": None},
        ],
    }
    return services.initiative_register(unit=user.unit, user=user, **(defaults | fields))


def received(cast, council, **fields):
    """An initiative registered, submitted, endorsed and received on 15/01/2026."""
    initiative = register(cast, **fields)
    services.initiative_submit(initiative=initiative, user=cast.staff)
    services.initiative_endorse(initiative=initiative, user=cast.unit_head)
    return services.initiative_receive(
        initiative=initiative, user=cast.office, received_on=RECEIVED_ON, council=council
    )


def vote(cast, initiative, in_favour_count: int):
    for n, member in enumerate((cast.leader, cast.specialist, cast.office)):
        services.council_vote(initiative=initiative, user=member, in_favour=n < in_favour_count)
