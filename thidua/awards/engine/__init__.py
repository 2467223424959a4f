"""The eligibility engine: who may receive which title for a year, criterion by criterion.

Pure Python (no Django): facts and rule versions come in as dataclasses, judgements go out. Every
criterion is three-valued — met (True), not met (False) or a human judgement needed (None) — and cites
the basis it rests on. A judgement is `not_eligible` when one criterion is not met, `needs_review` when
none fails but one needs a person to decide, `eligible` otherwise.

Every number the law leaves to the province or has not settled (shares, counts, the rating needed,
whether registration gates consideration) is a rule parameter, read from `RuleVersion.parameters`; the
keys each title needs are in `PARAMETERS`.

The package's modules: `vocabulary` (the words), `parameters` (what a rule must carry), `facts` (inputs
and outputs), `logic` (three-valued), `criteria` (shared criteria), `persons` and `units` (each title's
judge) and `year` (the whole agency). Callers use the names below.
"""

from thidua.awards.engine.facts import (
    DisciplineEntry,
    Judgement,
    LeaveEntry,
    PastAward,
    PersonFacts,
    RatingCap,
    RatingEntry,
    Reason,
    RuleVersion,
    UnitFacts,
    UnitScoring,
)
from thidua.awards.engine.logic import all_of, any_of, share_reaches, to_verdict
from thidua.awards.engine.parameters import PARAMETERS, SCORING_PARAMETERS, ballot_passes, parameter_problems
from thidua.awards.engine.persons import (
    add_months,
    chain,
    judge_bang_khen_tinh,
    judge_cstd_tinh,
    judge_cstdcs,
    judge_giay_khen,
    judge_ldtt,
)
from thidua.awards.engine.units import judge_co_thi_dua, judge_ttldtt, judge_ttldxs
from thidua.awards.engine.vocabulary import (
    MEASURE_RANK,
    PERSON_TITLES,
    RATING_RANK,
    UNIT_TITLES,
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
from thidua.awards.engine.year import judge_year, rating_counts

__all__ = [
    "MEASURE_RANK",
    "PARAMETERS",
    "PERSON_TITLES",
    "RATING_RANK",
    "SCORING_PARAMETERS",
    "UNIT_TITLES",
    "AwardKind",
    "Category",
    "Criterion",
    "DisciplineEntry",
    "Judgement",
    "LeaveEntry",
    "Measure",
    "Met",
    "PastAward",
    "PersonFacts",
    "Rating",
    "RatingCap",
    "RatingEntry",
    "Reason",
    "RuleVersion",
    "SubjectKind",
    "Title",
    "UnitFacts",
    "UnitScoring",
    "Verdict",
    "add_months",
    "all_of",
    "any_of",
    "ballot_passes",
    "chain",
    "judge_bang_khen_tinh",
    "judge_co_thi_dua",
    "judge_cstd_tinh",
    "judge_cstdcs",
    "judge_giay_khen",
    "judge_ldtt",
    "judge_ttldtt",
    "judge_ttldxs",
    "judge_year",
    "parameter_problems",
    "rating_counts",
    "share_reaches",
    "to_verdict",
]
