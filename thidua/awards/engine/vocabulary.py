"""The engine's words: titles, ratings, measures, criteria, verdicts; `Met` is three-valued."""

from __future__ import annotations

from enum import StrEnum


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
