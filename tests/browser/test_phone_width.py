"""The tracking pages at phone width (390 px): nothing pushes the page sideways, every status badge is on
screen without scrolling sideways, and the assignment matrix keeps choices a finger can use. At a
laptop width (1366 px) the navigation bar stays on one line; a keyboard user gets a skip link and a
visible focus on the navigation links. A leader's home (the digest and its charts) and the province fit a
phone too, and a status chip opens the overview filtered by that status.

One browser context per person and one load per page: the calendar and the task pages have tests of
their own (test_calendar_and_unit_plans.py, test_task_pages_phone.py)."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import sign_in
from thidua.org.roles import Role
from thidua.tracking import services
from thidua.tracking.models import Assignment, Report
from thidua.tracking.periods import periods_between

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
UNIT_NAMES = (
    "Phòng Quản lý hoạt động xây dựng và phát triển đô thị",
    "Trung tâm Kiểm định chất lượng công trình xây dựng Thanh Hóa",
    "Phòng Quản lý nhà và thị trường bất động sản",
    "Thanh tra Sở",
)
TARGETS = (
    ("Số căn hộ nhà ở xã hội được xây dựng mới trên địa bàn tỉnh đạt 7.500 căn hộ trở lên", 7500, "căn hộ"),
    (
        "Tỷ lệ hồ sơ thủ tục hành chính thuộc thẩm quyền giải quyết của Sở được giải quyết đúng hạn và "
        "trước hạn, công bố công khai trên Cổng dịch vụ công trực tuyến của tỉnh đạt từ 99% trở lên",
        99,
        "%",
    ),
    ("Tỷ lệ đô thị hóa toàn tỉnh đến năm 2030 đạt 40% trở lên", 40, "%"),
)


@pytest.fixture
def agency():
    """An agency with long unit and target names, and one report in each state the pages show."""
    org = factories.make_organization(name="Sở Xây dựng tỉnh Thanh Hóa")
    office_unit = factories.make_unit(org, "Văn phòng Sở")
    units = [factories.make_unit(org, name) for name in UNIT_NAMES]
    officer = factories.make_user(org, Role.OFFICE, unit=office_unit, full_name="Lê Thị Hồng")
    head = factories.make_user(org, Role.UNIT_HEAD, unit=units[0], full_name="Nguyễn Văn Thành")
    plan = factories.make_plan(
        org,
        title="Kế hoạch phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - "
        "xã hội giai đoạn 2026 - 2030 của Sở Xây dựng tỉnh Thanh Hóa",
        reporting_rhythm="quarterly",
    )
    targets = [
        factories.make_target(
            plan,
            text=text,
            value=Decimal(value),
            unit_of_measure=measure,
            period_kind="cumulative",
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2030, 12, 31),
        )
        for text, value, measure in TARGETS
    ]
    for target in targets:
        services.assignments_give(target=target, units=[units[0]], user=officer)
        services.assignments_give(
            target=target, units=units[1:3], user=officer, role=Assignment.Role.COORDINATE
        )
    # Given when the plan started, so every quarter of 2026 is owed.
    Assignment.objects.filter(organization=org).update(
        created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    first_quarter = periods_between(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31), "quarterly")[0]
    lead = {a.target_id: a for a in Assignment.objects.filter(unit=units[0])}
    reports = []
    for target, value in zip(targets, (Decimal(1200), Decimal("97.5"), None), strict=True):
        report = services.report_start(assignment=lead[target.pk], period=first_quarter, user=head)
        if value is not None:
            report = services.report_update(report=report, user=head, value=value)
            report = services.report_submit(report=report, user=head)
        reports.append(report)
    services.report_approve(report=reports[0], user=officer)
    waiting, draft = (Report.objects.get(pk=report.pk) for report in reports[1:])
    return {
        "plan": plan,
        "targets": targets,
        "unit": units[0],
        "officer": officer,
        "head": head,
        "waiting": waiting,
        "draft": draft,
    }


@pytest.fixture
def person_page(browser, live_server):
    """A signed-in page in a browser context of its own, at the given viewport."""
    contexts = []

    def _open(user, viewport):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        return sign_in(context.new_page(), live_server.url, user)

    yield _open
    for context in contexts:
        context.close()


def _fits_the_phone(page, path: str) -> None:
    """The page is no wider than the phone and every status badge lies within the screen."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width} px wide"
    outside = page.evaluate(
        """(screen) => [...document.querySelectorAll('main .badge, main .status-badge')]
            .filter((badge) => badge.offsetParent !== null)
            .map((badge) => [badge.textContent.trim(), badge.getBoundingClientRect()])
            .filter(([, box]) => box.left < 0 || box.right > screen)
            .map(([text, box]) => `${text}: ${Math.round(box.left)}–${Math.round(box.right)}`)""",
        PHONE["width"],
    )
    assert outside == [], f"{path}: badges off screen: {outside}"


