"""Vietnam's statutory public holidays, from the `holidays` library: pure, no database.

`workdays` lays the administrators' `DayOff` rows over these; `DayOff.clean` asks them whether a
make-up working day really falls on a day off.
"""

import datetime
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

import holidays


@lru_cache(maxsize=64)
def library_year(year: int) -> tuple[Mapping[datetime.date, str], frozenset[datetime.date]]:
    """The year's holidays (date → Vietnamese name) and make-up Saturdays, read once per year."""
    calendar = holidays.country_holidays("VN", years=year, language="vi")
    days = MappingProxyType({day: name for day, name in calendar.items() if day.year == year})
    # The library keeps make-up Saturdays of every year it knows swaps for: keep this year's.
    workdays = frozenset(day for day in calendar.weekend_workdays if day.year == year)
    return days, workdays


def public_holidays(year: int) -> dict[datetime.date, str]:
    """The year's public holidays from the `holidays` library, named in Vietnamese.

    Includes the compensatory days (names ending "(nghỉ bù)") and the swapped days off the library
    knows ("Ngày nghỉ (thay cho ngày …)"); a holiday that falls on a weekend is listed too.
    """
    return dict(library_year(year)[0])


def library_make_up_days(year: int) -> frozenset[datetime.date]:
    """Weekend days of the year the library knows were declared working days (làm bù) for a swap."""
    return library_year(year)[1]
