"""Bình xét and the council's secret ballot: who nominates whom, the engine's verdict beside each
nominee, the threshold on both sides, one ballot per member, and a ballot nobody can read back."""

import json
from collections import Counter

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse

from tests import factories
from tests.awards.conftest import HELD_ON, YEAR, make_person, nominate, set_ballot_share, vote, voters
from tests.core.test_audit_coverage import AuditTrail
from thidua.awards import council as services
from thidua.awards import services as awards
from thidua.awards.models import (
    AgendaItem,
    AwardCouncil,
    AwardCouncilMember,
    BallotCast,
    CouncilMeeting,
    Nomination,
    Title,
    TitleRule,
)
from thidua.org.models import User
from thidua.org.roles import Role

pytestmark = pytest.mark.django_db


# ——— Bình xét ———


def test_the_unit_head_nominates_the_units_own_people_and_the_unit(client, cast, staff):
    client.force_login(cast.unit_head)
    data = {"unit": cast.unit.pk, "person": staff["an"].pk, "title": "ldtt", "summary": "Thành tích"}
    response = client.post(reverse("awards:nomination_new") + f"?nam={YEAR}", data)
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert (nomination.person, nomination.unit, nomination.created_by) == (
        staff["an"],
        cast.unit,
        cast.unit_head,
    )
    unit_data = {"unit": cast.unit.pk, "person": "", "title": "ttldtt", "summary": "Tập thể"}
    assert client.post(reverse("awards:nomination_new") + f"?nam={YEAR}", unit_data).status_code == 302
    assert Nomination.objects.filter(person__isnull=True, unit=cast.unit, title="ttldtt").exists()
    assert nomination.history.first().history_user == cast.unit_head


def test_a_unit_nominates_only_its_own_people(client, cast, staff):
    outsider = make_person(cast.org, cast.office_unit, full_name="Người Văn phòng")
    client.force_login(cast.unit_head)
    data = {"unit": cast.unit.pk, "person": outsider.pk, "title": "ldtt", "summary": "Thành tích"}
    assert client.post(reverse("awards:nomination_new"), data).status_code == 200  # the form refuses
    with pytest.raises(ValidationError):
        nominate(cast, person=outsider)
    with pytest.raises(PermissionDenied):
        nominate(cast, person=outsider, unit=cast.office_unit)  # not the head of that unit
    assert not Nomination.objects.exists()


def test_a_person_title_is_not_for_a_unit_nor_the_reverse(cast, staff):
    with pytest.raises(ValidationError):
        nominate(cast, title=Title.LDTT)
    with pytest.raises(ValidationError):
        nominate(cast, person=staff["an"], title=Title.TTLDTT)


@pytest.mark.parametrize("who", ["staff", "leader", "observer", "enterprise_user"])
def test_others_may_not_nominate(client, cast, staff, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("awards:nominations")).status_code in (403, 404)
    assert client.get(reverse("awards:nomination_new")).status_code in (403, 404)


def test_registration_gates_nomination_when_the_rule_says_so(cast, staff):
    with pytest.raises(ValidationError, match="đăng ký"):
        nominate(cast, person=staff["cuong"])  # never registered
    rule = TitleRule.objects.get(title="ldtt", organization=None)
    rule.parameters = {**rule.parameters, "registration_required": False}
    rule.save()
    assert nominate(cast, person=staff["cuong"]).pk


def test_the_office_sees_each_nominee_with_the_verdict_and_its_reasons(client, cast, staff):
    nominate(cast, person=staff["an"])
    nominate(cast, person=staff["cuong"], title=Title.GIAY_KHEN)  # no registration asked for this form
    client.force_login(cast.office)
    response = client.get(reverse("awards:nominations"), {"nam": YEAR})
    text = response.content.decode()
    assert response.status_code == 200
    verdicts = {
        row["nomination"].person.full_name: row["judgement"]["verdict"] for row in response.context["rows"]
    }
    assert verdicts == {"Nguyễn Văn An": "eligible", "Lê Văn Cường": "not_eligible"}  # rated "hoàn thành"
    assert "Luật Thi đua, khen thưởng số 06/2022/QH15" in text and "Đã đăng ký thi đua" in text
    client.force_login(cast.unit_head)
    rows = client.get(reverse("awards:nominations"), {"nam": YEAR}).context["rows"]
    assert len(rows) == 2 and all(row["judgement"] is None for row in rows)  # the verdicts are the office's


