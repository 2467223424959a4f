"""Rewards (thi đua, khen thưởng): the staff register, yearly ratings, discipline and hold flags,
registrations, the title rules with their legal basis, nominations, the council and the reward book.

What a title requires is never a constant in code: each title's criteria and parameters are a
TitleRule row (national, or the agency's own) with the document and article it rests on and its
validity; the judgement itself is the pure engine in `thidua.awards.engine`.
"""

from thidua.awards.models.book import Award
from thidua.awards.models.council import (
    AgendaItem,
    AgendaItemQuerySet,
    AgendaRecusal,
    AwardCouncil,
    AwardCouncilMember,
    AwardCouncilPartQuerySet,
    BallotCast,
    BallotCastQuerySet,
    CouncilMeeting,
    CouncilVotingRule,
    MeetingAttendance,
)
from thidua.awards.models.decisions import (
    BaseSalary,
    BonusMultiple,
    BonusMultipleQuerySet,
    Decision,
    DecisionLine,
    Proposal,
    ProposalLine,
)
from thidua.awards.models.dossier import ProposalFile
from thidua.awards.models.evaluation import (
    AnnualRating,
    Discipline,
    HoldFlag,
    Leave,
    RatingStatus,
    UnitRating,
    YearRating,
)
from thidua.awards.models.movement import MovementRewardProposal
from thidua.awards.models.nominations import Nomination
from thidua.awards.models.people import Category, Person, Rating, RewardKind, SubjectKind, Title
from thidua.awards.models.registration import Registration, RegistrationEntry, RegistrationEntryQuerySet
from thidua.awards.models.rules import RatingRule, TitleRule, TitleRuleQuerySet
from thidua.awards.models.scoring import (
    ScoringCriterion,
    ScoringTable,
    UnitScore,
    UnitScoreLine,
)

__all__ = [
    "AgendaItem",
    "AgendaItemQuerySet",
    "AgendaRecusal",
    "AnnualRating",
    "Award",
    "AwardCouncil",
    "AwardCouncilMember",
    "AwardCouncilPartQuerySet",
    "BallotCast",
    "BallotCastQuerySet",
    "BaseSalary",
    "BonusMultiple",
    "BonusMultipleQuerySet",
    "Category",
    "CouncilMeeting",
    "CouncilVotingRule",
    "Decision",
    "DecisionLine",
    "Discipline",
    "HoldFlag",
    "Leave",
    "MeetingAttendance",
    "MovementRewardProposal",
    "Nomination",
    "Person",
    "Proposal",
    "ProposalFile",
    "ProposalLine",
    "Rating",
    "RatingRule",
    "RatingStatus",
    "Registration",
    "RegistrationEntry",
    "RegistrationEntryQuerySet",
    "RewardKind",
    "ScoringCriterion",
    "ScoringTable",
    "SubjectKind",
    "Title",
    "TitleRule",
    "TitleRuleQuerySet",
    "UnitRating",
    "UnitScore",
    "UnitScoreLine",
    "YearRating",
]
