"""The eligibility engine: who may receive which title for a year, criterion by criterion.

Pure Python (no Django): facts and rule versions come in as dataclasses, judgements go out. Every
criterion is three-valued — met (True), not met (False) or a human judgement needed (None) — and cites
the basis it rests on. A judgement is `not_eligible` when one criterion is not met, `needs_review` when
none fails but one needs a person to decide, `eligible` otherwise.

Every number the law leaves to the province or has not settled (shares, counts, the rating needed,
whether registration gates consideration) is a rule parameter, read from `RuleVersion.parameters`; the
keys each title needs are in `PARAMETERS`.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any


class Rating(StrEnum):
    EXCELLENT = "excellent"
    GOOD = "good"
    COMPLETED = "completed"
    NOT_COMPLETED = "not_completed"


RATING_RANK = {Rating.NOT_COMPLETED: 0, Rating.COMPLETED: 1, Rating.GOOD: 2, Rating.EXCELLENT: 3}


class Category(StrEnum):
    CIVIL_SERVANT = "civil_servant"
    PUBLIC_EMPLOYEE = "public_employee"
    WORKER = "worker"


class Title(StrEnum):
    LDTT = "ldtt"
    CSTDCS = "cstdcs"
    CSTD_TINH = "cstd_tinh"
    GIAY_KHEN = "giay_khen"
    BANG_KHEN_TINH = "bang_khen_tinh"
    TTLDTT = "ttldtt"
    TTLDXS = "ttldxs"
    CO_THI_DUA_TINH = "co_thi_dua_tinh"


PERSON_TITLES = (Title.LDTT, Title.CSTDCS, Title.CSTD_TINH, Title.BANG_KHEN_TINH, Title.GIAY_KHEN)
UNIT_TITLES = (Title.TTLDTT, Title.TTLDXS, Title.CO_THI_DUA_TINH)


class SubjectKind(StrEnum):
    PERSON = "person"
    UNIT = "unit"


class Measure(StrEnum):
    """Disciplinary measures, lightest first."""

    REPRIMAND = "reprimand"
    WARNING = "warning"
    SALARY_DOWNGRADE = "salary_downgrade"
    DEMOTION = "demotion"
    DISMISSAL_FROM_POST = "dismissal_from_post"
    DISMISSAL = "dismissal"


MEASURE_RANK = {measure: n for n, measure in enumerate(Measure)}


class AwardKind(StrEnum):
    ANNUAL = "annual"
    THEMATIC = "thematic"
    SUDDEN = "sudden"


class Verdict(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_REVIEW = "needs_review"


class Criterion(StrEnum):
    REGISTRATION = "registration"
    RATING = "rating"
    TIME_WORKED = "time_worked"
    DISCIPLINE = "discipline"
    HOLD = "hold"
    LDTT_STANDARD = "ldtt_standard"
    ACHIEVEMENT = "achievement"
    RATING_CAP = "rating_cap"
    QUOTA = "quota"
    CONSECUTIVE_CSTDCS = "consecutive_cstdcs"
    PROVINCIAL_INITIATIVE = "provincial_initiative"
    CONSECUTIVE_RECORD = "consecutive_record"
    UNIT_RATING = "unit_rating"
    MEMBERS_COMPLETED = "members_completed"
    MEMBERS_LDTT_SHARE = "members_ldtt_share"
    MEMBERS_CSTDCS = "members_cstdcs"
    MEMBERS_DISCIPLINE = "members_discipline"
    UNIT_SCORING = "unit_scoring"
    EXTRA = "extra"


Met = bool | None

# The keys each title's parameters must carry, and a check of each value.


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_share(value: Any) -> bool:
    try:
        return 0 <= Decimal(str(value)) <= 1 and not isinstance(value, bool)
    except ArithmeticError:
        return False


def _is_rating(value: Any) -> bool:
    return value in set(Rating)


def _optional(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: value is None or check(value)


def _is_texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)


def _is_decider(value: Any) -> bool:
    return value in ("director", "province")


def _is_bases(value: Any) -> bool:
    return isinstance(value, dict) and all(
        key in set(Criterion) and isinstance(text, str) for key, text in value.items()
    )


COMMON: dict[str, Callable[[Any], bool]] = {"decided_by": _is_decider, "extra_criteria": _is_texts}
PARAMETERS: dict[Title, dict[str, Callable[[Any], bool]]] = {
    Title.LDTT: {
        "registration_required": _is_bool,
        "min_rating": _is_rating,
        "min_months_worked": _optional(_is_count),
        "excluding_measure": _optional(lambda v: v in set(Measure)),
    },
    Title.CSTDCS: {
        "registration_required": _is_bool,
        "min_initiatives": _is_count,
        "require_excellent_and_initiative": _is_bool,
        "quota_share_of_ldtt": _optional(_is_share),
    },
    Title.CSTD_TINH: {"consecutive_cstdcs": _is_count, "min_provincial_initiatives": _is_count},
    Title.BANG_KHEN_TINH: {
        "consecutive_cstdcs": _is_count,
        "consecutive_excellent_years": _is_count,
        "min_initiatives_in_those_years": _is_count,
    },
    Title.GIAY_KHEN: {"min_rating": _is_rating},
    Title.TTLDTT: {
        "registration_required": _is_bool,
        "min_unit_rating": _is_rating,
        "min_ldtt_share": _is_share,
        "ldtt_share_strict": _is_bool,
        "member_discipline_from": _optional(lambda v: v in set(Measure)),
    },
    Title.TTLDXS: {
        "registration_required": _is_bool,
        "min_unit_rating": _is_rating,
        "min_members_rating": _is_rating,
        "min_ldtt_share": _is_share,
        "ldtt_share_strict": _is_bool,
        "min_cstdcs_members": _is_count,
    },
    Title.CO_THI_DUA_TINH: {"min_unit_rating": _is_rating},
}


def parameter_problems(title: Title, parameters: Mapping[str, Any]) -> list[str]:
    """The keys of `parameters` that are missing or hold a value of the wrong kind for `title`."""
    checks = COMMON | PARAMETERS[title]
    problems = [key for key, check in checks.items() if key not in parameters or not check(parameters[key])]
    if "bases" in parameters and not _is_bases(parameters["bases"]):
        problems.append("bases")
    if "ballot_share" in parameters and not _is_share(parameters["ballot_share"]):
        problems.append("ballot_share")
    if title in UNIT_TITLES:
        problems += [
            key
            for key, check in SCORING_PARAMETERS.items()
            if key in parameters and not _optional(check)(parameters[key])
        ]
    return problems


def _is_points(value: Any) -> bool:
    try:
        return Decimal(str(value)) >= 0 and not isinstance(value, bool)
    except ArithmeticError:
        return False


# Optional on every collective title: the unit's place in the agency's verified chấm điểm thi đua
# (top `scoring_top_rank`, at least `scoring_min_points`); absent or None, the ranking is not a criterion.
SCORING_PARAMETERS: dict[str, Callable[[Any], bool]] = {
    "scoring_top_rank": lambda v: _is_count(v) and v > 0,
    "scoring_min_points": _is_points,
}


def ballot_passes(agree: int, members_total: int, threshold: Any) -> bool | None:
    """Whether a nominee carried the council's secret ballot: "agree" (ballots and absent members'
    written opinions together) reaches `threshold`, a share of the council's whole membership (the
    rule's `vote_threshold` parameter). None when the rule sets no threshold: a person must decide."""
    if threshold is None or not _is_share(threshold) or members_total <= 0:
        return None
    return Fraction(agree, members_total) >= Fraction(str(threshold))