def test_the_tracking_pages_fit_a_phone_with_every_status_on_screen(agency, person_page, live_server):
    office = person_page(agency["officer"], PHONE)
    unit, target, waiting = agency["unit"], agency["targets"][1], agency["waiting"]
    pages = (
        ("/theo-doi/", "overview", "Số căn hộ nhà ở xã hội"),
        (f"/theo-doi/chi-tieu/{target.pk}/", "units", UNIT_NAMES[1]),
        (f"/theo-doi/don-vi/{unit.pk}/", "open-reports", "Tỷ lệ đô thị hóa"),
        ("/theo-doi/cho-duyet/", "review-queue", "Tỷ lệ hồ sơ thủ tục hành chính"),
        (f"/theo-doi/bao-cao/{waiting.pk}/", "report-status", "Chờ duyệt"),
    )
    for path, test_id, text in pages:
        office.goto(f"{live_server.url}{path}")
        expect(office.get_by_test_id(test_id)).to_contain_text(text)
        _fits_the_phone(office, path)
        if test_id == "overview":
            # The status column is on screen, not behind a sideways scroll.
            expect(office.get_by_test_id(test_id).locator(".status-badge").first).to_be_in_viewport()
    # The office reviews at phone width: the decision buttons are on screen.
    for name in ("Duyệt", "Trả lại"):
        button = office.get_by_role("button", name=name, exact=True)
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]

    head = person_page(agency["head"], PHONE)
    path = f"/theo-doi/bao-cao/{agency['draft'].pk}/"
    head.goto(f"{live_server.url}{path}")
    expect(head.get_by_test_id("report-status")).to_have_text("Đang soạn")
    expect(head.get_by_label("Kết quả (%)")).to_be_editable()
    _fits_the_phone(head, path)


def test_the_leaders_home_and_the_province_fit_a_phone_and_a_status_chip_opens_the_filtered_overview(
    agency, person_page, live_server
):
    leader = factories.make_user(agency["plan"].organization, Role.LEADER, full_name="Mai Huy Hoàng")
    page = person_page(leader, PHONE)  # signed in: the home page
    digest = page.get_by_test_id("digest")
    expect(digest.get_by_test_id("status-bar").first).to_be_visible()
    expect(digest.get_by_test_id("by-unit")).to_contain_text(UNIT_NAMES[0])
    expect(page.get_by_test_id("this-week")).to_be_visible()
    _fits_the_phone(page, "/")

    chip = digest.get_by_test_id("status-counts").locator("a[data-status]").first
    status = chip.get_attribute("data-status")
    chip.click()
    page.wait_for_url("**/theo-doi/?*tinh-trang=*")
    badges = page.get_by_test_id("overview").locator(".status-badge")
    expect(badges.first).to_be_visible()
    assert set(badges.evaluate_all("(all) => all.map((b) => b.dataset.status)")) == {status}
    _fits_the_phone(page, page.url)

    page.goto(f"{live_server.url}/theo-doi/tinh/")
    expect(page.get_by_test_id("agency").get_by_test_id("status-bar")).to_be_visible()
    _fits_the_phone(page, "/theo-doi/tinh/")


