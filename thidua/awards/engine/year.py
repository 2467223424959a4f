"""The whole agency for a year: every person and unit against every title with a rule in force."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

from thidua.awards.engine.facts import Judgement, PersonFacts, RatingCap, Reason, RuleVersion, UnitFacts
from thidua.awards.engine.persons import (
    judge_bang_khen_tinh,
    judge_cstd_tinh,
    judge_cstdcs,
    judge_giay_khen,
    judge_ldtt,
)
from thidua.awards.engine.units import judge_co_thi_dua, judge_ttldtt, judge_ttldxs
from thidua.awards.engine.vocabulary import PERSON_TITLES, Criterion, Rating, Title


def rating_counts(
    people: Iterable[PersonFacts], year: int, cap: RatingCap | None
) -> dict[int, tuple[int, int]]:
    """Per unit: (rated excellent, rated good) among the people the cap covers."""
    counts: dict[int, list[int]] = {}
    for person in people:
        entry = person.ratings.get(year)
        if cap is None or entry is None or person.category not in cap.categories:
            continue
        pair = counts.setdefault(person.unit_key, [0, 0])
        if entry.rating == Rating.EXCELLENT:
            pair[0] += 1
        elif entry.rating == Rating.GOOD:
            pair[1] += 1
    return {unit: (pair[0], pair[1]) for unit, pair in counts.items()}


def _apply_quota(judged: dict[tuple[int, Title], Judgement], rule: RuleVersion) -> None:
    """CSTĐCS at most quota_share_of_ldtt × the people eligible for LĐTT, across the agency (rounded down):
    when more are eligible, the council chooses, so each of them needs review."""
    share = rule.parameters["quota_share_of_ldtt"]
    if share is None:
        return
    ldtt = sum(1 for (_, title), j in judged.items() if title == Title.LDTT and j.met is True)
    eligible = [key for key, j in judged.items() if key[1] == Title.CSTDCS and j.met is True]
    allowed = int(Fraction(str(share)) * ldtt)
    met = len(eligible) <= allowed
    detail = {"eligible": len(eligible), "allowed": allowed, "share": share, "ldtt": ldtt}
    for key in eligible:
        old = judged[key]
        reason = Reason(Criterion.QUOTA, True if met else None, rule.basis(Criterion.QUOTA), detail)
        judged[key] = Judgement(
            old.kind, old.key, old.name, old.title, (*old.reasons, reason), old.decided_by, old.note
        )


def judge_year(
    year: int,
    people: Sequence[PersonFacts],
    units: Sequence[UnitFacts],
    rules: Mapping[Title, RuleVersion],
    cap: RatingCap | None = None,
) -> list[Judgement]:
    """Every person and unit against every title that has a rule in force: people first (LĐTT before
    CSTĐCS, which rests on it), then units, whose criteria read their members' judgements."""
    counts = rating_counts(people, year, cap)
    judged: dict[tuple[int, Title], Judgement] = {}
    for person in people:
        ldtt = judge_ldtt(person, year, rules[Title.LDTT]) if Title.LDTT in rules else None
        if ldtt:
            judged[(person.key, Title.LDTT)] = ldtt
        if ldtt and Title.CSTDCS in rules:
            judged[(person.key, Title.CSTDCS)] = judge_cstdcs(
                person, year, rules[Title.CSTDCS], ldtt, cap, counts
            )
    if Title.CSTDCS in rules:
        _apply_quota(judged, rules[Title.CSTDCS])
    for person in people:
        cstdcs = judged.get((person.key, Title.CSTDCS))
        if cstdcs and Title.CSTD_TINH in rules:
            judged[(person.key, Title.CSTD_TINH)] = judge_cstd_tinh(
                person, year, rules[Title.CSTD_TINH], cstdcs
            )
        if cstdcs and Title.BANG_KHEN_TINH in rules:
            judged[(person.key, Title.BANG_KHEN_TINH)] = judge_bang_khen_tinh(
                person, year, rules[Title.BANG_KHEN_TINH], cstdcs, cap, counts
            )
        if Title.GIAY_KHEN in rules:
            judged[(person.key, Title.GIAY_KHEN)] = judge_giay_khen(person, year, rules[Title.GIAY_KHEN])
    by_key = {person.key: person for person in people}
    result = [judged[(p.key, t)] for p in people for t in PERSON_TITLES if (p.key, t) in judged]
    for unit in units:
        members = [by_key[key] for key in unit.members if key in by_key]
        if Title.TTLDTT in rules:
            result.append(judge_ttldtt(unit, members, year, rules[Title.TTLDTT], judged))
        if Title.TTLDXS in rules:
            result.append(judge_ttldxs(unit, members, year, rules[Title.TTLDXS], judged))
        if Title.CO_THI_DUA_TINH in rules:
            result.append(judge_co_thi_dua(unit, year, rules[Title.CO_THI_DUA_TINH]))
    return result
