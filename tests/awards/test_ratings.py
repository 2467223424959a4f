"""The staff register in Excel, a unit's ratings (entry, import, the cap on xuất sắc, send, confirm,
return), discipline and leave entered by the office, and who may do each."""

import datetime
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests import factories
from tests.awards.conftest import YEAR, make_person, rate
from thidua.awards import engine, ratings, services
from thidua.awards.models import AnnualRating, Category, Discipline, Leave, Person, RatingStatus, UnitRating
from thidua.org.roles import Role

pytestmark = pytest.mark.django_db
S = RatingStatus
REGISTER_HEADER = ["Mã cán bộ", "Họ và tên", "Đơn vị", "Chức vụ", "Đối tượng", "Ngày bắt đầu công tác"]


def xlsx(rows, name="tep.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def preview_then_confirm(client, url, upload):
    """Upload, then confirm the preview; the preview's response and the confirmation's."""
    preview = client.post(url, {"file": upload})
    assert preview.status_code == 200, preview.content[:500]
    token = preview.context["token"]
    return preview, (client.post(url, {"token": token}) if token else None)


# ——— The staff register in Excel ———


def test_the_register_exports_and_imports_back_adding_and_updating(client, cast):
    existing = make_person(cast.org, cast.unit, full_name="Nguyễn Văn An", position="Chuyên viên")
    client.force_login(cast.office)
    exported = client.get(reverse("awards:register_export"))
    assert exported.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(exported.streaming_content))).active
    assert [c.value for c in sheet[1]] == REGISTER_HEADER
    assert [sheet.cell(2, 1).value, sheet.cell(2, 2).value] == [existing.pk, "Nguyễn Văn An"]

    upload = xlsx(
        [
            REGISTER_HEADER,
            [
                existing.pk,
                "Nguyễn Văn An",
                "Phòng Phát triển đô thị",
                "Phó Trưởng phòng",
                "Công chức",
                "01/03/2015",
            ],
            [None, "Lê Thị Hoa", "Văn phòng Sở", "Chuyên viên", "Viên chức", datetime.datetime(2020, 9, 1)],
        ]
    )
    preview, done = preview_then_confirm(client, reverse("awards:register_import"), upload)
    assert preview.context["preview"].errors == []
    assert done.status_code == 302
    existing.refresh_from_db()
    assert (existing.position, existing.started_on) == ("Phó Trưởng phòng", datetime.date(2015, 3, 1))
    added = Person.objects.get(full_name="Lê Thị Hoa")
    assert (added.unit, added.category, added.started_on) == (
        cast.office_unit,
        Category.PUBLIC_EMPLOYEE,
        datetime.date(2020, 9, 1),
    )
    assert added.history.first().history_change_reason == "Nhập danh sách cán bộ từ Excel"


