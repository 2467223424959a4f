"""An agency's own Word template for a kind of document: named placeholders (docxtpl: Jinja tags typed
in Word, `{{ so_ky_hieu }}`, `{% for dong in danh_sach %}…{% endfor %}`) filled from the document.

The names a template may use are the ones every kind offers (`COMMON`: the letterhead, number, date,
title, body, signer and recipients of the draft, as the office edited them) and the kind's own
(`Kind.placeholders`: its list, counts, amounts), which are the keys of the figures kept with the draft.
A template is checked on upload: a damaged file or a tag Jinja cannot read is refused in Vietnamese, and
so is a name the kind does not offer, by its name. Templates run in Jinja's sandbox with autoescaping:
whoever uploads one cannot reach Python objects, and text with `<` or `&` cannot break the Word file.
"""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment
from lxml.etree import XMLSyntaxError  # type: ignore[import-untyped]

from thidua.documents import nd30

COMMON: tuple[tuple[str, object], ...] = (
    ("co_quan_chu_quan", gettext_lazy("Cơ quan chủ quản, ví dụ UBND TỈNH THANH HÓA")),
    ("co_quan", gettext_lazy("Cơ quan ban hành, ví dụ SỞ XÂY DỰNG")),
    ("so", gettext_lazy("Số văn bản (trống khi chưa ban hành)")),
    ("ky_hieu", gettext_lazy("Ký hiệu, ví dụ QĐ-SXD")),
    ("so_ky_hieu", gettext_lazy("Dòng “Số: 245/QĐ-SXD”")),
    ("dia_danh", gettext_lazy("Địa danh")),
    ("ngay", gettext_lazy("Ngày văn bản dd/mm/yyyy")),
    ("dia_danh_ngay", gettext_lazy("Dòng “Thanh Hóa, ngày 03 tháng 12 năm 2026”")),
    ("ten_loai", gettext_lazy("Tên loại văn bản, ví dụ QUYẾT ĐỊNH")),
    ("trich_yeu", gettext_lazy("Trích yếu nội dung")),
    ("noi_dung", gettext_lazy("Các đoạn nội dung đã đánh số (danh sách chữ), theo bản đã sửa")),
    ("tham_quyen_ky", gettext_lazy("Các dòng thẩm quyền ký, ví dụ “KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC”")),
    ("nguoi_ky", gettext_lazy("Họ tên người ký")),
    ("noi_nhan", gettext_lazy("Nơi nhận (danh sách chữ)")),
)

DAMAGED = gettext_lazy(
    "Tệp “{name}” không phải tệp Word (.docx) đọc được hoặc đã bị hỏng. Hãy lưu lại bằng Word dạng .docx "
    "rồi tải lên lại."
)
BAD_TAG = gettext_lazy("Tệp “{name}” có thẻ mẫu viết sai: {error}")
UNKNOWN = gettext_lazy(
    "Tệp “{name}” dùng tên không có trong danh sách của loại văn bản này: {names}. "
    "Hãy sửa hoặc xóa các tên này."
)
NO_PLACEHOLDER = gettext_lazy("Tệp “{name}” không có tên nào để điền ({{{{ … }}}}): mẫu sẽ không có số liệu.")


def environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True)


def offered(kind) -> list[tuple[str, object]]:
    """Every name a template of `kind` may use, with what it holds."""
    return [*COMMON, *kind.placeholders]


def common_context(content: nd30.Content) -> dict:
    return {
        "co_quan_chu_quan": content.issuer_parent.upper(),
        "co_quan": content.issuer.upper(),
        "so": content.number,
        "ky_hieu": content.symbol,
        "so_ky_hieu": nd30.number_line(content),
        "dia_danh": content.place,
        "ngay": content.dated.strftime("%d/%m/%Y"),
        "dia_danh_ngay": nd30.date_in_words(content.place, content.dated),
        "ten_loai": content.kind_title.upper(),
        "trich_yeu": content.summary,
        "noi_dung": [
            f"{label} {block.text}" if label else block.text
            for label, block in nd30.numbered(content.blocks)
            if block.style != nd30.TABLE
        ],
        "tham_quyen_ky": content.signature.lines(),
        "nguoi_ky": content.signature.name,
        "noi_nhan": list(content.recipients),
    }


def placeholders_used(data: bytes, name: str) -> set[str]:
    """The names the template uses (loop variables left out); ValidationError when it cannot be read."""
    try:
        template = DocxTemplate(io.BytesIO(data))
        return set(template.get_undeclared_template_variables(jinja_env=environment()))
    except TemplateError as error:
        raise ValidationError(BAD_TAG.format(name=name, error=error)) from error
    except (zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError, OSError) as error:
        raise ValidationError(DAMAGED.format(name=name)) from error


def validate(kind, data: bytes, name: str) -> None:
    used = placeholders_used(data, name)
    unknown = sorted(used - {code for code, _label in offered(kind)})
    if unknown:
        raise ValidationError(UNKNOWN.format(name=name, names=", ".join(unknown)), code="unknown")
    if not used:
        raise ValidationError(NO_PLACEHOLDER.format(name=name), code="empty")


def render(template_data: bytes, context: dict) -> bytes:
    template = DocxTemplate(io.BytesIO(template_data))
    template.render(context, jinja_env=environment(), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()
