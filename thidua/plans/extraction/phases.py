"""Phases: named periods of the plan ("Giai đoạn 1: từ năm 2026 đến hết tháng 6 năm 2028").

A phase is "Giai đoạn" or "Đợt" with its number, then a start and an end date expression
("từ … đến (hết) …", "(2026 - 2028)"). A year alone starts on 1 January and ends on 31
December; a month alone ends on its last day. "Giai đoạn 2026 - 2030" without a number is
the plan's whole span, not a named phase, and "giai đoạn 2 Dự án …" has no dates.
"""

from __future__ import annotations

import re

from .dates import match_date_at
from .draft import Phase
from .sections import Outline

PHASE_NAME_RE = re.compile(
    r"(?<!\w)(?P<word>giai\sđoạn|đợt)\s(?P<label>\d{1,2}|[IVX]{1,4}|một|hai|ba|bốn)(?![\w/])", re.IGNORECASE
)
_BEFORE_START = re.compile(r"\s?[:(,.–-]?\s?\(?\s?(?:từ\s)?(?:ngày\s)?", re.IGNORECASE)
_BETWEEN = re.compile(r"\s?(?:đến|tới|-|–|—)\s?(?:hết\s|cuối\s)?(?:ngày\s)?", re.IGNORECASE)


def find_phases(text: str, outline: Outline, body: tuple[int, int]) -> list[Phase]:
    """Every named phase with both dates, once per (start, end)."""
    phases: list[Phase] = []
    seen: set[tuple[str, str]] = set()
    for match in PHASE_NAME_RE.finditer(text, body[0], body[1]):
        phase = _phase_at(text, match, outline)
        if phase and (phase.start, phase.end) not in seen:
            seen.add((phase.start, phase.end))
            phases.append(phase)
    return phases


def _phase_at(text: str, match: re.Match, outline: Outline) -> Phase | None:
    """The phase whose name is `match`, if dates follow it."""
    lead = _BEFORE_START.match(text, match.end())
    first = match_date_at(text, lead.end(), bare_year=True) if lead else None
    if first is None or first.first is None:
        return None
    between = _BETWEEN.match(text, first.end)
    second = match_date_at(text, between.end(), bare_year=True) if between else None
    if second is None or second.last is None or second.last < first.first:
        return None
    word = match.group("word")
    name = f"{word[:1].upper()}{word[1:].lower()} {match.group('label')}"
    return Phase(
        name=name,
        start=first.first.isoformat(),
        end=second.last.isoformat(),
        section=outline.id_at(match.start()),
        span=(match.start(), second.end),
    )
