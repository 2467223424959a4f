"""Files in and out, once for every app: what an upload may be, how it is kept, how it is served.

- Checks (form validators, each raising a Vietnamese ValidationError that names the file):
  `validate_evidence` (a document or picture of a known type), `validate_workbook` (an .xlsx to
  import), `check_office_upload` (any .docx/.xlsx: no zip bomb, see `core.office`) and
  `check_pdf_upload` (no JavaScript, launch action or embedded file).
- Keeping: `save_private_file(row, upload)` stores the bytes under MEDIA_ROOT (never served as
  media) and fills the row's `original_name`, `content_type` and `size` where it has them.
- Keeping across a refusal: `UploadKeeper(request, key)` holds a chosen file while the form is
  corrected, so the person does not choose it again.
- Serving: `private_file_response(request, queryset, pk=…)` finds the row the person may see
  (`visible_to`, 404 otherwise) and sends its file as an attachment under its original name.
"""

import contextlib
import re
import secrets
import time
import zlib
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from thidua.core.office import MESSAGES as OFFICE_MESSAGES
from thidua.core.office import OfficeLimits, OfficeProblem, inspect_office

MB = 1024 * 1024
MAX_EVIDENCE_BYTES = 10 * MB
MAX_WORKBOOK_BYTES = 5 * MB
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
OFFICE_EXTENSIONS = (".docx", ".xlsx")


def extension_of(name: str) -> str:
    return name[name.rfind(".") :].lower() if "." in name else ""


def _check_size(upload, limit: int) -> None:
    if upload.size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” nặng %(size)s, vượt giới hạn %(limit)s."),
            params={"name": upload.name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )


def validate_evidence(upload) -> None:
    """A proof file: PDF, picture, Word or Excel, ≤ 10 MB, its first bytes matching its extension,
    an Office file that unpacks to a sane size, a PDF without scripts or embedded files."""
    name = upload.name or ""
    extension = extension_of(name)
    if extension not in SIGNATURES:
        raise ValidationError(
            _("Tệp “%(name)s” không được nhận: chỉ nhận PDF, ảnh (PNG, JPG), Word hoặc Excel."),
            params={"name": name},
        )
    _check_size(upload, MAX_EVIDENCE_BYTES)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in SIGNATURES[extension]):
        raise ValidationError(
            _("Nội dung tệp “%(name)s” không đúng với đuôi %(extension)s: tệp bị hỏng hoặc bị đổi tên."),
            params={"name": name, "extension": extension},
        )
    if extension in OFFICE_EXTENSIONS:
        check_office_upload(upload)
    elif extension == ".pdf":
        check_pdf_upload(upload)


def validate_workbook(upload) -> None:
    """An Excel workbook to import: .xlsx, ≤ 5 MB, a zip that unpacks to a sane size."""
    name = upload.name or ""
    if extension_of(name) != ".xlsx":
        raise ValidationError(
            _("Tệp “%(name)s” không được nhận: chỉ nhận bảng tính Excel .xlsx."), params={"name": name}
        )
    _check_size(upload, MAX_WORKBOOK_BYTES)
    head = upload.read(4)
    upload.seek(0)
    if head != ZIP:
        raise ValidationError(
            _("Tệp “%(name)s” bị hỏng hoặc không phải là tệp .xlsx."), params={"name": name}
        )
    try:
        check_office_upload(upload)
    except ValidationError as refused:
        if refused.code != "office_corrupt":  # a damaged workbook is explained by the import's preview
            raise


# ——— Office files: refused before parsing when they would unpack too far ———


def office_limits() -> OfficeLimits:
    """The bounds of `core.office`, from settings (UPLOAD_OFFICE_*, UPLOAD_XLSX_*, UPLOAD_DOCX_*)."""
    return OfficeLimits(
        max_members=settings.UPLOAD_OFFICE_MAX_MEMBERS,
        max_unpacked_bytes=settings.UPLOAD_OFFICE_MAX_UNPACKED_MB * MB,
        max_member_bytes=settings.UPLOAD_OFFICE_MAX_MEMBER_MB * MB,
        max_ratio=settings.UPLOAD_OFFICE_MAX_RATIO,
        max_shared_strings=settings.UPLOAD_XLSX_MAX_SHARED_STRINGS,
        max_paragraphs=settings.UPLOAD_DOCX_MAX_PARAGRAPHS,
    )