def test_a_register_with_errors_writes_nothing_and_names_each_row(client, cast):
    listed = make_person(cast.org, cast.unit, full_name="Trần Văn Bình")
    stranger = make_person(cast.other_org, factories.make_unit(cast.other_org, "Phòng khác"))
    client.force_login(cast.office)
    upload = xlsx(
        [
            ["Danh sách cán bộ năm 2026"],  # a title line above the header
            REGISTER_HEADER,
            [None, "Người Đúng", "Phòng Phát triển đô thị", "", "", ""],  # row 3: fine
            [None, "", "Phòng Phát triển đô thị", "", "", ""],  # 4: no name
            [None, "Người Lạ", "Phòng Không Có", "", "", ""],  # 5: unknown unit
            [None, "Người Ba", "Văn phòng Sở", "", "Hợp đồng", ""],  # 6: unknown category
            [None, "Người Bốn", "Văn phòng Sở", "", "", "31/02/2020"],  # 7: not a date
            [stranger.pk, "Người Năm", "Văn phòng Sở", "", "", ""],  # 8: another agency's code
            [None, "Trần Văn Bình", "Phòng Phát triển đô thị", "", "", ""],  # 9: already listed, no code
            [None, "Người Đúng", "Phòng Phát triển đô thị", "", "", ""],  # 10: same as row 3
            [listed.pk, "Trần Văn Bình", "Phòng Phát triển đô thị", "", "", ""],  # 11: fine
            [listed.pk, "Trần Văn Bình", "Phòng Phát triển đô thị", "", "", ""],  # 12: code twice
        ]
    )
    before = Person.objects.count()
    preview, done = preview_then_confirm(client, reverse("awards:register_import"), upload)
    errors = preview.context["preview"].errors
    assert done is None and Person.objects.count() == before
    assert errors == [
        "Dòng 4, cột “Họ và tên”: không được để trống.",
        "Dòng 5, cột “Đơn vị”: không có đơn vị “Phòng Không Có” trong cơ quan.",
        "Dòng 6, cột “Đối tượng”: “Hợp đồng” không có trong danh sách; hãy chọn một trong: "
        "Công chức, Viên chức, Người lao động.",
        "Dòng 7, cột “Ngày bắt đầu công tác”: “31/02/2020” không phải là ngày (dạng ngày/tháng/năm, "
        "ví dụ 01/09/2020).",
        f"Dòng 8, cột “Mã cán bộ”: không có cán bộ mã {stranger.pk} trong danh sách của cơ quan.",
        f"Dòng 9: “Trần Văn Bình” (Phòng Phát triển đô thị) đã có trong danh sách (mã {listed.pk}); "
        "ghi mã vào cột “Mã cán bộ” để cập nhật.",
        "Dòng 10: “Người Đúng” (Phòng Phát triển đô thị) đã có ở dòng 3.",
        f"Dòng 12, cột “Mã cán bộ”: mã {listed.pk} đã có ở dòng 11.",
    ]
    assert "Tệp có 8 lỗi" in preview.content.decode()


def test_a_file_without_the_header_or_not_a_workbook_is_explained(client, cast):
    client.force_login(cast.office)
    url = reverse("awards:register_import")
    preview = client.post(url, {"file": xlsx([["Tên", "Tuổi"], ["A", 3]])})
    assert preview.context["preview"].errors == [
        "Không tìm thấy dòng tiêu đề có các cột “Họ và tên”, “Đơn vị”."
    ]
    refused = client.post(url, {"file": SimpleUploadedFile("danh-sach.csv", b"a,b")})
    assert refused.status_code == 200 and "chỉ nhận bảng tính Excel .xlsx" in refused.content.decode()


def test_only_the_office_manages_the_register(client, cast, staff):
    person = staff["an"]
    for who in (cast.unit_head, cast.staff, cast.leader):
        client.force_login(who)
        for url in (
            reverse("awards:register_export"),
            reverse("awards:register_import"),
            reverse("awards:person_new"),
            reverse("awards:person_edit", args=[person.pk]),
            reverse("awards:discipline_new", args=[person.pk]),
            reverse("awards:leave_new", args=[person.pk]),
        ):
            assert client.get(url).status_code == 403, url
    client.force_login(cast.other_office)
    assert client.get(reverse("awards:person_edit", args=[person.pk])).status_code == 404
    assert client.post(reverse("awards:discipline_new", args=[person.pk]), {}).status_code == 404


def test_the_office_adds_a_person_and_links_the_login_of_the_same_agency(client, cast):
    client.force_login(cast.office)
    url = reverse("awards:person_new")
    form = client.get(url).context["form"]
    choices = set(form.fields["user"].queryset)
    assert cast.staff in choices and cast.other_office not in choices
    data = {
        "full_name": "Trịnh Thu Trang",
        "unit": cast.unit.pk,
        "position": "Chuyên viên",
        "category": Category.CIVIL_SERVANT,
        "started_on": "01/09/2020",
        "user": cast.staff.pk,
        "is_active": "on",
    }
    response = client.post(url, data)
    person = Person.objects.get(full_name="Trịnh Thu Trang")
    assert response.status_code == 302 and person.user == cast.staff
    # An account already linked is not offered for another person, and another agency's is refused.
    assert cast.staff not in set(client.get(url).context["form"].fields["user"].queryset)
    refused = client.post(url, data | {"full_name": "Người Khác", "user": cast.other_office.pk})
    assert refused.status_code == 200 and "user" in refused.context["form"].errors


