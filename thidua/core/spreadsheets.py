"""Excel in and out, once for every app.

Out: `set_cell` writes every cell of every workbook the product produces, so that text a person typed
("=HYPERLINK(…)", "= 100%", "+84…", "@…") stays text and never becomes a formula.

In: `WorkbookImport` is the base of every import (reports, enterprises; staff and rewards next). It
inspects the upload before openpyxl opens it (`core.uploads.check_office_upload`), finds the header
row by its column names (in Vietnamese or in the person's language), reads the data rows up to a
bound, collects row-numbered Vietnamese errors, and applies a clean preview all or nothing, in one
transaction. A subclass says its columns and checks its rows; `PendingUploads` keeps the uploaded
bytes between the preview and the confirmation, and sweeps old ones.
"""

import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import load_workbook

from thidua.core.actions import error_text
from thidua.core.uploads import check_office_upload

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# ——— Out ———

# What makes a spreadsheet read a cell as a formula (OWASP, "CSV injection"): =, +, -, @, and a tab or
# carriage return before them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def workbook_response(data: bytes, filename: str) -> FileResponse:
    """A generated workbook as a download."""
    return FileResponse(BytesIO(data), as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


def set_cell(sheet, row: int, column: int, value):
    """Write `value` into a cell; text is always text (a string starting like a formula is kept as
    typed, stored as a string, and marked so that Excel keeps it text when the cell is edited)."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    return keep_text(cell)


def keep_text(cell):
    """A cell whose text starts like a formula, kept as text: stored as a string and marked so that
    Excel keeps it text when the cell is edited (also for the write-only cells of `core.exports`)."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


# ——— In ———

ROW = gettext_noop("Dòng {row}: {problem}")
ROW_COLUMN = gettext_noop("Dòng {row}, cột “{column}”: {problem}")
UNREADABLE = gettext_noop("Không đọc được tệp: đây không phải là bảng tính Excel (.xlsx) hợp lệ.")
NO_HEADER = gettext_noop("Không tìm thấy dòng tiêu đề có các cột {columns}.")
TOO_MANY_ROWS = gettext_noop("Tệp có hơn {limit} dòng số liệu; hãy chia thành nhiều tệp.")
UPLOAD_GONE = gettext_noop("Tệp đã tải lên không còn (đã nhập hoặc đã quá hạn). Hãy tải tệp lên lại.")


def normalise(text) -> str:
    """A header or a choice as compared: spaces collapsed, case folded."""
    return " ".join(str(text or "").split()).casefold()


def choice_codes(choices) -> dict[str, str]:
    """A model's choices by stored code, Vietnamese label and label in the current language, to the code."""
    codes = {normalise(code): code for code in choices.values}
    with translation.override("vi"):
        codes |= {normalise(label): code for code, label in choices.choices}
    return codes | {normalise(label): code for code, label in choices.choices}


class ImportRefused(Exception):
    """The workbook was not applied; `messages` say why, row by row."""

    def __init__(self, messages: list[str]):
        super().__init__(" ".join(messages))
        self.messages = messages


@dataclass
class ImportPreview:
    """What a workbook would change (`rows`, each with its sheet row `number`), or why it cannot."""

    rows: list = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def can_apply(self) -> bool:
        return bool(self.rows) and not self.errors


@dataclass
class SheetRow:
    """One data row as read: its number in the sheet and, per recognised column, (value, number format)."""

    number: int
    cells: dict

    def value(self, name: str):
        return self.cells.get(name, (None, None))[0]


class WorkbookImport:
    """Base of an import: read the first sheet of an upload into `SheetRow`s, or record why not.

    A subclass sets `columns` (field → Vietnamese header, marked with gettext_noop) and `required`
    (the fields that make a line the header), checks rows with `error()`, and writes one row of a
    clean preview in `write_row`; `apply` writes them all or none.
    """

    columns: dict[str, str] = {}
    required: tuple[str, ...] = ()
    header_search_rows = 20
    max_data_rows = 5000
    max_columns = 30
    no_header = NO_HEADER
    too_many_rows = TOO_MANY_ROWS
    # Errors a row's write may raise: reported with the row's number, and nothing is written.
    write_errors: tuple[type[Exception], ...] = (ValidationError,)
    sheet_row: type[SheetRow] = SheetRow

    def __init__(self, preview: ImportPreview):
        self.preview = preview
        self.row_errors: list[tuple[int, str]] = []

    def label(self, name: str) -> str:
        return _(self.columns[name])

    def error(self, row: int, problem: str, column: str | None = None) -> None:
        """Record a problem of sheet row `row` (and of a column): errors are listed by row."""
        if column is None:
            message = _(ROW).format(row=row, problem=problem)
        else:
            message = _(ROW_COLUMN).format(row=row, column=self.label(column), problem=problem)
        self.row_errors.append((row, message))

    def finish(self) -> ImportPreview:
        """The preview, with the row errors after the file's own, in row order."""
        self.preview.errors += [message for _row, message in sorted(self.row_errors, key=lambda e: e[0])]
        return self.preview

    def read(self, file) -> list[SheetRow]:
        """The data rows under the header; an empty list (with the reason in the preview) when none."""
        try:
            check_office_upload(file, name=getattr(file, "name", None) or _("bảng tính"))
        except ValidationError as refused:
            if refused.code == "office_corrupt":
                self.preview.errors.append(_(UNREADABLE))
            else:
                self.preview.errors += refused.messages
            return []
        try:
            workbook = load_workbook(file, read_only=True, data_only=True)
            try:
                return self._rows(workbook.worksheets[0])
            finally:
                workbook.close()
        except Exception:  # an upload may be any bytes; whatever breaks the reader, the answer is the same
            self.preview.errors.append(_(UNREADABLE))
            return []

    def _rows(self, sheet) -> list[SheetRow]:
        lines = sheet.iter_rows(max_col=self.max_columns)
        header, header_row = None, 0
        for header_row, cells in enumerate(lines, start=1):
            header = self.header(cells)
            if header or header_row >= self.header_search_rows:
                break
        if not header:
            labels = {name: self.label(name) for name in self.required}
            columns = ", ".join(f"“{label}”" for label in labels.values())
            self.preview.errors.append(_(self.no_header).format(columns=columns, **labels))
            return []
        rows: list[SheetRow] = []
        for number, cells in enumerate(lines, start=header_row + 1):
            values = {
                name: (cells[i].value, getattr(cells[i], "number_format", None))
                for i, name in header.items()
                if i < len(cells)
            }
            if all(value is None or str(value).strip() == "" for value, _format in values.values()):
                continue
            if len(rows) == self.max_data_rows:
                self.preview.errors.append(_(self.too_many_rows).format(limit=self.max_data_rows))
                return []
            rows.append(self.sheet_row(number=number, cells=values))
        return rows

    def header(self, cells) -> dict[int, str] | None:
        """Column index → field, when this line is the header (every required column, none twice)."""
        names = {}
        for name, header in self.columns.items():
            names[normalise(header)] = name
            names[normalise(_(header))] = name
        found = {i: names[normalise(c.value)] for i, c in enumerate(cells) if normalise(c.value) in names}
        fields = set(found.values())
        return found if set(self.required) <= fields and len(fields) == len(found) else None

    @classmethod
    def apply(cls, preview: ImportPreview, user) -> int:
        """Write every row of a clean preview in one transaction; on any error nothing is written."""
        if preview.errors:
            raise ImportRefused(preview.errors)
        with transaction.atomic():
            for row in preview.rows:
                try:
                    cls.write_row(preview, row, user)
                except cls.write_errors as error:
                    problem = error_text(error)
                    raise ImportRefused([_(ROW).format(row=row.number, problem=problem)]) from error
        return len(preview.rows)

    @classmethod
    def write_row(cls, preview: ImportPreview, row, user) -> None:
        """Write one row of a clean preview (inside the import's transaction)."""
        raise NotImplementedError


class PendingUploads:
    """Uploaded workbooks waiting for the person to confirm the preview.

    The bytes go to MEDIA_ROOT/tmp/excel/<token>.xlsx and the session only keeps token → owner (the
    unit, the agency… the import is for): a workbook may weigh 5 MB, and a database session is read
    on every request. The session ties the token to the person and the owner; files older than a day
    are swept at each new upload. Each import names its own SESSION_KEY.
    """

    SESSION_KEY = "core.excel_uploads"
    MAX_AGE_SECONDS = 24 * 60 * 60
    TOKEN = re.compile(r"^[0-9a-f]{32}$")

    def __init__(self, session):
        self.session = session

    @staticmethod
    def folder() -> Path:
        return Path(settings.MEDIA_ROOT) / "tmp" / "excel"

    def _path(self, token: str) -> Path:
        return self.folder() / f"{token}.xlsx"

    def stash(self, owner, data: bytes) -> str:
        self._sweep()
        token = secrets.token_hex(16)
        self.folder().mkdir(parents=True, exist_ok=True)
        self._path(token).write_bytes(data)
        self.session[self.SESSION_KEY] = {**self.session.get(self.SESSION_KEY, {}), token: owner.pk}
        return token

    def load(self, owner, token: str) -> bytes | None:
        if not self.TOKEN.match(token or "") or self.session.get(self.SESSION_KEY, {}).get(token) != owner.pk:
            return None
        try:
            return self._path(token).read_bytes()
        except FileNotFoundError:
            return None

    def take(self, owner, token: str) -> bytes | None:
        """The workbook, for one confirmation only: the file is claimed by renaming it (atomic), so of
        two confirmations at once (a double click, two tabs) only one gets the bytes; the other gets
        None, as for an upload already used or expired."""
        if self.load(owner, token) is None:
            return None
        claimed = self._path(token).with_suffix(f".{secrets.token_hex(8)}.taken")
        try:
            self._path(token).rename(claimed)
        except FileNotFoundError:
            return None
        try:
            return claimed.read_bytes()
        finally:
            claimed.unlink(missing_ok=True)

    def discard(self, token: str) -> None:
        pending = dict(self.session.get(self.SESSION_KEY, {}))
        if pending.pop(token, None) is not None:
            self.session[self.SESSION_KEY] = pending
            self._path(token).unlink(missing_ok=True)

    def _sweep(self) -> None:
        if not self.folder().is_dir():
            return
        oldest = time.time() - self.MAX_AGE_SECONDS
        for path in self.folder().glob("*.xlsx"):
            if path.stat().st_mtime < oldest:
                path.unlink(missing_ok=True)


def import_post(
    request,
    *,
    owner,
    form,
    pending: PendingUploads,
    parse: Callable[[BytesIO], ImportPreview],
    apply: Callable[[ImportPreview, object], int],
    preview_template: str,
    context: dict,
    upload_url: str,
    done: Callable[[int], object],
):
    """The POSTs of an import page: an uploaded file shows its preview (its bytes kept for the
    confirmation); a confirmation reads them again, re-checks every row and applies them all or none.

    Returns None when the upload form is to be shown (a GET, or a form with errors). `done(count)`
    answers a successful import (a message and a redirect).
    """
    if request.method != "POST":
        return None
    if "token" in request.POST:
        token = request.POST["token"]
        data = pending.take(owner, token)
        if data is None:
            messages.error(request, _(UPLOAD_GONE))
            return redirect(upload_url)
        preview = parse(BytesIO(data))
        try:
            count = apply(preview, request.user)
        except ImportRefused as refused:
            preview.errors = refused.messages
            return render(request, preview_template, {**context, "preview": preview, "token": ""})
        finally:
            pending.discard(token)
        return done(count)
    if not form.is_valid():
        return None
    data = form.cleaned_data["file"].read()
    preview = parse(BytesIO(data))
    token = pending.stash(owner, data) if preview.can_apply else ""
    return render(request, preview_template, {**context, "preview": preview, "token": token})
