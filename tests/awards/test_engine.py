"""The eligibility engine against the national rules as seeded, on both sides of every threshold."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.awards.rules import changed, national
from thidua.awards import engine
from thidua.awards.engine import (
    AwardKind,
    Category,
    Criterion,
    DisciplineEntry,
    Measure,
    PastAward,
    PersonFacts,
    Rating,
    RatingCap,
    RatingEntry,
    Title,
    UnitFacts,
    Verdict,
)

YEAR = 2026
RULES = national()
CAP = RatingCap(Decimal("0.2"), frozenset({Category.CIVIL_SERVANT}), "Nghị định 335/2025/NĐ-CP")
REGISTERED = {Title.LDTT: True, Title.CSTDCS: True}


def person(key=1, rating=Rating.GOOD, confirmed=True, **fields) -> PersonFacts:
    defaults = {
        "name": f"Người {key}",
        "unit_key": 1,
        "category": Category.CIVIL_SERVANT,
        "started_on": datetime.date(2015, 1, 1),
        "ratings": {YEAR: RatingEntry(rating, confirmed)} if rating else {},
        "registrations": REGISTERED,
    }
    return PersonFacts(key=key, **(defaults | fields))


def judge(people, units=(), rules=RULES, cap=CAP):
    return {(j.kind, j.key, j.title): j for j in engine.judge_year(YEAR, people, list(units), rules, cap)}


def verdict(facts: PersonFacts, title: Title, rules=RULES) -> Verdict:
    """One person alone (no excellence cap: alone, anyone rated xuất sắc is over it)."""
    return judge([facts], rules=rules, cap=None)[("person", facts.key, title)].verdict


def reason(judgement, criterion):
    return next(r for r in judgement.reasons if r.criterion == criterion)


# Lao động tiên tiến


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        (Rating.EXCELLENT, Verdict.ELIGIBLE),
        (Rating.GOOD, Verdict.ELIGIBLE),
        (Rating.COMPLETED, Verdict.NOT_ELIGIBLE),
        (Rating.NOT_COMPLETED, Verdict.NOT_ELIGIBLE),
        (None, Verdict.NEEDS_REVIEW),
    ],
)
def test_ldtt_needs_a_rating_of_good_or_better(rating, expected):
    assert verdict(person(rating=rating), Title.LDTT) == expected


def test_an_unconfirmed_rating_needs_the_office_before_it_counts():
    assert verdict(person(confirmed=False), Title.LDTT) == Verdict.NEEDS_REVIEW
    assert verdict(person(rating=Rating.COMPLETED, confirmed=False), Title.LDTT) == Verdict.NOT_ELIGIBLE


@pytest.mark.parametrize(
    ("started_on", "expected"),
    [
        (datetime.date(2026, 3, 1), Verdict.ELIGIBLE),  # 1/3 → 31/12: exactly 10 months
        (datetime.date(2026, 3, 2), Verdict.NOT_ELIGIBLE),
        (None, Verdict.NEEDS_REVIEW),
    ],
)
def test_ldtt_needs_ten_months_at_work_in_the_year(started_on, expected):
    assert verdict(person(started_on=started_on), Title.LDTT) == expected


def test_without_a_minimum_time_the_start_date_does_not_matter():
    rules = {**RULES, Title.LDTT: changed(RULES[Title.LDTT], min_months_worked=None)}
    late = person(started_on=datetime.date(2026, 11, 1))
    assert verdict(late, Title.LDTT, rules) == Verdict.ELIGIBLE


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "expected"),
    [
        (datetime.date(2026, 5, 1), None, Verdict.NOT_ELIGIBLE),
        (datetime.date(2025, 6, 1), datetime.date(2026, 1, 1), Verdict.NOT_ELIGIBLE),  # ends inside the year
        (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), Verdict.ELIGIBLE),  # ended before it
        (datetime.date(2027, 1, 1), None, Verdict.ELIGIBLE),  # after it
    ],
)
def test_a_discipline_in_force_during_the_year_excludes_ldtt(starts_on, ends_on, expected):
    disciplined = person(disciplines=(DisciplineEntry(Measure.REPRIMAND, starts_on, ends_on),))
    assert verdict(disciplined, Title.LDTT) == expected


def test_the_excluding_measure_is_a_parameter():
    rules = {**RULES, Title.LDTT: changed(RULES[Title.LDTT], excluding_measure="warning")}
    reprimanded = person(disciplines=(DisciplineEntry(Measure.REPRIMAND, datetime.date(2026, 5, 1)),))
    warned = person(disciplines=(DisciplineEntry(Measure.WARNING, datetime.date(2026, 5, 1)),))
    assert verdict(reprimanded, Title.LDTT, rules) == Verdict.ELIGIBLE
    assert verdict(warned, Title.LDTT, rules) == Verdict.NOT_ELIGIBLE


@pytest.mark.parametrize("title", [Title.LDTT, Title.CSTDCS, Title.GIAY_KHEN, Title.BANG_KHEN_TINH])
def test_an_open_hold_flag_blocks_every_title(title):
    held = person(rating=Rating.EXCELLENT, holds=("complaint",), initiatives={YEAR: 2, YEAR - 1: 2})
    judgement = judge([held])[("person", 1, title)]
    assert judgement.verdict == Verdict.NOT_ELIGIBLE
    assert reason(judgement, Criterion.HOLD).met is False
    assert "Nghị định 152/2025/NĐ-CP" in reason(judgement, Criterion.HOLD).basis


@pytest.mark.parametrize(
    ("registrations", "expected"),
    [
        ({Title.LDTT: True}, Verdict.ELIGIBLE),
        ({Title.CSTDCS: True}, Verdict.ELIGIBLE),  # aiming higher covers LĐTT
        ({Title.LDTT: False}, Verdict.NEEDS_REVIEW),  # registration not yet approved
        ({}, Verdict.NOT_ELIGIBLE),
    ],
)
def test_registration_gates_consideration(registrations, expected):
    assert verdict(person(registrations=registrations), Title.LDTT) == expected


def test_the_registration_gate_can_be_switched_off():
    rules = {**RULES, Title.LDTT: changed(RULES[Title.LDTT], registration_required=False)}
    assert verdict(person(registrations={}), Title.LDTT, rules) == Verdict.ELIGIBLE


# Chiến sĩ thi đua cơ sở


@pytest.mark.parametrize(
    ("rating", "initiatives", "expected"),
    [
        (Rating.EXCELLENT, 0, Verdict.ELIGIBLE),  # xuất sắc alone suffices (Luật 2022 Điều 23)
        (Rating.GOOD, 1, Verdict.ELIGIBLE),  # or an initiative recognised in the year
        (Rating.GOOD, 0, Verdict.NOT_ELIGIBLE),
        (Rating.COMPLETED, 3, Verdict.NOT_ELIGIBLE),  # the LĐTT standard fails
    ],
)
def test_cstdcs_needs_ldtt_and_excellence_or_an_initiative(rating, initiatives, expected):
    facts = person(rating=rating, initiatives={YEAR: initiatives, YEAR - 1: 5})
    assert verdict(facts, Title.CSTDCS) == expected


def test_cstdcs_needs_the_person_registered_for_it():
    facts = person(rating=Rating.EXCELLENT, registrations={Title.LDTT: True})
    assert verdict(facts, Title.LDTT) == Verdict.ELIGIBLE
    assert verdict(facts, Title.CSTDCS) == Verdict.NOT_ELIGIBLE


def test_the_draft_amendment_would_require_both_excellence_and_an_initiative():
    draft = {**RULES, Title.CSTDCS: changed(RULES[Title.CSTDCS], require_excellent_and_initiative=True)}
    assert verdict(person(rating=Rating.EXCELLENT), Title.CSTDCS, draft) == Verdict.NOT_ELIGIBLE
    both = person(rating=Rating.EXCELLENT, initiatives={YEAR: 1})
    assert verdict(both, Title.CSTDCS, draft) == Verdict.ELIGIBLE


@given(excellent=st.integers(0, 12), good=st.integers(0, 60))
def test_the_excellence_cap_holds_at_a_fifth_of_those_rated_good(excellent, good):
    people = [person(key=n, rating=Rating.EXCELLENT) for n in range(excellent)]
    people += [person(key=100 + n, rating=Rating.GOOD) for n in range(good)]
    people += [person(key=500, rating=Rating.EXCELLENT, category=Category.PUBLIC_EMPLOYEE)]  # not covered
    judged = judge(people)
    for facts in people[:excellent]:
        cap_reason = reason(judged[("person", facts.key, Title.CSTDCS)], Criterion.RATING_CAP)
        assert cap_reason.met is (True if 5 * excellent <= good else None)
        assert cap_reason.detail["excellent"] == excellent and cap_reason.detail["good"] == good
    assert not any(r.criterion == Criterion.RATING_CAP for r in judged[("person", 500, Title.CSTDCS)].reasons)


def test_the_cap_counts_each_unit_apart():
    here = [person(key=1, rating=Rating.EXCELLENT), *(person(key=n, rating=Rating.GOOD) for n in range(2, 7))]
    there = [person(key=10, rating=Rating.EXCELLENT, unit_key=2), person(key=11, unit_key=2)]
    judged = judge(here + there)
    assert judged[("person", 1, Title.CSTDCS)].verdict == Verdict.ELIGIBLE  # 1 of 5: at the edge
    assert judged[("person", 10, Title.CSTDCS)].verdict == Verdict.NEEDS_REVIEW  # 1 of 1: over


@given(
    eligible=st.integers(0, 10), ldtt_only=st.integers(0, 30), share=st.sampled_from(["0.15", "0.3", "0.5"])
)
def test_a_cstdcs_quota_sends_every_candidate_to_the_council_once_exceeded(eligible, ldtt_only, share):
    rules = {**RULES, Title.CSTDCS: changed(RULES[Title.CSTDCS], quota_share_of_ldtt=share)}
    people = [person(key=n, rating=Rating.GOOD, initiatives={YEAR: 1}) for n in range(eligible)]
    people += [person(key=100 + n) for n in range(ldtt_only)]
    judged = judge(people, rules=rules, cap=None)
    allowed = int(Fraction(share) * (eligible + ldtt_only))
    for n in range(eligible):
        expected = Verdict.ELIGIBLE if eligible <= allowed else Verdict.NEEDS_REVIEW
        assert judged[("person", n, Title.CSTDCS)].verdict == expected


def test_without_a_quota_no_quota_criterion_is_shown():
    judged = judge([person(rating=Rating.EXCELLENT)])
    assert all(r.criterion != Criterion.QUOTA for r in judged[("person", 1, Title.CSTDCS)].reasons)


# Chains: CSTĐ cấp tỉnh and Bằng khen


def cstdcs(*years, kind=AwardKind.ANNUAL):
    return tuple(PastAward(year, Title.CSTDCS, kind) for year in years)


@pytest.mark.parametrize(
    ("awards", "expected"),
    [
        (cstdcs(2024, 2025), Verdict.ELIGIBLE),  # the third in a row this year
        (cstdcs(2023, 2025), Verdict.NOT_ELIGIBLE),  # a gap breaks the chain
        (cstdcs(2025), Verdict.NOT_ELIGIBLE),
        (cstdcs(2024) + cstdcs(2025, kind=AwardKind.THEMATIC), Verdict.NOT_ELIGIBLE),  # thematic never counts
        (cstdcs(2024) + cstdcs(2025, kind=AwardKind.SUDDEN), Verdict.NOT_ELIGIBLE),  # nor sudden
    ],
)
def test_cstd_tinh_needs_three_consecutive_cstdcs(awards, expected):
    facts = person(rating=Rating.EXCELLENT, awards=awards, provincial_initiatives={2025: 1})
    assert verdict(facts, Title.CSTD_TINH) == expected


def test_the_third_cstdcs_must_be_earned_this_year_too():
    facts = person(rating=Rating.GOOD, awards=cstdcs(2024, 2025), provincial_initiatives={YEAR: 1})
    judgement = judge([facts])[("person", 1, Title.CSTD_TINH)]
    assert judgement.verdict == Verdict.NOT_ELIGIBLE
    assert reason(judgement, Criterion.CONSECUTIVE_CSTDCS).detail == {
        "needed": 3,
        "earlier": 2,
        "this_year": False,
    }


def test_cstd_tinh_needs_an_initiative_the_province_recognised():
    facts = person(rating=Rating.EXCELLENT, awards=cstdcs(2024, 2025), initiatives={YEAR: 3})
    assert verdict(facts, Title.CSTD_TINH) == Verdict.NOT_ELIGIBLE


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (person(rating=Rating.EXCELLENT, awards=cstdcs(2025)), Verdict.ELIGIBLE),  # CSTĐCS two years running
        (person(rating=Rating.EXCELLENT), Verdict.NOT_ELIGIBLE),
        (
            person(
                ratings={
                    2025: RatingEntry(Rating.EXCELLENT, True),
                    YEAR: RatingEntry(Rating.EXCELLENT, True),
                },
                initiatives={2025: 1, YEAR: 1},
                registrations={},
            ),
            Verdict.ELIGIBLE,  # two years xuất sắc with two initiatives, even without CSTĐCS
        ),
        (
            person(
                ratings={2025: RatingEntry(Rating.GOOD, True), YEAR: RatingEntry(Rating.EXCELLENT, True)},
                initiatives={2025: 1, YEAR: 1},
                registrations={},
            ),
            Verdict.NOT_ELIGIBLE,
        ),
        (
            person(
                ratings={
                    2025: RatingEntry(Rating.EXCELLENT, True),
                    YEAR: RatingEntry(Rating.EXCELLENT, True),
                },
                initiatives={YEAR: 1},
                registrations={},
            ),
            Verdict.NOT_ELIGIBLE,  # one initiative short
        ),
    ],
)
def test_bang_khen_criterion_d(facts, expected):
    assert verdict(facts, Title.BANG_KHEN_TINH) == expected


def test_giay_khen_leaves_the_provinces_criteria_to_the_council():
    judgement = judge([person()])[("person", 1, Title.GIAY_KHEN)]
    assert judgement.verdict == Verdict.NEEDS_REVIEW
    assert reason(judgement, Criterion.EXTRA).detail["text"].startswith("Tiêu chuẩn Giấy khen")
    assert judgement.decided_by == "director"


# Collective titles


def unit(members, rating=Rating.EXCELLENT, **fields) -> UnitFacts:
    defaults = {
        "name": "Phòng Phát triển đô thị",
        "rating": RatingEntry(rating, True),
        "registrations": {Title.TTLDXS: True},
        "members": tuple(m.key for m in members),
    }
    return UnitFacts(key=1, **(defaults | fields))


def staff(ldtt: int, completed: int, cstdcs: int = 0):
    people = [person(key=n, rating=Rating.EXCELLENT) for n in range(cstdcs)]
    people += [person(key=100 + n) for n in range(ldtt)]
    people += [person(key=200 + n, rating=Rating.COMPLETED) for n in range(completed)]
    return people


@given(ldtt=st.integers(0, 15), completed=st.integers(0, 15))
def test_ttldtt_needs_more_than_half_of_the_members_ldtt(ldtt, completed):
    people = staff(ldtt, completed)
    judged = judge(people, [unit(people, rating=Rating.GOOD)], cap=None)
    share = reason(judged[("unit", 1, Title.TTLDTT)], Criterion.MEMBERS_LDTT_SHARE)
    assert share.met is (2 * ldtt > ldtt + completed)


@given(ldtt=st.integers(0, 15), completed=st.integers(0, 15))
def test_ttldxs_needs_at_least_seventy_percent_ldtt(ldtt, completed):
    people = staff(ldtt, completed, cstdcs=1)
    judged = judge(people, [unit(people)], cap=None)
    share = reason(judged[("unit", 1, Title.TTLDXS)], Criterion.MEMBERS_LDTT_SHARE)
    assert share.met is (10 * (ldtt + 1) >= 7 * (ldtt + completed + 1))


def test_ttldxs_at_the_edges():
    seven_of_ten = staff(ldtt=6, completed=3, cstdcs=1)
    assert judge(seven_of_ten, [unit(seven_of_ten)])[("unit", 1, Title.TTLDXS)].verdict == Verdict.ELIGIBLE
    no_cstdcs = staff(ldtt=9, completed=0)
    judged = judge(no_cstdcs, [unit(no_cstdcs)])[("unit", 1, Title.TTLDXS)]
    assert judged.verdict == Verdict.NOT_ELIGIBLE and reason(judged, Criterion.MEMBERS_CSTDCS).met is False
    failing = [*staff(ldtt=9, completed=0, cstdcs=1), person(key=300, rating=Rating.NOT_COMPLETED)]
    judged = judge(failing, [unit(failing)])[("unit", 1, Title.TTLDXS)]
    assert reason(judged, Criterion.MEMBERS_COMPLETED).met is False
    assert judge(seven_of_ten, [unit(seven_of_ten, rating=Rating.GOOD)])[
        ("unit", 1, Title.TTLDXS)
    ].verdict == (Verdict.NOT_ELIGIBLE)


def test_members_still_undecided_make_the_share_a_matter_for_review():
    people = [
        person(key=1),
        person(key=2),
        person(key=3, confirmed=False),
        person(key=4, rating=Rating.COMPLETED),
    ]
    judged = judge(people, [unit(people, rating=Rating.GOOD)])
    share = reason(judged[("unit", 1, Title.TTLDTT)], Criterion.MEMBERS_LDTT_SHARE)
    assert share.met is None and share.detail["count"] == 2 and share.detail["undecided"] == 1


def test_an_ldtt_already_in_the_book_counts_for_the_unit():
    people = [
        person(key=1, rating=None, awards=(PastAward(YEAR, Title.LDTT),)),
        person(key=2, rating=Rating.COMPLETED),
    ]
    share = reason(
        judge(people, [unit(people, rating=Rating.GOOD)])[("unit", 1, Title.TTLDTT)],
        Criterion.MEMBERS_LDTT_SHARE,
    )
    assert (share.detail["count"], share.met) == (1, False)  # 1 of 2 is not more than half


def test_a_member_warned_this_year_keeps_the_unit_from_ttldtt():
    warned = person(key=3, disciplines=(DisciplineEntry(Measure.WARNING, datetime.date(2026, 4, 1)),))
    people = [person(key=1), person(key=2), person(key=4), warned]
    judged = judge(people, [unit(people, rating=Rating.GOOD)])[("unit", 1, Title.TTLDTT)]
    assert judged.verdict == Verdict.NOT_ELIGIBLE
    assert reason(judged, Criterion.MEMBERS_DISCIPLINE).detail["names"] == [warned.name]


def test_a_unit_without_members_reaches_no_share():
    judged = judge([], [unit([], rating=Rating.GOOD)])[("unit", 1, Title.TTLDTT)]
    assert reason(judged, Criterion.MEMBERS_LDTT_SHARE).met is False


# The rules as data


def test_every_seeded_rule_has_every_parameter_its_title_needs():
    for title, rule in RULES.items():
        assert engine.parameter_problems(title, rule.parameters) == [], title


def test_a_rule_with_a_missing_or_wrong_parameter_is_refused():
    params = {**RULES[Title.TTLDTT].parameters, "min_ldtt_share": "1.5"}
    del params["ldtt_share_strict"]
    assert set(engine.parameter_problems(Title.TTLDTT, params)) == {"min_ldtt_share", "ldtt_share_strict"}


@pytest.mark.parametrize(
    ("values", "all_", "any_"),
    [
        ([True, True], True, True),
        ([True, None], None, True),
        ([False, None], False, None),
        ([None, None], None, None),
        ([], True, False),
    ],
)
def test_three_valued_logic(values, all_, any_):
    assert engine.all_of(values) is all_ and engine.any_of(values) is any_
