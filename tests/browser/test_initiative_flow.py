import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests import factories
from thidua.initiatives.indicators import RECOGNISED
from thidua.initiatives.models import Council, CouncilMember, Criterion, InitiativeRule
from thidua.org.roles import Role
from thidua.plans.models import Target

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_initiative_goes_from_registration_to_recognition_and_the_unit_target_is_met(
    live_server, login_elsewhere, tmp_path
):
    # Transactional tests flush the database, and with it the national rule a data migration creates.
    InitiativeRule.objects.get_or_create(
        organization=None,
        defaults={
            "approval_share": Decimal("0.6667"),
            "decision_months": 3,
            "valid_from": datetime.date(2012, 4, 20),
        },
    )
    org = factories.make_organization(name="Sở Xây dựng tỉnh Thanh Hóa")
    office_unit = factories.make_unit(org, "Văn phòng Sở")
    unit = factories.make_unit(org, "Phòng Quản lý nhà và thị trường bất động sản")
    officer = factories.make_user(org, Role.OFFICE, unit=office_unit, full_name="Lê Thị Hồng")
    director = factories.make_user(org, Role.LEADER, full_name="Phạm Quốc Hưng")
    head = factories.make_user(org, Role.UNIT_HEAD, unit=unit, full_name="Nguyễn Văn Thành")
    author = factories.make_user(org, Role.STAFF, unit=unit, full_name="Trịnh Thu Hà")
    expert = factories.make_user(org, Role.STAFF, unit=office_unit, full_name="Đỗ Minh Khoa")
    council = Council.objects.create(organization=org, year=2026, name="Hội đồng sáng kiến Sở năm 2026")
    for person, role in ((director, "chair"), (expert, "member"), (officer, "secretary")):
        CouncilMember.objects.create(council=council, user=person, role=role)
    Criterion.objects.create(council=council, name="Tính mới", max_points=Decimal(40), position=1)
    Criterion.objects.create(council=council, name="Hiệu quả", max_points=Decimal(60), position=2)
    plan = factories.make_plan(org, reporting_rhythm="quarterly")
    target = factories.make_target(
        plan,
        text="Mỗi phòng, ban, đơn vị có tối thiểu 01 sáng kiến được công nhận",
        value=Decimal(1),
        unit_of_measure="sáng kiến",
        period_kind=Target.PeriodKind.ANNUAL,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        per_unit=True,
        measurement=Target.Measurement.COMPUTED,
        indicator=RECOGNISED,
    )
    description = tmp_path / "mo-ta-sang-kien.pdf"
    description.write_bytes(b"%PDF-1.4\n% mo ta sang kien\n")

    # The author registers the initiative with a co-author and a description, and sends it.
    page = login_elsewhere(author)
    page.goto(f"{live_server.url}/sang-kien/")
    page.get_by_role("link", name="Đăng ký sáng kiến").click()
    page.get_by_label("Tên sáng kiến").fill("Số hóa hồ sơ cấp phép xây dựng")
    page.get_by_label("Lĩnh vực áp dụng").fill("Cải cách hành chính")
    page.get_by_label("Nội dung, điểm mới của sáng kiến").fill("Hồ sơ điện tử thay hồ sơ giấy")
    page.get_by_label("Ngày áp dụng lần đầu").fill("01/10/2025")
    page.get_by_label("Hiệu quả, lợi ích thu được").fill("Rút ngắn thời gian giải quyết 5 ngày")
    page.get_by_label("Tỷ lệ (%) tác giả 1").fill("70")
    page.get_by_label("Họ và tên tác giả 2").fill("Trần Văn Bình")
    page.get_by_label("Tỷ lệ (%) tác giả 2").fill("30")
    page.get_by_label("Tệp đính kèm").set_input_files(description)
    page.get_by_role("button", name="Lưu sáng kiến").click()
    expect(page.get_by_test_id("attachments")).to_contain_text("mo-ta-sang-kien.pdf")
    expect(page.get_by_test_id("author-list")).to_contain_text("Trần Văn Bình")
    page.get_by_role("button", name="Gửi sáng kiến").click()
    expect(page.get_by_test_id("initiative-status")).to_have_text("Chờ đơn vị xác nhận")
    initiative_url = page.url

    # The unit head endorses; the office receives it on 15/01/2026 for the council.
    page = login_elsewhere(head)
    page.goto(initiative_url)
    page.get_by_role("button", name="Xác nhận của đơn vị").click()
    expect(page.get_by_test_id("initiative-status")).to_have_text("Đơn vị đã xác nhận")
    page = login_elsewhere(officer)
    page.goto(initiative_url)
    page.get_by_label("Ngày tiếp nhận đơn").fill("15/01/2026")
    page.get_by_label("Hội đồng sáng kiến").select_option(label=str(council))
    page.get_by_role("button", name="Tiếp nhận").click()
    expect(page.get_by_test_id("decision-due")).to_contain_text("15/04/2026")

    # Two of the three members vote in favour.
    for member in (director, expert):
        page = login_elsewhere(member)
        page.goto(initiative_url)
        page.get_by_role("link", name="Chấm điểm và biểu quyết").click()
        page.get_by_label("Tính mới").fill("35")
        page.get_by_label("Hiệu quả").fill("50")
        page.get_by_label("Đồng ý công nhận").check()
        page.get_by_role("button", name="Ghi điểm và biểu quyết").click()
        expect(page.get_by_test_id("votes")).to_contain_text(member.full_name)

    # The Director's decision recognises it, and the unit's initiative target is met.
    page = login_elsewhere(director)
    page.goto(initiative_url)
    expect(page.get_by_test_id("tally")).to_contain_text("2/3")
    page.get_by_label("Số quyết định").fill("125/QĐ-SXD")
    page.get_by_label("Ngày quyết định").fill("20/03/2026")
    page.get_by_role("button", name="Ghi quyết định").click()
    expect(page.get_by_test_id("initiative-status")).to_have_text("Được công nhận")
    expect(page.get_by_test_id("decision")).to_contain_text("125/QĐ-SXD")
    page.goto(f"{live_server.url}/theo-doi/chi-tieu/{target.pk}/")
    expect(page.locator(".status-badge").first).to_contain_text("Đã đạt")
