from pathlib import Path

import docx
import pytest
from playwright.sync_api import expect

from tests import factories
from tests.paths import SAMPLES
from thidua.org.roles import Role
from thidua.plans.models import Plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = SAMPLES / "lang-son-doanh-nghiep.txt"


def sample_as_docx(path: Path) -> Path:
    """A Word file made from the sample, paragraph by paragraph, as an officer would receive it."""
    document = docx.Document()
    for paragraph in SAMPLE.read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(paragraph.replace("**", ""))
    document.save(path)
    return path


def test_the_office_imports_a_word_plan_corrects_a_target_and_publishes_it(login, live_server, tmp_path):
    org = factories.make_organization(name="Sở Xây dựng tỉnh Lạng Sơn")
    office_unit = factories.make_unit(org, "Văn phòng Sở")
    factories.make_unit(org, "Phòng Kế hoạch - Tài chính")
    officer = factories.make_user(org, Role.OFFICE, unit=office_unit)

    page = login(officer)
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name="Nhập kế hoạch từ văn bản").click()
    page.get_by_label("Tệp văn bản kế hoạch").set_input_files(sample_as_docx(tmp_path / "ke-hoach.docx"))
    page.get_by_role("button", name="Đọc văn bản").click()

    expect(page.get_by_role("heading", name="Rà soát bản nháp kế hoạch")).to_be_visible()
    source = page.get_by_test_id("source-text")
    expect(source).to_contain_text("Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn")
    rows = page.get_by_test_id("targets-row")
    expect(rows).to_have_count(6)  # five found, one blank row to add

    # Follow the highlight in the text to the target it produced, and correct its value.
    source.locator("a.hl-targets", has_text="98%").click()
    row = rows.filter(has=page.locator("textarea", has_text="98%"))
    row.get_by_label("Giá trị", exact=True).fill("99")
    page.get_by_role("button", name="Ban hành kế hoạch").click()

    expect(page.get_by_role("alert")).to_contain_text("Đã ban hành kế hoạch")
    targets = page.get_by_test_id("targets")
    expect(targets.get_by_role("row")).to_have_count(6)
    expect(targets).to_contain_text("≥ 99%")
    expect(targets).not_to_contain_text("≥ 98%")
    expect(targets).to_contain_text("Văn phòng Sở")
    expect(page.locator("#phases")).to_contain_text("01/07/2028 – 31/12/2030")
    assert Plan.objects.get().targets.filter(value=99).count() == 1
