"""The Excel round-trip: a unit downloads its period's workbook, fills it in, uploads it, confirms."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories
from thidua.plans.models import Plan, Target
from thidua.tracking import excel
from thidua.tracking.models import Assignment, Report
from thidua.tracking.periods import QUARTERLY, period_containing

Q3 = period_containing(datetime.date(2026, 7, 1), QUARTERLY)
Q2 = period_containing(datetime.date(2026, 4, 1), QUARTERLY)


class Setup:
    pass


@pytest.fixture
def work(cast):
    """A published quarterly plan with a count target and a rate target given to cast.unit."""
    w = Setup()
    w.cast = cast
    w.plan = factories.make_plan(cast.org)
    w.houses = factories.make_target(
        w.plan,
        text="Số căn nhà ở xã hội hoàn thành",
        value=Decimal(10000),
        unit_of_measure="căn",
        period_kind=Target.PeriodKind.CUMULATIVE,
        position=1,
    )
    w.rate = factories.make_target(w.plan, position=2)
    w.a_houses = _assign(cast, w.houses, cast.unit)
    w.a_rate = _assign(cast, w.rate, cast.unit)
    w.url_download = reverse("tracking:unit_workbook", args=[cast.unit.pk, Q3.key])
    w.url_upload = reverse("tracking:unit_workbook_upload", args=[cast.unit.pk])
    return w


def _assign(cast, target, unit) -> Assignment:
    return Assignment.objects.create(organization=cast.org, target=target, unit=unit)


def _report(assignment, period=Q3, **fields) -> Report:
    return Report.objects.create(
        organization=assignment.organization,
        assignment=assignment,
        period_start=period.start,
        period_end=period.end,
        period_label=period.label,
        **fields,
    )


def _sheet(data: bytes):
    return load_workbook(BytesIO(data)).active


def _header_row(sheet) -> int:
    return next(row for row in range(1, 30) if sheet.cell(row=row, column=1).value == "Mã dòng (không sửa)")


def _columns(sheet) -> dict[str, int]:
    row = _header_row(sheet)
    return {sheet.cell(row=row, column=c).value: c for c in range(1, sheet.max_column + 1)}


def _row_of(sheet, key: str) -> int:
    return next(row for row in range(1, sheet.max_row + 1) if sheet.cell(row=row, column=1).value == key)


def _fill(data: bytes, rows: dict[str, dict[str, object]]) -> tuple[bytes, dict[str, int]]:
    """Type values into the rows of the given keys, by column header; returns the file and each key's row."""
    workbook = load_workbook(BytesIO(data))
    sheet = workbook.active
    columns, numbers = _columns(sheet), {}
    for key, values in rows.items():
        numbers[key] = _row_of(sheet, key)
        for header, value in values.items():
            sheet.cell(row=numbers[key], column=columns[header]).value = value
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), numbers


def _key(assignment, period=Q3) -> str:
    return f"A{assignment.pk}|{period.key}"


def _upload(client, url, data: bytes, name="bao-cao.xlsx"):
    return client.post(url, {"file": SimpleUploadedFile(name, data, content_type=excel.XLSX_CONTENT_TYPE)})


# ——— The workbook ———


def test_it_lists_the_units_assignments_that_report_in_the_period(work):
    cast = work.cast
    yearly = _assign(
        cast, factories.make_target(work.plan, period_kind=Target.PeriodKind.BY_DATE, position=3), cast.unit
    )
    other_unit = factories.make_unit(cast.org, "Phòng Quản lý nhà")
    _assign(cast, factories.make_target(work.plan, position=4), other_unit)
    draft_plan = factories.make_plan(cast.org, status=Plan.Status.DRAFT)
    _assign(cast, factories.make_target(draft_plan), cast.unit)
    _report(work.a_houses, Q2, value=Decimal(7500), status=Report.Status.APPROVED)
    _report(
        work.a_rate,
        numerator=Decimal(199),
        denominator=Decimal(200),
        value=Decimal("99.5"),
        confidence="at_risk",
    )

    sheet = _sheet(excel.build_workbook(cast.unit, Q3, cast.unit_head))

    title = [sheet.cell(row=row, column=2).value for row in range(1, 7)]
    assert cast.org.name in title and cast.unit.name in title
    assert "Kỳ báo cáo: Quý III/2026" in title and "Hạn nộp: 05/10/2026" in title
    keys = [sheet.cell(row=row, column=1).value for row in range(_header_row(sheet) + 1, sheet.max_row + 1)]
    assert keys == [_key(work.a_houses), _key(work.a_rate)]
    assert _key(yearly) not in keys
    columns = _columns(sheet)
    houses, rate = _row_of(sheet, _key(work.a_houses)), _row_of(sheet, _key(work.a_rate))
    assert sheet.cell(row=houses, column=columns["Kỳ trước"]).value == "7.500"
    assert sheet.cell(row=houses, column=columns["Yêu cầu"]).value == "≥ 10.000 căn"
    assert sheet.cell(row=rate, column=columns["Kết quả kỳ này"]).value == 99.5
    assert sheet.cell(row=rate, column=columns["Tử số"]).value == 199
    assert sheet.cell(row=rate, column=columns["Tự đánh giá"]).value == "Có nguy cơ"
    assert sheet.column_dimensions["A"].hidden
    assert sheet.freeze_panes == f"C{_header_row(sheet) + 1}"
    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"Đúng tiến độ,Có nguy cơ,Chậm"'


