"""The Vietnamese working-day calendar: which days count when a deadline is given in working days.

A day is a working day when it is Monday to Friday and not a public holiday, with two layers of
exceptions on top:

1. The `holidays` library (python-holidays, country "VN") gives the statutory holidays of the Labor
   Code: Tết Dương lịch, Tết Nguyên đán (giao thừa and mùng 1–4, computed from the Vietnamese lunar
   calendar, with the days that fall on a weekend moved: Saturday to the working day before, Sunday to
   the one after), Giỗ Tổ Hùng Vương (10/3 lunar), 30/4, 1/5, 2/9 and the day next to it, Ngày Văn hóa
   Việt Nam (24/11, from 2026), and the compensatory day (nghỉ bù) after a holiday that falls on a
   weekend. It also knows a few swaps the government decided (a weekday off, a Saturday worked in
   exchange), and reports the Saturdays worked as `weekend_workdays`; we honour both.
2. `DayOff` rows, which an administrator enters each year from the government's announcement, win over
   everything for their date: a `holiday` row makes the day a day off, a `workday` row makes it a
   working day (a make-up Saturday, or a correction of the library).

The database is read once per block of years (one query), never per day: build a `WorkingCalendar`
and ask it as many questions as needed; the module-level helpers build one per call.

Deadlines "trước ngày X" are met if done on X-1 or earlier (calendar days, whatever X-1 is):
`last_day_to_comply` returns X-1, and `last_working_day_on_or_before` tells a UI the last day the
office actually works, for a warning.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from thidua.core.public_holidays import library_make_up_days, library_year

HOLIDAY = "holiday"  # DayOff.Kind.HOLIDAY
WORKDAY = "workday"  # DayOff.Kind.WORKDAY

BEFORE = "before"  # Deadline.Bound values
ON = "on"
BY_END = "by_end"

ONE_DAY = datetime.timedelta(days=1)


class WorkingCalendar:
    """Answers working-day questions from the library and the `DayOff` rows, without a query per day.

    `days_off`, a mapping date → "holiday" | "workday", replaces the database entirely (pure use).
    Without it, `DayOff` rows are read per block of years: `years` (first, last) preloads a block in one
    query, and a question about a year not loaded yet loads that year.
    """

    def __init__(
        self,
        days_off: Mapping[datetime.date, str] | None = None,
        *,
        years: tuple[int, int] | None = None,
    ):
        self._from_database = days_off is None
        self._overrides: dict[datetime.date, str] = dict(days_off or {})
        self._names: dict[datetime.date, str] = {}
        self._loaded_years: set[int] = set()
        if self._from_database and years is not None:
            self.load_years(*years)

    # Loading

    def load_years(self, first: int, last: int) -> None:
        """Read the `DayOff` rows of years first..last not loaded yet, in one query."""
        if not self._from_database:
            return
        missing = [year for year in range(first, last + 1) if year not in self._loaded_years]
        if not missing:
            return
        from thidua.core.models import DayOff

        rows = DayOff.objects.filter(
            date__gte=datetime.date(min(missing), 1, 1), date__lte=datetime.date(max(missing), 12, 31)
        ).values_list("date", "kind", "name")
        for day, kind, name in rows:
            self._overrides[day] = kind
            self._names[day] = name
        self._loaded_years.update(range(min(missing), max(missing) + 1))

    def _override(self, day: datetime.date) -> str | None:
        if self._from_database and day.year not in self._loaded_years:
            self.load_years(day.year, day.year)
        return self._overrides.get(day)

    # Questions about one day

    def is_working_day(self, day: datetime.date) -> bool:
        override = self._override(day)
        if override is not None:
            return override == WORKDAY
        if day.weekday() >= 5:
            return day in library_make_up_days(day.year)
        return day not in library_year(day.year)[0]

    def day_off_name(self, day: datetime.date) -> str | None:
        """Why a day is off besides the weekend: the `DayOff` name or the library's holiday name."""
        override = self._override(day)
        if override == WORKDAY:
            return None
        if override == HOLIDAY:
            return self._names.get(day) or ""
        return library_year(day.year)[0].get(day)

    # Arithmetic

    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        """The n-th working day after start; n = 0: start if it is a working day, else the next one."""
        if n < 0:
            raise ValueError("n must be 0 or more")
        day = start
        if n == 0:
            while not self.is_working_day(day):
                day += ONE_DAY
            return day
        remaining = n
        while remaining:
            day += ONE_DAY
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days in (start, end]; negative (the count in (end, start]) when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        self.load_years(start.year, end.year)
        count = 0
        day = start + ONE_DAY
        while day <= end:
            count += self.is_working_day(day)
            day += ONE_DAY
        return count

    def last_working_day_on_or_before(self, day: datetime.date) -> datetime.date:
        while not self.is_working_day(day):
            day -= ONE_DAY
        return day

    def working_days(self, start: datetime.date, end: datetime.date) -> Iterable[datetime.date]:
        """The working days in [start, end], in order."""
        self.load_years(start.year, end.year)
        day = start
        while day <= end:
            if self.is_working_day(day):
                yield day
            day += ONE_DAY


def _calendar_for(start: datetime.date, end: datetime.date, days_off) -> WorkingCalendar:
    if isinstance(days_off, WorkingCalendar):
        return days_off
    return WorkingCalendar(days_off, years=(start.year, end.year))


def is_working_day(day: datetime.date, *, days_off: Mapping[datetime.date, str] | None = None) -> bool:
    """Mon–Fri, not a public holiday, not a `DayOff` holiday; a `DayOff` workday is always one.

    `days_off` (date → "holiday" | "workday", or a `WorkingCalendar`) avoids the query.
    """
    return _calendar_for(day, day, days_off).is_working_day(day)


def add_working_days(start: datetime.date, n: int, *, days_off=None) -> datetime.date:
    """The n-th working day after start (n ≥ 0); n = 0: start if it is a working day, else the next one."""
    # Enough years for n working days plus the longest holidays, so that one query is enough.
    horizon = start + datetime.timedelta(days=2 * max(n, 0) + 31)
    return _calendar_for(start, horizon, days_off).add_working_days(start, n)


def working_days_between(start: datetime.date, end: datetime.date, *, days_off=None) -> int:
    """The number of working days in (start, end]."""
    return _calendar_for(min(start, end), max(start, end), days_off).working_days_between(start, end)


def last_working_day_on_or_before(day: datetime.date, *, days_off=None) -> datetime.date:
    """The last working day not after day: for a UI warning that X-1 falls on a day off."""
    return _calendar_for(day - datetime.timedelta(days=31), day, days_off).last_working_day_on_or_before(day)


def last_day_to_comply(due: datetime.date, bound: str) -> datetime.date:
    """The last day on which a deadline written "… ngày X" is met.

    "before" ("trước ngày X"): X-1, even when X-1 is a weekend or a holiday; the law counts calendar
    days, and doing it on a day off still meets it. "on" ("vào ngày X") and "by_end" ("chậm nhất hết
    ngày X", "đến hết ngày X"): X itself.
    """
    if bound == BEFORE:
        return due - ONE_DAY
    if bound in (ON, BY_END):
        return due
    raise ValueError(f"unknown deadline bound: {bound!r}")
