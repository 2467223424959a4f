"""The plan reader: a Vietnamese administrative plan (Kế hoạch) in, a structured draft out.

    read_file(path) / read_bytes(data, filename) / read_text(text) -> PlanDraft
    PlanDraft.to_dict() -> the thidua.plan/v1 format (see FORMAT.md) plus `sections`,
    `responsibilities`, `text`, per-item `section` and `span`, and the header's
    `number`, `date` and `recipients`.

Pure Python (standard library, python-docx, pdfplumber); no Django. Whatever the input, the
only exception raised is ExtractionError, whose message is in Vietnamese for the user.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from .draft import (
    Deadline,
    Document,
    Phase,
    PlanDraft,
    Reference,
    Responsibility,
    Section,
    Signer,
    Target,
)
from .errors import ExtractionError
from .pipeline import MAX_CHARS, extract
from .readers import MAX_BYTES, MAX_UNPACKED_BYTES, bytes_to_text

__all__ = [
    "MAX_BYTES",
    "MAX_CHARS",
    "MAX_UNPACKED_BYTES",
    "Deadline",
    "Document",
    "ExtractionError",
    "Phase",
    "PlanDraft",
    "Reference",
    "Responsibility",
    "Section",
    "Signer",
    "Target",
    "read_bytes",
    "read_file",
    "read_text",
]


def read_text(text: str, *, max_chars: int = MAX_CHARS) -> PlanDraft:
    """Read a plan from its text."""
    return _guarded(lambda: extract(text if isinstance(text, str) else str(text), max_chars))


def read_bytes(
    data: bytes, filename: str, *, max_chars: int = MAX_CHARS, max_unpacked_bytes: int = MAX_UNPACKED_BYTES
) -> PlanDraft:
    """Read a plan from a file's bytes; the filename's extension says how to decode them.

    `max_chars` bounds the text (counted while a .docx or .pdf is read); `max_unpacked_bytes` what a
    .docx may unpack to, checked before it is opened. (Uploads are first inspected part by part by
    `thidua.core.uploads.check_office_upload`.)
    """
    if data is not None and len(data) > MAX_BYTES:
        raise ExtractionError("too_large")  # refused before any parsing
    limits = {"max_chars": max_chars, "max_unpacked_bytes": max_unpacked_bytes}
    return _guarded(lambda: extract(bytes_to_text(bytes(data or b""), filename or "", **limits), max_chars))


def read_file(path: str | os.PathLike[str]) -> PlanDraft:
    """Read a plan from a file on disk (.txt, .md, .docx, .pdf)."""
    try:
        if os.path.getsize(path) > MAX_BYTES:
            raise ExtractionError("too_large")
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise ExtractionError("not_found") from exc
    return read_bytes(data, os.fspath(path))


def _guarded(read: Callable[[], PlanDraft]) -> PlanDraft:
    """Run a read; any unexpected failure becomes ExtractionError("internal")."""
    try:
        return read()
    except ExtractionError:
        raise
    except Exception as exc:  # the contract: callers only ever see ExtractionError
        raise ExtractionError("internal") from exc
