"""The enterprise part of the Lạng Sơn plan (II.2): the office sets the year's criteria, two
enterprises score themselves with evidence, the office verifies, and the results are ranked."""

import pytest
from playwright.sync_api import expect

from tests import factories
from thidua.org.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n%bao cao tai chinh\n"


def _score_itself(page, live_server, points: str, *, evidence=None):
    """From its home (its portal), the enterprise starts its 2026 self-assessment, gives every criterion
    `points` and sends it."""
    page.goto(f"{live_server.url}/")
    expect(page.get_by_test_id("portal-to-do")).to_contain_text("chưa tự chấm điểm thi đua năm 2026")
    page.get_by_role("button", name="Tự chấm điểm năm 2026").click()
    fields = page.locator("input[inputmode=decimal]")
    expect(fields).to_have_count(15)
    for index in range(fields.count()):
        fields.nth(index).fill(points)
    if evidence:
        page.locator("input[type=file]").first.set_input_files(evidence)
    page.get_by_role("button", name="Gửi bản tự chấm").click()
    expect(page.get_by_text("Đã gửi bản tự chấm để thẩm định.")).to_be_visible()
    return page.url


def test_criteria_from_the_plan_self_assessment_with_evidence_verification_and_ranking(
    login_elsewhere, live_server, tmp_path
):
    org = factories.make_organization(name="Sở Xây dựng tỉnh Lạng Sơn")
    officer = factories.make_user(
        org, Role.OFFICE, unit=factories.make_unit(org, "Văn phòng Sở"), full_name="Hoàng Thị Ngọc"
    )
    ky_lua = factories.make_enterprise(
        org, name="Công ty CP Xây dựng và Thương mại Kỳ Lừa", tax_code="4900234567"
    )
    dong_dang = factories.make_enterprise(org, name="Công ty TNHH Vận tải Đồng Đăng", tax_code="4900345678")
    ky_lua_user = factories.make_user(org, Role.ENTERPRISE, enterprise=ky_lua, full_name="Nông Văn Sơn")
    dong_dang_user = factories.make_user(org, Role.ENTERPRISE, enterprise=dong_dang, full_name="Vi Thị Lan")

    # The office starts the year's criteria from the plan's four groups.
    office = login_elsewhere(officer)
    office.goto(f"{live_server.url}/doanh-nghiep/ket-qua/")
    office.get_by_role("link", name="Bộ tiêu chí thi đua doanh nghiệp").click()
    office.get_by_role("link", name="Tạo bộ tiêu chí", exact=True).click()
    office.get_by_label("Năm").fill("2026")
    office.get_by_label("Khởi tạo tiêu chí").select_option("plan")
    office.get_by_role("button", name="Tạo bộ tiêu chí").click()
    expect(office.get_by_test_id("set-total")).to_have_text("100")
    for group in ("efficiency", "compliance", "innovation", "workers"):
        expect(office.get_by_test_id(f"group-{group}")).to_be_visible()

    # Two enterprises score themselves; one sends its financial statement as evidence.
    statement = tmp_path / "bao-cao-tai-chinh-2026.pdf"
    statement.write_bytes(PDF)
    ky_lua_page = login_elsewhere(ky_lua_user)
    ky_lua_url = _score_itself(ky_lua_page, live_server, "5", evidence=statement)
    expect(ky_lua_page.get_by_role("link", name="minh chứng")).to_have_count(1)
    dong_dang_url = _score_itself(login_elsewhere(dong_dang_user), live_server, "6")

    # The office verifies: Đồng Đăng's claim holds, Kỳ Lừa's first criterion is lowered to 2.
    office.goto(dong_dang_url)
    office.get_by_role("button", name="Thẩm định").click()
    expect(office.get_by_test_id("total")).to_have_text("90")
    office.goto(ky_lua_url)
    office.locator("input[inputmode=decimal]").first.fill("2")
    office.get_by_role("button", name="Thẩm định").click()
    expect(office.get_by_test_id("total")).to_have_text("72")
    expect(office.get_by_test_id("rank")).to_have_text("2")

    # The enterprise sees its own verified result, and only its own, on its portal and in the list.
    ky_lua_page.goto(f"{live_server.url}/")
    expect(ky_lua_page.get_by_test_id("portal-assessments")).to_contain_text("xếp hạng 2")
    ky_lua_page.goto(f"{live_server.url}/doanh-nghiep/ket-qua/")
    results = ky_lua_page.get_by_test_id("assessments")
    expect(results).to_contain_text(ky_lua.name)
    expect(results).not_to_contain_text(dong_dang.name)
    assert ky_lua_page.goto(dong_dang_url).status == 404
    expect(ky_lua_page.get_by_test_id("error-page")).to_contain_text("Không tìm thấy trang")
