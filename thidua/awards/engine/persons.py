"""The titles of a person: LĐTT, CSTĐCS, CSTĐ cấp tỉnh, Bằng khen and Giấy khen."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Mapping

from thidua.awards.engine.criteria import disciplined, extra, has_award, hold, rating, registration
from thidua.awards.engine.facts import Judgement, PastAward, PersonFacts, RatingCap, Reason, RuleVersion
from thidua.awards.engine.logic import all_of, any_of
from thidua.awards.engine.vocabulary import AwardKind, Criterion, Measure, Met, Rating, SubjectKind, Title


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def judge_ldtt(person: PersonFacts, year: int, rule: RuleVersion) -> Judgement:
    """Lao động tiên tiến. Parameters: registration_required, min_rating, min_months_worked (None: no
    minimum), excluding_measure (discipline from this measure up, in force during the year, excludes;
    None: discipline does not exclude)."""
    p = rule.parameters
    reasons = []
    if p["registration_required"]:
        reasons.append(registration(rule, person.registrations, (Title.LDTT, Title.CSTDCS)))
    reasons.append(rating(rule, person.ratings.get(year), Rating(p["min_rating"]), Criterion.RATING))
    if p["min_months_worked"] is not None:
        reasons.append(_time_worked(rule, person, year, p["min_months_worked"]))
    if p["excluding_measure"] is not None:
        found = disciplined(person.disciplines, year, Measure(p["excluding_measure"]))
        detail = {"measures": [d.measure for d in found], "from": p["excluding_measure"]}
        reasons.append(Reason(Criterion.DISCIPLINE, not found, rule.basis(Criterion.DISCIPLINE), detail))
    reasons.append(hold(rule, person.holds))
    reasons += extra(rule)
    return _person_judgement(person, rule, reasons)


def _time_worked(rule: RuleVersion, person: PersonFacts, year: int, months: int) -> Reason:
    basis = rule.basis(Criterion.TIME_WORKED)
    if person.started_on is None:
        return Reason(Criterion.TIME_WORKED, None, basis, {"months": months, "started_on": None})
    start = max(person.started_on, datetime.date(year, 1, 1))
    # Leave counted as worked time (maternity, treatment after a heroic act…) changes nothing; other
    # leave in the year is time not worked.
    not_counted = sum(
        leave.days_in(start, datetime.date(year, 12, 31))
        for leave in person.leaves
        if not leave.counts_as_worked
    )
    met = add_months(start, months) + datetime.timedelta(days=not_counted) <= datetime.date(year + 1, 1, 1)
    detail = {"months": months, "started_on": person.started_on, "leave_days_not_counted": not_counted}
    return Reason(Criterion.TIME_WORKED, met, basis, detail)


def _person_judgement(person: PersonFacts, rule: RuleVersion, reasons: list[Reason]) -> Judgement:
    return Judgement(
        SubjectKind.PERSON, person.key, person.name, rule.title, tuple(reasons), rule.decided_by, rule.note
    )


def _cap_reason(
    cap: RatingCap | None, person: PersonFacts, year: int, counts: Mapping[int, tuple[int, int]]
) -> list[Reason]:
    entry = person.ratings.get(year)
    if (
        cap is None
        or entry is None
        or entry.rating != Rating.EXCELLENT
        or person.category not in cap.categories
    ):
        return []
    excellent, good = counts.get(person.unit_key, (0, 0))
    detail = {"excellent": excellent, "good": good, "share": cap.share}
    return [Reason(Criterion.RATING_CAP, True if cap.allows(excellent, good) else None, cap.basis, detail)]


def judge_cstdcs(
    person: PersonFacts,
    year: int,
    rule: RuleVersion,
    ldtt: Judgement,
    cap: RatingCap | None,
    cap_counts: Mapping[int, tuple[int, int]],
) -> Judgement:
    """Chiến sĩ thi đua cơ sở (Luật 2022 Điều 23): the LĐTT standard, and "hoàn thành xuất sắc" or an
    initiative recognised in the year (both, when require_excellent_and_initiative, as the Dec-2025 draft
    amendment proposes). Parameters: registration_required, min_initiatives,
    require_excellent_and_initiative, quota_share_of_ldtt (applied across the agency by `judge_year`)."""
    p = rule.parameters
    reasons = []
    if p["registration_required"]:
        reasons.append(registration(rule, person.registrations, (Title.CSTDCS,)))
    ldtt_met = True if has_award(person.awards, year, Title.LDTT) else ldtt.met
    reasons.append(Reason(Criterion.LDTT_STANDARD, ldtt_met, rule.basis(Criterion.LDTT_STANDARD)))
    entry = person.ratings.get(year)
    excellent: Met = None if entry is None else entry.rating == Rating.EXCELLENT
    initiatives = person.initiatives.get(year, 0)
    with_initiative = initiatives >= p["min_initiatives"] and p["min_initiatives"] > 0
    both = p["require_excellent_and_initiative"]
    met = all_of([excellent, with_initiative]) if both else any_of([excellent, with_initiative])
    detail = {
        "excellent": excellent,
        "initiatives": initiatives,
        "min_initiatives": p["min_initiatives"],
        "both": both,
    }
    reasons.append(Reason(Criterion.ACHIEVEMENT, met, rule.basis(Criterion.ACHIEVEMENT), detail))
    reasons += _cap_reason(cap, person, year, cap_counts)
    reasons.append(hold(rule, person.holds))
    reasons += extra(rule)
    return _person_judgement(person, rule, reasons)


def chain(awards: Iterable[PastAward], title: Title, before: int) -> int:
    """How many consecutive years up to `before` - 1 carry `title` as a yearly (not thematic or sudden)
    award."""
    years = {a.year for a in awards if a.title == title and a.kind == AwardKind.ANNUAL}
    count = 0
    while before - 1 - count in years:
        count += 1
    return count


def _chain_reason(rule: RuleVersion, person: PersonFacts, year: int, needed: int, this_year: Met) -> Reason:
    earlier = chain(person.awards, Title.CSTDCS, year)
    current = True if has_award(person.awards, year, Title.CSTDCS) else this_year
    met: Met = False if earlier < needed - 1 else (current if needed > 0 else True)
    detail = {"needed": needed, "earlier": earlier, "this_year": current}
    return Reason(Criterion.CONSECUTIVE_CSTDCS, met, rule.basis(Criterion.CONSECUTIVE_CSTDCS), detail)


def judge_cstd_tinh(person: PersonFacts, year: int, rule: RuleVersion, cstdcs: Judgement) -> Judgement:
    """Chiến sĩ thi đua cấp tỉnh (proposed to the province): consecutive_cstdcs CSTĐCS titles ending this
    year (thematic and sudden rewards never count) and min_provincial_initiatives initiatives whose
    province-wide effect the province recognised within those years."""
    p = rule.parameters
    needed = p["consecutive_cstdcs"]
    reasons = [_chain_reason(rule, person, year, needed, cstdcs.met)]
    span = range(year - max(needed, 1) + 1, year + 1)
    found = sum(person.provincial_initiatives.get(y, 0) for y in span)
    detail = {"count": found, "needed": p["min_provincial_initiatives"]}
    met = found >= p["min_provincial_initiatives"]
    reasons.append(
        Reason(Criterion.PROVINCIAL_INITIATIVE, met, rule.basis(Criterion.PROVINCIAL_INITIATIVE), detail)
    )
    reasons.append(hold(rule, person.holds))
    reasons += extra(rule)
    return _person_judgement(person, rule, reasons)


def judge_bang_khen_tinh(
    person: PersonFacts,
    year: int,
    rule: RuleVersion,
    cstdcs: Judgement,
    cap: RatingCap | None,
    cap_counts: Mapping[int, tuple[int, int]],
) -> Judgement:
    """Bằng khen của Chủ tịch UBND tỉnh, criterion d (Luật 2022 Điều 74 khoản 1): consecutive_cstdcs
    CSTĐCS titles in a row ending this year, OR consecutive_excellent_years years rated "hoàn thành xuất
    sắc" in a row ending this year with min_initiatives_in_those_years initiatives recognised in them."""
    p = rule.parameters
    by_chain = _chain_reason(rule, person, year, p["consecutive_cstdcs"], cstdcs.met).met
    years = range(year - p["consecutive_excellent_years"] + 1, year + 1)
    ratings = [person.ratings.get(y) for y in years]
    excellent = all_of(None if r is None else r.rating == Rating.EXCELLENT for r in ratings)
    initiatives = sum(person.initiatives.get(y, 0) for y in years)
    by_record = all_of([excellent, initiatives >= p["min_initiatives_in_those_years"]])
    detail = {
        "cstdcs_needed": p["consecutive_cstdcs"],
        "cstdcs_earlier": chain(person.awards, Title.CSTDCS, year),
        "excellent_years": p["consecutive_excellent_years"],
        "initiatives": initiatives,
        "initiatives_needed": p["min_initiatives_in_those_years"],
    }
    reasons = [
        Reason(
            Criterion.CONSECUTIVE_RECORD,
            any_of([by_chain, by_record]),
            rule.basis(Criterion.CONSECUTIVE_RECORD),
            detail,
        )
    ]
    reasons += _cap_reason(cap, person, year, cap_counts)
    reasons.append(hold(rule, person.holds))
    reasons += extra(rule)
    return _person_judgement(person, rule, reasons)


def judge_giay_khen(person: PersonFacts, year: int, rule: RuleVersion) -> Judgement:
    """Giấy khen của Giám đốc Sở: the criteria are the province's (Luật 2022 Điều 75 khoản 2); the rule
    keeps the rating needed and lists the rest as extra_criteria for the council."""
    reasons = [
        rating(rule, person.ratings.get(year), Rating(rule.parameters["min_rating"]), Criterion.RATING),
        hold(rule, person.holds),
        *extra(rule),
    ]
    return _person_judgement(person, rule, reasons)