# ——— Discipline and leave ———


def test_the_office_records_discipline_with_its_decision_and_ordered_dates(client, cast, staff):
    client.force_login(cast.office)
    url = reverse("awards:discipline_new", args=[staff["an"].pk])
    data = {"measure": Discipline.Measure.REPRIMAND, "decision_number": "", "starts_on": "01/03/2026"}
    refused = client.post(url, data | {"ends_on": "01/02/2026"})
    errors = refused.context["form"].errors
    assert "decision_number" in errors and "Ngày hết hiệu lực phải sau ngày có hiệu lực." in str(errors)
    assert not Discipline.objects.exists()
    response = client.post(url, data | {"decision_number": "12/QĐ-SXD", "ends_on": "28/02/2027"})
    assert response.status_code == 302
    discipline = Discipline.objects.get()
    assert discipline.history.first().history_user == cast.office
    # The engine reads it: no LĐTT for 2026.
    judged = {(j.key, j.title): j for j in services.eligibility(cast.org, YEAR)}
    assert judged[(staff["an"].pk, engine.Title.LDTT)].verdict == engine.Verdict.NOT_ELIGIBLE
    edit = client.post(
        reverse("awards:discipline_edit", args=[discipline.pk]),
        data | {"decision_number": "12/QĐ-SXD", "ends_on": "", "reason": "Đính chính"},
    )
    assert edit.status_code == 302 and Discipline.objects.get().ends_on is None


def _time_worked(organization, person):
    judged = {(j.key, j.title): j for j in services.eligibility(organization, YEAR)}
    reasons = judged[(person.pk, engine.Title.LDTT)].reasons
    return next(r for r in reasons if r.criterion == engine.Criterion.TIME_WORKED)


def test_leave_counted_as_worked_time_keeps_the_year_and_unpaid_leave_shortens_it(client, cast, staff):
    person = staff["an"]
    person.started_on = datetime.date(YEAR, 1, 1)
    person.save()
    client.force_login(cast.office)
    url = reverse("awards:leave_new", args=[person.pk])
    maternity = {"kind": Leave.Kind.MATERNITY, "starts_on": "01/03/2026", "ends_on": "31/08/2026"}
    assert client.post(url, maternity | {"counts_as_worked": "on"}).status_code == 302
    assert _time_worked(cast.org, person).met is True
    # Unpaid leave counted as worked time needs a ground; overlapping leave is refused.
    unpaid = {"kind": Leave.Kind.UNPAID, "starts_on": "01/09/2026", "ends_on": "30/11/2026"}
    refused = client.post(url, unpaid | {"counts_as_worked": "on"})
    assert "note" in refused.context["form"].errors
    overlapping = client.post(url, maternity | {"starts_on": "01/08/2026", "counts_as_worked": "on"})
    assert "trùng với một lần nghỉ" in str(overlapping.context["form"].errors)
    assert client.post(url, unpaid).status_code == 302  # not counted
    reason = _time_worked(cast.org, person)
    assert reason.met is False and reason.detail["leave_days_not_counted"] == 91
    page = client.get(reverse("awards:person", args=[person.pk])).content.decode()
    assert "Nghỉ thai sản" in page and "không tính là thời gian công tác" in page


# ——— A unit's ratings ———


def _unit_url(name, unit, year=YEAR):
    return reverse(f"awards:{name}", kwargs={"year": year, "pk": unit.pk})


def test_the_unit_head_rates_the_units_people_and_the_unit(client, cast):
    an = make_person(cast.org, cast.unit, full_name="Nguyễn Văn An")
    binh = make_person(cast.org, cast.unit, full_name="Trần Văn Bình")
    client.force_login(cast.unit_head)
    overview = client.get(reverse("awards:ratings"), {"nam": YEAR})
    assert overview.status_code == 302 and overview.url == _unit_url("rating_unit", cast.unit)
    page = client.get(_unit_url("rating_unit", cast.unit))
    assert page.status_code == 200 and "Chưa nhập xếp loại" in page.content.decode()
    data = {f"person-{an.pk}": "good", f"person-{binh.pk}": "completed", "unit_rating": "good"}
    assert client.post(_unit_url("rating_unit", cast.unit), data).status_code == 302
    assert {r.person: (r.rating, r.status, r.entered_by) for r in AnnualRating.objects.all()} == {
        an: ("good", S.DRAFT, cast.unit_head),
        binh: ("completed", S.DRAFT, cast.unit_head),
    }
    assert UnitRating.objects.get(unit=cast.unit).rating == "good"


