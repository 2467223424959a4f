"""Criteria shared by the people's and the units' titles."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from thidua.awards.engine.facts import DisciplineEntry, PastAward, RatingEntry, Reason, RuleVersion
from thidua.awards.engine.vocabulary import (
    MEASURE_RANK,
    RATING_RANK,
    AwardKind,
    Criterion,
    Measure,
    Met,
    Rating,
    Title,
)


def registration(rule: RuleVersion, registrations: Mapping[Title, bool], accepted: Sequence[Title]) -> Reason:
    states = [registrations[title] for title in accepted if title in registrations]
    met: Met = True if any(states) else (None if states else False)
    detail = {"state": "approved" if met else ("pending" if met is None else "missing")}
    return Reason(Criterion.REGISTRATION, met, rule.basis(Criterion.REGISTRATION), detail)


def rating(rule: RuleVersion, entry: RatingEntry | None, minimum: Rating, criterion: Criterion) -> Reason:
    basis = rule.basis(criterion)
    if entry is None:
        return Reason(criterion, None, basis, {"minimum": minimum, "rating": None})
    detail = {"minimum": minimum, "rating": entry.rating, "confirmed": entry.confirmed}
    if RATING_RANK[entry.rating] < RATING_RANK[minimum]:
        return Reason(criterion, False, basis, detail)
    return Reason(criterion, True if entry.confirmed else None, basis, detail)


def hold(rule: RuleVersion, holds: tuple[str, ...]) -> Reason:
    return Reason(Criterion.HOLD, not holds, rule.basis(Criterion.HOLD), {"holds": list(holds)})


def extra(rule: RuleVersion) -> list[Reason]:
    return [
        Reason(Criterion.EXTRA, None, rule.basis(Criterion.EXTRA), {"text": text})
        for text in rule.parameters["extra_criteria"]
    ]


def disciplined(
    disciplines: Iterable[DisciplineEntry], year: int, from_measure: Measure
) -> list[DisciplineEntry]:
    return [
        d for d in disciplines if d.overlaps(year) and MEASURE_RANK[d.measure] >= MEASURE_RANK[from_measure]
    ]


def has_award(awards: Iterable[PastAward], year: int, title: Title) -> bool:
    return any(a.year == year and a.title == title and a.kind == AwardKind.ANNUAL for a in awards)
