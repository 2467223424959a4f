"""Vietnamese date expressions, each read as the span of days it names.

A day ("30/8/2026", "08/6/2026", "ngày 22 tháng 3 năm 2026") names one day; a month
("tháng 7/2028", "tháng 6 năm 2028"), a quarter ("quý III/2026"), a half year ("6 tháng đầu
năm 2027") or a year ("năm 2030") names a span from its first to its last day. A day or month
without a year ("30/11", "ngày 30 tháng 11") recurs each year; `next_occurrence` dates it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_SEP = r"\s?[/.-]\s?"
_DAY_NUMERIC = rf"(?P<d1>\d{{1,2}}){_SEP}(?P<m1>\d{{1,2}}){_SEP}(?P<y1>\d{{4}})"
_DAY_WORDS = r"ngày\s(?P<d2>\d{1,2})\stháng\s(?P<m2>\d{1,2})(?:,?\snăm\s(?P<y2>\d{4}))?"
_DAY_MONTH = r"(?P<d3>\d{1,2})/(?P<m3>\d{1,2})"
_MONTHLY_DAY = r"ngày\s(?P<d9>\d{1,2})\s(?:hằng|hàng|mỗi)\stháng"
# "tháng 11 - 12/2025", "tháng 3 đến tháng 5 năm 2026": the months from the first to the last.
_MONTHS = (
    r"tháng\s(?P<ma>\d{1,2})\s?(?:-|–|đến)\s?(?:tháng\s)?(?P<mb>\d{1,2})(?:\s?[/-]\s?|\snăm\s)(?P<yb>\d{4})"
)
# "Tháng 11 hằng năm": a month that comes back every year (its last day, as `month_day`).
_YEARLY_MONTH = r"tháng\s(?P<m10>\d{1,2})(?=,?\s(?:hằng|hàng|mỗi)\snăm)"
_MONTH = r"tháng\s(?P<m4>\d{1,2})(?:\s?[/-]\s?|\snăm\s)(?P<y4>\d{4})"
_QUARTER = r"quý\s(?P<q5>IV|I{1,3}|[1-4])(?:\s?[/-]\s?|\snăm\s)(?P<y5>\d{4})"
_HALF = r"(?:6|sáu)\stháng\s(?P<h6>đầu|cuối)\snăm\s(?P<y6>\d{4})"
_YEAR = r"năm\s(?P<y7>\d{4})"
_BARE_YEAR = r"(?P<y8>(?:19|20)\d{2})"

_BOUNDARY_BEFORE = r"(?<![\w/.,])"
_BOUNDARY_AFTER = r"(?![\w/]|[.,]\d)"
DATE_RE = re.compile(
    _BOUNDARY_BEFORE
    + rf"(?:{_MONTHS}|{_YEARLY_MONTH}|{_DAY_NUMERIC}|{_DAY_WORDS}|{_MONTHLY_DAY}|{_HALF}|{_MONTH}|"
    + rf"{_QUARTER}|{_YEAR}|{_DAY_MONTH})"
    + _BOUNDARY_AFTER,
    re.IGNORECASE,
)
BARE_YEAR_RE = re.compile(_BOUNDARY_BEFORE + _BARE_YEAR + _BOUNDARY_AFTER)
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# "hằng năm", "hàng năm", "mỗi năm": the date comes back every year.
RECURRING_RE = re.compile(r"\s?,?\s?(?:hằng|hàng|mỗi)\snăm", re.IGNORECASE)
_EVERY = r"(?:hằng|hàng|mỗi|định\skỳ(?:\shằng|\shàng)?)\s"
_SIX_MONTHS = r"(?:0?6|sáu)\stháng"
# How often a deadline comes back, by the words around its date ("trước ngày 15/11 hằng năm",
# "định kỳ 6 tháng", "hằng quý"); the first pattern that matches wins.
RECURRENCES = (
    ("semiannual", re.compile(rf"{_EVERY}{_SIX_MONTHS}|{_SIX_MONTHS}\s(?:một|1)\slần", re.IGNORECASE)),
    ("yearly", re.compile(rf"{_EVERY}năm", re.IGNORECASE)),
    ("quarterly", re.compile(rf"{_EVERY}quý", re.IGNORECASE)),
    ("monthly", re.compile(rf"{_EVERY}tháng", re.IGNORECASE)),
)


@dataclass(frozen=True)
class DateMatch:
    """A date expression: its span in the text, what it names, and its first and last day."""

    start: int
    end: int
    grain: str  # "day", "month", "quarter", "half", "year"; "day"/"month" may be recurring
    first: dt.date | None
    last: dt.date | None
    month_day: tuple[int, int] | None = None  # for a recurring date without a year
    day_of_month: int | None = None  # "ngày 25 hằng tháng"

    @property
    def recurring(self) -> bool:
        return self.first is None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """Every valid date expression in text[start:end], in order."""
    end = len(text) if end is None else end
    found = []
    for match in DATE_RE.finditer(text, start, end):
        date = _from_match(match)
        if date is not None:
            found.append(date)
    return found


def _from_match(match: re.Match[str]) -> DateMatch | None:
    """Turn one regex match into a DateMatch, or None when the day or month does not exist."""
    g = match.groupdict()
    try:
        if g["ma"]:
            year, first_month, last_month = int(g["yb"]), int(g["ma"]), int(g["mb"])
            if first_month >= last_month:
                return None
            return _span(match, "month", dt.date(year, first_month, 1), _month_end(year, last_month))
        if g["m10"]:
            month = int(g["m10"])
            return DateMatch(
                match.start(), match.end(), "month", None, None, (month, _month_end(2001, month).day)
            )
        if g["d1"]:
            day = dt.date(int(g["y1"]), int(g["m1"]), int(g["d1"]))
            return DateMatch(match.start(), match.end(), "day", day, day)
        if g["d2"]:
            return _day(match, int(g["d2"]), int(g["m2"]), g["y2"])
        if g["d3"]:
            return _day(match, int(g["d3"]), int(g["m3"]), None)
        if g["d9"]:
            day_of_month = int(g["d9"])
            if not 1 <= day_of_month <= 31:
                return None
            return DateMatch(match.start(), match.end(), "day", None, None, day_of_month=day_of_month)
        if g["m4"]:
            year, month = int(g["y4"]), int(g["m4"])
            return _span(match, "month", dt.date(year, month, 1), _month_end(year, month))
        if g["q5"]:
            year, quarter = int(g["y5"]), _QUARTERS[g["q5"].lower()]
            first = dt.date(year, 3 * quarter - 2, 1)
            return _span(match, "quarter", first, _month_end(year, 3 * quarter))
        if g["h6"]:
            year = int(g["y6"])
            first_half = g["h6"].lower() == "đầu"
            first = dt.date(year, 1 if first_half else 7, 1)
            return _span(match, "half", first, _month_end(year, 6 if first_half else 12))
        year = int(g["y7"])
        return _span(match, "year", dt.date(year, 1, 1), dt.date(year, 12, 31))
    except ValueError:
        return None


def _day(match: re.Match[str], day: int, month: int, year: str | None) -> DateMatch:
    """A day; without a year it recurs (checked to exist in a leap year)."""
    if year:
        date = dt.date(int(year), month, day)
        return DateMatch(match.start(), match.end(), "day", date, date)
    dt.date(2000, month, day)  # raises ValueError for 31/2, 0/13 ...
    return DateMatch(match.start(), match.end(), "day", None, None, (month, day))


def _span(match: re.Match[str], grain: str, first: dt.date, last: dt.date) -> DateMatch:
    return DateMatch(match.start(), match.end(), grain, first, last)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def match_date_at(text: str, pos: int, *, bare_year: bool = False) -> DateMatch | None:
    """The date expression that starts exactly at `pos` (a bare "2026" too when asked)."""
    match = DATE_RE.match(text, pos)
    if match:
        return _from_match(match)
    if bare_year:
        match = BARE_YEAR_RE.match(text, pos)
        if match:
            year = int(match.group("y8"))
            return DateMatch(match.start(), match.end(), "year", dt.date(year, 1, 1), dt.date(year, 12, 31))
    return None


def next_occurrence(month_day: tuple[int, int], after: dt.date) -> dt.date:
    """First date with this month and day strictly after `after` (29/2 moves to a leap year)."""
    month, day = month_day
    for year in range(after.year, after.year + 9):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate > after:
            return candidate
    return dt.date(after.year + 1, month, min(day, 28))


def recurrence_in(text: str, start: int, end: int) -> str | None:
    """How often the deadline whose words lie in text[start:end] comes back, or None."""
    for name, pattern in RECURRENCES:
        if pattern.search(text, start, end):
            return name
    return None


def next_day_of_month(day: int, after: dt.date) -> dt.date:
    """First date strictly after `after` on this day of a month (the month's last day if shorter)."""
    year, month = after.year, after.month
    while True:
        candidate = dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))
        if candidate > after:
            return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None
