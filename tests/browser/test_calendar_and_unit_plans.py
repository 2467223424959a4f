import datetime

import pytest
from playwright.sync_api import expect

from tests import factories
from thidua.org.roles import Role
from thidua.plans.models import Deadline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNIT_PLAN = """KẾ HOẠCH

Thực hiện phong trào thi đua tại Phòng Phát triển đô thị

I. MỤC TIÊU

1. Số căn hộ nhà ở xã hội được xây dựng mới năm 2026 đạt 1.500 căn hộ trở lên.

II. TỔ CHỨC THỰC HIỆN

Các tổ chuyên môn triển khai thực hiện.
"""


def test_a_unit_head_sees_the_deadline_in_the_calendar_and_sends_the_unit_plan(login, live_server, tmp_path):
    org = factories.make_organization(name="Sở Xây dựng tỉnh Thanh Hóa")
    unit = factories.make_unit(org, "Phòng Phát triển đô thị")
    head = factories.make_user(org, Role.UNIT_HEAD, unit=unit)
    today = datetime.date.today()
    plan = factories.make_plan(org, title="Kế hoạch tăng trưởng hai con số")
    factories.make_target(
        plan,
        text="Số căn hộ nhà ở xã hội đạt 7.500 căn hộ trở lên",
        value=7500,
        unit_of_measure="căn hộ",
        period_kind="cumulative",
    )
    factories.make_deadline(
        plan,
        due_on=today + datetime.timedelta(days=5),
        bound="before",
        kind=Deadline.Kind.UNIT_PLAN,
        text="Gửi kế hoạch thực hiện về Văn phòng Sở",
    )
    document = tmp_path / "ke-hoach-phong.txt"
    document.write_text(UNIT_PLAN, encoding="utf-8")

    page = login(head)
    page.get_by_role("link", name="Lịch", exact=True).click()
    row = page.get_by_test_id("calendar").get_by_role("row").filter(has_text="gửi kế hoạch thực hiện")
    expect(row).to_contain_text("Sắp đến hạn")
    page.get_by_role("link", name="Tháng", exact=True).click()
    expect(page.get_by_test_id("month")).to_contain_text("gửi kế hoạch")

    page.get_by_role("link", name="Lịch", exact=True).click()
    row.get_by_role("link").click()
    page.get_by_label("Tệp kế hoạch của đơn vị").set_input_files(document)
    page.get_by_role("button", name="Gửi kế hoạch").click()
    expect(page.get_by_role("alert")).to_contain_text("Đã gửi kế hoạch của đơn vị")
    expect(page.get_by_test_id("links")).to_contain_text("1.500 căn hộ")

    page.get_by_role("link", name="Lịch", exact=True).click()
    expect(row).to_contain_text("Đã hoàn thành")


def test_the_month_fits_a_phone_and_keeps_whole_titles(login, page, live_server):
    org = factories.make_organization()
    office = factories.make_user(org, Role.OFFICE)
    plan = factories.make_plan(org)
    title = "Gửi báo cáo sơ kết phong trào thi đua về Văn phòng Sở để tổng hợp"
    factories.make_deadline(plan, due_on=datetime.date.today(), kind=Deadline.Kind.INTERIM, text=title)

    page.set_viewport_size({"width": 390, "height": 844})
    login(office)
    page.goto(f"{live_server.url}/lich/thang/")
    item = page.get_by_test_id("month").get_by_role("link").filter(has_text="Gửi báo cáo sơ kết")
    expect(item).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert item.evaluate("a => a.scrollWidth <= a.clientWidth")  # the title wraps, nothing cut off
