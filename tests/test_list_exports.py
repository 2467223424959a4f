"""Every list and dashboard downloads as .xlsx (`?xuat=xlsx`, `core.exports`), from the demo's two agencies:

- the workbook opens, has its Vietnamese headers, and the same rows, in the same order, as the page
  asked with the same filters;
- numbers and dates are number and date cells;
- text people typed that starts with = + - @ comes out as text, never as a formula;
- whoever the page refuses (403, 404, the login page) the download refuses the same way, and
  another agency's list is a 404.
"""

import dataclasses
import datetime
import zipfile
from collections.abc import Callable
from io import BytesIO

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from thidua.awards.models import Nomination, Title
from thidua.core.spreadsheets import XLSX_CONTENT_TYPE
from thidua.demo.loader import load_demo
from thidua.engagement.models import Dialogue, Feedback
from thidua.initiatives.models import Initiative
from thidua.org.models import Enterprise, Organization
from thidua.org.roles import Role
from thidua.plans.models import Deadline, Plan, Target

pytestmark = pytest.mark.django_db

PLAN_TITLE = '=HYPERLINK("http://evil.example/","Kế hoạch")'
TARGET_TEXT = "+1"
INITIATIVE_TITLE = "-1"
FEEDBACK_SUBJECT = "@SUM(A1:A9)"
ENTERPRISE_NAME = "=1+1"
DIALOGUE_TITLE = "+cmd|' /C calc'!A0"
DEADLINE_TEXT = "-2+3"
NOMINATION_SUMMARY = '=HYPERLINK("http://evil.example/","Thành tích")'


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The demo, with text that looks like a formula typed into one row of every list; rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        first, second = Organization.objects.order_by("pk")[:2]
        plan = Plan.objects.filter(organization=first, status=Plan.Status.PUBLISHED).first()
        Plan.objects.filter(pk=plan.pk).update(title=PLAN_TITLE)
        Target.objects.filter(pk=plan.targets.first().pk).update(text=TARGET_TEXT)
        today = timezone.localdate()
        deadline = plan.deadlines.exclude(kind=Deadline.Kind.UNIT_PLAN).first()
        due_on = today - datetime.timedelta(days=3)  # overdue, whatever the bound
        Deadline.objects.filter(pk=deadline.pk).update(text=DEADLINE_TEXT, due_on=due_on, completed_on=None)
        office = first.memberships.get(role=Role.OFFICE).user
        initiative = Initiative.objects.visible_to(office).filter(organization=first).first()
        Initiative.objects.filter(pk=initiative.pk).update(title=INITIATIVE_TITLE)
        Feedback.objects.filter(pk=Feedback.objects.filter(organization=first).first().pk).update(
            subject=FEEDBACK_SUBJECT
        )
        Enterprise.objects.filter(pk=first.enterprises.first().pk).update(
            name=ENTERPRISE_NAME, phone="+84 912 345 678"
        )
        dialogue = Dialogue.objects.create(organization=first, title=DIALOGUE_TITLE, scheduled_on=today)
        dialogue.enterprises.add(first.enterprises.first())
        head = first.memberships.get(role=Role.UNIT_HEAD).user
        nomination = Nomination.objects.create(  # straight in: the rules' checks are not what is tested
            organization=first,
            unit=head.unit,
            year=2031,
            title=Title.TTLDTT,
            summary=NOMINATION_SUMMARY,
            created_by=head,
        )
        people = {}
        for organization in (first, second):
            for membership in organization.memberships.select_related("user"):
                people[(organization.pk, membership.role)] = membership.user
        clients = {}
        for key, user in people.items():
            clients[key] = Client()
            clients[key].force_login(user)
        fields = ["first", "second", "people", "clients", "nomination_year", "deadline_due_on"]
        yield dataclasses.make_dataclass("World", fields)(
            first, second, people, clients, nomination.year, due_on
        )
        transaction.set_rollback(True)


@dataclasses.dataclass
class Listing:
    url: str
    items: Callable  # the page's rows, from its context
    key: str  # a column, and how the page's row gives its value
    value: Callable
    kwargs: Callable = lambda w: {}
    params: Callable = lambda w: {}
    role: str = Role.OFFICE
    typed: dict = dataclasses.field(default_factory=dict)  # column → "n" (number) or "d" (date)
    attack: str | None = None  # the text like a formula the export must carry as text

    def path(self, w) -> str:
        return reverse(self.url, kwargs=self.kwargs(w))


