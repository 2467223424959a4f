"""Reporting periods: months, quarters and years, with Vietnamese labels and due dates."""

import datetime
from dataclasses import dataclass

MONTHLY, QUARTERLY, YEARLY = "monthly", "quarterly", "yearly"
ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}
# A period's report is due this many days after the period ends (a working-day calendar comes later).
REPORT_DUE_DAYS = 5
# Levels published once a year by statistics (GRDP growth, urbanisation rate) are reported yearly.
YEARLY_KINDS = {"by_date", "average"}


@dataclass(frozen=True)
class Period:
    """A month, quarter or year; `partial` when it is the current one cut at today ("đến nay"), whose
    last day is not over yet."""

    start: datetime.date
    end: datetime.date
    rhythm: str
    partial: bool = False

    @property
    def label(self) -> str:
        if self.rhythm == MONTHLY:
            return f"Tháng {self.start.month}/{self.start.year}"
        if self.rhythm == QUARTERLY:
            return f"Quý {ROMAN_QUARTERS[(self.start.month - 1) // 3 + 1]}/{self.start.year}"
        return f"Năm {self.start.year}"

    @property
    def due_on(self) -> datetime.date:
        return self.end + datetime.timedelta(days=REPORT_DUE_DAYS)

    @property
    def key(self) -> str:
        return self.start.isoformat()


def rhythm_for(period_kind: str, plan_rhythm: str) -> str:
    return YEARLY if period_kind in YEARLY_KINDS else plan_rhythm


MONTHS_IN = {MONTHLY: 1, QUARTERLY: 3, YEARLY: 12}


def _first_of_month_after(start: datetime.date, months: int) -> datetime.date:
    index = start.year * 12 + start.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def period_containing(day: datetime.date, rhythm: str) -> Period:
    months = MONTHS_IN[rhythm]
    start = datetime.date(day.year, (day.month - 1) // months * months + 1, 1)
    end = _first_of_month_after(start, months) - datetime.timedelta(days=1)
    return Period(start, end, rhythm)


def periods_between(start: datetime.date, end: datetime.date, rhythm: str) -> list[Period]:
    """Every calendar period that overlaps [start, end], in order."""
    periods = []
    period = period_containing(start, rhythm)
    while period.start <= end:
        periods.append(period)
        period = period_containing(period.end + datetime.timedelta(days=1), rhythm)
    return periods
