"""Every URL of the project × every role of both agencies, against one table of who is let in.

`MATRIX` has a row for every URL name the project serves (pages, downloads, public pages, the admin);
a URL without a row fails `test_every_url_has_a_row`. For each row, `test_url` asks the page as every
role of both agencies, with a GET and a POST, on an object of the person's own agency, and on the
same kind of object of the other agency:

- a GET the row allows answers 200 (or redirects somewhere other than a login page); a GET it
  refuses answers 403 or 404, and sends an anonymous visitor to the login page;
- a POST the row refuses answers 403, 404 or 405 (the login page for an anonymous visitor) and
  changes nothing: no table gains or loses a row (history tables included), and the object the
  URL names keeps every field;
- on the other agency's object every signed-in person gets 404 (or 405 for a method the URL
  never accepts) and changes nothing.

The world is built once per module: the demo's two agencies, with, in each, one row of every kind a
URL names (reports in each state, initiatives at each step, feedback at each step, files). Each
request runs in a savepoint rolled back after it, so one person's allowed write never changes what
the next one sees.

To add a URL: add a row to `MATRIX` (its object from `World`, who may read it, who may write).
"""

import dataclasses
import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from tests import factories
from tests.documents.templates import word_template
from tests.engagement.factories import make_rule
from thidua.api import services as api_tokens
from thidua.awards import decisions as award_decisions
from thidua.awards import dossier as award_dossier
from thidua.awards import scoring as unit_scoring
from thidua.awards import services as awards
from thidua.awards.models import (
    AgendaItem,
    AnnualRating,
    AwardCouncil,
    AwardCouncilMember,
    CouncilMeeting,
    Discipline,
    HoldFlag,
    Leave,
    MovementRewardProposal,
    Nomination,
    Person,
    RatingStatus,
    Registration,
    RegistrationEntry,
    Title,
)
from thidua.demo.loader import load_demo
from thidua.documents import services as documents
from thidua.engagement import services as engagement
from thidua.engagement.models import Feedback
from thidua.initiatives import services as initiatives
from thidua.initiatives.models import Council, CouncilMember, Criterion, Initiative
from thidua.notifications.models import CalendarToken, Notification
from thidua.org.models import Organization
from thidua.org.roles import Role
from thidua.plans.models import Deadline, Plan, PlanDraft, Target
from thidua.tasks import services as tasks
from thidua.tasks.models import Activity, GoodExample, Task
from thidua.tracking import services as tracking
from thidua.tracking import unit_reports
from thidua.tracking.models import Assignment, Report
from thidua.tracking.periods import periods_between, rhythm_for
from thidua.tracking.unit_plans import unit_plan_submit

# The mark makes pytest-django create the test database; each test runs in a savepoint of the
# module's transaction (see `worlds`).
pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore")]

# ——— Who asks ———

OFFICE, LEADER, HEAD, STAFF, OTHER_STAFF = "office", "leader", "unit_head", "staff", "other_staff"
ENTERPRISE, OBSERVER, ANONYMOUS = "enterprise", "observer", "anonymous"
PEOPLE = (OFFICE, LEADER, HEAD, STAFF, OTHER_STAFF, ENTERPRISE, OBSERVER)  # in each agency
MANAGEMENT = frozenset({OFFICE, LEADER})
FOLLOWERS = MANAGEMENT | {OBSERVER}  # those who read every unit's records
THE_UNIT = frozenset({HEAD, STAFF})  # the unit that carries out the objects of the world
AGENCY = FOLLOWERS | THE_UNIT | {OTHER_STAFF}  # everyone who reads the agency's dashboards
SIGNED_IN = AGENCY | {ENTERPRISE}
EVERYONE = SIGNED_IN | {ANONYMOUS}
NOBODY: frozenset = frozenset()

POST_ONLY = "post only"  # `get`: the URL answers 405 to a GET
REDIRECT = "redirect"  # `get`: the URL only redirects (the admin's old object URLs)


@dataclasses.dataclass(frozen=True)
class Row:
    """Who may read (GET) and who may write (POST) at one URL; `obj` names the row of `World` the URL
    is about (None: the URL names no row), `kwargs` fills its other parts, `data` is what is posted.
    `post=None`: the URL writes nothing, whoever posts."""

    get: frozenset | str
    post: frozenset | None = None
    obj: str | None = None
    kwargs: Callable | None = None
    data: dict | None = None


def read(*roles, post=None, obj=None, **extra) -> Row:
    return Row(get=frozenset(roles[0]) if len(roles) == 1 else frozenset(roles), post=post, obj=obj, **extra)


def action(writers, obj, **extra) -> Row:
    """A button: POST only, for `writers`."""
    return Row(get=POST_ONLY, post=frozenset(writers), obj=obj, **extra)


def _rating_year(w) -> dict:
    return {"year": 2033}  # the year of the world's ratings, away from the demo's


NEW_SCORING_CRITERION = {
    "group": "V",
    "text": "Tiêu chí thử",
    "kind": "points",
    "source": "self",
    "max_points": "5",
}