def test_a_monthly_or_yearly_workbook_is_asked_for_by_rhythm(client, work):
    cast = work.cast
    yearly = _assign(
        cast, factories.make_target(work.plan, period_kind=Target.PeriodKind.BY_DATE, position=3), cast.unit
    )
    client.force_login(cast.unit_head)

    response = client.get(
        reverse("tracking:unit_workbook", args=[cast.unit.pk, "2026-01-01"]) + "?nhip=yearly"
    )

    assert response.status_code == 200
    sheet = _sheet(b"".join(response.streaming_content))
    assert _row_of(sheet, f"A{yearly.pk}|2026-01-01")
    assert client.get(reverse("tracking:unit_workbook", args=[cast.unit.pk, "2026-08-01"])).status_code == 404
    assert client.get(work.url_download + "?nhip=weekly").status_code == 404


# ——— The round trip through the pages ———


def test_it_goes_from_download_to_updated_reports(client, work):
    cast = work.cast
    client.force_login(cast.unit_head)
    page = client.get(work.url_upload)
    assert page.status_code == 200
    assert (
        reverse("tracking:unit_workbook", args=[cast.unit.pk, page.context["periods"][-1].key])
        in page.content.decode()
    )
    response = client.get(work.url_download)
    assert response.status_code == 200
    assert response["Content-Type"] == excel.XLSX_CONTENT_TYPE
    data, rows = _fill(
        b"".join(response.streaming_content),
        {
            _key(work.a_houses): {"Kết quả kỳ này": "7.500", "Phân tích, đánh giá": "Vượt tiến độ quý"},
            _key(work.a_rate): {"Tử số": 199, "Mẫu số": 200, "Tự đánh giá": "Đúng tiến độ"},
        },
    )

    preview = _upload(client, work.url_upload, data)

    assert preview.status_code == 200
    assert not preview.context["preview"].errors
    page = preview.content.decode()
    assert "7.500" in page and "99,5" in page and "Vượt tiến độ quý" in page
    assert [row.number for row in preview.context["preview"].rows] == [
        rows[_key(work.a_houses)],
        rows[_key(work.a_rate)],
    ]
    assert not Report.objects.exists()

    done = client.post(work.url_upload, {"token": preview.context["token"]})

    assert done.status_code == 302 and done["Location"] == reverse("tracking:unit", args=[cast.unit.pk])
    houses = Report.objects.get(assignment=work.a_houses)
    assert (houses.value, houses.analysis, houses.status, houses.period_label) == (
        Decimal(7500),
        "Vượt tiến độ quý",
        Report.Status.DRAFT,
        "Quý III/2026",
    )
    rate = Report.objects.get(assignment=work.a_rate)
    assert (rate.numerator, rate.denominator, rate.value, rate.confidence) == (
        Decimal(199),
        Decimal(200),
        Decimal("99.5"),
        Report.Confidence.ON_TRACK,
    )
    assert rate.history.first().history_user == cast.unit_head
    # The token is spent: confirming again changes nothing and says so.
    again = client.post(work.url_upload, {"token": preview.context["token"]}, follow=True)
    assert "Hãy tải tệp lên lại" in again.content.decode()


def test_an_unchanged_workbook_previews_no_change(client, work):
    _report(work.a_houses, value=Decimal(12))
    client.force_login(work.cast.staff)
    data = b"".join(client.get(work.url_download).streaming_content)

    response = _upload(client, work.url_upload, data)

    # One row as it was, one left empty: neither changes anything.
    assert response.context["preview"].rows == [] and response.context["preview"].unchanged == 2
    assert response.context["token"] == ""
    assert "Không có thay đổi nào" in response.content.decode()


