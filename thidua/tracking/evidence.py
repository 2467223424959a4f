"""What an evidence file may be: a document or a picture of a known type, checked by its first bytes."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
OLE = b"\xd0\xcf\x11\xe0"  # legacy Word and Excel
ZIP = b"PK\x03\x04"  # .docx and .xlsx
SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (ZIP,),
    ".xlsx": (ZIP,),
    ".doc": (OLE,),
    ".xls": (OLE,),
}


def validate_evidence(upload) -> None:
    name = upload.name or ""
    extension = name[name.rfind(".") :].lower() if "." in name else ""
    if extension not in SIGNATURES:
        raise ValidationError(
            _("Tệp “%(name)s” không được nhận: chỉ nhận PDF, ảnh (PNG, JPG), Word hoặc Excel."),
            params={"name": name},
        )
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _("Tệp “%(name)s” nặng %(size)s, vượt giới hạn %(limit)s."),
            params={
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_EVIDENCE_BYTES),
            },
        )
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in SIGNATURES[extension]):
        raise ValidationError(
            _("Nội dung tệp “%(name)s” không đúng với đuôi %(extension)s: tệp bị hỏng hoặc bị đổi tên."),
            params={"name": name, "extension": extension},
        )
