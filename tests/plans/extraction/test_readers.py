"""Files in: .docx built here with python-docx, .pdf (LibreOffice, or written by hand), and bad files.

Every bad input must end in ExtractionError with the right code and a Vietnamese message.
"""

import io
import json
import os
import subprocess
from pathlib import Path

import docx
import pytest

from tests.paths import GOLD, SAMPLE_NAMES, SAMPLES
from thidua.plans.extraction import MAX_BYTES, ExtractionError, read_bytes, read_file, read_text

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
LANG_SON = SAMPLES / "lang-son-doanh-nghiep.txt"
SOFFICE = Path("/usr/bin/soffice")
VIETNAMESE_LETTERS = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def sample_docx(text: str) -> bytes:
    """A Word file of a plan as agencies make them: a header table, paragraphs, a targets table
    after the "CHỈ TIÊU" heading, and the recipients and signature side by side in a table."""
    body, _, _closing = text.partition("Nơi nhận:")
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    _cell_lines(header.cell(0, 0), ["UBND TỈNH LẠNG SƠN", "SỞ XÂY DỰNG", "Số: 77/KH-SXD"])
    _cell_lines(
        header.cell(0, 1),
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Lạng Sơn, ngày 5 tháng 5 năm 2026",
        ],
    )
    for line in body.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
        if line.startswith("IV. CHỈ TIÊU"):
            table = document.add_table(rows=2, cols=3)
            for cell, words in zip(table.rows[0].cells, ("STT", "Chỉ tiêu", "Mức"), strict=True):
                cell.text = words
            row = ("1", "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn", "từ 98% trở lên")
            for cell, words in zip(table.rows[1].cells, row, strict=True):
                cell.text = words
    closing = document.add_table(rows=1, cols=2)
    _cell_lines(closing.cell(0, 0), ["Nơi nhận:", "- Các phòng, ban, đơn vị thuộc Sở;", "- Lưu: VT."])
    _cell_lines(closing.cell(0, 1), ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "Trần Văn Vương"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _cell_lines(cell, lines: list[str]) -> None:
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _plan_text() -> str:
    return LANG_SON.read_text(encoding="utf-8")


def test_docx_paragraphs_and_tables_in_document_order():
    draft = read_bytes(sample_docx(_plan_text()), "ke-hoach.docx").to_dict()
    document = draft["document"]
    assert (document["number"], document["date"]) == ("77/KH-SXD", "2026-05-05")
    assert (document["issuer"], document["province"]) == ("Sở Xây dựng", "Lạng Sơn")
    assert document["recipients"] == ["Các phòng, ban, đơn vị thuộc Sở", "Lưu: VT"]
    assert document["signer"] == {
        "on_behalf_of": "GIÁM ĐỐC",
        "position": "PHÓ GIÁM ĐỐC",
        "name": "Trần Văn Vương",
    }
    table_row = draft["targets"][0]
    assert table_row["text"] == "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn\ttừ 98% trở lên"
    assert (table_row["comparator"], table_row["value"]) == (">=", 98)
    assert len(draft["targets"]) == 5  # the table row and item 2 state one target
    assert [p["end"] for p in draft["phases"]] == ["2028-06-30", "2030-12-31"]


def test_docx_from_the_sample_still_scores_perfectly():
    from tests.plans.extraction.test_samples import PERFECT, _overall_line, _scorer

    scorer = _scorer()
    draft = read_bytes(sample_docx(_plan_text()), "ke-hoach.docx").to_dict()
    gold = json.loads((GOLD / "lang-son-doanh-nghiep.json").read_text(encoding="utf-8"))
    line, notes = _overall_line(scorer, draft, gold)
    assert line == PERFECT, "\n".join(notes)


@pytest.mark.skipif(not SOFFICE.exists(), reason="LibreOffice (/usr/bin/soffice) is not installed here")
def test_pdf_made_by_libreoffice(tmp_path):
    draft = read_file(_soffice_pdf(sample_docx(_plan_text()), tmp_path)).to_dict()
    document = draft["document"]
    assert document["kind"] == "Kế hoạch"
    assert (document["number"], document["date"]) == ("77/KH-SXD", "2026-05-05")
    assert document["issuer"] == "Sở Xây dựng"
    assert any(t["comparator"] == ">=" and t["value"] == 98 and t["unit"] == "%" for t in draft["targets"])
    # The closing table's two columns come out on shared lines; both are read apart again.
    assert document["recipients"] == ["Các phòng, ban, đơn vị thuộc Sở", "Lưu: VT"]
    assert document["signer"] == {
        "on_behalf_of": "GIÁM ĐỐC",
        "position": "PHÓ GIÁM ĐỐC",
        "name": "Trần Văn Vương",
    }
    assert (
        document["movement"]
        == "Phát triển mạnh doanh nghiệp tư nhân, nâng cao hiệu quả doanh nghiệp nhà nước"
    )
    assert {"2028-05-20", "2030-11-30"} <= {d["date"] for d in draft["deadlines"]}
    assert [(p["start"], p["end"]) for p in draft["phases"]] == [
        ("2026-01-01", "2028-06-30"),
        ("2028-07-01", "2030-12-31"),
    ]


def _soffice_pdf(docx_bytes: bytes, folder: Path) -> Path:
    """Convert a .docx to .pdf with LibreOffice (a writable profile in `folder`)."""
    source = folder / "ke-hoach.docx"
    source.write_bytes(docx_bytes)
    subprocess.run(
        [str(SOFFICE), "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(folder / "home")},
    )
    return folder / "ke-hoach.pdf"


def _paragraphs_docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.replace("**", "").splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.skipif(not SOFFICE.exists(), reason="LibreOffice (/usr/bin/soffice) is not installed here")
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_as_pdf_still_scores_perfectly(name, tmp_path):
    """A PDF wraps lines and drops blank lines; the reading must not change."""
    sample = SAMPLES / f"{name}.txt"
    from tests.plans.extraction.test_samples import PERFECT, _overall_line, _scorer

    pdf = _soffice_pdf(_paragraphs_docx(sample.read_text(encoding="utf-8")), tmp_path)
    draft = read_file(pdf).to_dict()
    gold = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    line, notes = _overall_line(_scorer(), draft, gold)
    assert line == PERFECT, "\n".join(notes)


def handmade_pdf(content: bytes) -> bytes:
    """A one-page PDF whose page runs the drawing operators `content` (font F1 is Helvetica)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def error_of(call) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        call()
    error = caught.value
    assert str(error) == error.message
    assert VIETNAMESE_LETTERS & set(error.message.lower()), error.message  # written in Vietnamese
    return error


def test_pdf_with_only_a_drawn_rectangle_is_a_scanned_pdf():
    data = handmade_pdf(b"0 0 1 rg 100 100 200 150 re f")
    assert error_of(lambda: read_bytes(data, "scan.pdf")).code == "scanned_pdf"


def test_pdf_text_layer_is_read():
    # Helvetica has no Vietnamese letters: the text is read, and then is not a plan.
    data = handmade_pdf(b"BT /F1 12 Tf 72 700 Td (Bien ban hop giao ban thang 7) Tj ET")
    assert error_of(lambda: read_bytes(data, "bien-ban.pdf")).code == "not_a_plan"


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (os.urandom(4096), "ke-hoach.docx", "corrupt_docx"),
        (b"PK\x03\x04" + os.urandom(200), "ke-hoach.docx", "corrupt_docx"),
        (os.urandom(4096), "ke-hoach.pdf", "corrupt_pdf"),
        (b"%PDF-1.4\n" + os.urandom(2000), "ke-hoach.pdf", "corrupt_pdf"),
        (handmade_pdf(b"BT ET")[:150], "ke-hoach.pdf", "corrupt_pdf"),
        (b"", "ke-hoach.txt", "empty"),
        (b"   \n\t  \n", "ke-hoach.md", "empty"),
        (b"\x00\x01\x02\x03garbage\x00\xff\xfe" * 100, "ke-hoach.txt", "binary"),
        (bytes(range(256)) * 20, "ke-hoach", "binary"),
        (b"{\\rtf1 ...}", "ke-hoach.doc", "unsupported_type"),
        ("Hôm nay trời đẹp, chúng tôi đi dạo.".encode(), "ghi-chu.txt", "not_a_plan"),
    ],
)
def test_bad_inputs_give_the_right_error(data, filename, code):
    assert error_of(lambda: read_bytes(data, filename)).code == code


def test_a_30_mb_file_is_refused_before_parsing(tmp_path, monkeypatch):
    import thidua.plans.extraction.readers as readers

    def must_not_parse(*args):
        raise AssertionError("parsed a file that is too large")

    monkeypatch.setattr(readers, "plain_text", must_not_parse)
    big = b"K" * (30 * 1024 * 1024)
    assert len(big) > MAX_BYTES
    assert error_of(lambda: read_bytes(big, "lon.txt")).code == "too_large"
    path = tmp_path / "lon.txt"
    path.write_bytes(big)
    assert error_of(lambda: read_file(path)).code == "too_large"


def test_missing_file_is_an_extraction_error(tmp_path):
    assert error_of(lambda: read_file(tmp_path / "khong-co.txt")).code == "not_found"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_text_with_byte_order_mark(encoding):
    text = (FIXTURES / "header_so_xay_dung.txt").read_text(encoding="utf-8")
    plain = read_text(text).to_dict()
    draft = read_bytes(text.encode(encoding), "ke-hoach.txt").to_dict()
    assert draft == plain


def test_markdown_and_text_read_the_same_words():
    text = (FIXTURES / "header_so_xay_dung.txt").read_text(encoding="utf-8")
    assert read_bytes(text.encode(), "a.md").to_dict() == read_bytes(text.encode(), "a.txt").to_dict()


def test_file_without_known_extension_is_sniffed():
    data = sample_docx(_plan_text())
    assert read_bytes(data, "tai-lieu").document.number == "77/KH-SXD"
