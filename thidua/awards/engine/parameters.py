"""The parameters each title's rule must carry, with a check of each value; the council's ballot threshold."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from thidua.awards.engine.vocabulary import UNIT_TITLES, Criterion, Measure, Rating, Title

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