# ——— All or nothing ———


def test_an_error_in_one_row_names_the_row_and_changes_nothing(client, work):
    cast = work.cast
    _report(work.a_houses, value=Decimal(10))
    client.force_login(cast.unit_head)
    data = b"".join(client.get(work.url_download).streaming_content)
    data, rows = _fill(
        data, {_key(work.a_houses): {"Kết quả kỳ này": 20}, _key(work.a_rate): {"Kết quả kỳ này": "abc"}}
    )

    response = _upload(client, work.url_upload, data)

    message = f"Dòng {rows[_key(work.a_rate)]}, cột “Kết quả kỳ này”: “abc” không phải là số."
    assert response.context["preview"].errors == [message]
    assert response.context["token"] == ""
    page = response.content.decode()
    assert 'role="alert"' in page and "“abc” không phải là số." in page
    with pytest.raises(excel.ImportRefused):
        excel.apply_import(response.context["preview"], cast.unit_head)
    assert Report.objects.get(assignment=work.a_houses).value == Decimal(10)
    assert not Report.objects.filter(assignment=work.a_rate).exists()


def test_a_report_that_moved_after_the_preview_rolls_every_row_back(work):
    cast = work.cast
    rate_report = _report(work.a_rate, value=Decimal(90))
    data = excel.build_workbook(cast.unit, Q3, cast.unit_head)
    data, _rows = _fill(
        data, {_key(work.a_houses): {"Kết quả kỳ này": 5}, _key(work.a_rate): {"Kết quả kỳ này": 95}}
    )
    preview = excel.parse_workbook(BytesIO(data), cast.unit, cast.unit_head)
    assert preview.can_apply
    Report.objects.filter(pk=rate_report.pk).update(status=Report.Status.SUBMITTED)

    with pytest.raises(excel.ImportRefused) as refused:
        excel.apply_import(preview, cast.unit_head)

    assert "không sửa được" in refused.value.messages[0]
    assert not Report.objects.filter(assignment=work.a_houses).exists()
    assert Report.objects.get(pk=rate_report.pk).value == Decimal(90)


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"Tử số": 201, "Mẫu số": 200}, "cột “Tử số”: tử số (201) không được lớn hơn mẫu số (200)."),
        ({"Tử số": 5}, "cột “Mẫu số”: nhập đủ cả tử số và mẫu số, hoặc bỏ trống cả hai."),
        ({"Tử số": 0, "Mẫu số": "0"}, "cột “Mẫu số”: mẫu số phải lớn hơn 0."),
        ({"Tự đánh giá": "Tốt"}, "cột “Tự đánh giá”: “Tốt” không có trong danh sách"),
        (
            {"Kết quả kỳ này": 100, "Tử số": 9, "Mẫu số": 11},
            "cột “Kết quả kỳ này”: kết quả 100% không khớp với tử số/mẫu số 9/11 (= 81,82%).",
        ),
    ],
)
def test_it_checks_each_rate_row(work, values, problem):
    cast = work.cast
    data, rows = _fill(excel.build_workbook(cast.unit, Q3, cast.unit_head), {_key(work.a_rate): values})

    preview = excel.parse_workbook(BytesIO(data), cast.unit, cast.unit_head)

    assert len(preview.errors) == 1
    assert preview.errors[0].startswith(f"Dòng {rows[_key(work.a_rate)]}, {problem}")


def test_numerator_and_denominator_are_for_rate_targets_only(work):
    cast = work.cast
    data, rows = _fill(
        excel.build_workbook(cast.unit, Q3, cast.unit_head), {_key(work.a_houses): {"Tử số": 3, "Mẫu số": 4}}
    )

    preview = excel.parse_workbook(BytesIO(data), cast.unit, cast.unit_head)

    assert preview.errors[0] == (
        f"Dòng {rows[_key(work.a_houses)]}, cột “Tử số”: "
        "chỉ nhập tử số, mẫu số cho chỉ tiêu tính theo tỷ lệ (%)."
    )


# ——— Rows that do not belong ———


