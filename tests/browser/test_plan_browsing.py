import datetime

import pytest
from playwright.sync_api import expect

from tests import factories
from thidua.org.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_unit_head_logs_in_opens_a_plan_and_sees_its_targets(login, live_server):
    org = factories.make_organization(name="Sở Xây dựng tỉnh Thanh Hóa")
    unit = factories.make_unit(org, "Phòng Phát triển đô thị")
    user = factories.make_user(org, Role.UNIT_HEAD, unit=unit, full_name="Nguyễn Văn Thành")
    plan = factories.make_plan(org, title="Triển khai thực hiện phong trào thi đua tăng trưởng hai con số")
    factories.make_target(
        plan,
        text="Số căn hộ nhà ở xã hội đạt 7.500 căn hộ trở lên",
        value=7500,
        unit_of_measure="căn hộ",
        period_kind="cumulative",
        lead_unit=unit,
    )
    factories.make_target(plan, text="Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt từ 99% trở lên")
    factories.make_deadline(plan, due_on=datetime.date(2028, 9, 10), text="Tổ chức sơ kết")

    page = login(user)
    expect(page.get_by_test_id("current-user")).to_contain_text("Nguyễn Văn Thành")
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name="Triển khai thực hiện phong trào thi đua tăng trưởng hai con số").click()

    targets = page.get_by_test_id("targets")
    expect(targets.get_by_role("row")).to_have_count(3)
    expect(targets).to_contain_text("≥ 7.500 căn hộ")
    expect(targets).to_contain_text("≥ 99%")
    expect(targets).to_contain_text("Phòng Phát triển đô thị")
    expect(page.locator("#deadlines")).to_contain_text("10/09/2028")
    # The page is styled by Bootstrap served from npm, not a CDN.
    assert page.evaluate("getComputedStyle(document.querySelector('.navbar')).display") == "flex"


def test_a_wrong_password_is_refused_in_vietnamese(login):
    org = factories.make_organization()
    user = factories.make_user(org, Role.STAFF)
    page = login(user, "sai-mat-khau", succeed=False)
    expect(page.get_by_role("alert")).to_contain_text("mật khẩu chính xác")
