"""File bytes to text: .txt/.md (UTF-8, UTF-8 or UTF-16 with BOM), .docx, .pdf.

Every failure becomes an ExtractionError with a Vietnamese message the user can act on:
an empty file, binary garbage, a broken Word or PDF file, a scanned PDF without a text
layer, a file that is too large, or a type the reader does not know.

Bounds come in as arguments (the Django side passes its settings, and inspects every uploaded
.docx with `thidua.core.uploads.check_office_upload` before calling the reader): the unpacked size
of a .docx is checked before python-docx opens it, and the text of a .docx or .pdf is counted
while it is read, so a document of a million tiny paragraphs stops at the limit.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterable
from typing import Any

from .errors import ExtractionError
from .pipeline import MAX_CHARS, too_long

MAX_BYTES = 20 * 1024 * 1024
# A .docx is a zip: refuse one that would unpack to more than this (a "zip bomb").
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_PDF_PAGES = 1000
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


def bytes_to_text(
    data: bytes, filename: str, *, max_chars: int = MAX_CHARS, max_unpacked_bytes: int = MAX_UNPACKED_BYTES
) -> str:
    """The text of a file, by its extension (or, without a known one, by its first bytes).

    A .docx or .pdf stops being read once its text passes twice `max_chars` (the most `extract`
    accepts before normalising spaces).
    """
    if len(data) > MAX_BYTES:
        raise ExtractionError("too_large")
    if not data.strip():
        raise ExtractionError("empty")
    name = (filename or "").lower()
    if name.endswith(".docx") or (not _known(name) and _is_docx(data)):
        return docx_text(data, max_chars=max_chars, max_unpacked_bytes=max_unpacked_bytes)
    if name.endswith(".pdf") or (not _known(name) and data.startswith(b"%PDF")):
        return pdf_text(data, max_chars=max_chars)
    if name.endswith((".doc", ".rtf", ".odt", ".xls", ".xlsx", ".ppt", ".pptx")):
        raise ExtractionError("unsupported_type")
    return plain_text(data)


def _known(name: str) -> bool:
    return name.endswith((".docx", ".pdf", *TEXT_SUFFIXES))


def _is_docx(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04") and b"word/" in data[:4096]


def plain_text(data: bytes) -> str:
    """Decode a text file: a BOM decides; otherwise it must be UTF-8."""
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            text = data[3:].decode("utf-8")
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExtractionError("binary" if _looks_binary(data) else "encoding") from exc
    if _looks_binary(text):
        raise ExtractionError("binary")
    if not text.strip():
        raise ExtractionError("empty")
    return text


def _looks_binary(content: bytes | str) -> bool:
    """NUL characters or many control characters: not a text document."""
    sample = content[:8192]
    if isinstance(sample, bytes):
        sample = sample.decode("latin-1")
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > max(8, len(sample) // 50)


class Lines(list[str]):
    """Lines of text that refuse to grow past a number of characters (checked at each line)."""

    def __init__(self, max_chars: int):
        super().__init__()
        self.max_chars, self.budget = max_chars, 2 * max_chars

    def append(self, line: str) -> None:
        self.budget -= len(line) + 1
        if self.budget < 0:
            raise too_long(self.max_chars)
        super().append(line)


def docx_text(
    data: bytes, *, max_chars: int = MAX_CHARS, max_unpacked_bytes: int = MAX_UNPACKED_BYTES
) -> str:
    """Paragraphs and table cells of a Word file, in document order."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > max_unpacked_bytes:
                raise ExtractionError("too_large")
        import docx

        document = docx.Document(io.BytesIO(data))
        lines = Lines(max_chars)
        _block_lines(document.iter_inner_content(), lines, depth=0)
    except ExtractionError:
        raise
    except Exception as exc:  # python-docx and zipfile raise many kinds on a broken file
        raise ExtractionError("corrupt_docx") from exc
    return "\n".join(lines)


def _block_lines(blocks: Iterable[Any], lines: Lines, depth: int) -> None:
    """Append the text of paragraphs and tables (recursively, for tables in cells)."""
    from docx.table import Table

    for block in blocks:
        if isinstance(block, Table):
            if depth < 5:
                _table_lines(block, lines, depth)
        else:
            lines.append(block.text)


def _table_lines(table: Any, lines: Lines, depth: int) -> None:
    """A row of one-line cells becomes one tab-separated line; other cells are read one by one."""
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) not in seen:  # a merged cell repeats across the columns it spans
                seen.add(id(cell._tc))
                cells.append(cell)
        simple = all(len(c.paragraphs) <= 1 and not c.tables for c in cells)
        if simple:
            lines.append("\t".join(c.text.strip() for c in cells))
            continue
        for cell in cells:
            _block_lines(cell.iter_inner_content(), lines, depth + 1)
            lines.append("")


def pdf_text(data: bytes, *, max_chars: int = MAX_CHARS) -> str:
    """The text layer of every page; no text at all means a scanned PDF."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        import pdfplumber

        pages = Lines(max_chars)
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise ExtractionError("too_large")
            for page in pdf.pages:
                pages.append(page.extract_text() or "")
                page.close()  # pdfplumber keeps each page's objects until closed
    except ExtractionError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on a broken or encrypted file
        raise ExtractionError("corrupt_pdf") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise ExtractionError("scanned_pdf")
    return text
