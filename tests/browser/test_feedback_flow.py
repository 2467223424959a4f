import datetime

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.engagement.factories import make_feedback, make_rule
from thidua.org.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_enterprise_asks_the_unit_answers_in_time_the_public_sees_it_and_the_rate_moves(
    login, login_elsewhere, live_server, browser
):
    org = factories.make_organization(name="Sở Xây dựng tỉnh Lạng Sơn")
    office_unit = factories.make_unit(org, "Văn phòng Sở")
    unit = factories.make_unit(org, "Phòng Quản lý hoạt động xây dựng")
    officer = factories.make_user(org, Role.OFFICE, unit=office_unit, full_name="Lê Thị Hồng")
    head = factories.make_user(org, Role.UNIT_HEAD, unit=unit, full_name="Hoàng Văn Nam")
    company = factories.make_enterprise(org, name="Công ty TNHH Xây dựng Đồng Đăng", tax_code="4900123456")
    representative = factories.make_user(org, Role.ENTERPRISE, enterprise=company, full_name="Vi Thị Lan")
    make_rule(org, answer_working_days=15, legal_basis="Quyết định số 12/QĐ-SXD của Sở Xây dựng")
    # An older petition, never answered and past its deadline: the rate starts at 0%.
    make_feedback(org, company, officer, subject="Kiến nghị cũ", received_on=datetime.date(2026, 1, 5))

    # From its home (its portal), the enterprise sends a petition and agrees to its publication.
    page = login(representative)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Gửi phản ánh, kiến nghị").click()
    page.get_by_label("Tiêu đề").fill("Thời gian thẩm định thiết kế cơ sở kéo dài")
    page.get_by_label("Nội dung phản ánh, kiến nghị").fill("Hồ sơ nộp đã 20 ngày chưa có kết quả thẩm định.")
    page.get_by_label("Đồng ý công khai câu hỏi và trả lời").check()
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.get_by_test_id("feedback-state")).to_have_text("Mới tiếp nhận")
    feedback_url = page.url

    # The office sees the rate at 0% and assigns the petition to the unit.
    office = login_elsewhere(officer)
    office.goto(f"{live_server.url}/doanh-nghiep/phan-anh/")
    expect(office.get_by_test_id("on-time-rate")).to_have_text("0%")
    office.get_by_role("link", name="Thời gian thẩm định thiết kế cơ sở").click()
    office.get_by_label("Đơn vị xử lý").select_option(label=unit.name)
    office.get_by_role("button", name="Giao xử lý").click()
    expect(office.get_by_test_id("feedback-state")).to_have_text("Đang xử lý")
    expect(office.get_by_test_id("feedback-unit")).to_have_text(unit.name)

    # The unit answers, well before the deadline.
    unit_page = login_elsewhere(head)
    unit_page.goto(feedback_url)
    unit_page.get_by_label("Nội dung trả lời").fill("Sở đã hoàn thành thẩm định, kết quả gửi doanh nghiệp.")
    unit_page.get_by_role("button", name="Gửi trả lời").click()
    expect(unit_page.get_by_test_id("feedback-state")).to_have_text("Đã trả lời")
    expect(unit_page.get_by_test_id("answer")).to_contain_text("hoàn thành thẩm định")

    # The office reviews the public copy, edits it and publishes it; the public page shows that copy
    # without login; the rate moves.
    office.goto(feedback_url)
    office.get_by_role("link", name="Xem lại và công khai").click()
    office.get_by_label("Trả lời công khai").fill("Sở đã hoàn thành thẩm định; kết quả đã gửi người hỏi.")
    office.get_by_role("button", name="Công khai").click()
    expect(office.get_by_test_id("feedback-state")).to_be_visible()
    public = browser.new_page()
    public.goto(f"{live_server.url}/cong-khai/phan-anh-kien-nghi/")
    answers = public.get_by_test_id("published-answers")
    expect(answers).to_contain_text("Thời gian thẩm định thiết kế cơ sở kéo dài")
    expect(answers).to_contain_text("Sở đã hoàn thành thẩm định; kết quả đã gửi người hỏi.")
    expect(answers).not_to_contain_text(company.name)
    expect(answers).not_to_contain_text("Kiến nghị cũ")
    office.goto(f"{live_server.url}/doanh-nghiep/phan-anh/")
    expect(office.get_by_test_id("on-time-rate")).to_have_text("50%")
    # Back home, the enterprise reads the answer, and its published question among the public answers.
    page.goto(f"{live_server.url}/")
    expect(page.get_by_test_id("portal-feedback")).to_contain_text("kết quả gửi doanh nghiệp")
    expect(page.get_by_test_id("portal-published")).to_contain_text("thiết kế cơ sở kéo dài")
