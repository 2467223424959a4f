"""A recurring deadline ("trước ngày 10/12 hằng năm") as the series of its dates within a plan."""

import calendar
import datetime

MONTHS_BETWEEN = {"yearly": 12, "semiannual": 6, "quarterly": 3, "monthly": 1}
# A monthly series over a long plan stays readable; past this the office adds the rest by hand.
MAX_OCCURRENCES = 120


def occurrences(first: datetime.date, recurrence: str, until: datetime.date | None) -> list[datetime.date]:
    """`first` and every later date of the series up to `until` (inclusive).

    A day that a month lacks (31/… in a 30-day month, 29/2) falls on that month's last day, and the
    series keeps the first date's day for the months that have it. Without `until` or a known
    rhythm, only `first`.
    """
    step = MONTHS_BETWEEN.get(recurrence)
    if step is None or until is None:
        return [first]
    dates: list[datetime.date] = []
    months = 0
    while len(dates) < MAX_OCCURRENCES:
        date = _add_months(first, months)
        if date > until:
            break
        dates.append(date)
        months += step
    return dates or [first]


def _add_months(date: datetime.date, months: int) -> datetime.date:
    year, month = divmod(date.month - 1 + months, 12)
    year, month = date.year + year, month + 1
    return datetime.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))