def test_another_units_key_tampered_into_the_sheet_is_refused(client, work):
    cast = work.cast
    other = _assign(cast, work.rate, factories.make_unit(cast.org, "Phòng Quản lý nhà"))
    foreign = Assignment.objects.create(
        organization=cast.other_org,
        target=factories.make_target(factories.make_plan(cast.other_org)),
        unit=factories.make_unit(cast.other_org, "Phòng Kinh tế"),
    )
    client.force_login(cast.unit_head)
    data = b"".join(client.get(work.url_download).streaming_content)
    data, rows = _fill(
        data,
        {
            _key(work.a_houses): {"Mã dòng (không sửa)": _key(other), "Kết quả kỳ này": 50},
            _key(work.a_rate): {"Mã dòng (không sửa)": _key(foreign), "Kết quả kỳ này": 60},
        },
    )

    response = _upload(client, work.url_upload, data)

    errors = response.context["preview"].errors
    assert errors == [
        f"Dòng {rows[_key(work.a_houses)]}, cột “Mã dòng (không sửa)”: mã dòng “{_key(other)}” "
        f"không thuộc chỉ tiêu được giao cho {cast.unit}.",
        f"Dòng {rows[_key(work.a_rate)]}, cột “Mã dòng (không sửa)”: mã dòng “{_key(foreign)}” "
        f"không thuộc chỉ tiêu được giao cho {cast.unit}.",
    ]
    assert not Report.objects.exists()


def test_a_row_without_key_or_with_a_period_that_is_not_reported_is_refused_in_row_order(work):
    cast = work.cast
    data, rows = _fill(
        excel.build_workbook(cast.unit, Q3, cast.unit_head),
        {
            _key(work.a_houses): {"Mã dòng (không sửa)": f"A{work.a_houses.pk}|2026-08-01"},
            _key(work.a_rate): {"Mã dòng (không sửa)": None, "Kết quả kỳ này": 5},
        },
    )

    errors = excel.parse_workbook(BytesIO(data), cast.unit, cast.unit_head).errors

    assert errors[0] == (
        f"Dòng {rows[_key(work.a_houses)]}, cột “Mã dòng (không sửa)”: "
        "ngày 01/08/2026 không phải là đầu một kỳ báo cáo của chỉ tiêu này."
    )
    assert errors[1].startswith(f"Dòng {rows[_key(work.a_rate)]}: dòng có số liệu nhưng thiếu mã dòng")
    assert len(errors) == 2


def test_a_submitted_reports_row_is_refused_unless_left_as_it_was(work):
    cast = work.cast
    _report(work.a_houses, value=Decimal(40), status=Report.Status.SUBMITTED)
    _report(work.a_rate, value=Decimal(97), status=Report.Status.APPROVED)
    data = excel.build_workbook(cast.unit, Q3, cast.unit_head)

    untouched = excel.parse_workbook(BytesIO(data), cast.unit, cast.unit_head)
    data, rows = _fill(
        data, {_key(work.a_houses): {"Kết quả kỳ này": 41}, _key(work.a_rate): {"Kết quả kỳ này": 98}}
    )
    changed = excel.parse_workbook(BytesIO(data), cast.unit, cast.unit_head)

    assert (untouched.errors, untouched.unchanged) == ([], 2)
    assert changed.errors == [
        f"Dòng {rows[_key(work.a_houses)]}: báo cáo Quý III/2026 đang chờ duyệt, không sửa được.",
        f"Dòng {rows[_key(work.a_rate)]}: báo cáo Quý III/2026 đã được duyệt; "
        "muốn sửa, hãy tạo bản đính chính trên trang báo cáo.",
    ]


def test_a_returned_report_is_updated_in_place(work):
    cast = work.cast
    returned = _report(work.a_houses, value=Decimal(40), status=Report.Status.RETURNED)
    data, _rows = _fill(
        excel.build_workbook(cast.unit, Q3, cast.unit_head), {_key(work.a_houses): {"Kết quả kỳ này": 45}}
    )

    assert (
        excel.apply_import(excel.parse_workbook(BytesIO(data), cast.unit, cast.unit_head), cast.unit_head)
        == 1
    )

    returned.refresh_from_db()
    assert (returned.value, returned.status) == (Decimal(45), Report.Status.RETURNED)


def test_a_file_that_is_not_a_workbook_is_refused(client, work):
    client.force_login(work.cast.unit_head)

    wrong_name = _upload(client, work.url_upload, b"a,b\n1,2\n", name="bao-cao.csv")
    broken = _upload(client, work.url_upload, b"PK\x03\x04 not really a workbook")

    assert "chỉ nhận bảng tính Excel .xlsx" in wrong_name.content.decode()
    assert broken.context["preview"].errors == [
        "Không đọc được tệp: đây không phải là bảng tính Excel (.xlsx) hợp lệ."
    ]


