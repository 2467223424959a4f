import datetime
import itertools

import pytest

from tests import factories
from thidua.awards import council as council_services
from thidua.awards import services as awards_services
from thidua.awards.models import (
    AnnualRating,
    Award,
    AwardCouncil,
    AwardCouncilMember,
    Category,
    Person,
    RatingStatus,
    Registration,
    RegistrationEntry,
    Title,
    TitleRule,
    UnitRating,
)
from thidua.org.models import User
from thidua.org.roles import Role

YEAR = 2026
_sequence = itertools.count(1)


def make_person(organization, unit, **fields) -> Person:
    defaults = {
        "full_name": f"Cán bộ {next(_sequence)}",
        "position": "Chuyên viên",
        "started_on": datetime.date(2015, 1, 1),
    }
    return Person.objects.create(organization=organization, unit=unit, **(defaults | fields))


def rate(person, rating, year=YEAR, confirmed=True) -> AnnualRating:
    status = RatingStatus.CONFIRMED if confirmed else RatingStatus.SUBMITTED
    return AnnualRating.objects.create(
        organization=person.organization, person=person, year=year, rating=rating, status=status
    )


def rate_unit(unit, rating, year=YEAR) -> UnitRating:
    return UnitRating.objects.create(
        organization=unit.organization, unit=unit, year=year, rating=rating, status=RatingStatus.CONFIRMED
    )


def register(unit, people_titles, collective_title="", status=Registration.Status.APPROVED, year=YEAR):
    registration = Registration.objects.create(
        organization=unit.organization, unit=unit, year=year, collective_title=collective_title, status=status
    )
    for person, title in people_titles:
        RegistrationEntry.objects.create(registration=registration, person=person, title=title)
    return registration


def award(person, title, year, kind=Award.Kind.ANNUAL, **fields) -> Award:
    defaults = {
        "decision_number": f"{next(_sequence)}/QĐ-SXD",
        "decision_date": datetime.date(year + 1, 1, 15),
    }
    return Award.objects.create(
        organization=person.organization,
        person=person,
        year=year,
        title=title,
        kind=kind,
        **(defaults | fields),
    )


@pytest.fixture
def staff(cast):
    """Four people of the unit: the staff user's record (a viên chức rated xuất sắc, registered for CSTĐCS),
    two rated tốt, one rated hoàn thành; the unit rated tốt and registered for TTLĐTT."""
    people = {
        "trang": make_person(
            cast.org,
            cast.unit,
            full_name="Trịnh Thu Trang",
            user=cast.staff,
            category=Category.PUBLIC_EMPLOYEE,
        ),
        "an": make_person(cast.org, cast.unit, full_name="Nguyễn Văn An"),
        "binh": make_person(cast.org, cast.unit, full_name="Trần Văn Bình"),
        "cuong": make_person(cast.org, cast.unit, full_name="Lê Văn Cường"),
    }
    rate(people["trang"], "excellent")
    rate(people["an"], "good")
    rate(people["binh"], "good")
    rate(people["cuong"], "completed")
    register(
        cast.unit,
        [(people["trang"], Title.CSTDCS), (people["an"], Title.LDTT), (people["binh"], Title.LDTT)],
        collective_title=Title.TTLDTT,
    )
    rate_unit(cast.unit, "good")
    return people


HELD_ON = datetime.date(2026, 12, 20)


def nominate(cast, person=None, title=Title.LDTT, unit=None, user=None):
    return awards_services.nomination_create(
        unit=unit or cast.unit,
        person=person,
        user=user or cast.unit_head,
        year=YEAR,
        title=title,
        summary="Hoàn thành xuất sắc nhiệm vụ được giao.",
    )


def set_ballot_share(title, share):
    rule = TitleRule.objects.get(title=title, organization=None)
    rule.parameters = {**rule.parameters, "ballot_share": share}
    rule.save()


@pytest.fixture
def council(cast):
    """Five members with accounts: the leader chairs, the office is secretary, three members."""
    council = AwardCouncil.objects.create(organization=cast.org, year=YEAR, name="Hội đồng TĐKT Sở năm 2026")
    members = [
        (cast.leader, AwardCouncilMember.Role.CHAIR),
        (cast.office, AwardCouncilMember.Role.SECRETARY),
        (cast.unit_head, AwardCouncilMember.Role.MEMBER),
        (
            factories.make_user(cast.org, Role.STAFF, unit=cast.office_unit),
            AwardCouncilMember.Role.VICE_CHAIR,
        ),
        (factories.make_user(cast.org, Role.STAFF, unit=cast.office_unit), AwardCouncilMember.Role.MEMBER),
    ]
    for user, role in members:
        AwardCouncilMember.objects.create(council=council, user=user, role=role)
    return council


def voters(council) -> list[User]:
    return [m.user for m in council.members.order_by("pk")]


@pytest.fixture
def meeting(cast, staff, council):
    nominate(cast, person=staff["an"])
    nominate(cast, person=staff["binh"])
    return council_services.meeting_open(council=council, user=cast.office, held_on=HELD_ON)


def vote(meeting, user, *agrees: bool):
    items = list(meeting.items.order_by("pk"))
    return council_services.ballot_cast(
        meeting=meeting,
        user=user,
        choices={item.pk: agree for item, agree in zip(items, agrees, strict=True)},
    )
