"""The Nghị định 30 builder on its own: layout rules, dates in words, signature lines, PDF."""

import datetime
import io
import subprocess
import sys

import pytest
from docx import Document as read_docx

from tests.paths import ND30CHECK
from thidua.documents import nd30, pdf

pytestmark = pytest.mark.filterwarnings("ignore")


def content(**fields) -> nd30.Content:
    blocks = [
        nd30.Block(nd30.PART, "KẾT QUẢ"),
        nd30.Block(nd30.SECTION, "Chỉ tiêu"),
        nd30.Block(nd30.TEXT, "Đoạn văn. " * 200),
        nd30.Block(nd30.ITEM, "Mục a"),
        nd30.Block(nd30.ITEM, "Mục b"),
        nd30.Block(nd30.DASH, "Gạch đầu dòng"),
        nd30.Block(nd30.TABLE, rows=[["STT", "Chỉ tiêu"], ["1", "Nhà ở xã hội"]], widths=[1, 6]),
        nd30.Block(nd30.PART, "ĐỀ XUẤT"),
        nd30.Block(nd30.SECTION, "Kiến nghị"),
    ]
    defaults = {
        "issuer_parent": "UBND tỉnh Thanh Hóa",
        "issuer": "Sở Xây dựng",
        "symbol": "BC-SXD",
        "place": "Thanh Hóa",
        "dated": datetime.date(2026, 8, 30),
        "kind_title": "Báo cáo",
        "summary": "Tổng kết phong trào thi đua",
        "blocks": blocks,
        "signature": nd30.Signature("Phó Giám đốc", "Mai Huy Hoàng", "KT.", "Giám đốc"),
        "recipients": ["UBND tỉnh (để báo cáo);", "Lưu: VT, VP."],
    }
    return nd30.Content(**(defaults | fields))


def nd30check(path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ND30CHECK), str(path), "--require-recipients"], capture_output=True, text=True
    )


def test_a_document_passes_the_checker(tmp_path):
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(nd30.render_docx(content()))
    result = nd30check(path)
    assert result.returncode == 0, result.stdout


def test_the_checker_catches_a_wrong_margin(tmp_path):
    """The check is real: the same document with a 10 mm left margin fails."""
    doc = read_docx(io.BytesIO(nd30.render_docx(content())))
    doc.sections[0].left_margin = 360000  # 10 mm
    path = tmp_path / "sai-le.docx"
    doc.save(path)
    result = nd30check(path)
    assert result.returncode == 1 and "left margin" in result.stdout


def test_the_layout_is_a4_with_the_decree_margins_in_times_new_roman():
    doc = read_docx(io.BytesIO(nd30.render_docx(content())))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= section.top_margin.mm <= 25 and 20 <= section.bottom_margin.mm <= 25
    assert 30 <= section.left_margin.mm <= 35 and 15 <= section.right_margin.mm <= 20
    assert doc.styles["Normal"].font.name == "Times New Roman"
    # Page numbers in the header, not on the first page.
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header.paragraphs[0]._p.xml
    assert "PAGE" not in "".join(p._p.xml for p in section.first_page_header.paragraphs)


def test_the_header_holds_issuer_number_motto_and_date():
    doc = read_docx(io.BytesIO(nd30.render_docx(content(number="15"))))
    header = doc.tables[0]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert "UBND TỈNH THANH HÓA" in left and "SỞ XÂY DỰNG" in left
    assert nd30.QUOC_HIEU in right and nd30.TIEU_NGU in right
    assert header.rows[1].cells[0].text == "Số: 15/BC-SXD"
    assert header.rows[1].cells[1].text == "Thanh Hóa, ngày 30 tháng 8 năm 2026"


def test_the_body_is_numbered_i_1_a_dash():
    texts = [p.text for p in read_docx(io.BytesIO(nd30.render_docx(content()))).paragraphs]
    for expected in ("I. KẾT QUẢ", "1. Chỉ tiêu", "a) Mục a", "b) Mục b", "- Gạch đầu dòng", "II. ĐỀ XUẤT"):
        assert expected in texts
    assert "1. Kiến nghị" in texts  # numbering starts again under each part


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (datetime.date(2026, 8, 30), "Thanh Hóa, ngày 30 tháng 8 năm 2026"),
        (datetime.date(2026, 1, 5), "Thanh Hóa, ngày 05 tháng 01 năm 2026"),
        (datetime.date(2026, 2, 10), "Thanh Hóa, ngày 10 tháng 02 năm 2026"),
        (datetime.date(2026, 12, 9), "Thanh Hóa, ngày 09 tháng 12 năm 2026"),
    ],
)
def test_dates_in_words_have_a_leading_zero_only_for_days_1_to_9_and_months_1_2(day, words):
    assert nd30.date_in_words("Thanh Hóa", day) == words


@pytest.mark.parametrize(
    ("authority", "on_behalf_of", "title", "lines"),
    [
        ("", "", "Giám đốc", ["GIÁM ĐỐC"]),
        ("KT.", "Giám đốc", "Phó Giám đốc", ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
        (
            "TM.",
            "Hội đồng thi đua, khen thưởng",
            "Chủ tịch",
            ["TM. HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG", "CHỦ TỊCH"],
        ),
        ("Q.", "", "Giám đốc", ["Q. GIÁM ĐỐC"]),
        ("TL.", "Giám đốc", "Chánh Văn phòng", ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]),
        ("TUQ.", "Giám đốc", "Chánh Văn phòng", ["TUQ. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]),
    ],
)
def test_signature_lines(authority, on_behalf_of, title, lines):
    assert nd30.Signature(title, "Nguyễn Văn A", authority, on_behalf_of).lines() == lines


def test_an_unknown_authority_is_refused():
    with pytest.raises(ValueError):
        nd30.render_docx(content(signature=nd30.Signature("Giám đốc", "A", "KT ")))


def test_without_libreoffice_the_pdf_error_says_so_in_vietnamese(monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(pdf.PdfError, match="chưa cài LibreOffice"):
        pdf.docx_to_pdf(nd30.render_docx(content()))


@pytest.mark.skipif(pdf.soffice_path() is None, reason="LibreOffice (soffice) is not installed")
def test_the_pdf_embeds_a_times_new_roman_compatible_font():
    data = pdf.docx_to_pdf(nd30.render_docx(content()))
    assert data.startswith(b"%PDF")
    assert b"LiberationSerif" in data or b"TimesNewRoman" in data
