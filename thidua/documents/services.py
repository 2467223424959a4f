"""Documents: generate the draft from live data, edit it, issue it (number, date, frozen file)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import delete_audited, save_audited
from thidua.core.uploads import check_office_upload, save_private_file
from thidua.documents import nd30, templating
from thidua.documents.models import Document, DocumentTemplate
from thidua.documents.pdf import docx_to_pdf
from thidua.documents.registry import KINDS
from thidua.plans.models import Plan

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALREADY_ISSUED = _("Văn bản đã ban hành, không sửa được nữa.")


def phase_as_of(phase, today: datetime.date | None = None) -> datetime.date:
    """A report "as of a phase": the phase's last day, or today while the phase is still running."""
    today = today or timezone.localdate()
    return min(phase.ends_on, today)


def build_content(kind: str, subject, as_of: datetime.date) -> nd30.Content:
    return KINDS[kind].build(subject, as_of)


def build_data(kind: str, subject, as_of: datetime.date) -> dict:
    """The kind's figures for an agency's own template (lists, counts, amounts); {} for the plan reports."""
    make = KINDS[kind].data
    return make(subject, as_of) if make else {}


def render(kind: str, content: nd30.Content, data: dict, organization) -> bytes:
    """The .docx: from the agency's own template of the kind when it has one, else the built-in layout."""
    template = DocumentTemplate.objects.filter(organization=organization, kind=kind).first()
    if template is not None:
        with template.file.open("rb") as stored:
            return templating.render(stored.read(), templating.common_context(content) | data)
    layout = KINDS[kind].render
    return layout(content, data) if layout else nd30.render_docx(content)


def render_subject(kind: str, subject, as_of: datetime.date) -> bytes:
    """What `thidua documents render` and `demo` write: the document straight from the data."""
    return render(
        kind, build_content(kind, subject, as_of), build_data(kind, subject, as_of), subject.organization
    )


@transaction.atomic
def document_generate(*, kind: str, subject, as_of: datetime.date, user) -> Document:
    """A new draft of `kind` about `subject` (a plan, a decision, a meeting…), with the figures as of
    `as_of`; ValidationError when the subject cannot have one yet (a meeting still voting)."""
    content = build_content(kind, subject, as_of)
    is_plan = isinstance(subject, Plan)
    document = Document(
        organization=subject.organization,
        kind=kind,
        plan=subject if is_plan else None,
        subject_id=subject.pk,
        data=build_data(kind, subject, as_of),
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
        number=content.number,
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
    if (
        Document.objects.filter(
            organization=document.organization,
            symbol=document.symbol,
            number=number,
            dated_on__year=dated_on.year,
        )
        .exclude(pk=document.pk)
        .exists()
    ):
        raise ValidationError(
            _("Số {number}/{symbol} năm {year} đã dùng cho một văn bản khác.").format(
                number=number, symbol=document.symbol, year=dated_on.year
            )
        )
    document.number, document.dated_on = number, dated_on
    document.status = Document.Status.ISSUED
    document.issued_by, document.issued_at = user, timezone.now()
    data = render_document(document)
    upload = ContentFile(data, name=file_name(document, "docx"))
    upload.content_type = DOCX  # type: ignore[attr-defined]  # what save_private_file records
    save_private_file(document, upload)
    return save_audited(document, user=user, reason=_("Ban hành văn bản số {number}").format(number=number))


def render_document(document: Document) -> bytes:
    return render(document.kind, document.content(), document.data, document.organization)


def docx_bytes(document: Document) -> bytes:
    """The issued file as it was frozen; a draft rendered from its current text."""
    if document.is_issued and document.file:
        with document.file.open("rb") as stored:
            return stored.read()
    return render_document(document)


# ——— The agency's own templates ———


@transaction.atomic
def template_replace(*, organization, kind: str, upload, user) -> DocumentTemplate:
    """Use the agency's own .docx for `kind` from now on (drafts render with it; issued files keep theirs),
    after checking it: readable, no zip bomb, and only the placeholders the kind offers."""
    check_office_upload(upload)
    upload.seek(0)
    data = upload.read()
    templating.validate(KINDS[kind], data, upload.name)
    template = DocumentTemplate.objects.filter(organization=organization, kind=kind).first()
    if template is None:
        template = DocumentTemplate(organization=organization, kind=kind)
    elif template.file:
        template.file.delete(save=False)
    template.uploaded_by = user
    stored = ContentFile(data, name=f"{kind}.docx")
    stored.content_type = DOCX  # type: ignore[attr-defined]
    save_private_file(template, stored)
    template.original_name = upload.name[:255]
    return save_audited(
        template, user=user, reason=_("Thay mẫu văn bản của cơ quan: {name}").format(name=upload.name)
    )


@transaction.atomic
def template_reset(*, template: DocumentTemplate, user) -> None:
    """Back to the built-in layout: the agency's file is removed, the history keeps who did it."""
    template.file.delete(save=False)
    delete_audited(template, user=user, reason=_("Dùng lại mẫu mặc định"))


def pdf_bytes(document: Document) -> bytes:
    return docx_to_pdf(docx_bytes(document))