def test_another_units_head_staff_and_another_agency_may_not_rate(client, cast, staff):
    other_unit = factories.make_unit(cast.org, "Phòng Quản lý nhà")
    other_head = factories.make_user(cast.org, Role.UNIT_HEAD, unit=other_unit)
    person = staff["an"]
    client.force_login(other_head)
    assert client.get(_unit_url("rating_unit", cast.unit)).status_code == 403
    assert (
        client.post(_unit_url("rating_unit", cast.unit), {f"person-{person.pk}": "excellent"}).status_code
        == 403
    )
    assert client.post(_unit_url("rating_submit", cast.unit)).status_code == 403
    with pytest.raises(PermissionDenied):
        ratings.ratings_save(unit=cast.unit, year=YEAR, user=other_head, ratings={person.pk: "excellent"})
    client.force_login(cast.staff)
    assert client.get(_unit_url("rating_unit", cast.unit)).status_code == 403
    assert client.get(reverse("awards:ratings")).status_code == 403
    assert client.get(_unit_url("rating_template", cast.unit)).status_code == 403
    client.force_login(cast.other_office)
    assert client.get(_unit_url("rating_unit", cast.unit)).status_code == 404
    assert client.post(_unit_url("rating_confirm", cast.unit)).status_code == 404
    # The head rates only the unit's own people, even through the service.
    outsider = make_person(cast.org, other_unit)
    with pytest.raises(ValidationError):
        ratings.ratings_save(unit=cast.unit, year=YEAR, user=cast.unit_head, ratings={outsider.pk: "good"})


def _people(cast, good: int, excellent: int, category=Category.CIVIL_SERVANT):
    people = []
    for rating, count in (("good", good), ("excellent", excellent)):
        for _ in range(count):
            person = make_person(cast.org, cast.unit, category=category)
            ratings.ratings_save(unit=cast.unit, year=YEAR, user=cast.unit_head, ratings={person.pk: rating})
            people.append(person)
    return people


@pytest.mark.parametrize(
    ("good", "excellent", "exceeded"), [(5, 1, False), (4, 1, True), (10, 2, False), (10, 3, True)]
)
def test_the_cap_on_xuat_sac_is_twenty_percent_of_tot(cast, good, excellent, exceeded):
    _people(cast, good, excellent)
    check = ratings.cap_check(cast.unit, YEAR)
    assert (check.excellent, check.good, check.exceeded) == (excellent, good, exceeded)
    assert check.basis.startswith("Nghị định 335/2025/NĐ-CP")


def test_the_cap_counts_only_the_categories_the_rule_covers(cast):
    _people(cast, 0, 2, category=Category.PUBLIC_EMPLOYEE)  # viên chức: not under Nghị định 335
    assert ratings.cap_check(cast.unit, YEAR).exceeded is False


def test_over_the_cap_the_page_warns_and_the_office_confirms_only_with_a_ground(client, cast):
    _people(cast, 4, 1)
    client.force_login(cast.unit_head)
    page = client.get(_unit_url("rating_unit", cast.unit)).content.decode()
    assert "Vượt tỷ lệ" in page and "Nghị định 335/2025/NĐ-CP" in page
    assert client.post(_unit_url("rating_submit", cast.unit)).status_code == 302  # flagged, not refused
    with pytest.raises(ValidationError, match="vượt 20%"):
        ratings.ratings_confirm(unit=cast.unit, year=YEAR, user=cast.office)
    client.force_login(cast.office)
    client.post(_unit_url("rating_confirm", cast.unit))
    assert not AnnualRating.objects.filter(status=S.CONFIRMED).exists()
    client.post(
        _unit_url("rating_confirm", cast.unit), {"note": "Đơn vị có thành tích đột xuất, QĐ 5/QĐ-UBND"}
    )
    rows = AnnualRating.objects.all()
    assert {r.status for r in rows} == {S.CONFIRMED}
    assert "QĐ 5/QĐ-UBND" in rows[0].history.first().history_change_reason


