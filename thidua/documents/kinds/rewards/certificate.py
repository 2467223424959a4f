"""Giấy khen (and the giấy chứng nhận of a title) of a decision, one page per line, to print on the agency's
certificate paper (phôi): A4 landscape, the text inside the paper's printed border.

This is not an administrative letter of Nghị định 30/2020: it has no ký hiệu, trích yếu or Nơi nhận, and
its title and recipient are set large, as certificates are, so `nd30check` does not apply (it would flag
the type above 14 pt and the missing Nơi nhận); the tests check its content instead. The reasons are the
body's paragraphs, one per line of the decision, which the office edits before printing; an agency
whose paper differs uploads its own template (placeholders `giay_khen`, `so_quyet_dinh`…).
"""

import datetime
import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from thidua.awards.models import Decision, Title
from thidua.documents import nd30
from thidua.documents.kinds.rewards.common import director, head, subject_fields
from thidua.documents.nd30 import TEXT, Block, Content

# Inside the border printed on the agency's paper: wide margins all round.
MARGINS_MM = {"top": 30, "bottom": 25, "left": 35, "right": 35}
PLACEHOLDERS = (
    (
        "giay_khen",
        gettext_lazy(
            "Các trang, mỗi trang có: tieu_de (GIẤY KHEN hoặc GIẤY CHỨNG NHẬN), ho_ten, chuc_vu, don_vi, "
            "danh_hieu, ly_do"
        ),
    ),
    ("so_quyet_dinh", gettext_lazy("Số, ký hiệu quyết định khen thưởng")),
    ("ngay_quyet_dinh", gettext_lazy("Ngày ký quyết định dd/mm/yyyy")),
    ("nam", gettext_lazy("Năm thành tích")),
    ("nguoi_trao", gettext_lazy("Cơ quan tặng, ví dụ GIÁM ĐỐC SỞ XÂY DỰNG TỈNH THANH HÓA")),
)


def _reason(line, decision: Decision) -> str:
    if line.title == Title.GIAY_KHEN:
        return _("Đã có thành tích trong {content}.").format(
            content=decision.content[:1].lower() + decision.content[1:]
        )
    return _("Đạt danh hiệu {title} năm {year}.").format(title=line.get_title_display(), year=decision.year)


def data(decision: Decision, as_of: datetime.date) -> dict:
    organization = decision.organization
    province = organization.province or ""
    pages = []
    for line in decision.lines.select_related("person__unit", "unit").order_by("title", "pk"):
        fields = subject_fields(line)
        pages.append(
            {
                "tieu_de": _("GIẤY KHEN") if line.title == Title.GIAY_KHEN else _("GIẤY CHỨNG NHẬN"),
                "ho_ten": fields["ho_ten"],
                "chuc_vu": fields["chuc_vu"],
                "don_vi": fields["don_vi"],
                "danh_hieu": fields["danh_hieu"],
                "ly_do": _reason(line, decision),
            }
        )
    giver = _("Giám đốc {agency} {province}").format(
        agency=organization.short_name or organization.name, province=province
    )
    return {
        "giay_khen": pages,
        "so_quyet_dinh": decision.number,
        "ngay_quyet_dinh": decision.signed_on.strftime("%d/%m/%Y") if decision.signed_on else "",
        "nam": decision.year,
        "nguoi_trao": giver.strip().upper(),
    }


def build(decision: Decision, as_of: datetime.date) -> Content:
    figures = data(decision, as_of)
    return Content(
        **head(decision.organization, "GK"),
        dated=decision.signed_on or as_of,
        kind_title=_("Giấy khen"),
        summary=_("Giấy khen, giấy chứng nhận theo Quyết định {number}").format(
            number=decision.number or "…"
        ),
        blocks=[Block(TEXT, page["ly_do"]) for page in figures["giay_khen"]],
        signature=director(decision.organization, decision.signer),
        recipients=[],
    )


def _line(doc, text: str, *, size: int, bold=False, italic=False, after=4, align=WD_ALIGN_PARAGRAPH.CENTER):
    paragraph = doc.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    run = paragraph.add_run(text)
    run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return paragraph


def _page(doc, content: Content, figures: dict, page: dict, reason: str) -> None:
    _line(doc, nd30.QUOC_HIEU, size=13, bold=True, after=0)
    _line(doc, nd30.TIEU_NGU, size=14, bold=True, after=12)
    _line(doc, figures["nguoi_trao"], size=15, bold=True, after=2)
    _line(doc, _("TẶNG"), size=15, bold=True, after=2)
    _line(doc, page["tieu_de"], size=36, bold=True, after=10)
    _line(doc, page["ho_ten"], size=24, bold=True, after=2)
    detail = ", ".join(part for part in (page["chuc_vu"], page["don_vi"]) if part)
    if detail:
        _line(doc, detail, size=15, after=8)
    _line(doc, reason, size=16, italic=True, after=16)
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    decision = _("Quyết định số {number} ngày {day}").format(
        number=figures["so_quyet_dinh"] or "…", day=figures["ngay_quyet_dinh"] or "…"
    )
    left.paragraphs[0].add_run(decision).font.size = Pt(13)
    if content.number:
        left.add_paragraph().add_run(_("Số vào sổ: {number}").format(number=content.number)).font.size = Pt(
            13
        )
    dated = right.paragraphs[0]
    dated.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = dated.add_run(nd30.date_in_words(content.place, content.dated))
    run.font.size, run.italic = Pt(14), True
    for text in content.signature.lines():
        paragraph = right.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        bold = paragraph.add_run(text)
        bold.font.size, bold.bold = Pt(14), True
    for _gap in range(3):
        right.add_paragraph()
    name = right.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.CENTER
    signer = name.add_run(content.signature.name)
    signer.font.size, signer.bold = Pt(14), True


def render(content: Content, figures: dict) -> bytes:
    """One landscape page per recipient; the reasons from the (edited) body, by position."""
    doc = new_docx()
    normal = doc.styles["Normal"]
    normal.font.name = nd30.FONT
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), nd30.FONT)
    reasons = [block.text for block in content.blocks]
    for index, page in enumerate(figures["giay_khen"]):
        section = doc.sections[0] if index == 0 else doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
        reason = reasons[index] if index < len(reasons) else page["ly_do"]
        _page(doc, content, figures, page, reason)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
