"""The register of tasks handed down from Excel: all rows or none, errors by row and column."""

import datetime
from io import BytesIO

import pytest
from openpyxl import Workbook

from thidua.core.spreadsheets import ImportRefused
from thidua.tasks import excel
from thidua.tasks.models import Task

pytestmark = pytest.mark.django_db
HEADER = [
    "STT",
    "Số văn bản",
    "Ngày văn bản",
    "Cấp giao",
    "Nội dung nhiệm vụ",
    "Đơn vị chủ trì",
    "Hạn hoàn thành",
]


def _workbook(*rows) -> BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["SỔ THEO DÕI NHIỆM VỤ UBND TỈNH GIAO NĂM 2026"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


GOOD = [
    (
        1,
        "1520/UBND-CN",
        datetime.datetime(2026, 7, 2),
        "Chủ tịch UBND tỉnh",
        "Rà soát danh mục dự án nhà ở xã hội",
        "Phòng Phát triển đô thị",
        datetime.datetime(2026, 8, 31),
    ),
    (
        2,
        "1688/UBND-CN",
        "05/08/2026",
        "",
        "Báo cáo phát triển đô thị 6 tháng",
        "phòng phát triển đô thị",
        "05/09/2026",
    ),
]


def test_it_writes_every_row_as_a_task_handed_down(cast):
    preview = excel.parse_workbook(_workbook(*GOOD), cast.org)
    assert preview.errors == []
    assert excel.apply_import(preview, cast.office) == 2
    task = Task.objects.get(document_number="1688/UBND-CN")
    assert task.source == Task.Source.HANDED_DOWN and task.lead_unit == cast.unit
    assert (task.document_date, task.due_on, task.issuer) == (
        datetime.date(2026, 8, 5),
        datetime.date(2026, 9, 5),
        "UBND tỉnh",
    )
    assert task.history.get().history_user == cast.office


def test_a_bad_row_writes_nothing_and_names_its_row_and_column(cast):
    rows = [*GOOD, (3, "1903/UBND-CN", "", "", "Kiểm tra trường học", "Phòng Không Có", "31/13/2026")]
    preview = excel.parse_workbook(_workbook(*rows), cast.org)
    assert preview.errors == [
        "Dòng 5, cột “Hạn hoàn thành”: “31/13/2026” không phải là ngày (dd/mm/yyyy).",
        "Dòng 5, cột “Đơn vị chủ trì”: không có đơn vị “Phòng Không Có” trong cơ quan.",
    ]
    with pytest.raises(ImportRefused):
        excel.apply_import(preview, cast.office)
    assert not Task.objects.exists()


def test_a_task_already_in_the_register_is_refused(cast):
    excel.apply_import(excel.parse_workbook(_workbook(GOOD[0]), cast.org), cast.office)
    preview = excel.parse_workbook(_workbook(*GOOD), cast.org)
    assert preview.errors == ["Dòng 3: nhiệm vụ này (cùng văn bản, cùng nội dung) đã có trong sổ."]
    assert Task.objects.count() == 1


def test_the_import_page_shows_the_preview_then_writes(cast, client):
    client.force_login(cast.office)
    upload = _workbook(*GOOD)
    upload.name = "so-nhiem-vu.xlsx"
    response = client.post("/nhiem-vu/duoc-giao/nhap/", {"file": upload})
    assert response.status_code == 200 and not Task.objects.exists()
    token = response.context["token"]
    response = client.post("/nhiem-vu/duoc-giao/nhap/", {"token": token})
    assert response.status_code == 302 and Task.objects.count() == 2