# ——— Numbers ———


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7.500", Decimal(7500)),
        ("7500", Decimal(7500)),
        ("99,5", Decimal("99.5")),
        ("99.5", Decimal("99.5")),
        ("0.500", Decimal("0.5")),
        ("1.234.567", Decimal(1234567)),
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("99,5%", Decimal("99.5")),
        (" 7 500 ", Decimal(7500)),
        ("-2,5", Decimal("-2.5")),
        (7500, Decimal(7500)),
        (99.5, Decimal("99.5")),
        ("", None),
        (None, None),
    ],
)
def test_it_reads_numbers_written_either_way(raw, expected):
    assert excel.parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "7.5.0", "1,2,3", "1.2,3.4", ",", "--5", True])
def test_it_refuses_what_is_not_a_number(raw):
    with pytest.raises(ValueError):
        excel.parse_number(raw)


def test_text_and_numeric_cells_are_both_read(work):
    cast = work.cast
    data, _rows = _fill(
        excel.build_workbook(cast.unit, Q3, cast.unit_head),
        {_key(work.a_houses): {"Kết quả kỳ này": "7.500"}, _key(work.a_rate): {"Kết quả kỳ này": "99,5"}},
    )

    preview = excel.parse_workbook(BytesIO(data), cast.unit, cast.unit_head)

    assert [row.values["value"] for row in preview.rows] == [Decimal(7500), Decimal("99.5")]
    assert excel.apply_import(preview, cast.unit_head) == 2
    assert Report.objects.get(assignment=work.a_houses).value == Decimal(7500)


def test_a_cell_formatted_as_a_percentage_is_read_as_percent(work):
    cast = work.cast
    workbook = load_workbook(BytesIO(excel.build_workbook(cast.unit, Q3, cast.unit_head)))
    sheet = workbook.active
    cell = sheet.cell(row=_row_of(sheet, _key(work.a_rate)), column=_columns(sheet)["Kết quả kỳ này"])
    cell.value, cell.number_format = 0.995, "0.0%"
    buffer = BytesIO()
    workbook.save(buffer)

    preview = excel.parse_workbook(BytesIO(buffer.getvalue()), cast.unit, cast.unit_head)

    assert [row.values["value"] for row in preview.rows] == [Decimal("99.5")]


# ——— Who may ———


def test_a_unit_head_cannot_reach_another_units_workbook(client, work):
    cast = work.cast
    unit_b = factories.make_unit(cast.org, "Phòng Quản lý nhà")
    client.force_login(cast.unit_head)

    assert client.get(reverse("tracking:unit_workbook", args=[unit_b.pk, Q3.key])).status_code == 403
    assert client.get(reverse("tracking:unit_workbook_upload", args=[unit_b.pk])).status_code == 403
    data = excel.build_workbook(cast.unit, Q3, cast.unit_head)
    assert (
        _upload(client, reverse("tracking:unit_workbook_upload", args=[unit_b.pk]), data).status_code == 403
    )
    other_agency_unit = factories.make_unit(cast.other_org, "Phòng Kinh tế")
    assert (
        client.get(reverse("tracking:unit_workbook", args=[other_agency_unit.pk, Q3.key])).status_code == 404
    )
    assert (
        client.get(reverse("tracking:unit_workbook_upload", args=[other_agency_unit.pk])).status_code == 404
    )


def test_the_office_may_download_any_units_workbook_but_not_upload(client, work):
    cast = work.cast
    client.force_login(cast.office)

    response = client.get(work.url_download)

    assert response.status_code == 200
    assert _row_of(_sheet(b"".join(response.streaming_content)), _key(work.a_houses))
    assert client.get(work.url_upload).status_code == 403
    client.force_login(cast.other_office)
    assert client.get(work.url_download).status_code == 404


def test_parse_refuses_someone_who_may_not_enter_the_units_reports(work):
    cast = work.cast
    data, _rows = _fill(
        excel.build_workbook(cast.unit, Q3, cast.office), {_key(work.a_houses): {"Kết quả kỳ này": 5}}
    )

    preview = excel.parse_workbook(BytesIO(data), cast.unit, cast.office)

    assert preview.errors == [f"Bạn không được nhập số liệu cho {cast.unit}."]
    assert not preview.can_apply


def test_a_token_is_bound_to_its_unit(client, work):
    cast = work.cast
    client.force_login(cast.unit_head)
    data, _rows = _fill(
        excel.build_workbook(cast.unit, Q3, cast.unit_head), {_key(work.a_houses): {"Kết quả kỳ này": 5}}
    )
    token = _upload(client, work.url_upload, data).context["token"]
    assert token

    response = client.post(work.url_upload, {"token": "0" * 32})

    assert response.status_code == 302
    assert not Report.objects.exists()
    assert (excel.PendingUploads.folder() / f"{token}.xlsx").exists()