def test_the_office_returns_a_nomination_with_a_reason(client, cast, staff):
    nomination = nominate(cast, person=staff["an"])
    client.force_login(cast.unit_head)
    assert (
        client.post(reverse("awards:nomination_return", args=[nomination.pk]), {"reason": "x"}).status_code
        == 403
    )
    client.force_login(cast.office)
    client.post(
        reverse("awards:nomination_return", args=[nomination.pk]), {"reason": "Bổ sung báo cáo thành tích"}
    )
    nomination.refresh_from_db()
    assert (nomination.status, nomination.return_reason) == ("returned", "Bổ sung báo cáo thành tích")


def test_another_agency_finds_no_such_nomination_or_meeting(client, cast, staff, meeting):
    nomination = meeting.items.first().nomination
    client.force_login(cast.other_office)
    assert (
        client.post(reverse("awards:nomination_return", args=[nomination.pk]), {"reason": "x"}).status_code
        == 404
    )
    assert client.get(reverse("awards:meeting", args=[meeting.pk])).status_code == 404
    assert client.post(reverse("awards:meeting_close", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("awards:nominations")).context["rows"] == []


# ——— The council and its ballot ———


def test_the_meeting_puts_every_standing_nomination_on_its_agenda(cast, staff, council):
    nominate(cast, person=staff["an"])
    returned = nominate(cast, person=staff["binh"])
    awards.nomination_return(nomination=returned, user=cast.office, reason="Thiếu hồ sơ")
    meeting = services.meeting_open(council=council, user=cast.office, held_on=HELD_ON)
    assert [item.nomination.person for item in meeting.items.all()] == [staff["an"]]
    with pytest.raises(ValidationError):  # nothing left to put to a second meeting
        services.meeting_open(council=council, user=cast.office, held_on=HELD_ON)
    with pytest.raises(PermissionDenied):
        services.meeting_open(council=council, user=cast.leader, held_on=HELD_ON)


def test_the_threshold_from_the_rule_decides_on_both_sides(cast, council, meeting):
    set_ballot_share("ldtt", "0.80")  # 4 of 5 members
    people = voters(council)
    for user in people[:3]:
        vote(meeting, user, True, True)
    vote(meeting, people[3], True, False)
    vote(meeting, people[4], False, False)
    services.meeting_close(meeting=meeting, user=cast.office, written={})
    first, second = meeting.items.order_by("pk")
    assert (first.agree, first.disagree, first.passed) == (4, 1, True)  # 4/5 = 0.80: reached
    assert (second.agree, second.disagree, second.passed) == (3, 2, False)  # 3/5 = 0.60: not reached
    assert first.threshold is not None and str(first.threshold) == "0.8000"


def test_absent_members_written_opinions_count_towards_the_threshold(cast, council, meeting):
    set_ballot_share("ldtt", "0.80")
    people = voters(council)
    for user in people[:3]:
        vote(meeting, user, True, True)
    first, second = meeting.items.order_by("pk")
    written = {first.pk: (1, 0), second.pk: (0, 1)}
    absent = council.members.get(user=people[3])
    services.meeting_close(
        meeting=meeting,
        user=cast.office,
        written=written,
        absent_note="Ông A gửi ý kiến",
        presence={absent.pk: "written"},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.total_agree, first.passed) == (4, True)
    assert (second.total_agree, second.total_disagree, second.passed) == (3, 1, False)
    meeting.refresh_from_db()
    assert (meeting.members_total, meeting.absent_note) == (5, "Ông A gửi ý kiến")


def test_more_opinions_than_members_are_refused(cast, council, meeting):
    for user in voters(council):
        vote(meeting, user, True, True)
    first = meeting.items.order_by("pk").first()
    with pytest.raises(ValidationError):
        services.meeting_close(meeting=meeting, user=cast.office, written={first.pk: (1, 0)})


def test_without_a_threshold_in_the_rule_the_result_is_left_to_a_person(cast, council, meeting):
    for user in voters(council):
        vote(meeting, user, True, True)
    services.meeting_close(meeting=meeting, user=cast.office, written={})
    assert set(meeting.items.values_list("passed", flat=True)) == {None}


def test_a_member_votes_once_and_only_while_the_meeting_is_open(client, cast, council, meeting):
    vote(meeting, cast.leader, True, True)
    with pytest.raises(ValidationError):
        vote(meeting, cast.leader, False, False)
    client.force_login(cast.leader)
    items = list(meeting.items.order_by("pk"))
    client.post(
        reverse("awards:meeting_vote", args=[meeting.pk]), {f"item-{i.pk}": "disagree" for i in items}
    )
    assert list(AgendaItem.objects.order_by("pk").values_list("agree", "disagree")) == [(1, 0), (1, 0)]
    assert BallotCast.objects.count() == 2
    services.meeting_close(meeting=meeting, user=cast.office, written={})
    with pytest.raises(ValidationError):
        vote(meeting, cast.office, True, True)


def test_only_members_vote(client, cast, staff, council, meeting):
    with pytest.raises(PermissionDenied):
        vote(meeting, cast.staff, True, True)
    client.force_login(cast.staff)
    item = meeting.items.first()
    assert (
        client.post(
            reverse("awards:meeting_vote", args=[meeting.pk]), {f"item-{item.pk}": "agree"}
        ).status_code
        == 403
    )
    assert client.get(reverse("awards:meeting", args=[meeting.pk])).status_code == 403
    assert not BallotCast.objects.exists()


def test_a_member_votes_from_the_meeting_page(client, cast, council, meeting):
    client.force_login(cast.unit_head)
    page = client.get(reverse("awards:meeting", args=[meeting.pk]))
    assert page.context["can_vote"] and "Bỏ phiếu" in page.content.decode()
    items = list(meeting.items.order_by("pk"))
    data = {f"item-{items[0].pk}": "agree", f"item-{items[1].pk}": "disagree"}
    assert client.post(reverse("awards:meeting_vote", args=[meeting.pk]), data).status_code == 302
    assert list(AgendaItem.objects.order_by("pk").values_list("agree", "disagree")) == [(1, 0), (0, 1)]


# ——— Secrecy ———


def _snapshot() -> Counter:
    """Every row of every table of the project, history included, without row ids and timestamps (which
    differ between two runs whatever the votes): what the data says, as a multiset."""
    rows: Counter = Counter()
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if not f.primary_key
            and f.attname not in ("id", "history_id")
            and not isinstance(f, models.DateTimeField)
        ]
        for values in model._default_manager.values_list(*fields):
            frozen = tuple(json.dumps(v, sort_keys=True) if isinstance(v, dict | list) else v for v in values)
            rows[(model._meta.label, frozen)] += 1
    return rows


