"""Word files in the state format for administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I).

`render_docx(content)` lays out a `Content` — what a document says — on A4 with the decree's margins,
Times New Roman 13–14, the two-column header (issuing body / Quốc hiệu – Tiêu ngữ), số and ký hiệu,
place and date in words, tên loại and trích yếu, the body numbered I → 1 → a) → -, the signature block
(TM./KT./Q./TL./TUQ.), Nơi nhận, and page numbers in the top margin from page 2.

Pure python-docx: no Django import, so a kind of document is a function that returns a `Content`.
"""

import datetime
import io
from dataclasses import dataclass, field

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
# Signing on someone's behalf (Điều 13 và Phụ lục I): thay mặt, ký thay, quyền, thừa lệnh, thừa ủy quyền.
AUTHORITIES = ("", "TM.", "KT.", "Q.", "TL.", "TUQ.")
# Block styles of the body, from the biggest heading down: I. → 1. → a) → -.
PART, SECTION, ITEM, DASH, TEXT, TABLE = "part", "section", "item", "dash", "text", "table"
# A chart: `text` its caption, `rows` [["", actual label, expected label], [date, actual, expected], …].
CHART = "chart"
STYLES = (PART, SECTION, ITEM, DASH, TEXT, TABLE, CHART)
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
LETTERS = "abcdđeghiklmnopqrstuvxy"

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 17}  # inside the ranges after rounding to twips
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
BODY_PT = 14


@dataclass
class Block:
    """One piece of the body: a heading or paragraph (`text`, numbered by the builder) or a table."""

    style: str
    text: str = ""
    rows: list[list] = field(default_factory=list)  # a table (first row the header) or a chart's points
    widths: list[float] = field(default_factory=list)  # a table: relative column widths

    def as_json(self) -> dict:
        data: dict = {"style": self.style, "text": self.text}
        if self.style in (TABLE, CHART):
            data.update(rows=self.rows, widths=self.widths)
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Block":
        return cls(data["style"], data.get("text", ""), data.get("rows") or [], data.get("widths") or [])


@dataclass
class Signature:
    """Who signs: "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC / Mai Huy Hoàng"."""

    title: str  # the signer's own position: "Phó Giám đốc"
    name: str
    authority: str = ""  # one of AUTHORITIES
    on_behalf_of: str = ""  # the head or body signed for: "Giám đốc", "Ủy ban nhân dân"

    def lines(self) -> list[str]:
        if self.authority == "Q.":
            return [f"Q. {self.title.upper()}"]
        if self.authority:
            return [f"{self.authority} {self.on_behalf_of.upper()}", self.title.upper()]
        return [self.title.upper()]


@dataclass
class Content:
    """What one document says, in the order the decree lays it out."""

    issuer_parent: str  # "UBND TỈNH THANH HÓA"
    issuer: str  # "SỞ XÂY DỰNG"
    symbol: str  # the part after the number: "BC-SXD"
    place: str  # "Thanh Hóa"
    dated: datetime.date
    kind_title: str  # tên loại: "BÁO CÁO"
    summary: str  # trích yếu
    blocks: list[Block]
    signature: Signature
    recipients: list[str]  # "Nơi nhận": the last line is "Lưu: VT, …"
    number: str = ""  # empty until issued: "Số:      /BC-SXD"


def date_in_words(place: str, day: datetime.date) -> str:
    """ "Thanh Hóa, ngày 30 tháng 8 năm 2026": a leading zero for days 1–9 and months 1–2 only."""
    dd = f"{day.day:02d}" if day.day < 10 else str(day.day)
    mm = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {dd} tháng {mm} năm {day.year}"


def number_line(content: Content) -> str:
    number = content.number or "\u00a0" * 6
    return f"Số: {number}/{content.symbol}"


def render_docx(content: Content) -> bytes:
    if content.signature.authority not in AUTHORITIES:
        raise ValueError(f"authority {content.signature.authority!r}")
    doc = new_docx()
    _page(doc)
    _styles(doc)
    _header(doc, content)
    _title(doc, content)
    _body(doc, content.blocks)
    _signature(doc, content)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# ——— Page and styles ———


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True  # page 1 carries no number
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE", size=13)


def _field(paragraph, instruction: str, *, size: int) -> None:
    run = paragraph.add_run()
    run.font.size = Pt(size)
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.extend([begin, text, end])


def _styles(doc) -> None:
    """Times New Roman everywhere (the East Asian and complex-script slots too), black, 14 pt."""
    for name in ("Normal", "Header", "Footer", "Table Grid"):
        style = doc.styles[name]
        style.font.name = FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(slot), FONT)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15


def _paragraph(container, text: str = "", *, size=13, bold=False, italic=False, align=None, after=0):
    paragraph = container.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.line_spacing = 1.0
    if align is not None:
        paragraph.alignment = align
    if text:
        run = paragraph.add_run(text)
        run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return paragraph


def _underline(container, width_mm: float, cell_mm: float) -> None:
    """A solid line, `width_mm` long and centred, under the paragraph before: an empty paragraph
    whose bottom border the indents trim."""
    paragraph = _paragraph(container, after=4)
    paragraph.paragraph_format.line_spacing = Pt(2)
    indent = Mm(max(0.0, (cell_mm - width_mm) / 2))
    paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.right_indent = indent
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _widths(table, widths_mm: list[float]) -> None:
    """Column widths in the grid too: LibreOffice reads the grid, Word the cells."""
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)