MATRIX: dict[str, Row] = {
    # Project pages
    "home": read(SIGNED_IN),
    "login": read(EVERYONE),
    "logout": Row(get=POST_ONLY),  # signs the person out: their session only
    "set_language": read(EVERYONE, post=EVERYONE),  # a GET redirects back
    "favicon": read(EVERYONE),  # a redirect to the static icon
    "health": read(EVERYONE),  # a probe's JSON, nothing an outsider could use; a POST answers 405
    # Accounts: one's own password; the office resets its agency's people's
    "org:password_change": read(SIGNED_IN, post=SIGNED_IN),  # a POST without the old password changes nothing
    "org:people": read({OFFICE}),
    "org:person_password": read({OFFICE}, post=frozenset({OFFICE}), obj="account"),
    "org:person_reset_link": action({OFFICE}, "account"),
    "password_reset": read(EVERYONE, post=EVERYONE),  # an empty POST sends nothing
    "password_reset_done": read(EVERYONE),
    "password_reset_confirm": read(EVERYONE, kwargs=lambda w: {"uidb64": "MQ", "token": "sai-ma"}),
    "password_reset_complete": read(EVERYONE),
    # Plans
    "plans:list": read(SIGNED_IN),  # an enterprise's list is empty
    "plans:detail": read(AGENCY, obj="plan"),
    "plans:import": read({OFFICE}, post=frozenset({OFFICE})),
    "plans:deadline_complete": action(MANAGEMENT, "deadline"),
    "plans:draft": read(MANAGEMENT, post=MANAGEMENT, obj="draft"),
    "plans:draft_discard": action(MANAGEMENT, "draft"),
    # Tracking: dashboards
    "tracking:overview": read(AGENCY),
    "tracking:province": read(AGENCY),
    "tracking:review_queue": read(SIGNED_IN),  # lists only what the person may review
    "tracking:target": read(AGENCY, obj="target"),
    "tracking:target_measurement": action(MANAGEMENT, "target"),
    "tracking:target_milestones": action(MANAGEMENT, "target", data={"lines": "2030: 1"}),
    "tracking:unit": read(AGENCY, obj="unit"),
    "tracking:plan_assign": read(MANAGEMENT, post=MANAGEMENT, obj="plan"),
    # Tracking: the report cycle of the unit
    "tracking:assignment": read(FOLLOWERS | THE_UNIT, post=MANAGEMENT, obj="assignment"),
    "tracking:report_open": action(THE_UNIT, "assignment", kwargs=lambda w: {"period": w.open_period}),
    "tracking:report": read(FOLLOWERS | THE_UNIT, post=THE_UNIT, obj="draft_report"),
    "tracking:report_submit": action({HEAD}, "draft_report"),
    "tracking:report_review": action(MANAGEMENT, "submitted_report", data={"decision": "approve"}),
    "tracking:report_correct": action({HEAD}, "approved_report"),
    "tracking:evidence": read(FOLLOWERS | THE_UNIT, obj="evidence"),
    "tracking:evidence_delete": action(THE_UNIT, "evidence"),
    "tracking:unit_plans": read(FOLLOWERS | {HEAD}, post=frozenset({HEAD}), obj="plan"),
    "tracking:unit_plan": read(FOLLOWERS | THE_UNIT, post=MANAGEMENT, obj="unit_plan"),
    "tracking:unit_plan_file": read(FOLLOWERS | THE_UNIT, obj="unit_plan"),
    # Units' reports in words (sơ kết, tổng kết, đột xuất) and difficulties: the office asks, receives or
    # returns and answers; the unit head fills and sends the unit's own; the unit's staff read them
    "tracking:unit_report_requests": read(AGENCY, post=frozenset({OFFICE})),
    "tracking:unit_report_request": read(FOLLOWERS | THE_UNIT | {OTHER_STAFF}, obj="report_request"),
    "tracking:unit_report_open": action({HEAD}, "report_request"),
    "tracking:unit_report": read(FOLLOWERS | THE_UNIT, post=frozenset({HEAD}), obj="draft_unit_report"),
    "tracking:unit_report_submit": action({HEAD}, "draft_unit_report"),
    "tracking:unit_report_review": action({OFFICE}, "submitted_unit_report", data={"decision": "receive"}),
    "tracking:unit_report_file": read(FOLLOWERS | THE_UNIT, obj="unit_report_attachment"),
    "tracking:difficulties": read(AGENCY, post=frozenset({HEAD})),
    "tracking:difficulty_rule": action({OFFICE}, None, data={"answer_days": 5}),
    "tracking:difficulty": read(
        FOLLOWERS | THE_UNIT, post=frozenset({OFFICE}), obj="open_difficulty", data={"answer": "Trả lời thử"}
    ),
    "tracking:unit_workbook": read(FOLLOWERS | THE_UNIT, obj="unit", kwargs=lambda w: {"period": w.quarter}),
    "tracking:unit_workbook_upload": read(THE_UNIT, post=THE_UNIT, obj="unit"),
    # ——— Awards: bình xét and the council's secret ballot (branch `ballot`) ———
    "awards:nominations": read({OFFICE, HEAD}),  # the office: every unit's; a unit head: the unit's
    "awards:nomination_new": read({OFFICE, HEAD}, post=frozenset({OFFICE, HEAD})),
    "awards:nomination_return": action({OFFICE}, "nomination", data={"reason": "Bổ sung hồ sơ"}),
    "awards:council": read(AGENCY, post=frozenset({OFFICE})),  # the councils one sits on; the office: all
    "awards:council_year": read(  # the office, and the members
        MANAGEMENT, post=frozenset({OFFICE}), kwargs=lambda w: {"year": w.award_council.year}
    ),
    "awards:meeting": read(MANAGEMENT, obj="award_meeting"),  # members: the leader chairs, the office
    "awards:meeting_vote": action(MANAGEMENT, "award_meeting"),  # members only, their own ballot
    "awards:meeting_close": action({OFFICE}, "award_meeting"),
    "awards:meeting_minutes": read(MANAGEMENT, obj="award_meeting"),
    # ——— Awards: decisions, proposals and the reward book (branch `decisions`) ———
    "awards:decisions": read(MANAGEMENT),  # the office writes, the leaders read
    "awards:decisions_draft": action({OFFICE}, None),
    "awards:decision_new": action({OFFICE}, None, data={"year": 2033, "kind": "annual", "content": "Thử"}),
    "awards:proposal_new": action({OFFICE}, None, data={"year": 2033, "kind": "annual", "content": "Thử"}),
    "awards:decision": read(MANAGEMENT, obj="award_decision"),
    "awards:decision_line_add": action({OFFICE}, "award_decision", data={"title": "ldtt"}),
    "awards:decision_issue": action(
        {OFFICE}, "award_decision", data={"number": "1/QĐ", "signed_on": "05/01/2034", "signer": "GĐ"}
    ),
    "awards:decision_line_remove": action({OFFICE}, "award_decision_line"),
    "awards:proposal": read(MANAGEMENT, obj="award_proposal"),
    "awards:proposal_line_add": action({OFFICE}, "award_proposal", data={"title": "ttldxs"}),
    "awards:proposal_send": action(
        {OFFICE}, "award_proposal", data={"number": "1/TTr", "signed_on": "05/01/2034", "signer": "GĐ"}
    ),
    "awards:proposal_outcome": action({OFFICE}, "award_proposal"),
    "awards:proposal_line_remove": action({OFFICE}, "award_proposal_line"),
    # The proposal's dossier: the office uploads and removes, the leaders read (the form's errors: back)
    "awards:proposal_file_add": action({OFFICE}, "award_proposal"),
    "awards:proposal_file": read(MANAGEMENT, obj="proposal_file"),
    "awards:proposal_file_remove": action({OFFICE}, "proposal_file"),
    "awards:book": read(MANAGEMENT),
    "awards:book_stats": read(MANAGEMENT),
    "awards:book_unit": read(MANAGEMENT, obj="unit"),
    "awards:book_import": read({OFFICE}, post=frozenset({OFFICE})),
    "awards:book_template": read({OFFICE}),
    # ——— end of the ballot block ———
    # The calendar, notifications, the personal feed
    "notifications:calendar": read(SIGNED_IN),
    "notifications:month": read(SIGNED_IN),
    "notifications:inbox": read(SIGNED_IN, post=SIGNED_IN),  # marks one's own as read
    "notifications:notification": read({STAFF}, obj="notification"),  # the recipient's only
    "notifications:feed": read(EVERYONE, kwargs=lambda w: {"token": w.token}),  # the secret is the key
    "notifications:feed_settings": read(SIGNED_IN, post=SIGNED_IN),  # one's own feed
    # Initiatives
    "initiatives:list": read(SIGNED_IN),
    "initiatives:create": read(AGENCY - {OBSERVER}, post=AGENCY - {OBSERVER}),
    "initiatives:detail": read(FOLLOWERS | THE_UNIT, obj="received_initiative"),
    "initiatives:edit": read({STAFF}, post=frozenset({STAFF}), obj="draft_initiative"),
    "initiatives:submit": action({STAFF}, "draft_initiative"),
    "initiatives:endorse": action({HEAD}, "submitted_initiative"),
    "initiatives:receive": action({OFFICE}, "endorsed_initiative"),
    "initiatives:council_review": read(MANAGEMENT, post=MANAGEMENT, obj="received_initiative"),
    "initiatives:decide": action(MANAGEMENT, "received_initiative"),
    "initiatives:provincial": action(MANAGEMENT, "recognised_initiative"),
    "initiatives:attachment": read({STAFF}, obj="initiative_attachment"),  # a draft's: its author's
    "initiatives:councils": read(FOLLOWERS),
    "initiatives:council_create": read({OFFICE}, post=frozenset({OFFICE})),
    "initiatives:council_detail": read(FOLLOWERS, obj="council"),
    "initiatives:council_edit": read({OFFICE}, post=frozenset({OFFICE}), obj="council"),
    "initiatives:council_member_add": action({OFFICE}, "council"),
    "initiatives:council_member_edit": read({OFFICE}, post=frozenset({OFFICE}), obj="council_member"),
    "initiatives:council_member_remove": action({OFFICE}, "council_member"),
    "initiatives:criterion_add": action({OFFICE}, "council"),
    "initiatives:criterion_edit": read({OFFICE}, post=frozenset({OFFICE}), obj="council_criterion"),
    "initiatives:criterion_remove": action({OFFICE}, "council_criterion"),
    # Enterprises: feedback and petitions
    "engagement:portal": read({ENTERPRISE}),  # an enterprise's own page; the agency's people have none
    "engagement:feedback_list": read(SIGNED_IN),  # each sees their own rows
    "engagement:feedback_new": read(MANAGEMENT | {ENTERPRISE}, post=MANAGEMENT | {ENTERPRISE}),
    "engagement:feedback": read(FOLLOWERS | THE_UNIT | {ENTERPRISE}, obj="assigned_feedback"),
    "engagement:feedback_assign": action(MANAGEMENT, "received_feedback"),
    "engagement:feedback_answer": action(THE_UNIT, "assigned_feedback"),
    "engagement:feedback_forward": action(MANAGEMENT, "received_feedback"),
    "engagement:feedback_close": action(MANAGEMENT, "answered_feedback"),
    "engagement:feedback_publish": read(
        MANAGEMENT,
        post=MANAGEMENT,
        obj="answered_feedback",
        data={"subject": "Câu hỏi", "content": "Hỏi về thủ tục", "answer": "Đã giải quyết"},
    ),
    # Enterprises: dialogues, the registry, criteria and results
    "engagement:dialogues": read(SIGNED_IN),
    "engagement:dialogue_new": read(MANAGEMENT, post=MANAGEMENT),
    "engagement:dialogue_register": action({ENTERPRISE}, "dialogue"),  # one still to come, its agency's
    "engagement:dialogue": read(SIGNED_IN, post=MANAGEMENT, obj="dialogue", data={"action": "hold"}),
    "engagement:attachment": read(SIGNED_IN, obj="dialogue_attachment"),  # the enterprise attends
    "engagement:enterprises": read(SIGNED_IN),  # an enterprise sees itself only
    "engagement:enterprise_import": read({OFFICE}, post=frozenset({OFFICE})),
    "engagement:assessments": read(SIGNED_IN),
    "engagement:assessment": read(FOLLOWERS | {ENTERPRISE}, post=MANAGEMENT | {ENTERPRISE}, obj="assessment"),
    "engagement:criterion_sets": read(FOLLOWERS),
    "engagement:criterion_set_new": read(MANAGEMENT, post=MANAGEMENT),
    "engagement:criterion_set": read(FOLLOWERS, obj="criterion_set"),
    "engagement:criterion_add": action(MANAGEMENT, "criterion_set"),
    "engagement:criterion_set_copy": action(MANAGEMENT, "criterion_set"),
    "engagement:assessment_start": action({ENTERPRISE}, "criterion_set"),
    "engagement:criterion_edit": read(MANAGEMENT, post=MANAGEMENT, obj="criterion"),
    "engagement:criterion_remove": action(MANAGEMENT, "criterion"),
    "engagement:score_evidence": read(FOLLOWERS | {ENTERPRISE}, obj="score"),
    # Tasks: the plan's work, tasks handed down, activities, good examples
    "tasks:board": read(AGENCY),  # each sees the tasks of their unit
    "tasks:board_export": read(AGENCY),
    "tasks:new": read({OFFICE}, post=frozenset({OFFICE})),
    "tasks:detail": read(FOLLOWERS | THE_UNIT, obj="task"),
    "tasks:report": action(THE_UNIT, "task"),
    "tasks:unit_task_new": action({HEAD}, "task", data={"title": "Việc của phòng", "due_on": "30/12/2033"}),
    "tasks:confirm": action({OFFICE}, "done_task"),
    "tasks:return": action({OFFICE}, "done_task", data={"comment": "Chưa đủ minh chứng"}),
    "tasks:evidence": read(FOLLOWERS | THE_UNIT, obj="task_report"),
    "tasks:handed_down": read(AGENCY),
    "tasks:handed_down_new": read({OFFICE}, post=frozenset({OFFICE})),
    "tasks:handed_down_import": read({OFFICE}, post=frozenset({OFFICE})),
    "tasks:from_plan": read({OFFICE}, post=frozenset({OFFICE}), obj="plan"),
    "tasks:activities": read(AGENCY),
    "tasks:activity_new": read({OFFICE}, post=frozenset({OFFICE})),
    "tasks:activity_file": read(AGENCY, obj="activity"),
    "tasks:good_examples": read(AGENCY),
    "tasks:good_example_new": read({OFFICE}, post=frozenset({OFFICE})),
    "tasks:good_example_file": read(AGENCY, obj="good_example"),
    # Rewards: the office keeps the staff register and the year's eligibility, and returns or approves
    # the units' registrations; a unit head sees and sends the unit's own (another unit's: see
    # `test_awards_unit_head_keeps_to_own_unit`)
    "awards:people": read({OFFICE}),
    "awards:person": read({OFFICE}, obj="person"),
    "awards:eligibility": read({OFFICE}),
    "awards:registrations": read({OFFICE, HEAD}),  # a unit head's list: the unit's own
    "awards:registration": read({OFFICE, HEAD}, obj="submitted_registration"),
    "awards:registration_submit": action({OFFICE, HEAD}, "draft_registration"),  # the office on its behalf
    # The unit head starts and drafts the unit's own registration; the office may on the unit's behalf
    "awards:registration_new": read({OFFICE, HEAD}, post=frozenset({OFFICE, HEAD})),
    "awards:registration_title": action(
        {OFFICE, HEAD}, "draft_registration", data={"collective_title": "ttldxs"}
    ),
    "awards:registration_entry_add": action({OFFICE, HEAD}, "draft_registration"),  # the form's errors
    "awards:registration_entry_remove": action({OFFICE, HEAD}, "draft_registration_entry"),
    "awards:registration_return": action(
        {OFFICE}, "submitted_registration", data={"reason": "Bổ sung danh sách cá nhân."}
    ),
    "awards:registration_approve": action({OFFICE}, "submitted_registration"),
    # The register kept by the office (Excel out and in, a person, discipline, leave) and the units'
    # ratings: a unit head enters and sends the unit's own (another unit's: see
    # tests/awards/test_ratings.py), the office confirms or returns.
    "awards:person_new": read({OFFICE}, post=frozenset({OFFICE})),
    "awards:person_edit": read({OFFICE}, post=frozenset({OFFICE}), obj="person"),
    "awards:register_export": read({OFFICE}),
    "awards:register_import": read({OFFICE}, post=frozenset({OFFICE})),
    "awards:discipline_new": read({OFFICE}, post=frozenset({OFFICE}), obj="person"),
    "awards:discipline_edit": read({OFFICE}, post=frozenset({OFFICE}), obj="discipline"),
    "awards:hold_new": read({OFFICE}, post=frozenset({OFFICE}), obj="person"),
    "awards:hold_edit": read({OFFICE}, post=frozenset({OFFICE}), obj="hold"),
    "awards:unit_hold_new": read({OFFICE}, post=frozenset({OFFICE}), obj="unit"),
    "awards:unit_hold_edit": read({OFFICE}, post=frozenset({OFFICE}), obj="unit_hold"),
    "awards:leave_new": read({OFFICE}, post=frozenset({OFFICE}), obj="person"),
    "awards:leave_edit": read({OFFICE}, post=frozenset({OFFICE}), obj="leave"),
    "awards:ratings": read({OFFICE, HEAD}),  # a unit head is sent to the unit's own page
    "awards:rating_unit": read(
        {OFFICE, HEAD}, post=frozenset({OFFICE, HEAD}), obj="unit", kwargs=_rating_year
    ),
    "awards:rating_template": read({OFFICE, HEAD}, obj="unit", kwargs=_rating_year),
    "awards:rating_import": read(
        {OFFICE, HEAD}, post=frozenset({OFFICE, HEAD}), obj="unit", kwargs=_rating_year
    ),
    "awards:rating_submit": action({OFFICE, HEAD}, "unit", kwargs=_rating_year),
    "awards:rating_confirm": action({OFFICE}, "unit", kwargs=_rating_year),
    "awards:rating_return": action({OFFICE}, "unit", kwargs=_rating_year, data={"reason": "Xếp loại lại."}),
    # Chấm điểm thi đua: the office keeps the table and verifies; a unit head scores the unit's own sheet
    "awards:scoring": read(FOLLOWERS | {HEAD}),  # a unit head's list: the unit's own sheet
    "awards:scoring_table_new": read({OFFICE}, post=frozenset({OFFICE})),
    "awards:scoring_table": read(FOLLOWERS | {HEAD}, obj="scoring_table"),
    "awards:scoring_criterion_add": action({OFFICE}, "scoring_table", data=NEW_SCORING_CRITERION),
    "awards:scoring_criterion_remove": action({OFFICE}, "scoring_criterion"),
    "awards:unit_score_start": action({HEAD}, "scoring_table"),
    "awards:unit_score": read(FOLLOWERS | {HEAD}, post=frozenset({OFFICE}), obj="unit_score"),  # verifies
    "awards:unit_score_evidence": read(FOLLOWERS | {HEAD}, obj="unit_score_line"),
    # Movement rewards: the office proposes from the records, confirms or discards
    "awards:movement_rewards": read({OFFICE}),
    "awards:movement_reward": read({OFFICE}, obj="movement"),
    "awards:movement_propose": action({OFFICE}, "movement", data={"stage": "final", "year": "2031"}),
    "awards:proposal_confirm": action({OFFICE}, "movement_proposal"),
    "awards:proposal_discard": action({OFFICE}, "movement_proposal", data={"reason": "Đã khen thưởng"}),
    # Documents: the office drafts, edits and issues; the leaders and observers read
    "documents:list": read(FOLLOWERS),
    "documents:generate": Row(get=POST_ONLY, post=frozenset({OFFICE})),  # the form's errors: back to the list
    "documents:document": read(FOLLOWERS, obj="draft_document"),
    "documents:edit": read({OFFICE}, post=frozenset({OFFICE}), obj="draft_document"),
    "documents:issue": action({OFFICE}, "draft_document", data={"number": "99", "dated_on": "01/12/2026"}),
    "documents:download": read(FOLLOWERS, obj="issued_document", kwargs=lambda w: {"fmt": "docx"}),
    # Reward documents: the office drafts them from the awards pages and keeps the agency's templates
    "documents:generate_for": action(
        {OFFICE}, "award_decision", kwargs=lambda w: {"kind": "quyet-dinh-khen-thuong"}
    ),
    "documents:templates": read({OFFICE}),
    "documents:template_upload": Row(  # no file posted: the form's error, back to the page
        get=POST_ONLY, post=frozenset({OFFICE}), kwargs=lambda w: {"kind": "quyet-dinh-khen-thuong"}
    ),
    "documents:template_reset": Row(
        get=POST_ONLY, post=frozenset({OFFICE}), kwargs=lambda w: {"kind": "giay-khen"}
    ),
    # The API's tokens: the office makes and revokes its agency's (the secret is shown once)
    "integrations:tokens": read(
        {OFFICE}, post=frozenset({OFFICE}), data={"name": "Hệ thống thử", "scope": "read"}
    ),
    "integrations:token_revoke": action({OFFICE}, "api_token"),
    # The REST API answers a token, never a session: 401 to everyone here (tests/api: every endpoint by
    # token); its OpenAPI document and docs page are public (they describe the API, hold no data)
    "api:openapi-json": read(EVERYONE),
    "api:openapi-view": read(EVERYONE),
    "api:api-root": read(NOBODY),
    **{
        f"api:{name}": read(NOBODY, kwargs=kwargs)
        for name, kwargs in {
            "list_units": None,
            "list_plans": None,
            "get_plan": lambda w: {"plan_id": w.plan.pk},
            "list_targets": None,
            "get_target": lambda w: {"target_id": w.target.pk},
            "list_assignments": None,
            "get_assignment": lambda w: {"assignment_id": w.assignment.pk},
            "draft_report": lambda w: {"assignment_id": w.assignment.pk},
            "list_reports": None,
            "get_report": lambda w: {"report_id": w.draft_report.pk},
            "update_report": lambda w: {"report_id": w.draft_report.pk},
            "send_report": lambda w: {"report_id": w.draft_report.pk},
            "list_obligations": None,
            "list_initiatives": None,
            "list_feedback": None,
            "list_rewards": None,
        }.items()
    },
    # One search box: each person finds only what they may open (tests/search)
    "search:results": read(SIGNED_IN),
    # Public pages: no login, nothing to write
    "engagement_public:answers": read(EVERYONE),
    "engagement_public:answer": read(EVERYONE, obj="published_feedback"),
}

