"""Phases: named periods of the plan ("Giai đoạn 1: từ năm 2026 đến hết tháng 6 năm 2028").

A phase is "Giai đoạn" or "Đợt" with its number, then a start and an end date expression
("từ … đến (hết) …", "(2026 - 2028)"). A year alone starts on 1 January and ends on 31
December; a month alone ends on its last day. "Giai đoạn 2026 - 2030" without a number is
the plan's whole span, not a named phase, and "giai đoạn 2 Dự án …" has no dates.
"""

from __future__ import annotations

import datetime as dt
import re

from .dates import DateMatch, match_date_at
from .draft import Phase
from .sections import Outline

PHASE_NAME_RE = re.compile(
    r"(?<!\w)(?P<word>giai\sđoạn|đợt)\s(?P<label>\d{1,2}|[IVX]{1,4}|một|hai|ba|bốn)(?![\w/])", re.IGNORECASE
)
# A list of phases named by their years: "- Giai đoạn 2026 - 2027: …" at the start of a line, or
# headings "1. Giai đoạn 2026 – 2028" / "2. Giai đoạn 2029 – 2031" alone on their lines.
YEARS_NAME_RE = re.compile(
    r"(?<![^\n])(?:[-+•]\s|\d{1,2}[.)]\s|[IVX]{1,4}\.\s|[a-zđ]\)\s)?(?P<word>Giai\sđoạn)\s"
    r"(?=(?:19|20)\d{2}\s?[-–]\s?(?:19|20)\d{2}\s?(?::|\n|$))",
    re.IGNORECASE,
)
_BEFORE_START = re.compile(r"\s?[:(,.–-]?\s?\(?\s?(?:từ\s)?(?:ngày\s)?", re.IGNORECASE)
_BETWEEN = re.compile(r"\s?(?:đến|tới|-|–|—)\s?(?:hết\s|cuối\s)?(?:ngày\s)?", re.IGNORECASE)
_MIN_YEAR_NAMED = 2  # one "Giai đoạn 2026 - 2030" alone is the plan's span, not one of its phases


def find_phases(text: str, outline: Outline, body: tuple[int, int]) -> list[Phase]:
    """Every named phase with both dates, once per (start, end)."""
    found = [_phase_at(text, m, outline) for m in PHASE_NAME_RE.finditer(text, body[0], body[1])]
    by_years = [_phase_at(text, m, outline) for m in YEARS_NAME_RE.finditer(text, body[0], body[1])]
    by_years = [p for p in by_years if p]
    if len(by_years) >= _MIN_YEAR_NAMED:
        found += by_years
    phases: list[Phase] = []
    seen: set[tuple[str, str]] = set()
    for phase in sorted((p for p in found if p), key=lambda p: p.span):
        if (phase.start, phase.end) not in seen:
            seen.add((phase.start, phase.end))
            phases.append(phase)
    return phases


def _phase_at(text: str, match: re.Match[str], outline: Outline) -> Phase | None:
    """The phase whose name is `match`, if a start and an end date follow it."""
    lead = _BEFORE_START.match(text, match.end())
    first = match_date_at(text, lead.end(), bare_year=True) if lead else None
    if first is None:
        return None
    between = _BETWEEN.match(text, first.end)
    second = match_date_at(text, between.end(), bare_year=True) if between else None
    if second is None or second.last is None:
        return None
    start = first.first or _in_year_of(first, second)  # "từ ngày 01/3 đến ngày 30/6/2026"
    if start is None or second.last < start:
        return None
    word = match.group("word")
    label = match.group("label") if "label" in match.groupdict() else f"{start.year} - {second.last.year}"
    return Phase(
        name=f"{word[:1].upper()}{word[1:].lower()} {label}",
        start=start.isoformat(),
        end=second.last.isoformat(),
        section=outline.id_at(match.start("word")),
        span=(match.start("word"), second.end),
    )


def _in_year_of(first: DateMatch, second: DateMatch) -> dt.date | None:
    """A year-less start date, in the year of the end date."""
    if first.month_day is None or second.last is None:
        return None
    try:
        return dt.date(second.last.year, *first.month_day)
    except ValueError:
        return None