# Inputs.


@dataclass(frozen=True)
class RuleVersion:
    """One title's rule as the engine reads it: the document and article it rests on, its parameters,
    and `bases`, a more precise citation per criterion where one exists."""

    title: Title
    document: str
    article: str
    parameters: Mapping[str, Any]
    note: str = ""

    def basis(self, criterion: Criterion) -> str:
        specific = self.parameters.get("bases", {}).get(criterion)
        if specific:
            return specific
        return f"{self.document}, {self.article}" if self.article else self.document

    @property
    def decided_by(self) -> str:
        return self.parameters["decided_by"]


@dataclass(frozen=True)
class RatingCap:
    """At most `share` × (those rated "good") may be rated "excellent" in a unit, for `categories`."""

    share: Decimal
    categories: frozenset[Category]
    document: str
    article: str = ""

    @property
    def basis(self) -> str:
        return f"{self.document}, {self.article}" if self.article else self.document

    def allows(self, excellent: int, good: int) -> bool:
        return Fraction(excellent) <= Fraction(str(self.share)) * good


@dataclass(frozen=True)
class RatingEntry:
    rating: Rating
    confirmed: bool


@dataclass(frozen=True)
class DisciplineEntry:
    measure: Measure
    starts_on: datetime.date
    ends_on: datetime.date | None = None

    def overlaps(self, year: int) -> bool:
        return self.starts_on <= datetime.date(year, 12, 31) and (
            self.ends_on is None or self.ends_on >= datetime.date(year, 1, 1)
        )


@dataclass(frozen=True)
class LeaveEntry:
    """A period of leave; leave that does not count as worked time shortens the time worked."""

    starts_on: datetime.date
    ends_on: datetime.date
    counts_as_worked: bool = True

    def days_in(self, first: datetime.date, last: datetime.date) -> int:
        start, end = max(self.starts_on, first), min(self.ends_on, last)
        return max((end - start).days + 1, 0)