def test_send_confirm_return_cycle_keeps_who_when_and_the_history(client, cast):
    an = make_person(cast.org, cast.unit, full_name="Nguyễn Văn An")
    binh = make_person(cast.org, cast.unit, full_name="Trần Văn Bình")
    client.force_login(cast.unit_head)
    client.post(_unit_url("rating_unit", cast.unit), {f"person-{an.pk}": "good", "unit_rating": "good"})
    # Everyone must be rated before sending.
    refused = client.post(_unit_url("rating_submit", cast.unit), follow=True)
    assert "Còn 1 người chưa được xếp loại: Trần Văn Bình." in refused.content.decode()
    client.post(_unit_url("rating_unit", cast.unit), {f"person-{an.pk}": "good", f"person-{binh.pk}": "good"})
    client.post(_unit_url("rating_submit", cast.unit))
    sent = AnnualRating.objects.get(person=an)
    assert (sent.status, sent.submitted_by) == (S.SUBMITTED, cast.unit_head) and sent.submitted_at
    # Sent: the unit can no longer change it.
    client.post(_unit_url("rating_unit", cast.unit), {f"person-{an.pk}": "excellent"})
    assert AnnualRating.objects.get(person=an).rating == "good"
    # Not confirmed yet: eligibility does not read it.
    judged = {(j.key, j.title): j for j in services.eligibility(cast.org, YEAR)}
    assert judged[(an.pk, engine.Title.LDTT)].reasons[1].detail["rating"] is None

    client.force_login(cast.office)
    assert client.post(_unit_url("rating_return", cast.unit), {"reason": ""}).status_code == 302
    assert AnnualRating.objects.get(person=an).status == S.SUBMITTED  # a return needs its reason
    client.post(_unit_url("rating_return", cast.unit), {"reason": "Anh An cần xếp loại lại"})
    returned = AnnualRating.objects.get(person=an)
    assert (returned.status, returned.reviewed_by, returned.return_reason) == (
        S.RETURNED,
        cast.office,
        "Anh An cần xếp loại lại",
    )
    assert UnitRating.objects.get().status == S.RETURNED

    client.force_login(cast.unit_head)
    page = client.get(_unit_url("rating_unit", cast.unit)).content.decode()
    assert "Anh An cần xếp loại lại" in page
    client.post(
        _unit_url("rating_unit", cast.unit), {f"person-{an.pk}": "completed", f"person-{binh.pk}": "good"}
    )
    client.post(_unit_url("rating_submit", cast.unit))
    client.force_login(cast.office)
    client.post(_unit_url("rating_confirm", cast.unit))
    confirmed = AnnualRating.objects.get(person=an)
    assert (confirmed.status, confirmed.rating, confirmed.reviewed_by) == (
        S.CONFIRMED,
        "completed",
        cast.office,
    )
    judged = {(j.key, j.title): j for j in services.eligibility(cast.org, YEAR)}
    assert judged[(an.pk, engine.Title.LDTT)].verdict == engine.Verdict.NOT_ELIGIBLE
    reasons = [r.history_change_reason for r in confirmed.history.order_by("history_date", "history_id")]
    assert reasons == [
        "Đơn vị nhập xếp loại",
        "Đơn vị gửi xếp loại cho Văn phòng",
        "Văn phòng trả lại xếp loại: Anh An cần xếp loại lại",
        "Đơn vị nhập xếp loại",
        "Đơn vị gửi xếp loại cho Văn phòng",
        "Văn phòng xác nhận xếp loại",
    ]
    history = client.get(_unit_url("rating_unit", cast.unit)).context["history"]
    assert len(history) >= 12 and any(entry.subject == "Nguyễn Văn An" for entry in history)
    overview = client.get(reverse("awards:ratings"), {"nam": YEAR})
    row = next(r for r in overview.context["rows"] if r.unit == cast.unit)
    assert (row.people, row.rated, row.status) == (2, 2, S.CONFIRMED)