def _run_and_snapshot(meeting, ballots) -> tuple[Counter, list]:
    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            for user, agrees in ballots:
                vote(meeting, user, *agrees)
            counters = list(AgendaItem.objects.order_by("pk").values_list("agree", "disagree"))
            result = (_snapshot(), counters)
            raise Rollback
    except Rollback:
        return result


def test_nothing_stored_tells_who_voted_what(cast, council, meeting):
    """Two members swap their choices: every table of the project, history included, holds exactly the
    same data either way. So no row — and no query — can tell a member's choice."""
    first, second, *_ = voters(council)
    one_way, counters = _run_and_snapshot(meeting, [(first, (True, True)), (second, (False, False))])
    other_way, _ = _run_and_snapshot(meeting, [(first, (False, False)), (second, (True, True))])
    assert one_way == other_way
    # …and the runs did vote: both are in the totals and in the record of who voted.
    assert counters == [(1, 1), (1, 1)]
    assert sum(n for (label, _), n in one_way.items() if label == "awards.BallotCast") == 4
    empty, _ = _run_and_snapshot(meeting, [])
    assert empty != one_way


def test_no_table_holds_a_member_or_user_beside_a_choice(cast, council, meeting):
    """Structurally: no model of the awards app or its history references a member or a user and holds
    a ballot choice (the counters live only on the agenda item, whose history leaves them out)."""
    for user in voters(council):
        vote(meeting, user, True, False)
    choice_names = {"agree", "disagree", "choice", "in_favour", "vote"}
    for model in apps.get_app_config("awards").get_models():
        fields = model._meta.concrete_fields
        references_people = any(
            f.is_relation and f.related_model in (User, AwardCouncilMember) for f in fields
        )
        choices = {f.name for f in fields} & choice_names
        assert not (references_people and choices), f"{model._meta.label} links people to {choices}"
    assert {f.name for f in BallotCast._meta.concrete_fields} == {"id", "item", "member"}
    assert BallotCast.objects.count() == 10


