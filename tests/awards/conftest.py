import datetime
import itertools

import pytest

from thidua.awards.models import (
    AnnualRating,
    Award,
    Category,
    Person,
    RatingStatus,
    Registration,
    RegistrationEntry,
    Title,
    UnitRating,
)

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
