import datetime
import io
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import resolve

from thidua.awards.models import (
    AnnualRating,
    Award,
    Discipline,
    Person,
    Registration,
    RegistrationEntry,
    UnitRating,
)
from thidua.awards.services import eligibility
from thidua.demo.targets import indicator_for
from thidua.engagement.models import Assessment, CriterionSet, Dialogue, Feedback, FeedbackRule
from thidua.initiatives.models import Council, Initiative, InitiativeRule, Vote
from thidua.org.models import Enterprise, Organization, Unit, User
from thidua.org.roles import Role
from thidua.plans.models import Deadline, Phase, Plan, PlanDraft, Reference, Target
from thidua.tracking.models import ProgressSnapshot, Report

MODELS = (
    *(
        Organization,
        Unit,
        User,
        Enterprise,
        Plan,
        Target,
        Deadline,
        Phase,
        Reference,
        Report,
        ProgressSnapshot,
    ),
    *(InitiativeRule, Council, Initiative, Vote, FeedbackRule, Dialogue, Feedback, CriterionSet, Assessment),
    *(Person, AnnualRating, UnitRating, Discipline, Registration, RegistrationEntry, Award),
)


def counts():
    return [m.objects.count() for m in MODELS] + [
        m.history.model.objects.count() for m in (Initiative, Feedback, Assessment, Target, Registration)
    ]


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module inside a transaction rolled back when the module ends.

    Each test runs in a savepoint of its own within it (the `db` fixture), so what one test changes
    the next one does not see, and nothing is left for the other modules.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        with override_settings(DEBUG=True):
            call_command("demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_loaded, db):
    """The demo data, as loaded once for the module."""


def test_the_demo_loads_both_agencies_with_every_role_and_both_plans(db, settings, capsys):
    settings.DEBUG = True
    InitiativeRule.objects.all().delete()  # the demo puts the national rule back when it is missing
    call_command("demo")
    assert InitiativeRule.objects.get(organization=None).legal_basis.startswith("Nghị định 13/2012/NĐ-CP")
    output = capsys.readouterr().out
    assert "thidua-demo" in output and "thanhhoa.vanphong" in output and "langson.theodoi" in output
    assert Organization.objects.count() == 2
    for organization in Organization.objects.all():
        roles = set(organization.memberships.values_list("role", flat=True))
        assert roles == set(Role.values)
        assert organization.units.filter(name="Văn phòng Sở").exists()
        assert organization.units.exclude(parent=None).exists()  # a real tree
        plan = organization.plans.get()
        assert plan.status == Plan.Status.PUBLISHED
        assert plan.targets.count() >= 5 and plan.deadlines.count() >= 2
    lang_son = Plan.objects.get(province="Lạng Sơn")
    assert [(p.starts_on.isoformat(), p.ends_on.isoformat()) for p in lang_son.phases.all()] == [
        ("2026-01-01", "2028-06-30"),
        ("2028-07-01", "2030-12-31"),
    ]
    assert Enterprise.objects.filter(organization__province="Lạng Sơn").count() >= 3
    thanh_hoa = Plan.objects.get(province="Thanh Hóa")
    assert thanh_hoa.targets.filter(value=7500, unit_of_measure="căn hộ", period_kind="cumulative").exists()
    assert thanh_hoa.references.filter(number="257/2025/QH15").exists()
    assert User.objects.get(username="thanhhoa.vanphong").check_password("thidua-demo")


def test_the_demo_can_run_twice_without_duplicating(demo, settings):
    settings.DEBUG = True
    before = counts()
    call_command("demo")
    assert counts() == before
    assert PlanDraft.objects.count() == 2


def test_the_sample_plans_deadlines_appear_in_the_calendar_with_their_status(demo):
    from thidua.notifications.calendar import State, obligations

    thanh_hoa = Organization.objects.get(province="Thanh Hóa")
    found = obligations([thanh_hoa], datetime.date(2026, 1, 1), datetime.date(2031, 1, 31))
    on = datetime.date(2026, 11, 22)
    unit_plans = [o for o in found if o.kind == "unit_plan"]
    assert len(unit_plans) == thanh_hoa.units.carrying_out().count()
    assert {(o.due_on, o.comply_by, o.state(on)) for o in unit_plans} == {
        (datetime.date(2026, 8, 30), datetime.date(2026, 8, 29), State.OVERDUE)
    }
    agency = {o.kind: o for o in found if o.unit_id is None}
    assert (
        agency["interim"].due_on == datetime.date(2028, 9, 10)
        and agency["interim"].state(on) == State.UPCOMING
    )
    assert agency["final"].due_on == datetime.date(2030, 10, 10)
    reports = [o for o in found if o.kind == "report"]
    assert reports and all(o.due_on.day == 5 for o in reports)  # five days after each quarter
    sent = [o for o in reports if o.done_on]
    waiting = Report.objects.filter(
        organization=thanh_hoa, status__in=[Report.Status.SUBMITTED, Report.Status.APPROVED]
    )
    assert len(sent) == waiting.count()  # a draft or a returned report is still owed
    assert [o for o in reports if o.state(on) == State.OVERDUE]


def test_the_demo_units_reports_are_in_every_state(demo):
    for organization in Organization.objects.all():
        staff = organization.memberships.get(role=Role.STAFF).user
        reports = Report.objects.filter(assignment__unit=staff.unit)
        assert set(reports.values_list("status", flat=True)) == set(Report.Status.values)
        returned = reports.get(status=Report.Status.RETURNED)
        assert returned.review_comment.startswith("Đề nghị bổ sung")


def test_each_agency_has_initiatives_at_every_stage_and_a_2026_council(demo):
    for organization in Organization.objects.all():
        council = Council.objects.get(organization=organization, year=2026)
        assert council.members.count() == 3 and council.criteria.count() >= 3
        initiatives = Initiative.objects.filter(organization=organization)
        assert set(initiatives.values_list("status", flat=True)) == {
            Initiative.Status.DRAFT,
            Initiative.Status.SUBMITTED,
            Initiative.Status.RECEIVED,
            Initiative.Status.RECOGNISED,
        }
        for initiative in initiatives.exclude(received_on=None):
            assert initiative.submitted_at.date() <= initiative.received_on
            assert initiative.received_on.year == 2026 and initiative.decision_due_on > initiative.received_on
        recognised = initiatives.get(status=Initiative.Status.RECOGNISED)
        assert recognised.decision_number.endswith("/QĐ-SXD")
        assert recognised.received_on < recognised.decision_date <= recognised.decision_due_on
        assert recognised.tally() == (3, 3)
    provincial = Initiative.objects.exclude(provincial_decision_number="")
    assert [i.organization.province for i in provincial] == ["Thanh Hóa"]


def test_the_initiative_and_dialogue_targets_count_by_themselves(demo):
    computed = Target.objects.filter(measurement=Target.Measurement.COMPUTED)
    by_indicator = {(t.plan.province, t.indicator) for t in computed.select_related("plan")}
    assert {
        ("Thanh Hóa", "initiatives.recognised"),
        ("Lạng Sơn", "initiatives.recognised"),
        ("Lạng Sơn", "engagement.dialogues_held"),
        ("Lạng Sơn", "tracking.units_reporting_share"),
    } <= by_indicator
    dialogue_target = computed.get(plan__province="Lạng Sơn", indicator="engagement.dialogues_held")
    snapshot = ProgressSnapshot.objects.get(target=dialogue_target, unit=None)
    assert snapshot.status == "achieved" and snapshot.actual == 1
    assert not Report.objects.filter(assignment__target__in=computed).exists()
    reached = ProgressSnapshot.objects.filter(
        target__indicator="initiatives.recognised", unit__isnull=False, status="achieved"
    )
    assert reached.filter(unit__name="Phòng Phát triển đô thị").exists()


def test_targets_are_found_by_their_text_however_it_is_written():
    def target(text, unit="sáng kiến"):
        return Target(text=text, unit_of_measure=unit)

    assert indicator_for(target("01 SÁNG KIẾN/đề tài\n cấp tỉnh được công nhận")).endswith("_provincial")
    assert (
        indicator_for(target("Hằng năm có sáng kiến, giải pháp được công nhận")) == "initiatives.recognised"
    )
    assert indicator_for(target("Mỗi năm tổ chức 01 cuộc đối thoại doanh nghiệp", "cuộc")) == (
        "engagement.dialogues_held"
    )
    assert indicator_for(target("100% phòng, đơn vị triển khai phong trào", "%")).startswith("tracking.")
    assert indicator_for(target("Tỷ lệ sáng kiến được áp dụng đạt 100%", "%")) is None
    assert indicator_for(target("Giải ngân vốn đầu tư công đạt 95%", "%")) is None


def test_the_enterprises_side_dialogue_feedback_and_assessments(demo):
    lang_son = Organization.objects.get(province="Lạng Sơn")
    for organization in Organization.objects.all():
        rule = FeedbackRule.objects.in_force(organization, datetime.date(2026, 6, 1))
        assert rule.organization == organization and rule.answer_working_days == 10
    dialogue = Dialogue.objects.get(organization=lang_son)
    assert dialogue.status == Dialogue.Status.HELD and dialogue.held_on.year == 2026 and dialogue.minutes
    assert dialogue.enterprises.count() >= 2 and dialogue.units.exists() and dialogue.issues.count() >= 2
    feedback = Feedback.objects.filter(organization=lang_son)
    assert set(feedback.values_list("state", flat=True)) >= {
        Feedback.State.RECEIVED,
        Feedback.State.ASSIGNED,
        Feedback.State.CLOSED,
        Feedback.State.FORWARDED,
    }
    for item in Feedback.objects.exclude(answered_on=None):
        assert item.received_on <= item.answered_on <= item.answer_due_on
    assert Feedback.objects.published().filter(organization=lang_son).exists()
    criteria = CriterionSet.objects.get(organization=lang_son, year=2026).criteria.all()
    assert sum(c.max_points for c in criteria) == 100 and len({c.group for c in criteria}) == 4
    assessments = Assessment.objects.filter(organization=lang_son)
    assert assessments.count() >= 2
    assert assessments.get(rank=1).state == Assessment.State.VERIFIED


@pytest.mark.parametrize("username", ["thanhhoa.doanhnghiep", "langson.doanhnghiep"])
def test_each_demo_enterprise_sees_its_own_feedback_and_assessment_only(demo, username):
    user = User.objects.get(username=username)
    feedback = Feedback.objects.visible_to(user)
    assert (
        feedback.exists()
        and feedback.count() < Feedback.objects.filter(organization=user.organization).count()
    )
    assert set(feedback.values_list("enterprise", flat=True)) == {user.enterprise_id}
    assert list(Assessment.objects.visible_to(user).values_list("enterprise", flat=True)) == [
        user.enterprise_id
    ]


def test_each_agency_carries_a_2026_year_end_with_a_chain_a_discipline_and_the_cap_edge(demo):
    for organization in Organization.objects.all():
        people = Person.objects.filter(organization=organization)
        assert set(people.values_list("unit", flat=True)) >= set(
            organization.units.carrying_out().values_list("pk", flat=True)
        )
        linked = set(people.exclude(user=None).values_list("user__memberships__role", flat=True))
        assert linked == {Role.OFFICE, Role.LEADER, Role.UNIT_HEAD, Role.STAFF}
        assert Discipline.objects.filter(organization=organization, starts_on__year=2026).count() == 1
        statuses = Registration.objects.filter(organization=organization, year=2026).values_list(
            "status", flat=True
        )
        assert set(statuses) == {"approved", "submitted", "returned"}
        assert set(Award.objects.filter(organization=organization).values_list("year", flat=True)) == {
            2024,
            2025,
            2026,  # the Director's decision and the province's answer (tests/demo: decisions)
        }
        judged = {(j.name, j.title): j for j in eligibility(organization, 2026)}
        staff = User.objects.get(organization=organization, memberships__role=Role.STAFF)
        assert judged[(staff.full_name, "cstdcs")].verdict == "eligible"
        assert judged[(staff.full_name, "bang_khen_tinh")].verdict == "eligible"  # 2 CSTĐCS in a row
        cap = next(r for r in judged[(staff.full_name, "cstdcs")].reasons if r.criterion == "rating_cap")
        assert (cap.met, cap.detail["excellent"], cap.detail["good"]) == (True, 1, 5)  # exactly at the edge
        disciplined = Discipline.objects.get(organization=organization).person
        assert judged[(disciplined.full_name, "ldtt")].verdict == "not_eligible"
        assert judged[(staff.unit.name, "ttldxs")].verdict == "eligible"
    thanh_hoa = Organization.objects.get(slug="sxd-thanh-hoa")
    judged = {(j.name, j.title): j.verdict for j in eligibility(thanh_hoa, 2026)}
    assert judged[("Trịnh Thu Trang", "cstd_tinh")] == "eligible"  # CSTĐCS 2024, 2025 and now 2026


def test_each_agency_held_its_2026_council_meeting_with_ballots_recusals_and_a_written_opinion(demo):
    """The demo's council: seated from the demo logins, one meeting on the year's nominations, closed;
    the counters are the ballots cast through the service, the absent member's written opinion is
    counted, and the nominees and the head of the nominated unit stood aside from their own items."""
    from thidua.awards.council import minutes
    from thidua.awards.models import AgendaRecusal, AwardCouncil, BallotCast, CouncilMeeting, Nomination

    for organization in Organization.objects.all():
        council = AwardCouncil.objects.get(organization=organization, year=2026)
        assert {m.role for m in council.members.all()} == {"chair", "vice_chair", "member", "secretary"}
        meeting = CouncilMeeting.objects.get(council=council)
        assert meeting.status == "closed" and meeting.members_total == 4
        nominated = set(
            Nomination.objects.filter(organization=organization, year=2026, kind="annual").values_list(
                "pk", flat=True
            )
        )
        assert set(meeting.items.values_list("nomination", flat=True)) == nominated and len(nominated) >= 4
        items = list(meeting.items.all())
        assert (
            sum(i.agree + i.disagree for i in items)
            == BallotCast.objects.filter(item__meeting=meeting).count()
        )
        reasons = set(AgendaRecusal.objects.filter(item__meeting=meeting).values_list("reason", flat=True))
        assert reasons == {"nominee", "unit_head"}
        record = minutes(meeting)
        assert len(record.present) == 3 and len(record.written) == 1 and not record.absent
        assert sum(i.written_agree for i in items) >= 1
        assert {i.passed for i in items} == {True, False}
        for line in record.lines:
            assert line.item.base == 4 - len(line.recused)


def test_each_agency_records_a_2026_decision_and_proposes_upward(demo):
    from thidua.awards.models import Decision, Proposal

    for organization in Organization.objects.all():
        decision = Decision.objects.get(organization=organization, year=2026)
        assert decision.status == "issued" and decision.lines.exists()
        lines = decision.lines.all()
        assert {line.title for line in lines} <= {"ldtt", "cstdcs", "ttldtt", "giay_khen"}
        assert Award.objects.filter(decision=decision).count() == lines.count()
        assert all(line.bonus > 0 and line.bonus % 10_000 == 0 for line in lines)
        proposal = Proposal.objects.get(organization=organization, year=2026)
        assert proposal.status != "draft" and proposal.lines.exists()
        assert not {line.title for line in proposal.lines.all()} & {"ldtt", "cstdcs", "ttldtt", "giay_khen"}
    answered = Proposal.objects.get(organization__slug="sxd-thanh-hoa", year=2026)
    assert answered.status in {"accepted", "partly"}  # the province's answer is recorded
    accepted = answered.lines.filter(outcome="accepted").count()
    assert accepted and Award.objects.filter(proposal=answered).count() == accepted


DEMO_LOGINS = [
    f"{agency}.{role}"
    for agency in ("thanhhoa", "langson")
    for role in ("vanphong", "lanhdao", "truongphong", "chuyenvien", "doanhnghiep", "theodoi")
]
HREF = re.compile(r'href="(/[^"#]*)"')
# Files, the admin (/quan-tri/, Django's own pages), logging out and other people's downloads are not
# pages of a daily path.
NOT_A_PAGE = re.compile(
    r"^/(static|media|quan-tri|tai-khoan/dang-xuat|i18n|api/)|xuat=xlsx|\.(xlsx|docx|pdf|ics)\b"
    r"|/tai-xuong|/tep/|/excel|/mau-excel|/minh-chung/"
)
PAGES_PER_ROLE = 150
# Words of an English interface (Django's or a package's untranslated strings, a template's forgotten
# label, a Python value printed as is), matched as whole words in what a reader sees. Proper names the
# pages use on purpose (Excel, Word, PDF, Outlook, Google Calendar, the VI/EN switch) are not in it.
ENGLISH = re.compile(
    r"\b(Save|Submit|Cancel|Delete|Edit|Add|Remove|Update|Create|Next|Previous|Back|Search|Filter|Clear"
    r"|Page|of|and|the|or|with|This field is required|Log ?in|Log ?out|Sign ?in|Password|Username"
    r"|None|True|False|Yes|No|Unknown|Error|Loading|Currently|Change|Choose|Select|selected|Upload"
    r"|Download|Close|Show|Hide|Name|Date|Status|Total|Home|Today|Month|Week|Year"
    r"|January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|ago|minutes?|hours?|days?)\b"
)
# A POST form is an action the page offers; those every signed-in person has are not a role's actions.
POST_FORM = re.compile(r"(<form\b[^>]*\bmethod=\"post\"[^>]*>)(.*?)</form>", re.I | re.S)
FORM_ACTION = re.compile(r'\baction="([^"]*)"')
HIDDEN = re.compile(r'<input type="hidden" name="(?!csrfmiddlewaretoken)([^"]+)" value="([^"]*)"')
EVERYONE_POSTS = {"logout", "set_language"}
# The agency's own work, which an enterprise is never led to (its notifications live under /lich/ too).
INTERNAL = ("/theo-doi/", "/ke-hoach/", "/thi-dua/", "/nhiem-vu/", "/van-ban/", "/sang-kien/", "/lich/")
INBOX = "/lich/thong-bao/"


class _VisibleText(HTMLParser):
    """The words a reader sees: the text between tags, without scripts, styles or attributes."""

    def __init__(self):
        super().__init__()
        self.hidden, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def _english(html: str) -> set[str]:
    parser = _VisibleText()
    parser.feed(html)
    return set(ENGLISH.findall(" ".join(parser.parts)))


def _offered_posts(url: str, html: str) -> dict[str, tuple[str, dict]]:
    """The actions the page offers with a POST form: view name → the URL it posts to and the form's
    hidden fields (what it sends before anyone types)."""
    offered = {}
    for tag, body in POST_FORM.findall(html):
        action = FORM_ACTION.search(tag)
        target = unescape(action.group(1)) if action and action.group(1) else url
        view = resolve(target.split("?")[0]).view_name
        if view not in EVERYONE_POSTS:
            offered.setdefault(view, (target, {k: unescape(v) for k, v in HIDDEN.findall(body)}))
    return offered


def _walk(client) -> tuple[list[str], list[str], dict[str, set[str]], dict[str, tuple]]:
    """From the home page, every link (breadth first, up to PAGES_PER_ROLE pages): the pages seen, the
    dead links, the English words by page, and each POST action offered (view → its URL and page)."""
    seen, queue, came_from, dead = [], ["/"], {}, []
    english, posts = {}, {}
    while queue and len(seen) < PAGES_PER_ROLE:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.append(url)
        response = client.get(url)
        if response.status_code >= 400:
            dead.append(f"{response.status_code} {url} (from {came_from.get(url)})")
            continue
        if response.status_code in (301, 302) and response["Location"].startswith("/"):
            came_from.setdefault(response["Location"], url)
            queue.append(response["Location"])  # where the home page or a notification leads
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if words := _english(html):
            english[url] = words
        for view, (target, data) in _offered_posts(url, html).items():
            posts.setdefault(view, (target, data, url))
        for href in HREF.findall(html):
            href = unescape(href)
            if href not in seen and not NOT_A_PAGE.search(href):
                came_from.setdefault(href, url)
                queue.append(href)
    return seen, dead, english, posts


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_a_demo_role_walks_every_link_and_form_without_error_or_english(demo, client, username):
    """#12: from the home page, every link a role is shown opens, in Vietnamese, and every form that
    posts is one the role may send (each kind of action once, empty: a refusal is 403/404/405)."""
    client.force_login(User.objects.get(username=username))
    seen, dead, english, posts = _walk(client)
    assert dead == []
    assert english == {}
    assert len(seen) > 10  # the walk went somewhere
    if username.endswith(".doanhnghiep"):  # an enterprise is shown none of the agency's internal work
        internal = (
            "/theo-doi/",
            "/ke-hoach/",
            "/thi-dua/",
            "/nhiem-vu/",
            "/van-ban/",
            "/sang-kien/",
            "/lich/",
        )
        assert [
            url for url in seen if url.startswith(internal) and not url.startswith("/lich/thong-bao/")
        ] == []
    # After the walk, each in a savepoint undone: nothing offered is refused.
    refused = []
    for view, (target, data, page) in posts.items():
        with transaction.atomic():  # each from the state the walk saw: a submit does not close an edit
            response = client.post(target, data)
            transaction.set_rollback(True)
        if response.status_code in (403, 404, 405):
            refused.append(f"{response.status_code} {view}: {target} (on {page})")
        elif response.status_code == 200 and (words := _english(response.content.decode())):
            refused.append(f"English {sorted(words)} in the answer of {view}: {target}")  # its errors
    assert refused == []


@pytest.mark.parametrize(
    "url", ["/dang-nhap/", "/quen-mat-khau/", "/cong-khai/phan-anh-kien-nghi/", "/khong-co-trang-nay/"]
)
def test_the_pages_before_signing_in_are_in_vietnamese(demo, client, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    assert _english(response.content.decode()) == set()


def test_a_refused_sign_in_says_why_in_vietnamese(demo, client):
    refused = client.post("/dang-nhap/", {"username": "khong-co", "password": "sai"}).content.decode()
    assert "Tên đăng nhập và mật khẩu chính xác" in refused
    assert _english(refused) == set()
