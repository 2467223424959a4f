"""Printing a list shows the list only, and its "Tải Excel" button downloads what the page shows."""

from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests import factories
from thidua.org.roles import Role
from thidua.plans.models import Plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_printed_list_has_no_navigation_and_its_excel_has_the_filtered_rows(login, live_server):
    org = factories.make_organization(name="Sở Xây dựng tỉnh Thanh Hóa", slug="sxd-thanh-hoa")
    office = factories.make_user(org, Role.OFFICE, unit=factories.make_unit(org, "Văn phòng Sở"))
    factories.make_plan(org, title="Kế hoạch tăng trưởng hai con số", number="12/KH-SXD")
    factories.make_plan(org, title='=HYPERLINK("http://evil.example/","Dự thảo")', status=Plan.Status.DRAFT)

    page = login(office)
    page.goto(f"{live_server.url}/ke-hoach/?status=published")
    navigation = page.locator("nav.navbar")
    export = page.get_by_test_id("export-xlsx")
    expect(navigation).to_be_visible()
    expect(export).to_be_visible()

    page.emulate_media(media="print")
    expect(navigation).to_be_hidden()
    expect(export).to_be_hidden()
    expect(page.get_by_role("button", name="Lọc")).to_be_hidden()
    expect(page.get_by_role("cell", name="Kế hoạch tăng trưởng hai con số")).to_be_visible()
    expect(page.get_by_test_id("print-header")).to_contain_text("Sở Xây dựng tỉnh Thanh Hóa")
    page.emulate_media(media="screen")

    with page.expect_download() as info:
        export.click()
    download = info.value
    assert download.suggested_filename.startswith("sxd-thanh-hoa-ke-hoach-")
    sheet = load_workbook(BytesIO(Path(download.path()).read_bytes())).active
    assert [cell.value for cell in sheet["A"]] == ["Kế hoạch", "Kế hoạch tăng trưởng hai con số"]