def _paged(context):
    return list(context["page"].paginator.object_list)


def _rows(context):
    return list(context["rows"])


def _grouped(context):
    """The overview's rows, under their plans' headings."""
    return [row for _plan, rows in context["groups"] for row in rows]


LISTINGS = {
    "plans": Listing(
        "plans:list",
        _paged,
        "Kế hoạch",
        lambda plan: plan.title,
        params=lambda w: {"status": Plan.Status.PUBLISHED},
        typed={"Ngày ban hành": "d", "Số chỉ tiêu": "n"},
        attack=PLAN_TITLE,
    ),
    "targets": Listing(
        "tracking:overview",
        _grouped,
        "Chỉ tiêu",
        lambda row: row[0].text,
        typed={"Giá trị chỉ tiêu": "n", "Thực hiện": "n", "Số liệu đến ngày": "d"},
        attack=TARGET_TEXT,
    ),
    "unit": Listing(
        "tracking:unit",
        _rows,
        "Chỉ tiêu",
        lambda row: row[0].target.text,
        kwargs=lambda w: {"pk": w.people[(w.first.pk, Role.STAFF)].unit_id},
        role=Role.STAFF,
        typed={"Thực hiện": "n"},
    ),
    "reports": Listing(
        "tracking:review_queue",
        _paged,
        "Chỉ tiêu",
        lambda report: report.assignment.target.text,
        typed={"Kết quả": "n", "Kỳ từ ngày": "d", "Gửi lúc": "d"},
    ),
    "province": Listing(
        "tracking:province", _paged, "Cơ quan", lambda organization: organization.name, role=Role.OBSERVER
    ),
    "calendar": Listing(
        "notifications:calendar",
        _paged,
        "Việc",
        lambda row: row[0].title,
        typed={"Hạn": "d", "Chậm nhất": "d"},
        attack=DEADLINE_TEXT,
    ),
    "calendar-state": Listing(
        "notifications:calendar",
        _paged,
        "Việc",
        lambda row: row[0].title,
        params=lambda w: {"trang-thai": "overdue"},
        typed={"Hạn": "d"},
        attack=DEADLINE_TEXT,
    ),
    "month": Listing(
        "notifications:month",
        lambda context: [row for week in context["weeks"] for _day, rows in week for row in rows],
        "Việc",
        lambda row: row[0].title,
        params=lambda w: {"thang": w.deadline_due_on.strftime("%Y-%m")},
        typed={"Hạn": "d"},
        attack=DEADLINE_TEXT,
    ),
    "initiatives": Listing(
        "initiatives:list",
        _paged,
        "Tên sáng kiến",
        lambda initiative: initiative.title,
        typed={"Ngày áp dụng lần đầu": "d"},
        attack=INITIATIVE_TITLE,
    ),
    "feedback": Listing(
        "engagement:feedback_list",
        _rows,
        "Tiêu đề",
        lambda feedback: feedback.subject,
        typed={"Ngày tiếp nhận": "d", "Hạn trả lời": "d"},
        attack=FEEDBACK_SUBJECT,
    ),
    "dialogues": Listing(
        "engagement:dialogues",
        _rows,
        "Tên hội nghị, buổi đối thoại",
        lambda dialogue: dialogue.title,
        typed={"Ngày dự kiến": "d", "Số doanh nghiệp": "n"},
        attack=DIALOGUE_TITLE,
    ),
    "enterprises": Listing(
        "engagement:enterprises", _rows, "Tên doanh nghiệp", lambda e: e.name, attack=ENTERPRISE_NAME
    ),
    "assessments": Listing(
        "engagement:assessments",
        _rows,
        "Doanh nghiệp",
        lambda assessment: assessment.enterprise.name,
        typed={"Năm": "n", "Tự chấm": "n"},
    ),
    "nominations": Listing(
        "awards:nominations",
        _rows,
        "Tóm tắt thành tích",
        lambda row: row["nomination"].summary,
        params=lambda w: {"nam": w.nomination_year},
        typed={"Năm thành tích": "n"},
        attack=NOMINATION_SUMMARY,
    ),
}


def _download(client, path: str, params: dict):
    response = client.get(path, {**params, "xuat": "xlsx"})
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    data = b"".join(response.streaming_content)
    return response, data, load_workbook(BytesIO(data)).active


