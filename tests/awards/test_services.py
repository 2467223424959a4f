"""The year's eligibility from the database: facts gathered, rules chosen by date, tenancy kept."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.awards.conftest import YEAR, award, make_person, rate
from thidua.awards import services
from thidua.awards.engine import Criterion, Verdict
from thidua.awards.models import (
    Award,
    Discipline,
    HoldFlag,
    Person,
    Registration,
    RegistrationEntry,
    Title,
    TitleRule,
)
from thidua.initiatives.models import Initiative, InitiativeAuthor
from thidua.org.roles import Role

pytestmark = pytest.mark.django_db


def verdicts(organization, year=YEAR):
    return {(j.name, j.title): j for j in services.eligibility(organization, year)}


def reason_of(judgement, criterion):
    return next(r for r in judgement.reasons if r.criterion == criterion)


def recognise(cast, authors, decided_on=datetime.date(2026, 6, 1), provincial_on=None):
    initiative = Initiative.objects.create(
        organization=cast.org,
        unit=cast.unit,
        title="Số hóa hồ sơ cấp phép",
        field="Cải cách hành chính",
        changes="Hồ sơ điện tử",
        first_applied_on=datetime.date(2026, 3, 1),
        effect="Rút ngắn thời gian",
        created_by=cast.staff,
        status=Initiative.Status.RECOGNISED,
        decision_number="12/QĐ-SXD",
        decision_date=decided_on,
        provincial_decision_number="9/QĐ-UBND" if provincial_on else "",
        provincial_decision_date=provincial_on,
    )
    for n, (name, user) in enumerate(authors):
        InitiativeAuthor.objects.create(
            initiative=initiative, name=name, user=user, share=Decimal(100) / len(authors), position=n
        )
    return initiative


def test_the_national_rules_are_seeded_with_their_legal_basis():
    rules = TitleRule.objects.in_force_by_title(None, datetime.date(2026, 12, 31))
    assert set(rules) == set(Title.values) - {Title.OTHER}
    assert rules[Title.LDTT].article == "Điều 24 khoản 1"
    assert rules[Title.CSTDCS].legal_basis == "Luật Thi đua, khen thưởng số 06/2022/QH15"
    assert "Chưa xác minh" in rules[Title.LDTT].note
    for rule in rules.values():
        rule.full_clean()  # every seeded row passes its own validation


def test_the_year_judges_each_person_and_the_unit(cast, staff):
    judged = verdicts(cast.org)
    assert judged[("Trịnh Thu Trang", Title.LDTT)].verdict == Verdict.ELIGIBLE
    assert judged[("Trịnh Thu Trang", Title.CSTDCS)].verdict == Verdict.ELIGIBLE
    assert judged[("Nguyễn Văn An", Title.LDTT)].verdict == Verdict.ELIGIBLE
    assert judged[("Nguyễn Văn An", Title.CSTDCS)].verdict == Verdict.NOT_ELIGIBLE
    assert judged[("Lê Văn Cường", Title.LDTT)].verdict == Verdict.NOT_ELIGIBLE
    unit = judged[(cast.unit.name, Title.TTLDTT)]
    assert unit.verdict == Verdict.ELIGIBLE  # 3 of 4 LĐTT
    share = next(r for r in unit.reasons if r.criterion == Criterion.MEMBERS_LDTT_SHARE)
    assert (share.detail["count"], share.detail["total"]) == (3, 4)
    assert judged[(cast.unit.name, Title.TTLDXS)].verdict == Verdict.NOT_ELIGIBLE


def test_people_of_units_below_count_as_members_of_the_unit_above(cast, staff):
    lab = factories.make_unit(cast.org, "Phòng thí nghiệm", parent=cast.unit)
    make_person(cast.org, lab, full_name="Hà Thị Dung")  # no rating: undecided
    share = next(
        r
        for r in verdicts(cast.org)[(cast.unit.name, Title.TTLDTT)].reasons
        if r.criterion == Criterion.MEMBERS_LDTT_SHARE
    )
    assert (share.detail["count"], share.detail["total"]) == (3, 5)


def test_an_initiative_counts_for_the_author_linked_by_account_and_for_one_named_without(cast, staff):
    staff["an"].user = factories.make_user(cast.org, Role.STAFF, unit=cast.unit)
    staff["an"].save()
    recognise(cast, [("Nguyễn Văn An", staff["an"].user), ("TRẦN  văn Bình", None)])
    judged = verdicts(cast.org)
    for name in ("Nguyễn Văn An", "Trần Văn Bình"):
        achievement = next(
            r for r in judged[(name, Title.CSTDCS)].reasons if r.criterion == Criterion.ACHIEVEMENT
        )
        assert (achievement.met, achievement.detail["initiatives"]) == (True, 1), name


def test_a_name_two_people_share_is_credited_to_neither(cast, staff):
    make_person(cast.org, cast.office_unit, full_name="Trần Văn Bình")
    recognise(cast, [("Trần Văn Bình", None)])
    achievement = next(
        r
        for r in verdicts(cast.org)[("Trần Văn Bình", Title.CSTDCS)].reasons
        if r.criterion == Criterion.ACHIEVEMENT
    )
    assert achievement.detail["initiatives"] == 0


def test_an_initiative_recognised_another_year_does_not_count(cast, staff):
    recognise(cast, [("Nguyễn Văn An", None)], decided_on=datetime.date(2025, 6, 1))
    achievement = next(
        r
        for r in verdicts(cast.org)[("Nguyễn Văn An", Title.CSTDCS)].reasons
        if r.criterion == Criterion.ACHIEVEMENT
    )
    assert achievement.met is False


def test_a_consecutive_chain_reads_the_reward_book(cast, staff):
    trang = staff["trang"]
    award(trang, Title.CSTDCS, 2024)
    award(trang, Title.CSTDCS, 2025)
    recognise(cast, [("Trịnh Thu Trang", cast.staff)], provincial_on=datetime.date(2026, 9, 1))
    assert verdicts(cast.org)[("Trịnh Thu Trang", Title.CSTD_TINH)].verdict == Verdict.ELIGIBLE
    Award.objects.filter(person=trang, year=2025).update(kind=Award.Kind.THEMATIC)
    assert verdicts(cast.org)[("Trịnh Thu Trang", Title.CSTD_TINH)].verdict == Verdict.NOT_ELIGIBLE


def test_discipline_and_hold_flags_are_read_for_the_year(cast, staff):
    Discipline.objects.create(
        organization=cast.org, person=staff["an"], measure="reprimand", starts_on=datetime.date(2026, 3, 1)
    )
    HoldFlag.objects.create(
        organization=cast.org, person=staff["binh"], kind="complaint", opened_on=datetime.date(2026, 11, 1)
    )
    closed = HoldFlag.objects.create(
        organization=cast.org,
        person=staff["trang"],
        kind="inspection",
        opened_on=datetime.date(2026, 2, 1),
        closed_on=datetime.date(2026, 4, 1),
    )
    judged = verdicts(cast.org)
    assert judged[("Nguyễn Văn An", Title.LDTT)].verdict == Verdict.NOT_ELIGIBLE
    assert judged[("Trần Văn Bình", Title.LDTT)].verdict == Verdict.NOT_ELIGIBLE
    assert judged[("Trịnh Thu Trang", Title.LDTT)].verdict == Verdict.ELIGIBLE, closed
    assert judged[(cast.unit.name, Title.TTLDTT)].verdict == Verdict.NOT_ELIGIBLE  # 1 of 4 LĐTT left


def test_a_rule_version_switch_changes_the_verdict_of_the_same_data(cast, staff):
    national = TitleRule.objects.get(organization=None, title=Title.CSTDCS)
    TitleRule.objects.create(
        organization=cast.org,
        title=Title.CSTDCS,
        subject="person",
        legal_basis="Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng (dự thảo)",
        article="Điều 23",
        valid_from=datetime.date(2026, 1, 1),
        parameters={
            **{key: value for key, value in national.parameters.items() if key != "bases"},
            "require_excellent_and_initiative": True,
        },
    )
    assert verdicts(cast.org, 2026)[("Trịnh Thu Trang", Title.CSTDCS)].verdict == Verdict.NOT_ELIGIBLE
    rate(staff["trang"], "excellent", year=2025)
    judged_2025 = verdicts(cast.org, 2025)[("Trịnh Thu Trang", Title.CSTDCS)]
    achievement = next(r for r in judged_2025.reasons if r.criterion == Criterion.ACHIEVEMENT)
    assert achievement.met is True and "Luật Thi đua, khen thưởng số 06/2022/QH15" in achievement.basis
    recognise(cast, [("Trịnh Thu Trang", cast.staff)])
    judged = verdicts(cast.org, 2026)[("Trịnh Thu Trang", Title.CSTDCS)]
    assert judged.verdict == Verdict.ELIGIBLE
    assert reason_of(judged, Criterion.ACHIEVEMENT).basis.endswith("(dự thảo), Điều 23")


def test_a_rule_that_expired_gives_way_to_the_one_after_it(cast, staff):
    TitleRule.objects.filter(organization=None, title=Title.LDTT).update(valid_to=datetime.date(2025, 12, 31))
    old = TitleRule.objects.get(organization=None, title=Title.LDTT)
    TitleRule.objects.create(
        organization=None,
        title=Title.LDTT,
        subject="person",
        legal_basis="Nghị định thử nghiệm",
        valid_from=datetime.date(2026, 1, 1),
        parameters={**old.parameters, "min_rating": "completed"},
    )
    assert reason_of(verdicts(cast.org)[("Lê Văn Cường", Title.LDTT)], Criterion.RATING).met is True
    assert verdicts(cast.org, 2025)[("Lê Văn Cường", Title.LDTT)].verdict != Verdict.ELIGIBLE


def test_a_rule_with_bad_parameters_is_refused(cast):
    rule = TitleRule(
        title=Title.TTLDTT,
        subject="unit",
        legal_basis="Luật",
        valid_from=datetime.date(2026, 1, 1),
        parameters={},
    )
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "min_ldtt_share" in str(error.value)


def test_the_number_of_queries_does_not_grow_with_the_staff(cast, staff):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            services.eligibility(cast.org, YEAR)
        return len(captured)

    few = queries()
    for _ in range(15):
        person = make_person(cast.org, cast.unit)
        rate(person, "good")
        award(person, Title.LDTT, 2025)
    recognise(cast, [("Nguyễn Văn An", None), ("Trần Văn Bình", None)])
    assert queries() == few


def test_another_agencys_people_are_invisible_and_never_judged(cast, staff):
    outsider = make_person(
        cast.other_org, factories.make_unit(cast.other_org, "Văn phòng Sở"), full_name="Người ngoài"
    )
    assert not Person.objects.visible_to(cast.other_office).filter(organization=cast.org).exists()
    assert list(Person.objects.visible_to(cast.office)) == list(Person.objects.filter(organization=cast.org))
    assert all(j.name != "Người ngoài" for j in services.eligibility(cast.org, YEAR))
    assert {j.name for j in services.eligibility(cast.other_org, YEAR) if j.kind == "person"} == {
        outsider.full_name
    }


def test_rows_must_name_people_and_units_of_their_own_agency(cast, staff):
    foreign_unit = factories.make_unit(cast.other_org, "Phòng khác")
    with pytest.raises(ValidationError):
        Person(organization=cast.org, unit=foreign_unit, full_name="X").full_clean()
    with pytest.raises(ValidationError):
        Person(organization=cast.org, unit=cast.unit, full_name="X", user=cast.other_office).full_clean()
    with pytest.raises(ValidationError):
        Award(
            organization=cast.other_org,
            person=staff["an"],
            year=2025,
            title=Title.LDTT,
            decision_number="1",
            decision_date=datetime.date(2026, 1, 5),
        ).full_clean()
    registration = Registration.objects.get(unit=cast.unit)
    stranger = make_person(cast.org, cast.office_unit)
    with pytest.raises(ValidationError):
        RegistrationEntry(registration=registration, person=stranger, title=Title.LDTT).full_clean()


def test_one_yearly_title_per_person_and_year(cast, staff):
    award(staff["an"], Title.LDTT, 2025)
    with pytest.raises(ValidationError):
        Award(
            organization=cast.org,
            person=staff["an"],
            year=2025,
            title=Title.LDTT,
            decision_number="2/QĐ-SXD",
            decision_date=datetime.date(2026, 2, 1),
        ).full_clean()
    award(staff["an"], Title.GIAY_KHEN, 2025, kind=Award.Kind.THEMATIC)
    award(staff["an"], Title.GIAY_KHEN, 2025, kind=Award.Kind.SUDDEN)  # different achievements


# Registration workflow


@pytest.fixture
def draft(cast, staff):
    registration = Registration.objects.get(unit=cast.unit)
    registration.status = Registration.Status.DRAFT
    registration.save()
    return registration


def test_the_unit_head_sends_and_the_office_returns_then_approves(cast, draft):
    services.registration_submit(registration=draft, user=cast.unit_head)
    assert draft.status == Registration.Status.SUBMITTED
    services.registration_return(
        registration=draft, user=cast.office, reason="Thiếu danh sách đăng ký CSTĐCS"
    )
    assert draft.status == Registration.Status.RETURNED
    services.registration_submit(registration=draft, user=cast.unit_head)
    services.registration_approve(registration=draft, user=cast.office)
    draft.refresh_from_db()
    assert draft.status == Registration.Status.APPROVED and draft.reviewed_by == cast.office
    reasons = list(draft.history.values_list("history_change_reason", flat=True))
    assert reasons[0] == "Duyệt đăng ký thi đua"
    assert "Trả lại đăng ký thi đua: Thiếu danh sách đăng ký CSTĐCS" in reasons


@pytest.mark.parametrize("who", ["staff", "leader", "other_office"])
def test_only_the_units_head_or_the_office_sends_it(cast, draft, who):
    with pytest.raises(PermissionDenied):
        services.registration_submit(registration=draft, user=getattr(cast, who))
    draft.refresh_from_db()
    assert draft.status == Registration.Status.DRAFT


@pytest.mark.parametrize("who", ["unit_head", "other_office", "staff"])
def test_only_the_office_approves(cast, draft, who):
    services.registration_submit(registration=draft, user=cast.unit_head)
    with pytest.raises(PermissionDenied):
        services.registration_approve(registration=draft, user=getattr(cast, who))
    draft.refresh_from_db()
    assert draft.status == Registration.Status.SUBMITTED


def test_a_draft_cannot_be_approved_nor_returned_without_a_reason(cast, draft):
    with pytest.raises(ValidationError):
        services.registration_approve(registration=draft, user=cast.office)
    services.registration_submit(registration=draft, user=cast.unit_head)
    with pytest.raises(ValidationError):
        services.registration_return(registration=draft, user=cast.office, reason="  ")
    draft.refresh_from_db()
    assert draft.status == Registration.Status.SUBMITTED


def test_a_pending_registration_leaves_the_verdict_to_review(cast, draft):
    judged = verdicts(cast.org)
    assert judged[("Nguyễn Văn An", Title.LDTT)].verdict == Verdict.NEEDS_REVIEW
    assert judged[(cast.unit.name, Title.TTLDTT)].verdict == Verdict.NEEDS_REVIEW


def test_no_reward_is_recorded_while_a_hold_flag_is_open(cast, staff):
    HoldFlag.objects.create(
        organization=cast.org, person=staff["an"], kind="inspection", opened_on=datetime.date(2026, 10, 1)
    )
    blocked = Award(
        organization=cast.org,
        person=staff["an"],
        year=2026,
        title=Title.LDTT,
        decision_number="3/QĐ-SXD",
        decision_date=datetime.date(2027, 1, 10),
    )
    with pytest.raises(ValidationError):
        blocked.full_clean()
    earlier = Award(
        organization=cast.org,
        person=staff["an"],
        year=2025,
        title=Title.LDTT,
        decision_number="4/QĐ-SXD",
        decision_date=datetime.date(2026, 1, 10),
    )
    earlier.full_clean()  # decided before the hold opened: the book keeps it


def test_a_rule_for_a_form_without_criteria_is_refused():
    rule = TitleRule(
        title=Title.OTHER,
        subject="person",
        legal_basis="Luật",
        valid_from=datetime.date(2026, 1, 1),
        parameters={},
    )
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "title" in error.value.message_dict
