import datetime

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.seeds import reseed_after_flush
from thidua.awards.models import Category, Person, Registration, Title, TitleRule
from thidua.org.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = 2025  # not the demo's year (2026): every page below is asked for this year


def test_the_year_end_runs_from_registration_to_the_reward_book(live_server, login_elsewhere):
    reseed_after_flush()  # the rules and bonus tables the migrations seed (tests/seeds.py)
    org = factories.make_organization(name="Sở Xây dựng tỉnh Thanh Hóa")
    office_unit = factories.make_unit(org, "Văn phòng Sở")
    unit = factories.make_unit(org, "Phòng Quản lý nhà và thị trường bất động sản")
    officer = factories.make_user(org, Role.OFFICE, unit=office_unit, full_name="Lê Thị Hồng")
    director = factories.make_user(org, Role.LEADER, full_name="Phạm Quốc Hưng")
    head = factories.make_user(org, Role.UNIT_HEAD, unit=unit, full_name="Nguyễn Văn Thành")
    member = factories.make_user(org, Role.STAFF, unit=office_unit, full_name="Đỗ Minh Khoa")
    people = [
        Person.objects.create(
            organization=org,
            unit=unit,
            full_name=name,
            position="Chuyên viên",
            category=Category.CIVIL_SERVANT,
            started_on=datetime.date(2015, 1, 1),
        )
        for name in ("Trịnh Thu Hà", "Trần Văn Bình")
    ]
    ha, binh = people
    # The law leaves LĐTT's vote threshold to the agency (a rule parameter, edited in the admin): a
    # simple majority of the council here, so that the ballot decides.
    rule = TitleRule.objects.get(title=Title.LDTT, organization=None)
    rule.parameters = {**rule.parameters, "ballot_share": 0.5}
    rule.save()
    base = f"{live_server.url}/thi-dua"

    # The unit head starts the unit's registration for the year on its page: the collective title,
    # then the unit's people with their titles; sends it, and the office approves it.
    page = login_elsewhere(head)
    page.goto(f"{base}/dang-ky/?nam={YEAR}")
    page.get_by_role("link", name="Lập đăng ký thi đua").click()
    expect(page.get_by_label("Năm")).to_have_value(str(YEAR))
    page.get_by_label("Danh hiệu tập thể đăng ký").select_option(label="Tập thể lao động tiên tiến")
    page.get_by_role("button", name="Lưu bản đăng ký (chưa gửi)").click()
    expect(page.get_by_test_id("status")).to_have_text("Chưa gửi")
    for person in people:
        page.get_by_label("Người đăng ký").select_option(label=person.full_name)
        page.get_by_label("Danh hiệu cá nhân đăng ký").select_option(label="Lao động tiên tiến")
        page.get_by_role("button", name="Thêm người đăng ký").click()
        expect(page.get_by_test_id("entries")).to_contain_text(person.full_name)
    page.get_by_role("button", name="Gửi đăng ký").click()
    expect(page.get_by_test_id("status")).to_have_text("Chờ duyệt")
    registration = Registration.objects.get(unit=unit, year=YEAR)
    assert registration.collective_title == Title.TTLDTT
    assert sorted(registration.entries.values_list("person__full_name", "title")) == [
        ("Trần Văn Bình", Title.LDTT),
        ("Trịnh Thu Hà", Title.LDTT),
    ]
    registration_url = page.url
    office = login_elsewhere(officer)
    office.goto(registration_url)
    office.get_by_role("button", name="Duyệt", exact=True).click()
    expect(office.get_by_test_id("status")).to_have_text("Đã duyệt")

    # The unit head rates the unit's people and the unit, and sends them; the office confirms.
    page.goto(f"{base}/xep-loai/{YEAR}/don-vi/{unit.pk}/")
    page.locator(f"select[name='person-{ha.pk}']").select_option(label="Hoàn thành tốt nhiệm vụ")
    page.locator(f"select[name='person-{binh.pk}']").select_option(label="Hoàn thành nhiệm vụ")
    page.locator("select[name='unit_rating']").select_option(label="Hoàn thành tốt nhiệm vụ")
    page.get_by_role("button", name="Lưu xếp loại").click()
    page.get_by_role("button", name="Gửi Văn phòng xác nhận").click()
    expect(page.get_by_test_id("rating-status")).to_have_text("Chờ Văn phòng xác nhận")
    office.goto(f"{base}/xep-loai/{YEAR}/don-vi/{unit.pk}/")
    office.get_by_role("button", name="Xác nhận", exact=True).click()
    expect(office.get_by_test_id("rating-status")).to_have_text("Văn phòng đã xác nhận")

    # The unit head nominates Trịnh Thu Hà for Lao động tiên tiến with a summary.
    page.goto(f"{base}/binh-xet/moi/?nam={YEAR}")
    page.get_by_label("Cá nhân được đề nghị").select_option(label="Trịnh Thu Hà")
    page.get_by_label("Danh hiệu, hình thức").select_option(label="Lao động tiên tiến")
    page.get_by_label("Tóm tắt thành tích").fill("Hoàn thành tốt nhiệm vụ, số hóa hồ sơ cấp phép xây dựng.")
    page.get_by_role("button", name="Gửi đề nghị").click()
    expect(page.get_by_text("Đã gửi đề nghị khen thưởng.")).to_be_visible()

    # The office sets up the year's council with its members and convenes it.
    office.goto(f"{base}/hoi-dong/")
    office.get_by_label("Năm", exact=True).fill(str(YEAR))
    office.get_by_label("Tên hội đồng").fill(f"Hội đồng Thi đua – Khen thưởng Sở năm {YEAR}")
    office.get_by_role("button", name="Thành lập Hội đồng").click()
    for person, role in ((director, "Chủ tịch"), (member, "Ủy viên"), (officer, "Thư ký")):
        office.get_by_label("Thành viên (người có tài khoản)").select_option(label=str(person))
        office.get_by_label("Vai trò").select_option(label=role)
        office.get_by_role("button", name="Thêm thành viên").click()
        expect(office.get_by_test_id("members")).to_contain_text(person.full_name)
    office.get_by_label("Ngày họp").fill(f"{YEAR}-12-20")
    office.get_by_role("button", name="Triệu tập họp, đưa các đề nghị ra Hội đồng").click()
    expect(office.get_by_test_id("agenda")).to_contain_text("Trịnh Thu Hà")
    meeting_url = office.url

    # Each member casts a secret ballot from their own browser.
    for voter in (director, member, officer):
        ballot = office if voter == officer else login_elsewhere(voter)
        ballot.goto(meeting_url)
        ballot.get_by_label("Đồng ý", exact=True).check()
        ballot.get_by_role("button", name="Bỏ phiếu").click()
        expect(ballot.get_by_test_id("my-ballot")).to_contain_text("Đã bỏ phiếu")
    expect(office.get_by_test_id("status")).to_have_text("Đang bỏ phiếu")

    # The office closes the meeting: 3 of 3 agree, the nomination passes.
    office.get_by_role("button", name="Kết thúc cuộc họp, chốt kết quả").click()
    expect(office.get_by_test_id("agree")).to_contain_text("3")
    expect(office.get_by_test_id("result")).to_contain_text("Đạt")

    # The office drafts the decision from the council's result and issues it.
    office.goto(f"{base}/quyet-dinh/?nam={YEAR}")
    expect(office.get_by_test_id("waiting")).to_contain_text("Trịnh Thu Hà")
    office.get_by_role("button", name="Lập dự thảo quyết định").click()
    office.get_by_test_id("decisions").get_by_role("link", name="Dự thảo").click()
    office.get_by_test_id("sign").locator("[name=number]").fill("15/QĐ-SXD")
    office.get_by_label("Ngày ký").fill(f"10/01/{YEAR + 1}")
    office.get_by_label("Người ký").fill(director.full_name)
    office.get_by_role("button", name="Ban hành, ghi sổ khen thưởng").click()
    expect(office.get_by_text("Đã ban hành quyết định, ghi sổ khen thưởng.")).to_be_visible()

    # The reward book shows her award with the decision's number.
    office.goto(f"{base}/so-khen-thuong/?year={YEAR}")
    book = office.get_by_test_id("book")
    expect(book).to_contain_text("Trịnh Thu Hà")
    expect(book).to_contain_text("Lao động tiên tiến")
    expect(book).to_contain_text("15/QĐ-SXD")