# ——— The admin (quản trị): staff accounts only; an office officer keeps the agency's units,
# enterprises and plans (the demo's group). Rows are generated from this table. ———

ADMIN_SITE_ROWS: dict[str, Row] = {
    "admin:index": read({OFFICE}),
    "admin:login": read(EVERYONE),  # an office officer is sent on to the index
    "admin:logout": Row(get=POST_ONLY),
    "admin:password_change": read({OFFICE}, post=frozenset({OFFICE})),  # their own password
    "admin:password_change_done": read({OFFICE}),
    "admin:autocomplete": read(NOBODY),  # 403 without a model and field to complete
    "admin:jsi18n": read({OFFICE}),
    "admin:view_on_site": read(NOBODY, kwargs=lambda w: {"content_type_id": "1", "object_id": "0"}),
    "admin:catch_all": read(NOBODY),
    "admin:auth_user_password_change": read(NOBODY, post=NOBODY, kwargs=lambda w: {"id": "1"}),
}
# Model admins an office officer opens, and the World row of their agency each change page shows.
OFFICE_ADMIN_MODELS = {
    "org.unit": "unit",
    "org.enterprise": "enterprise",
    "plans.movement": "movement",
    "plans.plan": "plan",
    "plans.target": "target",
    "plans.section": "section",
    "plans.deadline": "deadline",
    "plans.responsibility": "responsibility",
}
# The admin is for staff accounts: the office officer, and two who must be turned away stand for
# the rest (the same refusal for every role without a staff account).
ADMIN_ASKERS = (OFFICE, LEADER, ENTERPRISE)
# Apps whose index an office officer opens (those with a model above).
OFFICE_ADMIN_APPS = {"org", "plans"}


