import datetime
import io

import pytest
from docx import Document as read_docx
from playwright.sync_api import expect

from tests import factories
from thidua.awards.models import Decision, DecisionLine, Person, Title
from thidua.org.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_generates_the_decision_from_its_page_and_downloads_it(live_server, login, page):
    org = factories.make_organization(
        name="Sở Xây dựng tỉnh Thanh Hóa",
        province="Thanh Hóa",
        parent_authority="UBND tỉnh Thanh Hóa",
        document_symbol="SXD",
    )
    office_unit = factories.make_unit(org, "Văn phòng Sở")
    officer = factories.make_user(org, Role.OFFICE, unit=office_unit)
    person = Person.objects.create(
        organization=org, unit=office_unit, full_name="Lê Văn Bình", position="Chuyên viên"
    )
    decision = Decision.objects.create(
        organization=org,
        year=2026,
        content="Tặng Giấy khen của Giám đốc Sở",
        number="245/QĐ-SXD",
        signed_on=datetime.date(2026, 12, 3),
        signer="Mai Huy Hoàng",
        status=Decision.Status.ISSUED,
        created_by=officer,
    )
    DecisionLine.objects.create(
        organization=org, decision=decision, person=person, title=Title.GIAY_KHEN, bonus=710000
    )

    login(officer)
    page.goto(f"{live_server.url}/thi-dua/quyet-dinh/{decision.pk}/")
    page.get_by_test_id("generate-quyet-dinh-khen-thuong").get_by_role("button").click()
    expect(page.get_by_test_id("status")).to_have_text("Dự thảo")
    with page.expect_download() as info:
        page.get_by_test_id("download-docx").click()
    doc = read_docx(io.BytesIO(info.value.path().read_bytes()))
    rows = [[cell.text for cell in row.cells] for row in doc.tables[1].rows]
    assert rows[1][1:] == ["Lê Văn Bình", "Chuyên viên, Văn phòng Sở", "Giấy khen của Giám đốc Sở", "710.000"]
    assert [c.text for c in doc.tables[0].rows[1].cells] == [
        "Số: 245/QĐ-SXD",
        "Thanh Hóa, ngày 03 tháng 12 năm 2026",
    ]
