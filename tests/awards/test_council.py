"""The council, finished: who stands aside from an item (the nominee; the head of a nominated unit when
the counting rule says so) and how the threshold's base follows, absent members' written opinions
under the rule, the minutes page, secrecy of every page the ballot reaches, and queries per page flat
with the data's size."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.awards.conftest import HELD_ON, YEAR, make_person, nominate, set_ballot_share, vote, voters
from thidua.awards import council as services
from thidua.awards.models import (
    AgendaItem,
    AgendaRecusal,
    AwardCouncil,
    AwardCouncilMember,
    BallotCast,
    CouncilMeeting,
    CouncilVotingRule,
    MeetingAttendance,
    Nomination,
    Title,
)
from thidua.org.roles import Role

pytestmark = pytest.mark.django_db


def national_rule(**changes) -> CouncilVotingRule:
    rule = CouncilVotingRule.objects.get(organization=None)
    for key, value in changes.items():
        setattr(rule, key, value)
    rule.save()
    return rule


def open_meeting(cast, council):
    return services.meeting_open(council=council, user=cast.office, held_on=HELD_ON)


def close(cast, meeting, written=None, presence=None):
    return services.meeting_close(
        meeting=meeting, user=cast.office, written=written or {}, presence=presence or {}
    )


# ——— Recusal ———


@pytest.fixture
def nominee_member(cast, council):
    """The fifth member of the council is nominated for a Giấy khen (a form that asks no registration)."""
    user = voters(council)[4]
    person = make_person(cast.org, cast.unit, full_name="Thành viên được đề nghị", user=user)
    nominate(cast, person=person, title=Title.GIAY_KHEN)
    return user


def test_the_nominee_stands_aside_and_the_base_shrinks(cast, council, nominee_member):
    set_ballot_share("giay_khen", "0.75")
    meeting = open_meeting(cast, council)
    item = meeting.items.get()
    recusal = AgendaRecusal.objects.get(item=item)
    assert (recusal.member.user, recusal.reason) == (nominee_member, "nominee")
    with pytest.raises(ValidationError, match="không tham gia xét"):
        vote(meeting, nominee_member, True)
    for user in voters(council)[:3]:
        vote(meeting, user, True)
    vote(meeting, voters(council)[3], False)
    close(cast, meeting)
    item.refresh_from_db()
    assert (item.agree, item.disagree, item.base, item.passed) == (3, 1, 4, True)  # 3/4 reaches 0.75
    assert not BallotCast.objects.filter(member__user=nominee_member).exists()


def test_the_threshold_on_the_other_side_with_a_recusal(cast, council, nominee_member):
    set_ballot_share("giay_khen", "0.75")
    meeting = open_meeting(cast, council)
    for user, agree in zip(voters(council)[:4], (True, True, False, False), strict=True):
        vote(meeting, user, agree)
    close(cast, meeting)
    item = meeting.items.get()
    assert (item.base, item.passed) == (4, False)  # 2/4 < 0.75


def test_the_rule_can_keep_those_who_stand_aside_in_the_base(cast, council, nominee_member):
    """Same ballots, another rule version: the whole membership is the base, 3/5 misses 0.75."""
    national_rule(base_excludes_recused=False)
    set_ballot_share("giay_khen", "0.75")
    meeting = open_meeting(cast, council)
    for user in voters(council)[:3]:
        vote(meeting, user, True)
    close(cast, meeting)
    item = meeting.items.get()
    assert (item.agree, item.base, item.passed) == (3, 5, False)


def test_the_head_of_a_nominated_unit_stands_aside_when_the_rule_says_so(cast, staff, council):
    nominate(cast, title=Title.TTLDTT)  # the unit nominates itself; its head sits on the council
    meeting = open_meeting(cast, council)
    item = meeting.items.get()
    assert list(item.recusals.values_list("member__user", "reason")) == [(cast.unit_head.pk, "unit_head")]
    with pytest.raises(ValidationError):
        vote(meeting, cast.unit_head, True)


def test_without_the_rule_the_unit_head_votes_on_the_unit(cast, staff, council):
    national_rule(recuse_unit_head=False)
    nominate(cast, title=Title.TTLDTT)
    meeting = open_meeting(cast, council)
    assert not AgendaRecusal.objects.exists()
    vote(meeting, cast.unit_head, True)
    assert meeting.items.get().agree == 1


def test_the_meeting_page_shows_who_stands_aside_and_offers_them_no_ballot(
    client, cast, council, nominee_member
):
    meeting = open_meeting(cast, council)
    client.force_login(nominee_member)
    page = client.get(reverse("awards:meeting", args=[meeting.pk]))
    text = page.content.decode()
    assert "Không tham gia xét" in text and "Là người được đề nghị" in text
    assert not page.context["can_vote"] and 'name="item-' not in text
    client.force_login(cast.leader)
    assert client.get(reverse("awards:meeting", args=[meeting.pk])).context["can_vote"]


# ——— Written opinions of absent members ———


def test_written_opinions_need_an_absent_member_who_sent_one(cast, council, meeting):
    first, second = meeting.items.order_by("pk")
    for user in voters(council)[:3]:
        vote(meeting, user, True, True)
    with pytest.raises(ValidationError, match="vắng mặt"):
        close(cast, meeting, written={first.pk: (1, 0)})  # nobody recorded absent with an opinion
    member = council.members.get(user=voters(council)[0])
    with pytest.raises(ValidationError, match="đã bỏ phiếu"):
        close(cast, meeting, presence={member.pk: "written"})  # voted, so present
    absent = council.members.get(user=voters(council)[3])
    close(cast, meeting, written={first.pk: (1, 0), second.pk: (0, 1)}, presence={absent.pk: "written"})
    presences = dict(MeetingAttendance.objects.values_list("member__user", "presence"))
    assert presences == {
        voters(council)[0].pk: "present",
        voters(council)[1].pk: "present",
        voters(council)[2].pk: "present",
        voters(council)[3].pk: "written",
        voters(council)[4].pk: "absent",
    }


def test_the_rule_decides_whether_written_opinions_count(cast, council, meeting):
    set_ballot_share("ldtt", "0.80")
    national_rule(count_written_opinions=False)
    for user in voters(council)[:3]:
        vote(meeting, user, True, True)
    absent = council.members.get(user=voters(council)[3])
    first, _second = meeting.items.order_by("pk")
    close(cast, meeting, written={first.pk: (1, 0)}, presence={absent.pk: "written"})
    first.refresh_from_db()
    assert (first.agree, first.written_agree, first.passed) == (3, 1, False)  # 3/5: the letter is noted only


def test_an_agency_rule_gives_the_share_a_title_rule_leaves_open(cast, council, meeting):
    CouncilVotingRule.objects.create(
        organization=cast.org,
        legal_basis="Quy chế thi đua, khen thưởng của Sở",
        valid_from=datetime.date(2026, 1, 1),
        default_share=Decimal("0.6000"),
    )
    for user in voters(council)[:3]:
        vote(meeting, user, True, False)
    close(cast, meeting)
    first, second = meeting.items.order_by("pk")
    assert (first.passed, second.passed) == (True, False)  # 3/5 ≥ 0.60; 0/5
    assert first.threshold == Decimal("0.6000")


# ——— Minutes ———


def test_the_minutes_of_a_closed_meeting(client, cast, council, meeting):
    set_ballot_share("ldtt", "0.60")
    for user in voters(council)[:3]:
        vote(meeting, user, True, False)
    absent = council.members.get(user=voters(council)[3])
    first, second = meeting.items.order_by("pk")
    client.force_login(cast.leader)
    url = reverse("awards:meeting_minutes", args=[meeting.pk])
    assert 'data-testid="not-closed"' in client.get(url).content.decode()
    close(cast, meeting, written={first.pk: (0, 1), second.pk: (1, 0)}, presence={absent.pk: "written"})
    response = client.get(url)
    text = response.content.decode()
    assert response.status_code == 200 and "BIÊN BẢN" in text
    record = response.context["minutes"]
    assert {a.member.user for a in record.present} == set(voters(council)[:3])
    assert [a.member.user for a in record.written] == [voters(council)[3]]
    assert [a.member.user for a in record.absent] == [voters(council)[4]]
    lines = [
        (line.item.agree, line.item.disagree, line.counted_agree, line.item.passed) for line in record.lines
    ]
    assert lines == [(3, 0, 3, True), (0, 3, 1, False)]
    assert "3/5 đồng ý; cần tỷ lệ 0,6" in text or "3/5 đồng ý; cần tỷ lệ 0.6" in text
    assert record.chair.user == cast.leader and record.secretary.user == cast.office


def test_only_the_office_and_the_members_read_the_minutes(client, cast, council, meeting):
    close(cast, meeting)
    url = reverse("awards:meeting_minutes", args=[meeting.pk])
    client.force_login(cast.staff)
    assert client.get(url).status_code == 403
    client.force_login(cast.other_office)
    assert client.get(url).status_code == 404


# ——— Secrecy: what the pages show ———

PAGES = ("awards:meeting", "awards:meeting_minutes")


def _pages_after(client, cast, council, meeting, ballots) -> dict[str, str]:
    """Every page the ballot reaches, as the office and as a member, after `ballots` and the close;
    rolled back after."""

    class Rollback(Exception):
        pass

    pages = {}
    try:
        with transaction.atomic():
            for user, agrees in ballots:
                vote(meeting, user, *agrees)
            close(cast, meeting)
            for user in (cast.office, cast.leader):
                client.force_login(user)
                for name in PAGES:
                    text = client.get(reverse(name, args=[meeting.pk])).content.decode()
                    pages[(user.pk, name)] = _steady(text)
                text = client.get(reverse("awards:council_year", args=[council.year])).content.decode()
                pages[(user.pk, "council")] = _steady(text)
            raise Rollback
    except Rollback:
        return pages


def _steady(text: str) -> str:
    """The page without what differs between two requests whatever the votes (tokens, the clock)."""
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    return re.sub(r"\d{2}:\d{2} \d{2}/\d{2}/\d{4}", "", text)


def test_no_page_tells_who_voted_what(client, cast, council, meeting):
    """Two members swap their choices: every page the ballot reaches reads the same, for the office and
    for a member; and the pages do show the totals."""
    first, second, *_ = voters(council)
    one_way = _pages_after(client, cast, council, meeting, [(first, (True, True)), (second, (False, False))])
    other_way = _pages_after(
        client, cast, council, meeting, [(first, (False, False)), (second, (True, True))]
    )
    assert one_way == other_way
    minutes = one_way[(cast.office.pk, "awards:meeting_minutes")]
    assert 'data-testid="agree">1<' in minutes


def test_no_history_or_admin_holds_a_choice(cast, council, meeting):
    """The item's history leaves the counters out; attendance and recusal say nothing of a choice; no
    admin shows the ballot, the attendance or the recusals."""
    history_fields = {f.name for f in AgendaItem.history.model._meta.concrete_fields}
    assert not history_fields & {"agree", "disagree"}
    for model in (MeetingAttendance, AgendaRecusal, BallotCast):
        names = {f.name for f in model._meta.concrete_fields} | {
            f.name for f in model.history.model._meta.concrete_fields
        }
        assert not names & {"agree", "disagree", "choice", "in_favour", "vote"}, model
        assert model not in admin.site._registry and model.history.model not in admin.site._registry
    for model in admin.site._registry:
        if model._meta.app_label == "awards":
            fields = {f.name for f in model._meta.concrete_fields}
            assert not fields & {"agree", "disagree"}, model


# ——— The council pages ———


def test_another_agency_finds_no_council_of_this_year(client, cast, council):
    client.force_login(cast.other_office)
    assert client.get(reverse("awards:council_year", args=[YEAR])).status_code == 404
    assert list(client.get(reverse("awards:council")).context["councils"]) == []


def test_an_enterprise_has_no_council_page(client, cast, council):
    client.force_login(cast.enterprise_user)
    assert client.get(reverse("awards:council")).status_code == 403


# ——— Queries per page, flat with the data's size ———


def _world(cast, size: int) -> tuple[AwardCouncil, CouncilMeeting, CouncilMeeting]:
    """A council of `size` + 2 members, an open meeting and a closed one, each on `size` nominations."""
    year = 2020 + size
    council = AwardCouncil.objects.create(organization=cast.org, year=year, name=f"Hội đồng {year}")
    users = [cast.leader, cast.office] + [
        factories.make_user(cast.org, Role.STAFF, unit=cast.office_unit) for _ in range(size)
    ]
    for user in users:
        AwardCouncilMember.objects.create(council=council, user=user)
    meetings = []
    for status in ("open", "closed"):
        for index in range(size):
            linked = (status == "open") == (index % 2 == 1)  # nominees who sit on the council stand aside
            person = make_person(cast.org, cast.unit, user=users[2 + index] if linked else None)
            Nomination.objects.create(
                organization=cast.org,
                unit=cast.unit,
                person=person,
                year=year,
                title=Title.GIAY_KHEN,
                summary="Thành tích",
                created_by=cast.office,
            )
        meeting = services.meeting_open(council=council, user=cast.office, held_on=datetime.date(year, 12, 1))
        for user in users[: size // 2 + 1]:
            items = meeting.items.exclude(recusals__member__user=user)
            services.ballot_cast(meeting=meeting, user=user, choices={i.pk: True for i in items})
        if status == "closed":
            services.meeting_close(meeting=meeting, user=cast.office, written={})
        meetings.append(meeting)
    return council, meetings[0], meetings[1]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_queries_per_page_do_not_grow_with_the_data(client, cast):
    counts = {}
    for size in (2, 6):
        council, open_one, closed_one = _world(cast, size)
        for user in (cast.office, cast.leader):
            client.force_login(user)
            urls = {
                "list": reverse("awards:council"),
                "council": reverse("awards:council_year", args=[council.year]),
                "open": reverse("awards:meeting", args=[open_one.pk]),
                "closed": reverse("awards:meeting", args=[closed_one.pk]),
                "minutes": reverse("awards:meeting_minutes", args=[closed_one.pk]),
            }
            if user == cast.office:
                urls["nominations"] = reverse("awards:nominations") + f"?nam={council.year}"
            for name, url in urls.items():
                counts.setdefault((user.pk, name), []).append(_queries(client, url))
    grown = {key: sizes for key, sizes in counts.items() if sizes[0] != sizes[1]}
    assert grown == {}, grown
