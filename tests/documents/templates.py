"""Word files for the template tests: a .docx whose text holds docxtpl tags, as an upload."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document


def word_bytes(*paragraphs: str) -> bytes:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def word_template(*paragraphs: str, name: str = "mau-cua-so.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name,
        word_bytes(*paragraphs),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