def office_problem_message(problem: OfficeProblem) -> str:
    """The problem in the person's language, sizes written as Django writes them (5,0 MB)."""
    return problem.render(_(OFFICE_MESSAGES[problem.code]), filesizeformat)


def check_office_upload(upload, name: str | None = None) -> None:
    """Refuse a .docx/.xlsx (an upload, or any seekable binary file) that is not a zip or is over a limit."""
    try:
        inspect_office(upload, name or getattr(upload, "name", "") or "", office_limits())
    except OfficeProblem as problem:
        raise ValidationError(office_problem_message(problem), code=f"office_{problem.code}") from problem


# ——— PDF: no active content in evidence ———

# What a PDF may not carry: scripts (/JS, /JavaScript), actions that start programs (/Launch), files
# inside the file (/EmbeddedFiles, /EmbeddedFile, /EF). Names may hide letters as #xx escapes.
PDF_ACTIVE_NAMES = {b"JS", b"JavaScript", b"Launch", b"EmbeddedFiles", b"EmbeddedFile", b"EF"}
PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
PDF_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
PDF_STREAM = re.compile(rb"stream\r?\n")
# How much of a PDF's compressed object streams is unpacked to look inside, at most.
PDF_UNPACK_BUDGET = 64 * MB


def check_pdf_upload(upload) -> None:
    """Refuse a PDF with JavaScript, a launch action or embedded files (refused, not flagged: evidence is
    read by reviewers in their browser or reader, and nothing legitimate needs them)."""
    data = upload.read()
    upload.seek(0)
    if pdf_has_active_content(data):
        raise ValidationError(
            _(
                "Tệp PDF “%(name)s” chứa mã JavaScript, lệnh chạy chương trình hoặc tệp đính kèm bên trong, "
                "nên không được nhận làm minh chứng. Hãy in lại tệp ra PDF thường (Microsoft Print to PDF, "
                "Save as PDF) rồi tải lên."
            ),
            params={"name": upload.name},
            code="pdf_active",
        )


def pdf_has_active_content(data: bytes, budget: int = PDF_UNPACK_BUDGET) -> bool:
    """Whether the PDF names a script, a launch action or an embedded file anywhere.

    The names are read from the file's bytes and from inside its compressed object streams (PDF 1.5
    keeps most dictionaries there), each unpacked through a bounded decompressor: a PDF is never
    parsed in full, so a "stream bomb" costs nothing. Object streams that would unpack past the
    budget count as suspect.
    """
    if _names_active(data):
        return True
    for match in PDF_STREAM.finditer(data):
        dictionary = data[max(0, match.start() - 1024) : match.start()]
        dictionary = dictionary[dictionary.rfind(b"obj") :]
        if b"/ObjStm" not in dictionary or b"/FlateDecode" not in dictionary:
            continue
        decompressor = zlib.decompressobj()
        try:
            content = decompressor.decompress(data[match.end() :], budget)
        except zlib.error:
            continue
        budget -= len(content)
        if decompressor.unconsumed_tail or budget <= 0 or _names_active(content):
            return True
    return False


def _names_active(data: bytes) -> bool:
    for match in PDF_NAME.finditer(data):
        name = match[1]
        if b"#" in name:
            name = PDF_ESCAPE.sub(lambda escape: bytes([int(escape[1], 16)]), name)
        if name in PDF_ACTIVE_NAMES:
            return True
    return False


# ——— Keeping and serving private files ———


def save_private_file(row, upload, *, field: str = "file") -> None:
    """Store `upload` in the row's file field (not saving the row) and note what was uploaded.

    The row's model decides where (its `upload_to`, under MEDIA_ROOT, which is never served); the
    name, type and size are set on the fields of `core.models.PrivateFile` the row has.
    """
    getattr(row, field).save(upload.name, upload, save=False)
    known = {
        "original_name": upload.name[:255],
        "content_type": getattr(upload, "content_type", "") or "application/octet-stream",
        "size": upload.size,
    }
    names = {f.name for f in row._meta.concrete_fields}
    for name, value in known.items():
        if name in names:
            setattr(row, name, value)


