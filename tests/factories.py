"""Plain `make_*` helpers that build valid rows with sensible defaults; tests override what they test."""

import datetime
import itertools
from decimal import Decimal

from thidua.org.models import Enterprise, Membership, Organization, Unit, User
from thidua.org.roles import Role
from thidua.plans.models import Deadline, Movement, Phase, Plan, Reference, Target

_sequence = itertools.count(1)


def make_organization(**fields) -> Organization:
    n = next(_sequence)
    defaults = {
        "name": f"Sở Xây dựng tỉnh Thử {n}",
        "short_name": "Sở Xây dựng",
        "slug": f"so-{n}",
        "province": "Thử",
    }
    return Organization.objects.create(**(defaults | fields))


def make_unit(organization, name=None, **fields) -> Unit:
    return Unit.objects.create(organization=organization, name=name or f"Phòng {next(_sequence)}", **fields)


def make_user(member_of, *roles: str, unit=None, **fields) -> User:
    """A person with `roles` in `member_of`; pass organization=None for an outsider (observer)."""
    n = next(_sequence)
    fields.setdefault("organization", member_of)
    user = User.objects.create_user(
        username=fields.pop("username", f"user{n}"),
        password="mat-khau-thu",
        full_name=fields.pop("full_name", f"Người dùng {n}"),
        unit=unit,
        **fields,
    )
    for role in roles or (Role.STAFF,):
        Membership.objects.create(user=user, organization=member_of, role=role)
    return user


def make_enterprise(organization, **fields) -> Enterprise:
    n = next(_sequence)
    defaults = {
        "name": f"Công ty {n}",
        "tax_code": f"{4900000000 + n}",
        "sector": Enterprise.Sector.CONSTRUCTION,
        "ownership": Enterprise.Ownership.PRIVATE,
    }
    return Enterprise.objects.create(organization=organization, **(defaults | fields))


def make_plan(organization, status=Plan.Status.PUBLISHED, **fields) -> Plan:
    n = next(_sequence)
    movement = Movement.objects.create(organization=organization, name=f"Phong trào {n}")
    defaults = {
        "title": f"Kế hoạch triển khai phong trào thi đua số {n}",
        "movement": movement,
        "number": f"{n}/KH-SXD",
        "issued_on": datetime.date(2026, 7, 15),
        "starts_on": datetime.date(2026, 1, 1),
        "ends_on": datetime.date(2030, 12, 31),
        "status": status,
    }
    return Plan.objects.create(organization=organization, **(defaults | fields))


def make_target(plan, **fields) -> Target:
    defaults = {
        "text": "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt từ 99% trở lên",
        "comparator": Target.Comparator.GTE,
        "value": Decimal(99),
        "unit_of_measure": "%",
        "period_kind": Target.PeriodKind.PLAN,
    }
    return Target.objects.create(plan=plan, **(defaults | fields))


def make_deadline(plan, **fields) -> Deadline:
    defaults = {"due_on": datetime.date(2026, 8, 30), "text": "Gửi kế hoạch thực hiện về Văn phòng Sở"}
    return Deadline.objects.create(plan=plan, **(defaults | fields))


def make_phase(plan, **fields) -> Phase:
    defaults = {
        "name": "Giai đoạn 1",
        "starts_on": datetime.date(2026, 1, 1),
        "ends_on": datetime.date(2028, 6, 30),
    }
    return Phase.objects.create(plan=plan, **(defaults | fields))


def make_reference(plan, **fields) -> Reference:
    defaults = {"kind": "Kế hoạch", "number": "184/KH-UBND", "issued_on": datetime.date(2026, 6, 8)}
    return Reference.objects.create(plan=plan, **(defaults | fields))