def _admin_rows() -> dict[str, Row]:
    rows = dict(ADMIN_SITE_ROWS)
    office = frozenset({OFFICE})
    for model in admin.site._registry:
        label, name = model._meta.label_lower, f"admin:{model._meta.app_label}_{model._meta.model_name}"
        kept = label in OFFICE_ADMIN_MODELS
        obj = OFFICE_ADMIN_MODELS.get(label)
        rows[f"{name}_changelist"] = read(office if kept else NOBODY, post=None)
        rows[f"{name}_add"] = read(office if kept else NOBODY, post=office if kept else NOBODY)
        for suffix in ("change", "delete", "history"):
            rows[f"{name}_{suffix}"] = read(
                office if kept else NOBODY,
                post=(office if kept else NOBODY) if suffix != "history" else None,
                obj=obj,
                kwargs=None if kept else (lambda w: {"object_id": "1"}),
            )
        if isinstance(admin.site._registry[model], SimpleHistoryAdmin):
            rows[f"{name}_simple_history"] = read(NOBODY, obj=obj, kwargs=lambda w: {"version_id": "0"})
        rows[f"{name}_object"] = Row(get=REDIRECT)
    rows["admin:app_list"] = read({OFFICE}, kwargs=lambda w: {"app_label": "plans"})
    return rows


