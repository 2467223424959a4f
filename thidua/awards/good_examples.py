"""Good examples (điển hình tiên tiến, kept by the tasks app) read as achievements when judging rewards.

A good example names a person by name (no link to the register of people): it is the person's when
it is a person's example bearing the person's name, of the person's unit or of no unit; a unit's when
it is a collective example of that unit.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from thidua.awards.models import Person
from thidua.awards.services import name_key
from thidua.tasks.models import GoodExample


def of_person(person: Person, year: int | None = None) -> list[GoodExample]:
    rows = GoodExample.objects.filter(organization=person.organization, kind=GoodExample.Kind.PERSON)
    if year is not None:
        rows = rows.filter(recognised_on__year=year)
    key = name_key(person.full_name)
    return [
        example
        for example in rows.select_related("unit")
        if name_key(example.name) == key and example.unit_id in (None, person.unit_id)
    ]


def of_units(units, year: int | None = None) -> list[GoodExample]:
    rows = GoodExample.objects.filter(kind=GoodExample.Kind.COLLECTIVE, unit__in=units).select_related("unit")
    return list(rows.filter(recognised_on__year=year) if year is not None else rows)


def of_people_in(units, year: int) -> list[GoodExample]:
    """The year's examples of people of `units` (named in the register of good examples with one of them)."""
    rows = GoodExample.objects.filter(kind=GoodExample.Kind.PERSON, unit__in=units, recognised_on__year=year)
    return list(rows.select_related("unit"))


def summary(examples: list[GoodExample]) -> str:
    """The examples as lines of a nomination's summary of achievements."""
    lines = []
    for example in examples:
        where = _("biểu dương ngày %(date)s") % {"date": date_format(example.recognised_on, "d/m/Y")}
        if example.spread_at:
            where = f"{where}, {example.spread_at}"
        lines.append(f"- {example.achievement.strip()} ({where}).")
    return "\n".join(lines)
