"""Demo year-end 2026: each agency's staff register (the demo logins linked to their records), ratings,
one person disciplined, one unit exactly at the 20% "xuất sắc" cap, the units' registrations (approved,
one waiting, one returned) and the reward book of 2024 and 2025, so that chains of consecutive titles
show in `thidua awards eligibility`.

Idempotent like the rest of the demo: rows are looked up by their natural keys first.
"""

import datetime
import itertools

from thidua.awards import decisions, services
from thidua.awards.models import (
    AnnualRating,
    Award,
    Category,
    Discipline,
    Person,
    Registration,
    RegistrationEntry,
    Title,
    UnitRating,
)
from thidua.org.models import Unit
from thidua.org.roles import Role

YEAR = 2026
D = datetime.date

FAMILY = ["Nguyễn", "Lê", "Trần", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Ngô", "Đặng", "Trịnh", "Lương"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thu", "Quang", "Thanh", "Hữu"]
GIVEN = [
    "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Huy", "Khánh", "Lan", "Linh",
    "Long", "Minh", "Nam", "Nga", "Phong", "Phương", "Quân", "Quyên", "Sơn", "Tâm", "Thảo", "Thắng", "Toàn",
    "Trung", "Tú", "Vân", "Việt", "Yến",
]  # fmt: skip

# Per agency: the person whose chain of CSTĐCS shows, the unit at the cap's edge (one xuất sắc for five
# tốt), who is disciplined and how, and which registrations wait or were returned.
YEAR_END = {
    "sxd-thanh-hoa": {
        "names_from": 0,
        "chain": (Role.STAFF, [2024, 2025]),  # CSTĐCS 2024, 2025 + 2026 → CSTĐ cấp tỉnh
        "edge_unit": "Phòng Phát triển đô thị",
        "co_author": ("Lê Văn Tuấn", "Phòng Phát triển đô thị"),
        "disciplined": ("Phòng Quản lý xây dựng", Discipline.Measure.REPRIMAND, D(2026, 5, 12), "28/QĐ-SXD"),
        "waiting": "Ban Quản lý dự án đầu tư xây dựng công trình giao thông",
        "returned": (
            "Trung tâm Đăng kiểm xe cơ giới",
            "Bổ sung danh sách cá nhân đăng ký Lao động tiên tiến.",
        ),
        "decisions": {2024: ("15/QĐ-SXD", D(2025, 1, 10)), 2025: ("12/QĐ-SXD", D(2026, 1, 9))},
    },
    "sxd-lang-son": {
        "names_from": 13,
        "chain": (Role.STAFF, [2025]),  # CSTĐCS 2025 + 2026 → Bằng khen của Chủ tịch UBND tỉnh
        "edge_unit": "Phòng Kế hoạch - Tài chính",
        "co_author": ("Hoàng Văn Tùng", "Phòng Kế hoạch - Tài chính"),
        "disciplined": ("Phòng Quản lý xây dựng", Discipline.Measure.WARNING, D(2026, 3, 20), "41/QĐ-SXD"),
        "waiting": "Ban Quản lý bảo trì đường bộ",
        "returned": ("Trung tâm Đăng kiểm phương tiện giao thông", "Ghi rõ danh hiệu tập thể đăng ký."),
        "decisions": {2024: ("09/QĐ-SXD", D(2025, 1, 14)), 2025: ("11/QĐ-SXD", D(2026, 1, 13))},
    },
}


def load_awards(organization, people: dict, units: dict[str, Unit]) -> None:
    spec = YEAR_END.get(organization.slug)
    if spec is None:
        return
    records = _staff(organization, people, units, spec)
    holder = Person.objects.get(organization=organization, user=people[spec["chain"][0]])
    _ratings(organization, records, holder, spec)
    _registrations(organization, records, holder, people, spec)
    _book(organization, records, holder, people, spec)


def _names(start: int):
    """Plausible names, none repeated within an agency; each agency starts elsewhere in the lists."""
    given = GIVEN[start:] + GIVEN[:start]
    for first, family, middle in zip(
        given * 3, itertools.cycle(FAMILY), itertools.cycle(MIDDLE), strict=False
    ):
        yield f"{family} {middle} {first}"


def _person(organization, unit, full_name, **fields) -> Person:
    return Person.objects.get_or_create(
        organization=organization, unit=unit, full_name=full_name, defaults=fields
    )[0]


def _staff(organization, people: dict, units: dict[str, Unit], spec: dict) -> dict[int, list[Person]]:
    """Each demo login's record, then staff for every unit that carries out plans: six people in the unit
    at the cap's edge, three elsewhere; the centres' and boards' staff are viên chức."""
    records: dict[int, list[Person]] = {}
    for role in (Role.OFFICE, Role.LEADER, Role.UNIT_HEAD, Role.STAFF):
        user = people[role]
        person = _person(
            organization,
            user.unit,
            user.full_name,
            position=user.position,
            user=user,
            started_on=D(2012, 9, 1),
        )
        records.setdefault(user.unit_id, []).append(person)
    name, unit_name = spec["co_author"]
    records[units[unit_name].pk].append(
        _person(organization, units[unit_name], name, started_on=D(2016, 3, 1))
    )
    names = _names(spec["names_from"])
    for unit in Unit.objects.filter(organization=organization).carrying_out().order_by("position", "name"):
        size = 6 if unit.name == spec["edge_unit"] else 3
        category = Category.PUBLIC_EMPLOYEE if unit.kind == Unit.Kind.UNIT else Category.CIVIL_SERVANT
        staff = records.setdefault(unit.pk, [])
        for n in range(len(staff), size):
            # A newcomer of the year in the office: under ten months' work, not yet LĐTT.
            started = D(2026, 4, 1) if unit.kind == Unit.Kind.OFFICE and n == size - 1 else D(2014 + n, 8, 1)
            staff.append(
                _person(
                    organization,
                    unit,
                    next(names),
                    position="Chuyên viên",
                    category=category,
                    started_on=started,
                )
            )
    return records


