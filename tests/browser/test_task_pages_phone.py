"""The task pages at phone width (390 px): nothing pushes the page sideways, and a task's status and
its on-time judgement are on screen without scrolling sideways."""

import datetime

import pytest
from playwright.sync_api import expect

from tests import factories
from thidua.org.roles import Role
from thidua.plans.models import Section
from thidua.tasks import services
from thidua.tasks.models import Activity, GoodExample, Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = 390
LONG_TITLE = (
    "Rà soát, đơn giản hóa thủ tục hành chính, cắt giảm thời gian giải quyết hồ sơ cấp giấy phép xây dựng "
    "và công bố công khai trên Cổng dịch vụ công trực tuyến của tỉnh"
)


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE


def _on_screen(locator) -> None:
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE


@pytest.fixture
def agency():
    org = factories.make_organization(name="Sở Xây dựng tỉnh Thanh Hóa")
    office_unit = factories.make_unit(org, "Văn phòng Sở")
    unit = factories.make_unit(org, "Phòng Quản lý hoạt động xây dựng và phát triển đô thị")
    officer = factories.make_user(org, Role.OFFICE, unit=office_unit, full_name="Lê Thị Hồng")
    head = factories.make_user(org, Role.UNIT_HEAD, unit=unit, full_name="Nguyễn Văn Thành")
    plan = factories.make_plan(org)
    area = Section.objects.create(
        plan=plan, label="1", heading="Thi đua đẩy mạnh cải cách hành chính, chuyển đổi số trong toàn ngành"
    )
    today = datetime.date.today()
    task = services.task_create(
        organization=org,
        title=LONG_TITLE,
        lead_unit=unit,
        coordinating_units=[office_unit],
        due_on=today + datetime.timedelta(days=20),
        plan=plan,
        section=area,
        expected_result="Báo cáo kết quả rà soát gửi Văn phòng Sở kèm danh mục thủ tục đề nghị đơn giản hóa",
        user=officer,
    )
    services.task_create(
        organization=org,
        source=Task.Source.HANDED_DOWN,
        title=LONG_TITLE,
        lead_unit=unit,
        due_on=today - datetime.timedelta(days=3),
        document_number="16880/UBND-CNXDGT",
        document_date=today - datetime.timedelta(days=40),
        issuer="Chủ tịch Ủy ban nhân dân tỉnh Thanh Hóa",
        user=officer,
    )
    services.activity_record(
        organization=org,
        user=officer,
        kind=Activity.Kind.MEETING,
        title="Hội nghị phát động phong trào thi đua chuyển đổi số, cải cách hành chính năm 2026",
        unit=unit,
        held_on=today,
        participants=120,
    )
    services.good_example_record(
        organization=org,
        user=officer,
        kind=GoodExample.Kind.COLLECTIVE,
        name="Tổ một cửa liên thông Phòng Quản lý hoạt động xây dựng",
        unit=unit,
        achievement="Giải quyết 100% hồ sơ cấp phép xây dựng trước hạn, không có hồ sơ trễ hẹn trong năm",
        recognised_on=today,
        spread_at="Hội nghị sơ kết phong trào thi đua 6 tháng đầu năm của Sở Xây dựng tỉnh Thanh Hóa",
    )
    return org, unit, officer, head, plan, task


def test_the_task_board_per_plan_and_per_unit_fits_a_phone_with_the_status_on_screen(
    agency, login, page, live_server
):
    _org, unit, officer, _head, plan, _task = agency
    page.set_viewport_size({"width": PHONE, "height": 844})
    login(officer)
    for query in (f"plan={plan.pk}", f"lead_unit={unit.pk}"):
        page.goto(f"{live_server.url}/nhiem-vu/?{query}")
        board = page.get_by_test_id("task-board")
        expect(board).to_contain_text("Rà soát, đơn giản hóa")
        _fits(page)
        row = board.get_by_test_id("task-row").first
        _on_screen(row.get_by_test_id("row-status"))
        _on_screen(row.get_by_test_id("row-timing"))


def test_the_task_page_fits_a_phone_for_the_unit_that_reports(agency, login, page, live_server):
    _org, _unit, _officer, head, _plan, task = agency
    page.set_viewport_size({"width": PHONE, "height": 844})
    login(head)
    page.goto(f"{live_server.url}{task.get_absolute_url()}")
    expect(page.get_by_test_id("report-form")).to_be_visible()
    _fits(page)
    _on_screen(page.get_by_test_id("task-status"))
    _on_screen(page.get_by_test_id("task-timing"))


def test_the_register_activities_and_good_examples_fit_a_phone(agency, login, page, live_server):
    _org, _unit, officer, _head, _plan, _task = agency
    page.set_viewport_size({"width": PHONE, "height": 844})
    login(officer)
    page.goto(f"{live_server.url}/nhiem-vu/duoc-giao/")
    register = page.get_by_test_id("handed-down")
    expect(register).to_contain_text("16880/UBND-CNXDGT")
    _fits(page)
    _on_screen(register.get_by_test_id("row-timing").first)
    for path, text in (("tuyen-truyen", "Hội nghị phát động"), ("dien-hinh", "Tổ một cửa")):
        page.goto(f"{live_server.url}/nhiem-vu/{path}/")
        expect(page.get_by_role("main")).to_contain_text(text)
        _fits(page)