def test_the_template_lists_the_units_people_and_imports_back(client, cast):
    an = make_person(cast.org, cast.unit, full_name="Nguyễn Văn An")
    binh = make_person(cast.org, cast.unit, full_name="Trần Văn Bình")
    make_person(cast.org, cast.office_unit, full_name="Người Văn phòng")
    client.force_login(cast.unit_head)
    response = client.get(_unit_url("rating_template", cast.unit))
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert rows[0] == ("Mã cán bộ", "Họ và tên", "Chức vụ", "Xếp loại")
    assert [(r[0], r[1]) for r in rows[1:]] == [(an.pk, "Nguyễn Văn An"), (binh.pk, "Trần Văn Bình")]
    sheet.cell(4, 4).value = "Hoàn thành tốt nhiệm vụ"
    sheet.cell(5, 4).value = "hoàn thành  xuất sắc nhiệm vụ"
    out = BytesIO()
    sheet.parent.save(out)
    preview, done = preview_then_confirm(
        client, _unit_url("rating_import", cast.unit), SimpleUploadedFile("xep-loai.xlsx", out.getvalue())
    )
    assert preview.context["preview"].errors == [] and done.status_code == 302
    assert {r.person: r.rating for r in AnnualRating.objects.all()} == {an: "good", binh: "excellent"}


def test_a_ratings_file_with_errors_writes_nothing(client, cast):
    an = make_person(cast.org, cast.unit, full_name="Nguyễn Văn An")
    binh = make_person(cast.org, cast.unit, full_name="Trần Văn Bình")
    elsewhere = make_person(cast.org, cast.office_unit)
    rate(binh, "good")  # confirmed already
    client.force_login(cast.unit_head)
    upload = xlsx(
        [
            ["Mã cán bộ", "Họ và tên", "Xếp loại"],
            [an.pk, "Nguyễn Văn An", "Tốt lắm"],  # 2: unknown rating
            [elsewhere.pk, "Người khác", "Hoàn thành nhiệm vụ"],  # 3: not of the unit
            [binh.pk, "Trần Văn Bình", "Hoàn thành nhiệm vụ"],  # 4: confirmed, cannot change
            [an.pk, "Nguyễn Văn An", "Hoàn thành tốt nhiệm vụ"],  # 5: twice
            [None, "Không mã", "Hoàn thành nhiệm vụ"],  # 6: no code
        ]
    )
    preview, done = preview_then_confirm(client, _unit_url("rating_import", cast.unit), upload)
    assert done is None and AnnualRating.objects.count() == 1
    assert preview.context["preview"].errors == [
        "Dòng 2, cột “Xếp loại”: “Tốt lắm” không có trong danh sách; hãy chọn một trong: "
        "Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ, "
        "Không hoàn thành nhiệm vụ.",
        f"Dòng 3, cột “Mã cán bộ”: cán bộ mã {elsewhere.pk} không thuộc đơn vị Phòng Phát triển đô thị.",
        "Dòng 4, cột “Xếp loại”: xếp loại của Trần Văn Bình đã gửi hoặc đã được xác nhận, không sửa được.",
        f"Dòng 5, cột “Mã cán bộ”: mã {an.pk} đã có ở dòng 2.",
        "Dòng 6, cột “Mã cán bộ”: không được để trống.",
    ]


def test_the_overview_is_the_offices_paginated_with_an_empty_state(client, cast):
    client.force_login(cast.office)
    response = client.get(reverse("awards:ratings"), {"nam": YEAR})
    assert response.status_code == 200 and "Chưa nhập xếp loại" in response.content.decode()
    for index in range(55):
        factories.make_unit(cast.org, f"Đơn vị {index:02d}")
    page = client.get(reverse("awards:ratings"), {"nam": YEAR}).context["page"]
    assert page.paginator.num_pages == 2
    empty = client.get(_unit_url("rating_unit", cast.office_unit)).content.decode()
    assert "Đơn vị chưa có người nào trong danh sách cán bộ." in empty
