import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests import factories
from thidua.org.roles import Role
from thidua.tracking.models import Assignment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_submit_return_correct_resubmit_approve_and_the_dashboard_moves(
    login, login_elsewhere, live_server, tmp_path
):
    org = factories.make_organization(name="Sở Xây dựng tỉnh Thanh Hóa")
    office_unit = factories.make_unit(org, "Văn phòng Sở")
    unit = factories.make_unit(org, "Phòng Quản lý nhà và thị trường bất động sản")
    officer = factories.make_user(org, Role.OFFICE, unit=office_unit, full_name="Lê Thị Hồng")
    head = factories.make_user(org, Role.UNIT_HEAD, unit=unit, full_name="Nguyễn Văn Thành")
    plan = factories.make_plan(org, reporting_rhythm="quarterly")
    target = factories.make_target(
        plan,
        text="Số căn hộ nhà ở xã hội được xây dựng mới đạt 7.500 căn hộ trở lên",
        value=Decimal(7500),
        unit_of_measure="căn hộ",
        period_kind="cumulative",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
    )
    assignment = Assignment.objects.create(organization=org, target=target, unit=unit, role="lead")
    # Given when the plan started, so the first quarter of 2026 is owed.
    Assignment.objects.filter(pk=assignment.pk).update(
        created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    evidence = tmp_path / "bien-ban-nghiem-thu.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% bien ban nghiem thu\n")

    # The unit head reports the first quarter with evidence and sends it.
    page = login(head)
    page.get_by_role("link", name="Đơn vị của tôi").click()
    open_reports = page.get_by_test_id("open-reports")
    open_reports.get_by_role("listitem").filter(has_text="Quý I/2026").get_by_role(
        "button", name="Báo cáo"
    ).click()
    page.get_by_label("Kết quả (căn hộ)").fill("300")
    page.get_by_role("button", name="Lưu số liệu").click()
    page.get_by_label("Tệp minh chứng").set_input_files(evidence)
    page.get_by_role("button", name="Tải lên").click()
    expect(page.get_by_test_id("evidence")).to_contain_text("bien-ban-nghiem-thu.pdf")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_test_id("report-status")).to_have_text("Chờ duyệt")
    report_url = page.url

    # The office returns it with a comment.
    office_page = login_elsewhere(officer)
    office_page.get_by_role("link", name="Chờ duyệt").click()
    office_page.get_by_role("link", name="Số căn hộ nhà ở xã hội").click()
    office_page.get_by_label("Ý kiến (bắt buộc khi trả lại)").fill(
        "Số liệu chưa khớp biên bản: quý I có 375 căn"
    )
    office_page.get_by_role("button", name="Trả lại").click()
    expect(office_page.get_by_test_id("report-status")).to_have_text("Bị trả lại")

    # The unit corrects and sends again.
    page.goto(report_url)
    expect(page.get_by_test_id("review-comment")).to_contain_text("quý I có 375 căn")
    page.get_by_label("Kết quả (căn hộ)").fill("375")
    page.get_by_role("button", name="Lưu số liệu").click()
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_test_id("report-status")).to_have_text("Chờ duyệt")

    # Before approval the dashboard has no figure; after it, the status and the figure move.
    office_page.goto(f"{live_server.url}/theo-doi/")
    overview = office_page.get_by_test_id("overview")
    expect(overview).not_to_contain_text("375 căn hộ")
    expect(overview.locator(".status-badge")).to_have_count(0)
    office_page.goto(report_url)
    office_page.get_by_role("button", name="Duyệt").click()
    expect(office_page.get_by_test_id("report-status")).to_have_text("Đã duyệt")
    office_page.goto(f"{live_server.url}/theo-doi/")
    expect(overview.locator(".status-badge")).to_have_attribute("data-status", "on_track")
    expect(overview).to_contain_text("375 căn hộ")
    office_page.get_by_role("link", name="Số căn hộ nhà ở xã hội").click()
    expect(office_page.get_by_test_id("reason")).to_contain_text("7.500")
    expect(office_page.locator("#progress-chart")).to_be_visible()