def test_the_admin_exposes_no_ballot(client, cast, council, meeting):
    for model in (BallotCast, AgendaItem, CouncilMeeting):
        assert model not in admin.site._registry
        assert model.history.model not in admin.site._registry
    vote(meeting, cast.leader, True, False)
    superuser = factories.make_user(cast.org, Role.OFFICE, is_superuser=True, is_staff=True)
    client.force_login(superuser)
    index = client.get(reverse("admin:index")).content.decode().lower()
    assert "ballot" not in index and "agendaitem" not in index and "đã bỏ phiếu" not in index
    changelist = client.get(reverse("admin:awards_awardcouncil_changelist"))
    assert changelist.status_code == 200


def test_the_meeting_page_shows_only_ones_own_status_then_only_totals(client, cast, council, meeting):
    set_ballot_share("ldtt", "0.60")
    vote(meeting, cast.leader, True, False)
    client.force_login(cast.leader)
    page = client.get(reverse("awards:meeting", args=[meeting.pk])).content.decode()
    assert page.count("Đã bỏ phiếu") == 2 and 'data-testid="agree"' not in page  # no totals while open
    client.force_login(cast.unit_head)
    page = client.get(reverse("awards:meeting", args=[meeting.pk])).content.decode()
    assert "Đã bỏ phiếu" not in page and 'data-testid="agree"' not in page  # not another's status
    client.force_login(cast.office)
    page = client.get(reverse("awards:meeting", args=[meeting.pk])).content.decode()
    assert 'data-testid="agree"' not in page and "1/5" in page  # the office sees only how many voted
    vote(meeting, cast.office, True, True)
    vote(meeting, cast.unit_head, True, False)
    client.post(reverse("awards:meeting_close", args=[meeting.pk]), {"absent_note": ""})
    response = client.get(reverse("awards:meeting", args=[meeting.pk]))
    rows = [
        (r["item"].total_agree, r["item"].total_disagree, r["item"].passed) for r in response.context["rows"]
    ]
    assert rows == [(3, 0, True), (1, 2, False)]  # 3/5 reaches 0.60; 1/5 does not
    assert "Không đạt" in response.content.decode()


def test_the_ballot_leaves_no_change_outside_history(cast, council, staff):
    trail = AuditTrail()
    nominate(cast, person=staff["an"])
    meeting = services.meeting_open(council=council, user=cast.office, held_on=HELD_ON)
    vote(meeting, cast.leader, True)
    services.meeting_close(meeting=meeting, user=cast.office, written={})
    assert trail.gaps() == []


def test_the_office_sets_the_council_up_and_convenes_it_from_the_page(client, cast, staff):
    nominate(cast, person=staff["an"])
    client.force_login(cast.leader)
    assert client.post(reverse("awards:council"), {"year": YEAR, "name": "Hội đồng"}).status_code == 403
    client.force_login(cast.office)
    client.post(
        reverse("awards:council"),
        {"year": YEAR, "name": "Hội đồng TĐKT năm 2026", "decision_number": "12/QĐ-SXD"},
    )
    council = AwardCouncil.objects.get(organization=cast.org, year=YEAR)
    url = reverse("awards:council_year", args=[YEAR])
    client.post(url, {"action": "them", "user": cast.leader.pk, "role": "chair"})
    client.post(url, {"action": "them", "user": cast.other_office.pk, "role": "member"})  # another agency's
    assert [(m.user, m.role) for m in council.members.all()] == [(cast.leader, "chair")]
    response = client.post(url, {"action": "hop", "held_on": "2026-12-20"})
    meeting = CouncilMeeting.objects.get(council=council)
    assert response.url == reverse("awards:meeting", args=[meeting.pk])
    client.force_login(cast.leader)  # a member reads the council page, and finds it in the list
    assert client.get(url).status_code == 200
    assert list(client.get(reverse("awards:council")).context["councils"]) == [council]
    client.force_login(cast.staff)  # not a member: the list is empty, the council is not theirs to read
    assert list(client.get(reverse("awards:council")).context["councils"]) == []
    assert client.get(url).status_code == 403