# ——— The world: both demo agencies, with one row of every kind in each ———

TEXT_PLAN = "KẾ HOẠCH\nThực hiện phong trào thi đua năm 2026 của phòng\n1. Hoàn thành 100% nhiệm vụ.\n"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class World:
    """One agency's people and one row of every kind a URL is about."""

    def __init__(self, organization: Organization):
        self.organization = organization
        people = {m.role: m.user for m in organization.memberships.select_related("user")}  # the demo's
        other_unit = factories.make_unit(organization, "Phòng Thử nghiệm quyền")
        self.people = {
            OFFICE: people[Role.OFFICE],
            LEADER: people[Role.LEADER],
            HEAD: people[Role.UNIT_HEAD],
            STAFF: people[Role.STAFF],
            OTHER_STAFF: factories.make_user(organization, Role.STAFF, unit=other_unit),
            ENTERPRISE: people[Role.ENTERPRISE],
            OBSERVER: people[Role.OBSERVER],
        }
        self.account = self.people[OTHER_STAFF]  # whose password the office resets


def _upload(name: str, content: bytes = PDF, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _tracking(w: World, user) -> None:
    office, head, staff = w.people[OFFICE], w.people[HEAD], w.people[STAFF]
    w.unit = staff.unit
    w.plan = Plan.objects.filter(organization=w.organization, status=Plan.Status.PUBLISHED).first()
    w.movement, w.enterprise = w.plan.movement, staff.organization.enterprises.first()
    w.section = w.plan.sections.first()
    w.responsibility = w.plan.responsibilities.first()
    w.deadline = w.plan.deadlines.exclude(kind=Deadline.Kind.UNIT_PLAN).first() or factories.make_deadline(
        w.plan
    )
    w.draft = PlanDraft.objects.filter(organization=w.organization).first()
    w.target = factories.make_target(
        w.plan, text="Số hồ sơ được số hóa đạt 300 hồ sơ", value=Decimal(300), unit_of_measure="hồ sơ"
    )
    w.target.period_kind = Target.PeriodKind.CUMULATIVE
    w.target.save()
    tracking.assignments_give(target=w.target, units=[w.unit], user=office)
    w.assignment = Assignment.objects.get(target=w.target, unit=w.unit)
    rhythm = rhythm_for(w.target.period_kind, w.plan.reporting_rhythm)
    periods = periods_between(w.plan.starts_on, w.plan.ends_on, rhythm)
    w.approved_report = _report(w, periods[0], head)
    tracking.report_submit(report=w.approved_report, user=head)
    tracking.report_approve(report=w.approved_report, user=office, comment="")
    w.submitted_report = _report(w, periods[1], head)
    tracking.report_submit(report=w.submitted_report, user=head)
    w.draft_report = _report(w, periods[2], staff)
    w.open_period = periods[2].key
    w.quarter = periods[2].start.isoformat()
    w.evidence = tracking.evidence_add(report=w.draft_report, upload=_upload("bien-ban.pdf"), user=staff)
    w.unit_plan = unit_plan_submit(
        plan=w.plan, unit=w.unit, upload=_upload("ke-hoach.txt", TEXT_PLAN.encode(), "text/plain"), user=head
    )


def _unit_reports(w: World) -> None:
    office, head = w.people[OFFICE], w.people[HEAD]
    asked = [
        unit_reports.report_request_create(
            organization=w.organization,
            subject=subject,
            details="",
            due_on=datetime.date(2033, 12, 1),
            units=[],
            plan=None,
            user=office,
        )
        for subject in ("Báo cáo đột xuất thử", "Báo cáo đột xuất đã gửi")
    ]
    w.report_request = asked[0]
    w.draft_unit_report = unit_reports.unit_report_open(request=asked[0], unit=w.unit, user=head)
    unit_reports.unit_report_save(
        report=w.draft_unit_report,
        user=head,
        texts={"done": "Đã triển khai"},
        uploads=[_upload("bao-cao.pdf")],
    )
    w.unit_report_attachment = w.draft_unit_report.attachments.get()
    w.submitted_unit_report = unit_reports.unit_report_open(request=asked[1], unit=w.unit, user=head)
    unit_reports.unit_report_save(report=w.submitted_unit_report, user=head, texts={"results": "Đạt"})
    unit_reports.unit_report_submit(report=w.submitted_unit_report, user=head)
    w.open_difficulty = unit_reports.difficulty_raise(
        unit=w.unit, subject="Vướng mắc thử", details="", plan=None, user=head
    )


def _report(w: World, period, user) -> Report:
    report = tracking.report_start(assignment=w.assignment, period=period, user=user)
    return tracking.report_update(report=report, user=user, value=Decimal(100))


def _initiatives(w: World) -> None:
    office, leader, head, staff = (w.people[r] for r in (OFFICE, LEADER, HEAD, STAFF))
    w.council = Council.objects.create(organization=w.organization, year=2031, name="Hội đồng thử")
    CouncilMember.objects.create(council=w.council, user=leader, role=CouncilMember.Role.CHAIR)
    w.council_member = CouncilMember.objects.create(
        council=w.council, user=office, role=CouncilMember.Role.SECRETARY
    )
    w.council_criterion = Criterion.objects.create(
        council=w.council, name="Tính mới", max_points=Decimal(100)
    )

    def register(title: str) -> Initiative:
        return initiatives.initiative_register(
            unit=staff.unit,
            user=staff,
            title=title,
            field="Cải cách hành chính",
            changes="Hồ sơ điện tử",
            first_applied_on=datetime.date(2025, 10, 1),
            effect="Nhanh hơn",
            authors=[{"name": staff.full_name, "share": Decimal(100), "user": staff}],
        )

    w.draft_initiative = register("Sáng kiến đang soạn")
    w.initiative_attachment = initiatives.attachment_add(
        initiative=w.draft_initiative, upload=_upload("mo-ta.pdf"), user=staff
    )
    w.submitted_initiative = initiatives.initiative_submit(initiative=register("Đã gửi"), user=staff)
    w.endorsed_initiative = initiatives.initiative_endorse(
        initiative=initiatives.initiative_submit(initiative=register("Đã xác nhận"), user=staff), user=head
    )
    received = initiatives.initiative_endorse(
        initiative=initiatives.initiative_submit(initiative=register("Đã tiếp nhận"), user=staff), user=head
    )
    w.received_initiative = initiatives.initiative_receive(
        initiative=received, user=office, received_on=datetime.date(2026, 1, 15), council=w.council
    )
    w.recognised_initiative = Initiative.objects.filter(
        organization=w.organization, status=Initiative.Status.RECOGNISED
    ).first()


def _engagement(w: World) -> None:
    office, staff, company = w.people[OFFICE], w.people[STAFF], w.people[ENTERPRISE]
    make_rule(w.organization)

    def feedback(subject: str) -> Feedback:
        return engagement.feedback_receive(
            organization=w.organization,
            channel=Feedback.Channel.WEB,
            enterprise=company.enterprise,
            subject=subject,
            content="Nội dung",
            publish_consent=True,
            user=company,
        )

    w.received_feedback = feedback("Mới tiếp nhận")
    w.assigned_feedback = engagement.feedback_assign(
        feedback=feedback("Đang xử lý"), unit=w.unit, user=office
    )
    w.answered_feedback = engagement.feedback_answer(
        feedback=engagement.feedback_assign(feedback=feedback("Đã trả lời"), unit=w.unit, user=office),
        answer="Trả lời",
        user=staff,
    )
    published = engagement.feedback_answer(
        feedback=engagement.feedback_assign(feedback=feedback("Công khai"), unit=w.unit, user=office),
        answer="Trả lời",
        user=staff,
    )
    w.published_feedback = engagement.feedback_publish(feedback=published, user=office)
    w.dialogue = engagement.dialogue_schedule(
        organization=w.organization,
        title="Đối thoại thử",
        scheduled_on=datetime.date(2026, 9, 1),
        enterprises=[company.enterprise],
        user=office,
    )
    w.dialogue_attachment = engagement.dialogue_attach(
        dialogue=w.dialogue, upload=_upload("giay-moi.pdf"), user=office
    )
    w.criterion_set = engagement.criterion_set_create(
        organization=w.organization, year=2031, name="Bộ tiêu chí thử", from_plan=True, user=office
    )
    w.criterion = w.criterion_set.criteria.first()
    assessment = engagement.assessment_start(
        criterion_set=w.criterion_set, enterprise=company.enterprise, user=company
    )
    w.assessment = engagement.assessment_submit(
        assessment=assessment,
        scores={c: Decimal(0) for c in w.criterion_set.criteria.all()},
        evidence={w.criterion: _upload("minh-chung.pdf")},
        user=company,
    )
    w.score = assessment.scores.exclude(evidence="").first()


def _awards_ballot(w: World) -> None:
    """A nomination of the unit, and a council of a year of its own (the demo's 2026 council seats other
    demo users) with the leader and the office as members, meeting on it."""
    head = w.people[HEAD]
    person = Person.objects.create(
        organization=w.organization, unit=head.unit, full_name="Người được đề nghị"
    )
    year = 2031
    w.nomination = Nomination.objects.create(
        organization=w.organization,
        unit=head.unit,
        person=person,
        year=year,
        title=Title.GIAY_KHEN,
        summary="Thành tích",
        created_by=head,
    )
    w.award_council = AwardCouncil.objects.create(organization=w.organization, year=year, name="Hội đồng thử")
    for user in (w.people[LEADER], w.people[OFFICE]):
        AwardCouncilMember.objects.create(council=w.award_council, user=user, role="member")
    w.award_meeting = CouncilMeeting.objects.create(
        council=w.award_council, held_on=datetime.date(year, 12, 20)
    )
    AgendaItem.objects.create(meeting=w.award_meeting, nomination=w.nomination)


def _awards(w: World) -> None:
    """A person on the register, and registrations of the unit (one to send, one sent) and of another
    unit (one to send); years of their own, away from the demo's."""
    head = w.people[HEAD]
    w.person = Person.objects.create(
        organization=w.organization,
        unit=w.unit,
        full_name="Người Thử Quyền",
        position="Chuyên viên",
        started_on=datetime.date(2015, 1, 1),
    )

    def registration(unit, year: int) -> Registration:
        created = Registration.objects.create(
            organization=w.organization, unit=unit, year=year, collective_title=Title.TTLDTT
        )
        if unit == w.unit:
            RegistrationEntry.objects.create(registration=created, person=w.person, title=Title.LDTT)
        return created

    w.discipline = Discipline.objects.create(
        organization=w.organization,
        person=w.person,
        measure=Discipline.Measure.REPRIMAND,
        decision_number="1/QĐ-THU",
        starts_on=datetime.date(2033, 3, 1),
    )
    w.hold = HoldFlag.objects.create(
        organization=w.organization,
        person=w.person,
        kind=HoldFlag.Kind.COMPLAINT,
        opened_on=datetime.date(2033, 4, 1),
        note="Đơn khiếu nại số 12/ĐKN",
    )
    w.unit_hold = HoldFlag.objects.create(  # on another unit: the world's decisions name `w.unit`
        organization=w.organization,
        unit=w.people[OTHER_STAFF].unit,
        kind=HoldFlag.Kind.INSPECTION,
        opened_on=datetime.date(2033, 4, 1),
        note="Kết luận thanh tra số 5/KL-TTr",
    )
    w.leave = Leave.objects.create(
        organization=w.organization,
        person=w.person,
        kind=Leave.Kind.MATERNITY,
        starts_on=datetime.date(2033, 5, 1),
        ends_on=datetime.date(2033, 10, 31),
    )
    AnnualRating.objects.create(
        organization=w.organization, person=w.person, year=2033, rating="good", status=RatingStatus.SUBMITTED
    )
    w.draft_registration = registration(w.unit, 2031)
    w.draft_registration_entry = w.draft_registration.entries.get()
    w.submitted_registration = awards.registration_submit(registration=registration(w.unit, 2032), user=head)
    w.other_unit_registration = registration(w.people[OTHER_STAFF].unit, 2031)


def _awards_decisions(w: World) -> None:
    """A draft decision and a draft proposal of a year away from the demo's, one line each."""
    office = w.people[OFFICE]
    w.award_decision = award_decisions.decision_create(
        organization=w.organization, user=office, year=2033, content="Khen thưởng thử"
    )
    w.award_decision_line = award_decisions.decision_add_line(
        w.award_decision, user=office, title=Title.LDTT, person=w.person
    )
    w.award_proposal = award_decisions.proposal_create(
        organization=w.organization, user=office, year=2033, content="Đề nghị thử"
    )
    w.award_proposal_line = award_decisions.proposal_add_line(
        w.award_proposal, user=office, title=Title.TTLDXS, unit=w.unit
    )
    w.proposal_file = award_dossier.proposal_file_add(
        proposal=w.award_proposal, user=office, upload=_upload("to-trinh.pdf"), kind="submission"
    )


def _awards_scoring(w: World) -> None:
    """A criteria table to edit (2031), a unit's sheet waiting for the office (2032) with an evidence
    file, and a movement-reward proposal waiting for the office."""
    office = w.people[OFFICE]
    w.scoring_table = unit_scoring.table_create(
        organization=w.organization, year=2031, name="Bảng thử", user=office
    )
    w.scoring_criterion = w.scoring_table.criteria.first()
    sent = unit_scoring.table_create(organization=w.organization, year=2032, name="Bảng đã gửi", user=office)
    sheet = unit_scoring.sheet_start(table=sent, unit=w.unit, user=w.people[HEAD])
    own = [c for c in sent.criteria.all() if not c.is_computed]
    w.unit_score = unit_scoring.sheet_submit(
        sheet=sheet,
        scores={c: Decimal(1) for c in own},
        evidence={own[0]: _upload("minh-chung-don-vi.pdf")},
        user=w.people[HEAD],
    )
    w.unit_score_line = w.unit_score.lines.exclude(evidence="").first()
    w.movement_proposal = MovementRewardProposal.objects.create(
        organization=w.organization,
        movement=w.movement,
        stage=MovementRewardProposal.Stage.FINAL,
        year=2031,
        source=MovementRewardProposal.Source.TARGETS,
        key=f"unit:{w.unit.pk}",
        unit=w.unit,
        subject_name=w.unit.name,
        evidence=[{"label": "Chỉ tiêu đã đạt", "value": "2/2", "url": ""}],
    )


def _documents(w: World) -> None:
    """A draft báo cáo tổng kết of the plan, and an issued one."""
    office, as_of = w.people[OFFICE], datetime.date(2026, 11, 30)
    w.draft_document = documents.document_generate(
        kind="bao-cao-tong-ket", subject=w.plan, as_of=as_of, user=office
    )
    issued = documents.document_generate(kind="bao-cao-so-ket", subject=w.plan, as_of=as_of, user=office)
    w.issued_document = documents.document_issue(document=issued, user=office, number="1", dated_on=as_of)
    documents.template_replace(  # the agency's own Giấy khen, which the office may reset
        organization=w.organization,
        kind="giay-khen",
        upload=word_template("{{ so_quyet_dinh }}"),
        user=office,
    )


def _tasks(w: World) -> None:
    office, head = w.people[OFFICE], w.people[HEAD]

    def task(title: str) -> Task:
        return tasks.task_create(
            organization=w.organization,
            source=Task.Source.HANDED_DOWN,
            title=title,
            lead_unit=w.unit,
            due_on=datetime.date(2031, 6, 30),
            document_number="99/UBND-TH",
            user=office,
        )

    w.task = task("Nhiệm vụ đang làm")
    w.done_task = task("Nhiệm vụ đã báo cáo hoàn thành")
    w.task_report = tasks.task_report(
        task=w.done_task,
        status=Task.Status.DONE,
        result="Đã xong",
        completed_on=timezone.localdate(),
        upload=_upload("ket-qua.pdf"),
        user=head,
    )
    w.activity = tasks.activity_record(
        organization=w.organization,
        user=office,
        kind=Activity.Kind.ARTICLE,
        title="Bài viết thử",
        held_on=datetime.date(2026, 8, 1),
        upload=_upload("bai-viet.pdf"),
    )
    w.good_example = tasks.good_example_record(
        organization=w.organization,
        user=office,
        kind=GoodExample.Kind.PERSON,
        name="Người điển hình",
        achievement="Hoàn thành xuất sắc",
        recognised_on=datetime.date(2026, 8, 1),
        upload=_upload("khen.pdf"),
    )


def _world(organization: Organization) -> World:
    w = World(organization)
    _tracking(w, w.people[OFFICE])
    _unit_reports(w)
    _initiatives(w)
    _engagement(w)
    _awards(w)
    _awards_ballot(w)
    _awards_decisions(w)
    _awards_scoring(w)
    _documents(w)
    _tasks(w)
    w.notification = Notification.objects.create(
        recipient=w.people[STAFF], organization=organization, title="Nhắc việc", url="/"
    )
    w.token = CalendarToken.rotate(w.people[STAFF]).token
    w.api_token, _secret = api_tokens.token_create(
        organization=w.organization,
        name="Trung tâm điều hành",
        scope="read",
        unit=None,
        user=w.people[OFFICE],
    )
    return w


@pytest.fixture(scope="module")
def worlds(django_db_setup, django_db_blocker):
    """Both agencies, built once for the module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        built = [_world(organization) for organization in Organization.objects.order_by("pk")[:2]]
        clients = {}
        for w in built:
            for role, user in w.people.items():
                client = Client()
                client.force_login(user)
                clients[(w.organization.pk, role)] = client
        yield built, clients
        transaction.set_rollback(True)


# ——— The URL map ———


def _url_names(patterns=None, namespace=None, prefix="/") -> dict[str, str]:
    """Every URL name (namespaced) with its route; nameless patterns get a name from their route."""
    found = {}
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or None
            name = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            found |= _url_names(pattern.url_patterns, name, route)
        else:
            name = pattern.name or _unnamed(route)
            found[f"{namespace}:{name}" if namespace else name] = route
    return found


def _unnamed(route: str) -> str:
    """The admin's two nameless patterns: an old object URL (redirects to its page) and the catch-all."""
    if route.endswith("<path:object_id>/"):
        app_label, model_name = route.strip("/").split("/")[1:3]
        return f"{app_label}_{model_name}_object"
    return "catch_all"


def all_rows() -> dict[str, Row]:
    return MATRIX | _admin_rows()


def test_every_url_has_a_row():
    missing = sorted(set(_url_names()) - set(all_rows()))
    assert missing == [], f"new URL without a row in MATRIX: {missing}"


def test_no_row_without_a_url():
    assert sorted(set(all_rows()) - set(_url_names())) == []


# ——— Asking ———

LOGIN_PATHS = ("/dang-nhap/", "/quan-tri/login/")
# Django's admin says "no such object" by sending the person to its index.
ADMIN_INDEX = "/quan-tri/"
ALLOWED = "allowed"
DENIED = "denied"
CROSS = "cross"  # another agency's row: 404, as if it did not exist


def _tables() -> list[str]:
    skipped = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessattemptexpiration"}
    return sorted(
        {m._meta.db_table for m in apps.get_models()} - skipped,
    )


def _counts() -> tuple:
    """Rows in every table (history tables included), in one query."""
    selects = ", ".join(f'(SELECT COUNT(*) FROM "{table}")' for table in _tables())
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {selects}")
        return tuple(cursor.fetchone())


def _state(obj) -> tuple:
    if obj is None:
        return _counts(), None
    fresh = type(obj)._base_manager.filter(pk=obj.pk).first()
    return _counts(), None if fresh is None else model_to_dict(fresh)


def _url(name: str, row: Row, w: World) -> str:
    if name.endswith("_object") or name == "admin:catch_all":  # nameless: not reversible
        return _url_names()[name].replace("<path:object_id>", "1").replace("(?P<url>.*)$", "khong-co/")
    kwargs = row.kwargs(w) if row.kwargs else {}
    if row.obj is not None and not kwargs.get("object_id"):
        key = "object_id" if name.startswith("admin:") else "pk"
        kwargs = {key: getattr(w, row.obj).pk} | {k: v for k, v in kwargs.items() if k != key}
    if name.endswith("_simple_history"):  # a regular-expression route: reversed by position
        return reverse(name, args=[kwargs.get("object_id", "1"), kwargs.get("version_id", "1")])
    return reverse(name, kwargs=kwargs)


def _verdict(response, expected: str, method: str) -> str | None:
    """None when the response is what `expected` asks for, else why not."""
    status, location = response.status_code, response.get("Location", "")
    to_login = status == 302 and location.startswith(LOGIN_PATHS)
    if status >= 500:
        return f"{status} {response.content.decode()[:200] if status == 599 else ''}"
    if expected == ALLOWED:
        return None if status == 200 or (status in (301, 302) and not to_login) else f"{status} {location}"
    no_such_object = status == 302 and location == ADMIN_INDEX  # how Django's admin says 404
    # 401: the REST API asks for its token (a session is not one), whatever the row.
    if expected == CROSS:
        return None if status in (401, 404, 405) or to_login or no_such_object else f"{status} {location}"
    refused = status in (401, 403, 404, 405) or to_login or no_such_object
    return None if refused else f"{status} {location}"


def _ask(client, method: str, url: str, row: Row, obj) -> tuple:
    """The response, and whether the database stayed as it was; in a savepoint rolled back after."""
    cookies = {key: morsel.value for key, morsel in client.cookies.items()}
    with transaction.atomic():
        before = _state(obj) if method == "POST" else None
        try:
            response = client.get(url) if method == "GET" else client.post(url, row.data or {})
        except Exception as error:  # a crash is a failure of the page, reported with the others
            response = HttpResponse(f"{type(error).__name__}: {error}", status=599)
        unchanged = method == "GET" or _state(obj) == before
        transaction.set_rollback(True)
    client.cookies.clear()  # a logout or a language switch must not follow the person to the next URL
    for key, value in cookies.items():
        client.cookies[key] = value
    return response, unchanged


def _expected_get(row: Row, role: str) -> str:
    if row.get == POST_ONLY:
        return DENIED  # 405 for a signed-in person, the login page for others
    if row.get == REDIRECT:
        return "redirect"
    return ALLOWED if role in row.get else DENIED


# URLs that fail the table today, each waiting on named work; strict, so a fix shows up as a pass.
# URL names whose expected answer is known not to hold yet (each an xfail that must turn green).
KNOWN_GAPS: dict[str, str] = {}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[name]))
        if name in KNOWN_GAPS
        else name
        for name in sorted(all_rows())
    ],
)
def test_url(name, worlds):
    built, clients = worlds
    row = all_rows()[name]
    anonymous = Client()
    failures = []
    people = ADMIN_ASKERS if name.startswith("admin:") else PEOPLE
    for w, other in ((built[0], built[1]), (built[1], built[0])):
        askers = [(role, clients[(w.organization.pk, role)]) for role in people]
        if w is built[0]:
            askers.append((ANONYMOUS, anonymous))
        for role, client in askers:
            _check(failures, name, row, w, role, client, own=True)
            if row.obj is not None and role != ANONYMOUS and w is built[0] and not _public(row):
                _check(failures, name, row, other, role, client, own=False)
    assert not failures, "\n".join(failures)


