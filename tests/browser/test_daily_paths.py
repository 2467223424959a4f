"""#12, "Done when": each role walks its daily path on the demo, in a real browser, and every page it
opens answers (status below 400), is in Vietnamese, and links to no page that errs.

The demo is loaded once for the module, then put back before each test by Django's serialized
rollback: each walk changes it (a draft saved, a report sent, returned, approved, a feedback sent)
without the next one seeing it.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import override_settings
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.vietnamese import english_on
from tests.seeds import reseed_after_flush
from thidua.demo.agencies import DEMO_PASSWORD
from thidua.org.models import User
from thidua.tracking import services
from thidua.tracking.models import Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AGENCY = "thanhhoa"
# Downloads, files, the admin and leaving are not pages of a daily path.
NOT_A_PAGE = re.compile(
    r"^/(static|media|quan-tri|dang-xuat|i18n|api/)|xuat=xlsx|\.(xlsx|docx|pdf|ics)\b|/tep/|/excel|/minh-chung/"
)


@pytest.fixture(scope="module", autouse=True)
def demo_snapshot(django_db_setup, django_db_blocker):
    """Load the demo once and keep it as the data each test of the module starts from."""
    connection = connections[DEFAULT_DB_ALIAS]
    with django_db_blocker.unblock():
        reseed_after_flush()  # an earlier transactional test's flush took the migrations' rows
        with override_settings(DEBUG=True):
            call_command("demo", stdout=io.StringIO())
        snapshot = connection.creation.serialize_db_to_string()
        # The sequences stay past the demo's rows: each test loads them back with their own ids, and
        # PostgreSQL would otherwise hand out those ids again to the rows a walk adds.
        call_command(
            "flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False
        )
    empty = getattr(connection, "_test_serialized_contents", None)
    connection._test_serialized_contents = snapshot
    yield
    if empty is None:
        del connection._test_serialized_contents
    else:
        connection._test_serialized_contents = empty


class Walk:
    """One person's path through the pages: each page is checked as it opens."""

    def __init__(self, page, base_url: str):
        self.page, self.base_url = page, base_url
        self.nav = page.locator("#main-nav")  # the navigation bar's menus, not a page's breadcrumb
        self.questions: list[str] = []  # what the confirmations asked
        self.checked_links: set[str] = set()
        page.on("dialog", self._agree)

    def _agree(self, dialog):
        self.questions.append(dialog.message)
        dialog.accept()

    def sign_in(self, role: str):
        sign_in(self.page, self.base_url, User.objects.get(username=f"{AGENCY}.{role}"), DEMO_PASSWORD)
        return self.check(self.page.goto(f"{self.base_url}/"))

    def open(self, path: str):
        return self.check(self.page.goto(f"{self.base_url}{path}"))

    def follow(self, locator):
        """Click a link or a button that loads a page, and check the page it leads to."""
        with self.page.expect_navigation() as navigation:
            locator.click()
        return self.check(navigation.value)

    def check(self, response):
        page = self.page
        assert response is not None and response.status < 400, f"{response and response.status} {page.url}"
        assert english_on(page) == [], f"English on {page.url}: {english_on(page)}"
        self._links_open()
        return page

    def _links_open(self):
        """Every link of the page's content leads to a page that answers (each link asked once)."""
        dead = []
        for href in self.page.locator("main a[href^='/']").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        ):
            if href in self.checked_links or NOT_A_PAGE.search(href):
                continue
            self.checked_links.add(href)
            response = self.page.request.get(f"{self.base_url}{href}")
            if response.status >= 400:
                dead.append(f"{response.status} {href}")
        assert dead == [], f"dead links on {self.page.url}: {dead}"


@pytest.fixture
def walk(page, live_server):
    return Walk(page, live_server.url)


