"""Documents: generate the draft from live data, edit it, issue it (number, date, frozen file)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import save_audited
from thidua.core.uploads import save_private_file
from thidua.documents import nd30
from thidua.documents.models import Document
from thidua.documents.pdf import docx_to_pdf
from thidua.documents.registry import KINDS

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALREADY_ISSUED = _("Văn bản đã ban hành, không sửa được nữa.")


def phase_as_of(phase, today: datetime.date | None = None) -> datetime.date:
    """A report "as of a phase": the phase's last day, or today while the phase is still running."""
    today = today or timezone.localdate()
    return min(phase.ends_on, today)


def build_content(kind: str, subject, as_of: datetime.date) -> nd30.Content:
    return KINDS[kind].build(subject, as_of)


@transaction.atomic
def document_generate(*, kind: str, subject, as_of: datetime.date, user) -> Document:
    """A new draft of `kind` about `subject` (a plan…), with the figures as of `as_of`."""
    content = build_content(kind, subject, as_of)
    document = Document(
        organization=subject.organization,
        kind=kind,
        plan=subject,
        as_of=as_of,
        kind_title=content.kind_title,
        summary=content.summary,
        symbol=content.symbol,
        place=content.place,
        dated_on=content.dated,
        issuer_parent=content.issuer_parent,
        issuer=content.issuer,
        signer_authority=content.signature.authority,
        signer_on_behalf_of=content.signature.on_behalf_of,
        signer_title=content.signature.title,
        signer_name=content.signature.name,
        recipients=content.recipients,
        blocks=[block.as_json() for block in content.blocks],
        created_by=user,
    )
    return save_audited(document, user=user, reason=_("Tạo dự thảo từ số liệu"))


def _editable(document: Document) -> None:
    if document.is_issued:
        raise ValidationError(ALREADY_ISSUED)


@transaction.atomic
def document_edit(*, document: Document, user, fields: dict, texts: dict[int, str]) -> Document:
    """Save the office's changes: header fields, and the text of the body's blocks by position."""
    _editable(document)
    for name, value in fields.items():
        setattr(document, name, value)
    blocks = [dict(block) for block in document.blocks]
    for index, text in texts.items():
        if 0 <= index < len(blocks) and blocks[index]["style"] != nd30.TABLE:
            blocks[index]["text"] = text
    document.blocks = blocks
    return save_audited(document, user=user, reason=_("Sửa dự thảo"))


def file_name(document: Document, extension: str) -> str:
    number = document.number or "du-thao"
    return f"{document.kind}-{number}-{document.symbol}.{extension}".replace("/", "-")


@transaction.atomic
def document_issue(*, document: Document, user, number: str, dated_on: datetime.date) -> Document:
    """Record the number and date and freeze the .docx: what downloads from now on, byte for byte."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    _editable(document)
    number = number.strip()
    if not number:
        raise ValidationError(_("Nhập số văn bản."))
    if Document.objects.filter(
        organization=document.organization,
        symbol=document.symbol,
        number=number,
        dated_on__year=dated_on.year,
    ).exists():
        raise ValidationError(
            _("Số {number}/{symbol} năm {year} đã dùng cho một văn bản khác.").format(
                number=number, symbol=document.symbol, year=dated_on.year
            )
        )
    document.number, document.dated_on = number, dated_on
    document.status = Document.Status.ISSUED
    document.issued_by, document.issued_at = user, timezone.now()
    data = nd30.render_docx(document.content())
    upload = ContentFile(data, name=file_name(document, "docx"))
    upload.content_type = DOCX  # type: ignore[attr-defined]  # what save_private_file records
    save_private_file(document, upload)
    return save_audited(document, user=user, reason=_("Ban hành văn bản số {number}").format(number=number))


def docx_bytes(document: Document) -> bytes:
    """The issued file as it was frozen; a draft rendered from its current text."""
    if document.is_issued and document.file:
        with document.file.open("rb") as stored:
            return stored.read()
    return nd30.render_docx(document.content())


def pdf_bytes(document: Document) -> bytes:
    return docx_to_pdf(docx_bytes(document))