def _public(row: Row) -> bool:
    """A page anyone may read without logging in: there is no other agency's copy to hide."""
    return isinstance(row.get, frozenset) and ANONYMOUS in row.get


def _check(failures: list, name: str, row: Row, w: World, role: str, client, *, own: bool) -> None:
    url, obj = _url(name, row, w), getattr(w, row.obj) if row.obj else None
    where = f"{role} of {'its own' if own else 'the other'} agency"
    response, _unchanged = _ask(client, "GET", url, row, obj)
    expected = _expected_get(row, role) if own else CROSS
    if expected == "redirect":
        if response.status_code != 302:
            failures.append(f"GET {url} as {where}: {response.status_code}, expected a redirect")
    else:
        if row.get == POST_ONLY and own and _verdict(response, CROSS, "GET"):  # 405, or the login page
            failures.append(f"GET {url} as {where}: {response.status_code}, expected 405")
        why = _verdict(response, expected, "GET")
        if why:
            failures.append(f"GET {url} as {where}: {why}, expected {expected}")
    response, unchanged = _ask(client, "POST", url, row, obj)
    if own and row.post is not None and role in row.post:
        why = _verdict(response, ALLOWED, "POST")
        if why:
            failures.append(f"POST {url} as {where}: {why}, expected a write")
        return
    if not unchanged:
        failures.append(f"POST {url} as {where}: changed the database ({response.status_code})")
    public = _public(row)
    if row.get != REDIRECT and (row.post is not None or not own or (role == ANONYMOUS and not public)):
        why = _verdict(response, DENIED if own else CROSS, "POST")
        if why:
            failures.append(f"POST {url} as {where}: {why}, expected a refusal")


