"""What the engine reads (rule versions, people, units) and what it answers (reasons, judgements)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from thidua.awards.engine.logic import all_of, to_verdict
from thidua.awards.engine.vocabulary import (
    AwardKind,
    Category,
    Criterion,
    Measure,
    Met,
    Rating,
    SubjectKind,
    Title,
    Verdict,
)

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