@dataclass(frozen=True)
class PastAward:
    year: int
    title: str
    kind: AwardKind = AwardKind.ANNUAL


@dataclass(frozen=True)
class PersonFacts:
    """What Thi Đua knows of one person. `registrations` maps each title the person is registered for
    to whether that registration is approved; initiative counts are by year of recognition."""

    key: int
    name: str
    unit_key: int
    category: Category
    started_on: datetime.date | None = None
    ratings: Mapping[int, RatingEntry] = field(default_factory=dict)
    disciplines: tuple[DisciplineEntry, ...] = ()
    holds: tuple[str, ...] = ()
    initiatives: Mapping[int, int] = field(default_factory=dict)
    provincial_initiatives: Mapping[int, int] = field(default_factory=dict)
    awards: tuple[PastAward, ...] = ()
    registrations: Mapping[Title, bool] = field(default_factory=dict)
    leaves: tuple[LeaveEntry, ...] = ()


@dataclass(frozen=True)
class UnitScoring:
    """The unit's verified chấm điểm thi đua of the year: its total, its rank among `ranked` units."""

    total: Decimal
    rank: int
    ranked: int
    basis: str = ""


@dataclass(frozen=True)
class UnitFacts:
    """One unit: its rating for the year, open holds, its registration, the keys of its members
    (the people of the unit and of the units below it) and its verified scoring, when there is one."""

    key: int
    name: str
    rating: RatingEntry | None = None
    holds: tuple[str, ...] = ()
    registrations: Mapping[Title, bool] = field(default_factory=dict)
    members: tuple[int, ...] = ()
    awards: tuple[PastAward, ...] = ()
    scoring: UnitScoring | None = None


# Outputs.


@dataclass(frozen=True)
class Reason:
    """One criterion's result with its basis; `detail` holds the numbers a sentence needs."""

    criterion: Criterion
    met: Met
    basis: str
    detail: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Judgement:
    kind: SubjectKind
    key: int
    name: str
    title: Title
    reasons: tuple[Reason, ...]
    decided_by: str
    note: str = ""

    @property
    def met(self) -> Met:
        return all_of(reason.met for reason in self.reasons)

    @property
    def verdict(self) -> Verdict:
        return to_verdict(self.met)


def all_of(values: Iterable[Met]) -> Met:
    """Three-valued AND: False wins, then None (undecided), else True."""
    values = list(values)
    if any(value is False for value in values):
        return False
    if any(value is None for value in values):
        return None
    return True


def any_of(values: Iterable[Met]) -> Met:
    """Three-valued OR: True wins, then None (undecided), else False."""
    values = list(values)
    if any(value is True for value in values):
        return True
    if any(value is None for value in values):
        return None
    return False


def to_verdict(met: Met) -> Verdict:
    if met is True:
        return Verdict.ELIGIBLE
    if met is False:
        return Verdict.NOT_ELIGIBLE
    return Verdict.NEEDS_REVIEW


def share_reaches(count: int, maybe: int, total: int, threshold: Fraction, *, strict: bool) -> Met:
    """Whether `count` of `total` reaches `threshold` (above it when `strict`); None when only the
    `maybe` undecided ones could make it."""

    def reaches(n: int) -> bool:
        if total <= 0:
            return False
        share = Fraction(n, total)
        return share > threshold if strict else share >= threshold

    if reaches(count):
        return True
    return None if reaches(count + maybe) else False


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# Individual criteria.


def _registration(
    rule: RuleVersion, registrations: Mapping[Title, bool], accepted: Sequence[Title]
) -> Reason:
    states = [registrations[title] for title in accepted if title in registrations]
    met: Met = True if any(states) else (None if states else False)
    detail = {"state": "approved" if met else ("pending" if met is None else "missing")}
    return Reason(Criterion.REGISTRATION, met, rule.basis(Criterion.REGISTRATION), detail)


def _rating(rule: RuleVersion, entry: RatingEntry | None, minimum: Rating, criterion: Criterion) -> Reason:
    basis = rule.basis(criterion)
    if entry is None:
        return Reason(criterion, None, basis, {"minimum": minimum, "rating": None})
    detail = {"minimum": minimum, "rating": entry.rating, "confirmed": entry.confirmed}
    if RATING_RANK[entry.rating] < RATING_RANK[minimum]:
        return Reason(criterion, False, basis, detail)
    return Reason(criterion, True if entry.confirmed else None, basis, detail)


def _hold(rule: RuleVersion, holds: tuple[str, ...]) -> Reason:
    return Reason(Criterion.HOLD, not holds, rule.basis(Criterion.HOLD), {"holds": list(holds)})


def _extra(rule: RuleVersion) -> list[Reason]:
    return [
        Reason(Criterion.EXTRA, None, rule.basis(Criterion.EXTRA), {"text": text})
        for text in rule.parameters["extra_criteria"]
    ]


