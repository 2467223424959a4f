import datetime
import io
from decimal import Decimal

import pytest
from docx import Document as read_docx
from playwright.sync_api import expect

from tests import factories
from thidua.org.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_generates_edits_issues_and_downloads_the_final_report_unchanged(live_server, login, page):
    org = factories.make_organization(
        name="Sở Xây dựng tỉnh Thanh Hóa",
        province="Thanh Hóa",
        parent_authority="UBND tỉnh Thanh Hóa",
        document_symbol="SXD",
    )
    officer = factories.make_user(org, Role.OFFICE, unit=factories.make_unit(org, "Văn phòng Sở"))
    plan = factories.make_plan(
        org,
        title="Triển khai phong trào thi đua giai đoạn 2026 - 2030",
        signer_name="Mai Huy Hoàng",
        signer_position="Phó Giám đốc",
    )
    factories.make_target(
        plan, text="Tỷ lệ hồ sơ giải quyết đúng hạn đạt 99%", value=Decimal(99), unit_of_measure="%"
    )

    login(officer)
    page.goto(f"{live_server.url}/van-ban/")
    form = page.get_by_test_id("generate")
    form.get_by_label("Loại văn bản").select_option(label="Báo cáo tổng kết")
    form.get_by_label("Kế hoạch").select_option(index=1)
    form.get_by_label("Số liệu tính đến ngày").fill("30/11/2026")
    form.get_by_role("button", name="Tạo dự thảo").click()
    expect(page.get_by_test_id("status")).to_have_text("Dự thảo")

    page.get_by_role("link", name="Sửa dự thảo").click()
    proposal = page.get_by_test_id("edit").locator("textarea").last
    proposal.fill("Đề nghị UBND tỉnh tặng Bằng khen cho 02 tập thể dẫn đầu phong trào.")
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_test_id("preview")).to_contain_text("tặng Bằng khen cho 02 tập thể")

    issue = page.get_by_test_id("issue")
    issue.get_by_label("Số văn bản").fill("25")
    issue.get_by_label("Ngày ban hành").fill(datetime.date(2026, 12, 1).strftime("%d/%m/%Y"))
    issue.get_by_role("button", name="Ban hành").click()
    expect(page.get_by_test_id("status")).to_have_text("Đã ban hành")
    expect(page.get_by_test_id("number")).to_have_text("25/BC-SXD")
    expect(page.get_by_role("link", name="Sửa dự thảo")).to_have_count(0)

    downloads = []
    for _ in range(2):
        with page.expect_download() as info:
            page.get_by_test_id("download-docx").click()
        downloads.append(info.value.path().read_bytes())
    assert downloads[0] == downloads[1]
    doc = read_docx(io.BytesIO(downloads[0]))
    assert "tặng Bằng khen cho 02 tập thể" in "\n".join(p.text for p in doc.paragraphs)
    assert [c.text for c in doc.tables[0].rows[1].cells] == [
        "Số: 25/BC-SXD",
        "Thanh Hóa, ngày 01 tháng 12 năm 2026",
    ]