def _ratings(organization, records: dict[int, list[Person]], holder: Person, spec: dict) -> None:
    """2026: everyone "tốt", the chain's holder "xuất sắc" (one for five in the edge unit), the disciplined
    person "hoàn thành"; each unit "tốt", the edge unit "xuất sắc". The holder's earlier years too."""
    unit_name, measure, starts_on, number = spec["disciplined"]
    everyone = list(itertools.chain.from_iterable(records.values()))
    disciplined = next(p for p in everyone if p.unit.name == unit_name)
    Discipline.objects.get_or_create(
        organization=organization,
        person=disciplined,
        measure=measure,
        starts_on=starts_on,
        defaults={"decision_number": number, "reason": "Vi phạm quy định về thời hạn giải quyết hồ sơ."},
    )
    for person in everyone:
        rating = "excellent" if person == holder else ("completed" if person == disciplined else "good")
        _rate(organization, person, YEAR, rating)
    for year in spec["chain"][1]:
        _rate(organization, holder, year, "excellent")
    for unit in _units(organization, records):
        UnitRating.objects.get_or_create(
            organization=organization,
            unit=unit,
            year=YEAR,
            defaults={
                "rating": "excellent" if unit.name == spec["edge_unit"] else "good",
                "status": "confirmed",
            },
        )


def _rate(organization, person, year, rating) -> None:
    AnnualRating.objects.get_or_create(
        organization=organization,
        person=person,
        year=year,
        defaults={"rating": rating, "status": "confirmed"},
    )


def _units(organization, records):
    return Unit.objects.filter(pk__in=records, organization=organization).carrying_out()


def _collective_title(unit, spec) -> str:
    if not unit.carries_out:
        return ""  # the leadership registers its people only
    return Title.TTLDXS if unit.name == spec["edge_unit"] else Title.TTLDTT


def _registrations(
    organization, records: dict[int, list[Person]], holder: Person, people: dict, spec: dict
) -> None:
    """Every unit registers its people for LĐTT (the chain's holder for CSTĐCS) and itself for TTLĐTT
    (the edge unit for TTLĐXS); the office approves them all but one waiting and one returned."""
    office, head = people[Role.OFFICE], people[Role.UNIT_HEAD]
    returned_unit, reason = spec["returned"]
    for unit in Unit.objects.filter(pk__in=records, organization=organization):
        registration, created = Registration.objects.get_or_create(
            organization=organization,
            unit=unit,
            year=YEAR,
            movement=None,
            defaults={"collective_title": _collective_title(unit, spec)},
        )
        if not created:
            continue
        for person in records[unit.pk]:
            aimed = Title.CSTDCS if person == holder else Title.LDTT
            RegistrationEntry.objects.create(registration=registration, person=person, title=aimed)
        sender = head if head.unit_id == unit.pk else office
        services.registration_submit(registration=registration, user=sender)
        if unit.name == returned_unit:
            services.registration_return(registration=registration, user=office, reason=reason)
        elif unit.name != spec["waiting"]:
            services.registration_approve(registration=registration, user=office)


def _book(organization, records: dict[int, list[Person]], holder: Person, people: dict, spec: dict) -> None:
    """2024 and 2025 decisions: LĐTT for the register's people who were there, CSTĐCS for the chain's
    holder, TTLĐTT for the edge unit in 2025, and a thematic Giấy khen that never counts toward a chain."""
    signer = people[Role.LEADER].full_name
    chain_years = spec["chain"][1]
    for year, (number, day) in spec["decisions"].items():
        for person in itertools.chain.from_iterable(records.values()):
            if person.started_on and person.started_on.year < year:
                _award(organization, year, Title.LDTT, number, day, signer, person=person)
            if person == holder and year in chain_years:
                _award(organization, year, Title.CSTDCS, number, day, signer, person=person)
    edge = Unit.objects.get(organization=organization, name=spec["edge_unit"])
    number, day = spec["decisions"][2025]
    _award(organization, 2025, Title.TTLDTT, number, day, signer, unit=edge)
    head = Person.objects.get(organization=organization, user=people[Role.UNIT_HEAD])
    _award(
        organization,
        2025,
        Title.GIAY_KHEN,
        "205/QĐ-SXD",
        D(2025, 9, 2),
        signer,
        person=head,
        kind=Award.Kind.THEMATIC,
    )


def _award(organization, year, title, number, day, signer, *, kind=Award.Kind.ANNUAL, person=None, unit=None):
    Award.objects.get_or_create(
        organization=organization,
        person=person,
        unit=unit,
        year=year,
        title=title,
        kind=kind,
        defaults={
            "decision_number": number,
            "decision_date": day,
            "signer": signer,
            # The multiple of the form × the base salary of the decision's date, from the dated tables.
            "bonus": decisions.bonus_for(organization, title, "person" if person else "unit", day),
        },
    )