def test_the_assignment_matrix_on_a_phone_has_readable_choices_a_finger_can_use(
    agency, person_page, live_server
):
    page = person_page(agency["officer"], PHONE)
    path = f"/theo-doi/ke-hoach/{agency['plan'].pk}/giao/"
    page.goto(f"{live_server.url}{path}")
    matrix = page.get_by_test_id("assign-matrix")
    expect(matrix).to_contain_text("Tỷ lệ đô thị hóa")
    _fits_the_phone(page, path)
    choices = matrix.locator("select")
    expect(choices).to_have_count(len(TARGETS) * (len(UNIT_NAMES) + 1))
    # Each choice is a whole control on screen, big enough for a finger, and says which unit it is for.
    problems = page.evaluate(
        """(screen) => [...document.querySelectorAll('[data-testid=assign-matrix] select')].flatMap((s) => {
            const select = s;
            // One control: its size, its place, its label (the unit) and its text, none of them cut.
            const box = select.getBoundingClientRect();
            const label = select.labels[0];
            const problems = [];
            if (box.width < 40 || box.height < 38) problems.push(`${s.name}: ${box.width}×${box.height}`);
            if (box.left < 0 || box.right > screen) problems.push(`${select.name} off screen`);
            if (!label || label.offsetParent === null) problems.push(`${select.name} has no visible label`);
            else if (label.scrollWidth > label.clientWidth + 1) problems.push(`${select.name}: label cut`);
            if (select.scrollWidth > select.clientWidth + 1) problems.push(`${select.name} text is cut`);
            return problems;
        })""",
        PHONE["width"],
    )
    assert problems == []
    # The chosen role reads in full inside its control, and the unit the choice is for is named beside it.
    lead = matrix.get_by_label(UNIT_NAMES[0]).first
    expect(lead).to_have_value("lead")
    expect(lead.locator("option:checked")).to_have_text("Chủ trì")
    # Choosing still saves.
    matrix.get_by_label(UNIT_NAMES[3]).first.select_option("coordinate")
    page.get_by_role("button", name="Lưu việc giao").click()
    expect(page.locator(".alert")).to_be_visible()
    assert Assignment.objects.filter(unit__name=UNIT_NAMES[3], role="coordinate").count() == 1


def test_the_navigation_bar_is_one_line_at_laptop_width_with_a_skip_link_and_visible_focus(
    agency, person_page, live_server
):
    page = person_page(agency["officer"], LAPTOP)
    page.goto(f"{live_server.url}/theo-doi/")
    nav = page.locator("nav.navbar")
    brand = nav.locator(".navbar-brand")
    links = nav.locator("#main-nav .nav-link:visible")
    # One line: every link sits on the brand's row, and the bar is no taller than one row of links.
    brand_box, nav_box = brand.bounding_box(), nav.bounding_box()
    assert brand_box is not None and nav_box is not None
    middle = brand_box["y"] + brand_box["height"] / 2
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    rows = {round(box["y"] + box["height"] / 2) for box in boxes}
    assert all(abs(row - middle) <= 6 for row in rows), f"links on rows {sorted(rows)}, the brand on {middle}"
    assert nav_box["height"] <= 64, f"navigation bar is {nav_box['height']} px tall"
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]

    # Tab once: the skip link is focused and visible, and leads to the main content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    skip_box = skip.bounding_box()
    assert skip_box is not None and skip_box["width"] > 20 and skip_box["height"] > 10
    assert skip.get_attribute("href") == "#noi-dung"
    expect(page.locator("main#noi-dung")).to_have_count(1)

    # Tab on into the bar: the focused navigation link shows a clear outline.
    page.keyboard.press("Tab")
    expect(brand).to_be_focused()
    page.keyboard.press("Tab")
    focused = nav.locator(".nav-link").first
    expect(focused).to_be_focused()
    outline = focused.evaluate(
        "(link) => { const s = getComputedStyle(link); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert outline[0] != "none" and outline[1] >= 2, outline
