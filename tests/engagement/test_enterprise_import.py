from io import BytesIO

import pytest
from openpyxl import Workbook

from tests import factories
from thidua.engagement import excel
from thidua.org.models import Enterprise

pytestmark = pytest.mark.django_db

HEADER = ["STT", "Tên doanh nghiệp", "Mã số thuế", "Lĩnh vực", "Loại hình sở hữu", "Quy mô", "Địa chỉ"]


def _workbook(*rows) -> BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH DOANH NGHIỆP NGÀNH XÂY DỰNG TỈNH LẠNG SƠN"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


GOOD = [
    (1, "Công ty TNHH Xây dựng Đồng Đăng", "4900123456", "Xây dựng", "Tư nhân", "Nhỏ", "TP Lạng Sơn"),
    (2, "Chi nhánh Công ty Vật liệu Hữu Lũng", "4900123456-001", "Vật liệu xây dựng", "Nhà nước", "Vừa", ""),
]


def test_it_imports_every_row_and_updates_a_known_tax_code(cast):
    factories.make_enterprise(cast.org, name="Tên cũ", tax_code="4900123456")
    preview = excel.parse_workbook(_workbook(*GOOD), cast.org)
    assert preview.errors == [] and preview.new_count == 1
    assert excel.apply_import(preview, cast.office) == 2
    branch = Enterprise.objects.get(tax_code="4900123456-001")
    assert branch.sector == Enterprise.Sector.MATERIALS and branch.ownership == Enterprise.Ownership.STATE
    assert Enterprise.objects.get(tax_code="4900123456").name == "Công ty TNHH Xây dựng Đồng Đăng"


def test_an_invalid_tax_code_in_row_n_imports_nothing(cast):
    bad = (3, "Công ty Sai Mã", "49001234", "Xây dựng", "Tư nhân", "", "")
    preview = excel.parse_workbook(_workbook(*GOOD, bad), cast.org)
    assert len(preview.errors) == 1 and preview.errors[0].startswith("Dòng 5, cột “Mã số thuế”")
    with pytest.raises(excel.ImportRefused):
        excel.apply_import(preview, cast.office)
    assert not Enterprise.objects.filter(organization=cast.org, tax_code__startswith="4900123").exists()


def test_it_names_unknown_choices_and_duplicates_by_row(cast):
    rows = [
        (1, "Công ty A", "4900000001", "Nông nghiệp", "Tư nhân", "", ""),
        (2, "Công ty B", "4900000002", "Xây dựng", "Tư nhân", "", ""),
        (3, "Công ty B trùng", "4900000002", "Xây dựng", "Tư nhân", "", ""),
    ]
    errors = excel.parse_workbook(_workbook(*rows), cast.org).errors
    assert errors[0].startswith("Dòng 3, cột “Lĩnh vực”: “Nông nghiệp” không có trong danh sách")
    assert errors[1] == "Dòng 5, cột “Mã số thuế”: mã số thuế 4900000002 đã có ở dòng 4."


def test_it_refuses_what_is_not_a_workbook(cast):
    assert excel.parse_workbook(BytesIO(b"not excel"), cast.org).errors[0].startswith("Không đọc được tệp")


def test_the_upload_previews_then_confirms_and_only_the_office_may(cast, client):
    client.force_login(cast.staff)
    assert client.get("/doanh-nghiep/danh-sach/nhap/").status_code == 403
    client.force_login(cast.office)
    upload = _workbook(*GOOD)
    upload.name = "doanh-nghiep.xlsx"
    response = client.post("/doanh-nghiep/danh-sach/nhap/", {"file": upload})
    assert response.status_code == 200 and "Thêm mới" in response.content.decode()
    assert not Enterprise.objects.filter(tax_code="4900123456").exists()
    response = client.post("/doanh-nghiep/danh-sach/nhap/", {"token": response.context["token"]})
    assert response.status_code == 302
    assert Enterprise.objects.filter(organization=cast.org, tax_code__startswith="4900123456").count() == 2