def test_staff_open_a_target_of_their_unit_and_save_a_draft(walk):
    page = walk.sign_in("chuyenvien")
    expect(page.get_by_test_id("unit-drafts")).to_contain_text("Chờ trưởng phòng gửi")
    walk.follow(page.get_by_test_id("my-targets").get_by_role("link", name=re.compile("đường hầm")))
    walk.follow(
        page.get_by_role("main").get_by_role("link", name="Phòng Phát triển đô thị", exact=True).first
    )
    walk.follow(page.get_by_role("row").filter(has_text="Quý IV/2026").get_by_role("button", name="Báo cáo"))
    page.get_by_label(re.compile(r"^Kết quả")).fill("2")
    page.get_by_label("Phân tích, đánh giá").fill("Đã khởi công 02 đường hầm trong quý IV.")
    walk.follow(page.get_by_role("button", name="Lưu số liệu"))
    expect(page.get_by_test_id("report-status")).to_have_text("Đang soạn")
    expect(page.get_by_test_id("waits-for-head")).to_be_visible()
    staff = User.objects.get(username=f"{AGENCY}.chuyenvien")
    saved = Report.objects.get(
        assignment__unit=staff.unit,
        assignment__target__text__contains="đường hầm",
        period_label="Quý IV/2026",
    )
    assert (saved.value, saved.status) == (2, Report.Status.DRAFT)


def test_the_head_sees_the_drafts_waiting_and_sends_one_after_confirming(walk):
    page = walk.sign_in("truongphong")
    drafts = page.get_by_test_id("unit-drafts")
    expect(drafts).to_contain_text("Báo cáo chờ gửi Văn phòng Sở")
    walk.follow(walk.nav.get_by_role("link", name="Đơn vị của tôi"))
    expect(page.get_by_test_id("open-reports")).to_contain_text("Chờ gửi Văn phòng Sở")
    walk.open("/")
    walk.follow(page.get_by_test_id("unit-drafts").get_by_role("link").filter(has_text="Quý III/2026"))
    walk.follow(page.get_by_role("button", name="Gửi báo cáo"))
    assert walk.questions and walk.questions[-1].startswith("Gửi báo cáo về Văn phòng Sở?")
    expect(page.get_by_test_id("report-status")).to_have_text("Chờ duyệt")


def test_the_office_sees_what_is_overdue_and_returns_one_report_and_approves_another(walk):
    # The head of the unit sent his Quý III draft this morning: two reports wait for review.
    head = User.objects.get(username=f"{AGENCY}.truongphong")
    draft = Report.objects.get(
        assignment__unit=head.unit, period_label="Quý III/2026", status=Report.Status.DRAFT
    )
    services.report_submit(report=draft, user=head)

    page = walk.sign_in("vanphong")
    overdue = page.get_by_test_id("overdue")
    expect(overdue).to_contain_text("quá")
    walk.follow(page.get_by_role("link", name=re.compile(r"^Xem cả \d+ việc quá hạn")))
    expect(page.get_by_role("main")).to_contain_text("Quá hạn")

    walk.follow(walk.nav.get_by_role("link", name="Chờ duyệt"))
    rows = page.get_by_role("main").get_by_role("row")
    expect(rows).to_have_count(3)  # the heading and two reports
    walk.follow(rows.nth(1).get_by_role("link"))
    page.get_by_label("Ý kiến (bắt buộc khi trả lại)").fill("Đề nghị bổ sung biên bản nghiệm thu.")
    walk.follow(page.get_by_role("button", name="Trả lại"))
    expect(page.get_by_test_id("report-status")).to_have_text("Bị trả lại")

    walk.follow(walk.nav.get_by_role("link", name="Chờ duyệt"))
    walk.follow(page.get_by_role("main").get_by_role("row").nth(1).get_by_role("link"))
    walk.follow(page.get_by_role("button", name="Duyệt", exact=True))
    assert walk.questions and walk.questions[-1].startswith("Duyệt báo cáo này?")
    expect(page.get_by_test_id("report-status")).to_have_text("Đã duyệt")
    assert Report.objects.filter(status=Report.Status.SUBMITTED, organization=head.organization).count() == 0


