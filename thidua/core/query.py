"""Reading values from a page's query string without ever failing on odd input.

A query string is typed by people and by robots: `?don-vi=²`, `?thang=9999-12`, `?page=1e99`. Every
view reads its numbers, dates and months through these helpers, which give None for a value that is
not what the page expects (the page then shows as if the parameter were absent) and tell the person
once, in Vietnamese, which parameter was ignored.
"""

import datetime
import re
from collections.abc import Mapping
from typing import TypeVar

from django.contrib import messages
from django.utils.translation import gettext as _

# Dates a page of this project can be about: wide enough for any plan, narrow enough that a day
# before or a month after is still a date (date.max + 1 day is an OverflowError).
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2199, 12, 31)
LARGEST_ID = 2**63 - 1  # a bigint primary key; larger numbers name no row
INTEGER = re.compile(r"-?[0-9]+")
T = TypeVar("T")
IGNORED = "Đã bỏ qua tham số không hợp lệ “{name}”."


def _ignored(request, name: str) -> None:
    """Tell the person, once per parameter and page, that a value was not understood."""
    noted: set[str] = getattr(request, "_ignored_parameters", set())
    if name in noted:
        return
    noted.add(name)
    request._ignored_parameters = noted
    if hasattr(request, "_messages"):
        messages.warning(request, _(IGNORED).format(name=name))


def parse_int(value: str | None, *, minimum: int = 0, maximum: int = LARGEST_ID) -> int | None:
    """An integer written in ASCII digits within [minimum, maximum], else None ("²" is a digit to
    str.isdigit() but not to int())."""
    text = (value or "").strip()
    if not INTEGER.fullmatch(text) or len(text) > 20:
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None


def parse_date(value: str | None) -> datetime.date | None:
    """An ISO date (yyyy-mm-dd) between EARLIEST and LATEST, else None."""
    try:
        day = datetime.date.fromisoformat((value or "").strip())
    except ValueError:
        return None
    return day if EARLIEST <= day <= LATEST else None


def parse_month(value: str | None) -> datetime.date | None:
    """The first day of a month written yyyy-mm, else None."""
    text = (value or "").strip()
    return parse_date(f"{text}-01") if len(text) == 7 else None


def int_param(request, name: str, *, minimum: int = 0, maximum: int = LARGEST_ID) -> int | None:
    """`?name=` as an integer; None when absent or not understood (then the person is told)."""
    return _read(request, name, parse_int(request.GET.get(name), minimum=minimum, maximum=maximum))


def date_param(request, name: str) -> datetime.date | None:
    """`?name=` as an ISO date; None when absent or not understood (then the person is told)."""
    return _read(request, name, parse_date(request.GET.get(name)))


def month_param(request, name: str) -> datetime.date | None:
    """`?name=` (yyyy-mm) as the first day of that month; None when absent or not understood."""
    return _read(request, name, parse_month(request.GET.get(name)))


def choice_param(request, name: str, choices: Mapping[str, T]) -> T | None:
    """`?name=` as one of `choices` (a slug → value map, e.g. a status's Vietnamese slug); None when
    absent or not one of them (then the person is told)."""
    return _read(request, name, choices.get((request.GET.get(name) or "").strip()))


def _read(request, name: str, parsed):
    if parsed is None and request.GET.get(name, "").strip():
        _ignored(request, name)
    return parsed