def _plain_table(doc, rows: int, widths_mm: list[float]):
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _widths(table, widths_mm)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return table


# ——— Header: issuing body / Quốc hiệu – Tiêu ngữ; số / place and date ———

LEFT_MM, RIGHT_MM = 65.0, TEXT_WIDTH_MM - 65.0


def _header(doc, content: Content) -> None:
    table = _plain_table(doc, 2, [LEFT_MM, RIGHT_MM])
    centre = WD_ALIGN_PARAGRAPH.CENTER
    left, right = table.rows[0].cells
    _paragraph(left, content.issuer_parent.upper(), size=13, align=centre)
    _paragraph(left, content.issuer.upper(), size=13, bold=True, align=centre)
    _underline(left, 25, LEFT_MM)
    _paragraph(right, QUOC_HIEU, size=12, bold=True, align=centre)
    _paragraph(right, TIEU_NGU, size=13, bold=True, align=centre)
    _underline(right, 58, RIGHT_MM)
    number, dated = table.rows[1].cells
    _paragraph(number, number_line(content), size=13, align=centre)
    _paragraph(dated, date_in_words(content.place, content.dated), size=13, italic=True, align=centre)


def _title(doc, content: Content) -> None:
    centre = WD_ALIGN_PARAGRAPH.CENTER
    spacer = _paragraph(doc)
    spacer.paragraph_format.space_after = Pt(6)
    _paragraph(doc, content.kind_title.upper(), size=14, bold=True, align=centre)
    _paragraph(doc, content.summary, size=14, bold=True, align=centre)
    _underline(doc, 40, TEXT_WIDTH_MM)


# ——— Body ———


def numbered(blocks: list[Block]) -> list[tuple[str, Block]]:
    """Each block with its number: "I.", "1.", "a)", "-", or "" for a plain paragraph or a table."""
    counters = [0, 0, 0]
    out = []
    for block in blocks:
        if block.style == PART:
            counters = [counters[0] + 1, 0, 0]
            out.append((ROMAN[(counters[0] - 1) % len(ROMAN)] + ".", block))
        elif block.style == SECTION:
            counters[1:] = [counters[1] + 1, 0]
            out.append((f"{counters[1]}.", block))
        elif block.style == ITEM:
            counters[2] += 1
            out.append((LETTERS[(counters[2] - 1) % len(LETTERS)] + ")", block))
        elif block.style == DASH:
            out.append(("-", block))
        else:
            out.append(("", block))
    return out


def _body(doc, blocks: list[Block]) -> None:
    for label, block in numbered(blocks):
        if block.style == TABLE:
            _data_table(doc, block)
            continue
        if block.style == CHART:
            _chart(doc, block)
            continue
        text = f"{label} {block.text}" if label else block.text
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
        run = paragraph.add_run(text)
        run.font.size = Pt(BODY_PT)
        run.bold = block.style in (PART, SECTION)


def _data_table(doc, block: Block) -> None:
    if not block.rows:
        return
    columns = len(block.rows[0])
    weights = block.widths if len(block.widths) == columns else [1.0] * columns
    widths = [TEXT_WIDTH_MM * w / sum(weights) for w in weights]
    table = doc.add_table(rows=len(block.rows), cols=columns)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _widths(table, widths)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row again on every page the table runs over
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for r, (row, values) in enumerate(zip(table.rows, block.rows, strict=True)):
        for cell, width, value in zip(row.cells, widths, values, strict=True):
            cell.width = Mm(width)
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.line_spacing = 1.0
            if r == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(str(value))
            run.font.size = Pt(12)
            run.bold = r == 0
    _paragraph(doc, after=6)


def _chart(doc, block: Block) -> None:
    """The chart as a picture, centred, with its caption under it."""
    from thidua.documents.charts import line_chart_png  # matplotlib loads only when a chart is drawn

    if len(block.rows) < 2:
        return
    header, points = block.rows[0], block.rows[1:]
    png = line_chart_png(
        [str(point[0]) for point in points],
        [point[1] for point in points],
        [point[2] for point in points],
        legend=(str(header[1]), str(header[2])),
    )
    picture = doc.add_paragraph()
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.space_after = Pt(0)
    picture.add_run().add_picture(io.BytesIO(png), width=Mm(TEXT_WIDTH_MM * 0.9))
    _paragraph(doc, block.text, size=13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=6)


# ——— Signature and recipients ———


def _signature(doc, content: Content) -> None:
    spacer = _paragraph(doc)
    spacer.paragraph_format.space_after = Pt(6)
    table = _plain_table(doc, 1, [TEXT_WIDTH_MM * 0.48, TEXT_WIDTH_MM * 0.52])
    recipients, signer = table.rows[0].cells
    _paragraph(recipients, "Nơi nhận:", size=12, bold=True, italic=True)
    for line in content.recipients:
        _paragraph(recipients, f"- {line}", size=11)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    for line in content.signature.lines():
        _paragraph(signer, line, size=14, bold=True, align=centre)
    gap = _paragraph(signer, align=centre)
    for _ in range(3):
        gap.add_run().add_break(WD_BREAK.LINE)
    _paragraph(signer, content.signature.name, size=14, bold=True, align=centre)