def private_file_response(request, queryset, *, pk: int, field: str = "file", filename=None) -> FileResponse:
    """The file of the row `pk` of `queryset` that the person may see (404 otherwise), as a download.

    `queryset.visible_to(user)` decides who sees what (the model's one access rule); the download
    is named after the row's `original_name`, or `filename(row)` when given.
    """
    row = get_object_or_404(queryset.visible_to(request.user), pk=pk)
    stored = getattr(row, field)
    if not stored:
        raise Http404
    name = filename(row) if filename else row.original_name
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name)


# ——— Keeping an upload across a refused form ———

KEPT_FOLDER = "kept-uploads"
KEPT_SESSION_KEY = "kept_uploads"
KEPT_MAX_AGE_SECONDS = 24 * 3600
KEPT_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class UploadKeeper:
    """A file chosen on a form that was refused for another field is kept, so the person does not
    choose it again: the bytes wait under MEDIA_ROOT/kept-uploads (private, never served), the
    session remembers which form (`key`) and field they belong to.

        keeper = UploadKeeper(request, f"initiative-{pk}")
        form = AttachmentForm(request.POST or None, keeper.files() or None)
        if form.is_valid() and …: save; keeper.forget()
        else: keeper.keep(form)      # the field then shows "Đã chọn: tên-tệp (giữ lại)"

    A new choice replaces the kept file; a file refused by its own field is not kept; a page
    opened afresh (GET) forgets what was kept for it.
    """

    def __init__(self, request, key: str):
        self.request, self.key = request, key
        if request.method != "POST":
            self.forget()

    @staticmethod
    def folder() -> Path:
        return Path(settings.MEDIA_ROOT) / KEPT_FOLDER

    def _kept(self) -> dict:
        return dict(self.request.session.get(KEPT_SESSION_KEY, {}).get(self.key, {}))

    def _remember(self, kept: dict) -> None:
        everything = dict(self.request.session.get(KEPT_SESSION_KEY, {}))
        if not kept and self.key not in everything:
            return
        if kept:
            everything[self.key] = kept
        else:
            everything.pop(self.key, None)
        self.request.session[KEPT_SESSION_KEY] = everything

    def _path(self, token: str) -> Path | None:
        return self.folder() / token if KEPT_TOKEN.match(token or "") else None

    def files(self, prefix: str | None = None):
        """The posted files, each file field left empty filled from what was kept for it."""
        files = self.request.FILES.copy()
        for name, entry in self._kept().items():
            if files.get(name):
                continue
            path = self._path(entry.get("token", ""))
            if path is None or not path.is_file():
                continue
            upload = SimpleUploadedFile(entry["name"], path.read_bytes(), entry.get("content_type") or "")
            upload.kept_token = entry["token"]  # type: ignore[attr-defined]
            files[name] = upload
        return files

    def keep(self, form) -> None:
        """After a refusal: keep each file of `form` that its own field accepted, and say so on the field."""
        kept = self._kept()
        for name, field in form.fields.items():
            if not isinstance(field, forms.FileField):
                continue
            key = form.add_prefix(name)
            upload = form.files.get(key) if form.files else None
            if not upload or name in form.errors:
                self._discard(kept.pop(key, None))
                continue
            token = getattr(upload, "kept_token", None)
            if token is None or token != kept.get(key, {}).get("token"):  # a new choice
                self._discard(kept.pop(key, None))
                kept[key] = self._store(upload)
            field.kept_name = upload.name  # type: ignore[attr-defined]
            form.initial[name] = upload.name  # a chosen file: the input is no longer `required`
        self._remember(kept)
        self._purge_old()

    def forget(self) -> None:
        """The form went through (or is opened afresh): drop what was kept for it."""
        for entry in self._kept().values():
            self._discard(entry)
        if self.key in self.request.session.get(KEPT_SESSION_KEY, {}):
            self._remember({})

    def _store(self, upload) -> dict:
        folder = self.folder()
        folder.mkdir(parents=True, exist_ok=True)
        token = secrets.token_urlsafe(24)
        upload.seek(0)
        with open(folder / token, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        upload.seek(0)
        content_type = getattr(upload, "content_type", "") or ""
        return {"token": token, "name": upload.name[:255], "content_type": content_type}

    def _discard(self, entry: dict | None) -> None:
        path = self._path((entry or {}).get("token", ""))
        if path is not None:
            path.unlink(missing_ok=True)

    def _purge_old(self) -> None:
        """Files kept for forms never finished go after a day."""
        limit = time.time() - KEPT_MAX_AGE_SECONDS
        for path in self.folder().glob("*"):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < limit:
                    path.unlink()
