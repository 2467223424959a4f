import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests import factories
from thidua.org.roles import Role
from thidua.plans.models import Target
from thidua.tasks import services
from thidua.tasks.indicators import HANDED_DOWN_ON_TIME
from thidua.tasks.models import Task
from thidua.tracking.standing import refresh_target

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_registers_a_province_task_the_unit_completes_it_early_and_the_target_moves(
    login, login_elsewhere, live_server, tmp_path
):
    org = factories.make_organization(name="Sở Xây dựng tỉnh Thanh Hóa")
    office_unit = factories.make_unit(org, "Văn phòng Sở")
    unit = factories.make_unit(org, "Phòng Phát triển đô thị")
    officer = factories.make_user(org, Role.OFFICE, unit=office_unit, full_name="Lê Thị Hồng")
    head = factories.make_user(org, Role.UNIT_HEAD, unit=unit, full_name="Nguyễn Văn Thành")
    plan = factories.make_plan(org, reporting_rhythm="quarterly")
    target = factories.make_target(
        plan,
        text="100% nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao được tham mưu, tổ chức thực hiện sớm và "
        "trước thời hạn giao",
        comparator=Target.Comparator.EQ,
        value=Decimal(100),
        measurement=Target.Measurement.COMPUTED,
        indicator=HANDED_DOWN_ON_TIME,
    )
    # An older task of the register, never done and past its deadline: the target starts at 0%.
    services.task_create(
        organization=org,
        source=Task.Source.HANDED_DOWN,
        title="Báo cáo rà soát quy hoạch chung đô thị",
        lead_unit=unit,
        due_on=datetime.date(2026, 8, 14),
        document_number="1520/UBND-CN",
        user=officer,
    )
    refresh_target(target)
    evidence = tmp_path / "bao-cao.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% bao cao\n")

    # The office enters the Chairman's task in the register.
    office = login(officer)
    office.goto(f"{live_server.url}/theo-doi/chi-tieu/{target.pk}/")
    expect(office.get_by_test_id("reason")).to_contain_text("0%")
    office.goto(f"{live_server.url}/nhiem-vu/duoc-giao/")
    office.get_by_role("link", name="Vào sổ nhiệm vụ").click()
    office.get_by_label("Số, ký hiệu văn bản giao").fill("1688/UBND-CN")
    office.get_by_label("Ngày văn bản giao").fill("05/08/2026")
    office.get_by_label("Cấp giao").fill("Chủ tịch UBND tỉnh")
    office.get_by_label("Nhiệm vụ", exact=True).fill("Báo cáo tình hình phát triển đô thị 6 tháng đầu năm")
    office.get_by_label("Đơn vị chủ trì").select_option(label=unit.name)
    office.get_by_label("Hạn hoàn thành").fill("25/09/2026")
    office.get_by_role("button", name="Vào sổ").click()
    expect(office.get_by_test_id("task-due")).to_have_text("25/09/2026")
    task_url = office.url

    # The unit reports it done four days before the deadline, with its evidence.
    page = login_elsewhere(head)
    page.goto(task_url)
    page.get_by_label("Tình trạng").select_option(label="Hoàn thành")
    page.get_by_label("Ngày hoàn thành").fill("21/09/2026")
    page.get_by_label("Kết quả thực hiện").fill("Đã gửi Báo cáo số 2311/BC-SXD.")
    page.get_by_label("Minh chứng").set_input_files(str(evidence))
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_test_id("task-status")).to_have_text("Hoàn thành")
    expect(page.get_by_test_id("task-timing")).to_contain_text("Trước hạn")
    expect(page.get_by_test_id("task-reports")).to_contain_text("bao-cao.pdf")

    # The office confirms; the Thanh Hóa target has moved from 0% to 50%.
    office.goto(task_url)
    office.get_by_role("button", name="Xác nhận hoàn thành").click()
    expect(office.get_by_test_id("task-confirmed")).to_contain_text("Lê Thị Hồng")
    office.goto(f"{live_server.url}/theo-doi/chi-tieu/{target.pk}/")
    expect(office.get_by_test_id("reason")).to_contain_text("50%")
    office.goto(f"{live_server.url}/nhiem-vu/duoc-giao/")
    expect(office.get_by_test_id("on-time-counts")).to_contain_text("1/2")