def test_the_leader_reads_the_home_page_the_overview_and_a_target(walk):
    page = walk.sign_in("lanhdao")
    digest = page.get_by_test_id("digest")
    expect(digest).to_contain_text("Tình hình thực hiện chỉ tiêu của Sở Xây dựng tỉnh Thanh Hóa")
    expect(digest.get_by_test_id("lagging")).to_be_visible()
    # A status chip opens the overview with only the targets in that state.
    chip = digest.get_by_test_id("status-counts").locator("a[data-status]").first
    status = chip.get_attribute("data-status")
    walk.follow(chip)
    expect(page.get_by_role("main")).to_contain_text("Tình hình thực hiện chỉ tiêu")
    shown = page.get_by_test_id("overview").locator(".status-badge")
    assert shown.count() > 0
    assert {shown.nth(i).get_attribute("data-status") for i in range(shown.count())} == {status}
    # The leader reads: no menu entry to review reports, no form to assign.
    expect(walk.nav.get_by_role("link", name="Chờ duyệt")).to_have_count(0)
    walk.follow(walk.nav.get_by_role("link", name="Theo dõi", exact=True))
    walk.follow(page.get_by_role("main").get_by_role("link", name=re.compile("Số căn hộ nhà ở xã hội")).first)
    expect(page.get_by_role("main")).to_contain_text("Theo phòng, đơn vị")


def test_the_observer_reads_the_province_and_one_agency(walk):
    page = walk.sign_in("theodoi")
    walk.follow(walk.nav.get_by_role("link", name="Toàn tỉnh"))
    expect(page.get_by_role("main")).to_contain_text("Tình hình thực hiện của các cơ quan")
    walk.follow(page.get_by_role("main").get_by_role("link", name="Sở Xây dựng tỉnh Thanh Hóa"))
    expect(page.get_by_role("main")).to_contain_text("Tình hình thực hiện chỉ tiêu")
    walk.follow(
        page.get_by_role("main").get_by_role("link", name=re.compile("Tỷ lệ hồ sơ thủ tục hành chính")).first
    )
    expect(page.get_by_role("main")).to_contain_text("Theo phòng, đơn vị")


def test_the_enterprise_reads_its_feedback_and_sends_one(walk):
    page = walk.sign_in("doanhnghiep")  # lands on its own portal
    expect(page.get_by_test_id("portal-enterprise")).to_contain_text("Công ty Cổ phần Xây dựng Hàm Rồng")
    feedback = page.get_by_test_id("portal-feedback")
    expect(feedback).to_contain_text("Hỏi về trình tự chấp thuận phương án kiến trúc")
    expect(walk.nav.get_by_role("link", name="Theo dõi", exact=True)).to_have_count(0)
    walk.follow(page.get_by_test_id("portal-send-feedback"))
    page.get_by_label("Tiêu đề").fill("Đề nghị hướng dẫn hồ sơ cấp giấy phép xây dựng có thời hạn")
    page.get_by_label("Nội dung phản ánh, kiến nghị").fill(
        "Doanh nghiệp đề nghị Sở hướng dẫn thành phần hồ sơ cấp giấy phép xây dựng có thời hạn "
        "cho công trình tạm phục vụ thi công."
    )
    walk.follow(page.get_by_role("button", name="Gửi", exact=True))
    expect(page.get_by_role("main")).to_contain_text(
        "Đề nghị hướng dẫn hồ sơ cấp giấy phép xây dựng có thời hạn"
    )
    walk.follow(walk.nav.get_by_role("link", name="Phản ánh, kiến nghị", exact=True))
    expect(page.get_by_role("main")).to_contain_text("Đề nghị hướng dẫn hồ sơ cấp giấy phép")


def test_a_council_member_scores_and_votes_on_an_initiative(walk):
    """The demo's unit head sits on the agency's initiative council."""
    page = walk.sign_in("truongphong")
    walk.follow(walk.nav.get_by_role("link", name="Sáng kiến", exact=True))
    waiting = page.get_by_role("row").filter(has_text="Đã tiếp nhận, chờ hội đồng").first
    walk.follow(waiting.get_by_role("link").first)
    walk.follow(page.get_by_role("link", name="Chấm điểm và biểu quyết"))
    criteria = page.get_by_label(re.compile(r"\(tối đa \d+ điểm\)")).all()
    assert len(criteria) == 4
    for criterion, points in zip(criteria, ("25", "20", "25", "10"), strict=True):
        criterion.fill(points)
    page.get_by_label("Đồng ý công nhận").check()
    walk.follow(page.get_by_role("button", name="Ghi điểm và biểu quyết"))
    expect(page.get_by_role("main")).to_contain_text("Đã ghi điểm và biểu quyết")
