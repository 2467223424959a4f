"""Three-valued logic: met (True), not met (False), or a person must decide (None)."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from thidua.awards.engine.vocabulary import Met, Verdict


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