def _disciplined(
    disciplines: Iterable[DisciplineEntry], year: int, from_measure: Measure
) -> list[DisciplineEntry]:
    return [
        d for d in disciplines if d.overlaps(year) and MEASURE_RANK[d.measure] >= MEASURE_RANK[from_measure]
    ]


def judge_ldtt(person: PersonFacts, year: int, rule: RuleVersion) -> Judgement:
    """Lao động tiên tiến. Parameters: registration_required, min_rating, min_months_worked (None: no
    minimum), excluding_measure (discipline from this measure up, in force during the year, excludes;
    None: discipline does not exclude)."""
    p = rule.parameters
    reasons = []
    if p["registration_required"]:
        reasons.append(_registration(rule, person.registrations, (Title.LDTT, Title.CSTDCS)))
    reasons.append(_rating(rule, person.ratings.get(year), Rating(p["min_rating"]), Criterion.RATING))
    if p["min_months_worked"] is not None:
        reasons.append(_time_worked(rule, person, year, p["min_months_worked"]))
    if p["excluding_measure"] is not None:
        found = _disciplined(person.disciplines, year, Measure(p["excluding_measure"]))
        detail = {"measures": [d.measure for d in found], "from": p["excluding_measure"]}
        reasons.append(Reason(Criterion.DISCIPLINE, not found, rule.basis(Criterion.DISCIPLINE), detail))
    reasons.append(_hold(rule, person.holds))
    reasons += _extra(rule)
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


def _has_award(awards: Iterable[PastAward], year: int, title: Title) -> bool:
    return any(a.year == year and a.title == title and a.kind == AwardKind.ANNUAL for a in awards)


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
        reasons.append(_registration(rule, person.registrations, (Title.CSTDCS,)))
    ldtt_met = True if _has_award(person.awards, year, Title.LDTT) else ldtt.met
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
    reasons.append(_hold(rule, person.holds))
    reasons += _extra(rule)
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
    current = True if _has_award(person.awards, year, Title.CSTDCS) else this_year
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
    reasons.append(_hold(rule, person.holds))
    reasons += _extra(rule)
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
    reasons.append(_hold(rule, person.holds))
    reasons += _extra(rule)
    return _person_judgement(person, rule, reasons)


def judge_giay_khen(person: PersonFacts, year: int, rule: RuleVersion) -> Judgement:
    """Giấy khen của Giám đốc Sở: the criteria are the province's (Luật 2022 Điều 75 khoản 2); the rule
    keeps the rating needed and lists the rest as extra_criteria for the council."""
    reasons = [
        _rating(rule, person.ratings.get(year), Rating(rule.parameters["min_rating"]), Criterion.RATING),
        _hold(rule, person.holds),
        *_extra(rule),
    ]
    return _person_judgement(person, rule, reasons)


# Collective criteria.


def _member_state(
    person: PersonFacts, title: Title, year: int, judged: Mapping[tuple[int, Title], Judgement]
) -> Met:
    if _has_award(person.awards, year, title):
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
        reasons.append(_registration(rule, unit.registrations, (Title.TTLDTT, Title.TTLDXS)))
    reasons.append(_rating(rule, unit.rating, Rating(p["min_unit_rating"]), Criterion.UNIT_RATING))
    reasons.append(_members_share(rule, members, year, judged))
    if p["member_discipline_from"] is not None:
        measure = Measure(p["member_discipline_from"])
        found = [m.name for m in members if _disciplined(m.disciplines, year, measure)]
        detail = {"names": found, "from": measure}
        reasons.append(
            Reason(Criterion.MEMBERS_DISCIPLINE, not found, rule.basis(Criterion.MEMBERS_DISCIPLINE), detail)
        )
    reasons.append(_hold(rule, unit.holds))
    reasons += _extra(rule)
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
        reasons.append(_registration(rule, unit.registrations, (Title.TTLDXS,)))
    reasons.append(_rating(rule, unit.rating, Rating(p["min_unit_rating"]), Criterion.UNIT_RATING))
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
    reasons.append(_hold(rule, unit.holds))
    reasons += _extra(rule)
    return _unit_judgement(unit, rule, reasons)


def judge_co_thi_dua(unit: UnitFacts, year: int, rule: RuleVersion) -> Judgement:
    """Cờ thi đua của UBND tỉnh: the unit's rating; leading the khối thi đua and the rest are the
    province's judgement (extra_criteria)."""
    reasons = [
        _rating(rule, unit.rating, Rating(rule.parameters["min_unit_rating"]), Criterion.UNIT_RATING),
        _hold(rule, unit.holds),
        *_extra(rule),
    ]
    return _unit_judgement(unit, rule, reasons)


# The whole agency for a year.


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