def _table(sheet) -> tuple[list, list]:
    rows = list(sheet.iter_rows())
    return [cell.value for cell in rows[0]], rows[1:]


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_export_has_the_pages_rows_headers_and_typed_cells(world, name):
    listing = LISTINGS[name]
    client = world.clients[(world.first.pk, listing.role)]
    path, params = listing.path(world), listing.params(world)
    page = client.get(path, params)
    assert page.status_code == 200
    assert b'data-testid="export-xlsx"' in page.content
    expected = [listing.value(item) for item in listing.items(page.context)]
    response, data, sheet = _download(client, path, params)
    header, rows = _table(sheet)
    assert header[0] and all(header), header
    column = header.index(listing.key)
    assert [row[column].value or "" for row in rows] == [str(value) for value in expected]
    if listing.role != Role.OBSERVER:
        assert world.first.slug in response["Content-Disposition"]
    for title, kind in listing.typed.items():
        cells = [row[header.index(title)] for row in rows if row[header.index(title)].value is not None]
        assert all(cell.data_type == kind for cell in cells), (title, [c.value for c in cells])
    if listing.attack is not None:
        assert listing.attack in expected, "the page lists the row with the formula-like text"
        found = [row[column] for row in rows if row[column].value == listing.attack]
        assert found and all(cell.data_type == "s" and cell.quotePrefix for cell in found)
    with zipfile.ZipFile(BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_filters_are_applied(world):
    client = world.clients[(world.first.pk, Role.OFFICE)]
    path = reverse("plans:list")
    _response, _data, everything = _download(client, path, {})
    _response, _data, drafts = _download(client, path, {"status": Plan.Status.DRAFT, "page": "2"})
    _response, _data, found = _download(client, path, {"q": "HYPERLINK"})
    assert everything.max_row > 1
    assert (
        drafts.max_row == 1 + Plan.objects.filter(organization=world.first, status=Plan.Status.DRAFT).count()
    )
    assert [cell.value for cell in found["A"]][1:] == [PLAN_TITLE]


def test_the_nominations_export_has_the_verdict_only_for_the_office(world):
    path, params = reverse("awards:nominations"), {"nam": world.nomination_year}
    _response, _data, office = _download(world.clients[(world.first.pk, Role.OFFICE)], path, params)
    assert "Kết quả xét tiêu chuẩn" in _table(office)[0]
    head = world.clients[(world.first.pk, Role.UNIT_HEAD)]
    if head.get(path, params).status_code == 200:
        _response, _data, unit = _download(head, path, params)
        assert "Kết quả xét tiêu chuẩn" not in _table(unit)[0]


def _status(response) -> int | str:
    if response.status_code == 302:
        return "login" if "/dang-nhap/" in response["Location"] else "redirect"
    return response.status_code


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_whoever_the_page_refuses_the_export_refuses(world, name):
    listing = LISTINGS[name]
    path, params = listing.path(world), listing.params(world)
    # Every role of the first agency, the office of the second, and someone not signed in.
    clients = [(key, c) for key, c in world.clients.items() if key[0] == world.first.pk]
    clients += [("other office", world.clients[(world.second.pk, Role.OFFICE)]), ("anonymous", Client())]
    for key, client in clients:
        page = client.get(path, params)
        export = client.get(path, {**params, "xuat": "xlsx"})
        assert _status(export) == _status(page), (key, page.status_code, export.status_code)
        if page.status_code == 200:
            assert export["Content-Type"] == XLSX_CONTENT_TYPE
        else:
            assert export.get("Content-Type") != XLSX_CONTENT_TYPE


@pytest.mark.parametrize(
    "name", ["targets", "feedback", "dialogues", "enterprises", "assessments", "nominations"]
)
def test_another_agencys_list_is_a_404(world, name):
    listing = LISTINGS[name]
    client = world.clients[(world.first.pk, Role.OFFICE)]
    params = {**listing.params(world), "co-quan": world.second.pk, "xuat": "xlsx"}
    assert client.get(listing.path(world), params).status_code == 404


def test_another_agencys_unit_is_a_404(world):
    unit = world.people[(world.second.pk, Role.STAFF)].unit_id
    client = world.clients[(world.first.pk, Role.OFFICE)]
    assert client.get(reverse("tracking:unit", kwargs={"pk": unit}), {"xuat": "xlsx"}).status_code == 404