def test_awards_unit_head_keeps_to_own_unit(worlds):
    """A unit head reads and sends the unit's own registration only: another unit's of the same agency
    is not found, and sending it is refused without a change."""
    built, clients = worlds
    for w in built:
        client, obj = clients[(w.organization.pk, HEAD)], w.other_unit_registration
        assert obj.unit_id != w.people[HEAD].unit_id
        for name, method, expected in (
            ("awards:registration", "GET", (404,)),
            ("awards:registration_submit", "POST", (403, 404)),
            ("awards:registration_title", "POST", (404,)),
            ("awards:registration_entry_add", "POST", (404,)),
        ):
            row = all_rows()[name]
            url = reverse(name, kwargs={"pk": obj.pk})
            response, unchanged = _ask(client, method, url, row, obj)
            assert response.status_code in expected, f"{method} {url}: {response.status_code}"
            assert unchanged, f"{method} {url} changed the database"
        response, _unchanged = _ask(client, "GET", reverse("awards:registrations") + "?nam=2031", None, None)
        assert response.status_code == 200
        shown = {r.pk for r in response.context["rows"]}
        assert w.draft_registration.pk in shown and obj.pk not in shown


def test_awards_allowed_writes_write(worlds):
    """The matrix lets the awards buttons answer with a redirect; here each allowed one moves the
    registration on (a refusal inside the service would also redirect, with a message only)."""
    built, clients = worlds
    w = built[0]
    S = Registration.Status
    for role, name, obj, after in (
        (HEAD, "awards:registration_submit", w.draft_registration, S.SUBMITTED),
        (OFFICE, "awards:registration_submit", w.draft_registration, S.SUBMITTED),
        (OFFICE, "awards:registration_return", w.submitted_registration, S.RETURNED),
        (OFFICE, "awards:registration_approve", w.submitted_registration, S.APPROVED),
    ):
        url, data = reverse(name, kwargs={"pk": obj.pk}), all_rows()[name].data or {}
        with transaction.atomic():
            response = clients[(w.organization.pk, role)].post(url, data)
            status = Registration.objects.get(pk=obj.pk).status
            transaction.set_rollback(True)
        assert (response.status_code, status) == (302, after), f"{role} {name}"
