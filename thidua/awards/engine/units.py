"""The titles of a unit: Tập thể LĐTT, Tập thể LĐXS and Cờ thi đua, read from its members' judgements."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from thidua.awards.engine.criteria import disciplined, extra, has_award, hold, rating, registration
from thidua.awards.engine.facts import Judgement, PersonFacts, Reason, RuleVersion, UnitFacts
from thidua.awards.engine.logic import share_reaches
from thidua.awards.engine.vocabulary import RATING_RANK, Criterion, Measure, Met, Rating, SubjectKind, Title


def _member_state(
    person: PersonFacts, title: Title, year: int, judged: Mapping[tuple[int, Title], Judgement]
) -> Met:
    if has_award(person.awards, year, title):
        return True
    judgement = judged.get((person.key, title))
    return judgement.met if judgement is not None else False


def _members_share(
    rule: RuleVersion,
    members: Sequence[PersonFacts],
    year: int,
    judged: Mapping[tuple[int, Title], Judgement],
) -> Reason:
    states = [_member_state(m, Title.LDTT, year, judged) for m in members]
    sure, maybe = states.count(True), states.count(None)
    threshold = Fraction(str(rule.parameters["min_ldtt_share"]))
    strict = rule.parameters["ldtt_share_strict"]
    met = share_reaches(sure, maybe, len(members), threshold, strict=strict)
    detail = {
        "count": sure,
        "undecided": maybe,
        "total": len(members),
        "share": rule.parameters["min_ldtt_share"],
        "strict": strict,
    }
    return Reason(Criterion.MEMBERS_LDTT_SHARE, met, rule.basis(Criterion.MEMBERS_LDTT_SHARE), detail)


def _scoring(rule: RuleVersion, unit: UnitFacts) -> list[Reason]:
    """The unit's place in the verified scoring, when the rule asks for one: not yet verified needs a
    person (the office may still verify it), below the rank or points asked is not met."""
    top, minimum = rule.parameters.get("scoring_top_rank"), rule.parameters.get("scoring_min_points")
    if top is None and minimum is None:
        return []
    found = unit.scoring
    detail: dict[str, Any] = {"top": top, "min_points": minimum, "rank": None, "total": None, "ranked": 0}
    basis = rule.basis(Criterion.UNIT_SCORING)
    if found is None:
        return [Reason(Criterion.UNIT_SCORING, None, basis, detail)]
    detail |= {"rank": found.rank, "total": found.total, "ranked": found.ranked}
    met = (top is None or found.rank <= top) and (minimum is None or found.total >= Decimal(str(minimum)))
    return [Reason(Criterion.UNIT_SCORING, met, basis, detail)]


def _unit_judgement(unit: UnitFacts, rule: RuleVersion, reasons: list[Reason]) -> Judgement:
    reasons = [*reasons, *_scoring(rule, unit)]
    return Judgement(
        SubjectKind.UNIT, unit.key, unit.name, rule.title, tuple(reasons), rule.decided_by, rule.note
    )


def judge_ttldtt(
    unit: UnitFacts,
    members: Sequence[PersonFacts],
    year: int,
    rule: RuleVersion,
    judged: Mapping[tuple[int, Title], Judgement],
) -> Judgement:
    """Tập thể lao động tiên tiến: the unit rated at least min_unit_rating; more than min_ldtt_share of
    its members LĐTT (at least, when not ldtt_share_strict); no member disciplined from
    member_discipline_from up during the year."""
    p = rule.parameters
    reasons = []
    if p["registration_required"]:
        reasons.append(registration(rule, unit.registrations, (Title.TTLDTT, Title.TTLDXS)))
    reasons.append(rating(rule, unit.rating, Rating(p["min_unit_rating"]), Criterion.UNIT_RATING))
    reasons.append(_members_share(rule, members, year, judged))
    if p["member_discipline_from"] is not None:
        measure = Measure(p["member_discipline_from"])
        found = [m.name for m in members if disciplined(m.disciplines, year, measure)]
        detail = {"names": found, "from": measure}
        reasons.append(
            Reason(Criterion.MEMBERS_DISCIPLINE, not found, rule.basis(Criterion.MEMBERS_DISCIPLINE), detail)
        )
    reasons.append(hold(rule, unit.holds))
    reasons += extra(rule)
    return _unit_judgement(unit, rule, reasons)


def judge_ttldxs(
    unit: UnitFacts,
    members: Sequence[PersonFacts],
    year: int,
    rule: RuleVersion,
    judged: Mapping[tuple[int, Title], Judgement],
) -> Judgement:
    """Tập thể lao động xuất sắc (proposed to the province): the unit rated min_unit_rating; every member
    rated at least min_members_rating; min_ldtt_share of members LĐTT; min_cstdcs_members CSTĐCS."""
    p = rule.parameters
    reasons = []
    if p["registration_required"]:
        reasons.append(registration(rule, unit.registrations, (Title.TTLDXS,)))
    reasons.append(rating(rule, unit.rating, Rating(p["min_unit_rating"]), Criterion.UNIT_RATING))
    minimum = Rating(p["min_members_rating"])
    ratings = [m.ratings.get(year) for m in members]
    below = [
        m.name
        for m, r in zip(members, ratings, strict=True)
        if r and RATING_RANK[r.rating] < RATING_RANK[minimum]
    ]
    missing = [m.name for m, r in zip(members, ratings, strict=True) if r is None]
    met: Met = False if below or not members else (None if missing else True)
    detail = {"minimum": minimum, "below": below, "missing": missing, "total": len(members)}
    reasons.append(Reason(Criterion.MEMBERS_COMPLETED, met, rule.basis(Criterion.MEMBERS_COMPLETED), detail))
    reasons.append(_members_share(rule, members, year, judged))
    states = [_member_state(m, Title.CSTDCS, year, judged) for m in members]
    needed = p["min_cstdcs_members"]
    sure, maybe = states.count(True), states.count(None)
    met = True if sure >= needed else (None if sure + maybe >= needed else False)
    detail = {"count": sure, "undecided": maybe, "needed": needed}
    reasons.append(Reason(Criterion.MEMBERS_CSTDCS, met, rule.basis(Criterion.MEMBERS_CSTDCS), detail))
    reasons.append(hold(rule, unit.holds))
    reasons += extra(rule)
    return _unit_judgement(unit, rule, reasons)


def judge_co_thi_dua(unit: UnitFacts, year: int, rule: RuleVersion) -> Judgement:
    """Cờ thi đua của UBND tỉnh: the unit's rating; leading the khối thi đua and the rest are the
    province's judgement (extra_criteria)."""
    reasons = [
        rating(rule, unit.rating, Rating(rule.parameters["min_unit_rating"]), Criterion.UNIT_RATING),
        hold(rule, unit.holds),
        *extra(rule),
    ]
    return _unit_judgement(unit, rule, reasons)
