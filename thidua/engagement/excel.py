"""The enterprise registry from an Excel workbook: every row checked first, then all written or none.

Row errors name the sheet row; a tax code already in the registry updates that enterprise.
"""

from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import load_workbook

from thidua.core.audit import save_audited
from thidua.org.models import Enterprise
from thidua.tracking.excel import PendingUploads

MAX_DATA_ROWS = 5000
HEADER_SEARCH_ROWS = 20
ROW = gettext_noop("Dòng {row}: {problem}")
ROW_COLUMN = gettext_noop("Dòng {row}, cột “{column}”: {problem}")
DUPLICATE = gettext_noop("mã số thuế {tax_code} đã có ở dòng {other}.")
UNKNOWN_CHOICE = gettext_noop("“{text}” không có trong danh sách; hãy chọn một trong: {choices}.")
UNREADABLE = gettext_noop("Không đọc được tệp: đây không phải là bảng tính Excel (.xlsx) hợp lệ.")
NO_HEADER = gettext_noop("Không tìm thấy dòng tiêu đề có cột “Tên doanh nghiệp” và cột “Mã số thuế”.")
TOO_MANY_ROWS = gettext_noop("Tệp có hơn {limit} dòng; hãy chia thành nhiều tệp.")

# Field → Vietnamese header (recognised in Vietnamese or in the current language).
COLUMNS = {
    "name": gettext_noop("Tên doanh nghiệp"),
    "tax_code": gettext_noop("Mã số thuế"),
    "sector": gettext_noop("Lĩnh vực"),
    "ownership": gettext_noop("Loại hình sở hữu"),
    "size": gettext_noop("Quy mô"),
    "address": gettext_noop("Địa chỉ"),
    "representative": gettext_noop("Người đại diện"),
    "email": gettext_noop("Thư điện tử"),
    "phone": gettext_noop("Điện thoại"),
}
CHOICE_FIELDS = {"sector": Enterprise.Sector, "ownership": Enterprise.Ownership, "size": Enterprise.Size}


class EnterpriseRowForm(forms.ModelForm):
    """One row, checked by the model's own rules (tax code validator, choices)."""

    class Meta:
        model = Enterprise
        fields = list(COLUMNS)


def _normalise(text) -> str:
    return " ".join(str(text or "").split()).casefold()


def _choice_codes(choices) -> dict[str, str]:
    codes = {_normalise(code): code for code in choices.values}
    with translation.override("vi"):
        codes |= {_normalise(label): code for code, label in choices.choices}
    return codes | {_normalise(label): code for code, label in choices.choices}


@dataclass
class EnterpriseRow:
    number: int
    values: dict
    existing: Enterprise | None


@dataclass
class ImportPreview:
    organization: object
    rows: list[EnterpriseRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def can_apply(self) -> bool:
        return bool(self.rows) and not self.errors

    @property
    def new_count(self) -> int:
        return sum(1 for row in self.rows if row.existing is None)


class ImportRefused(Exception):
    def __init__(self, messages: list[str]):
        super().__init__(" ".join(messages))
        self.messages = messages


class PendingEnterpriseUploads(PendingUploads):
    """Uploaded registries waiting for confirmation, keyed by organization instead of unit."""

    SESSION_KEY = "engagement.enterprise_uploads"


class EnterpriseWorkbookImport:
    def __init__(self, organization):
        self.organization = organization
        self.preview = ImportPreview(organization=organization)
        self.existing = {e.tax_code: e for e in Enterprise.objects.filter(organization=organization)}

    def run(self, file) -> ImportPreview:
        try:
            workbook = load_workbook(file, read_only=True, data_only=True)
            try:
                lines = list(workbook.worksheets[0].iter_rows(max_col=len(COLUMNS) + 5, values_only=True))
            finally:
                workbook.close()
        except Exception:  # an upload may be any bytes; whatever breaks the reader, the answer is the same
            self.preview.errors.append(_(UNREADABLE))
            return self.preview
        header_at, header = next(
            ((i, h) for i, line in enumerate(lines[:HEADER_SEARCH_ROWS]) if (h := self._header(line))),
            (0, None),
        )
        if header is None:
            self.preview.errors.append(_(NO_HEADER))
            return self.preview
        data = [(n, line) for n, line in enumerate(lines[header_at + 1 :], start=header_at + 2) if any(line)]
        if len(data) > MAX_DATA_ROWS:
            self.preview.errors.append(_(TOO_MANY_ROWS).format(limit=MAX_DATA_ROWS))
            return self.preview
        seen: dict[str, int] = {}
        choices = {name: _choice_codes(kind) for name, kind in CHOICE_FIELDS.items()}
        for number, line in data:
            values = {name: str(line[i]).strip() if line[i] is not None else "" for i, name in header.items()}
            self._check(number, values, seen, choices)
        return self.preview

    @staticmethod
    def _header(line) -> dict[int, str] | None:
        names = {}
        for name, header in COLUMNS.items():
            names[_normalise(header)] = name
            names[_normalise(_(header))] = name
        found = {i: names[_normalise(cell)] for i, cell in enumerate(line) if _normalise(cell) in names}
        return found if {"name", "tax_code"} <= set(found.values()) else None

    def _error(self, number: int, problem: str, column: str | None = None) -> None:
        if column is None:
            self.preview.errors.append(_(ROW).format(row=number, problem=problem))
        else:
            label = _(COLUMNS[column])
            self.preview.errors.append(_(ROW_COLUMN).format(row=number, column=label, problem=problem))

    def _check(self, number: int, values: dict, seen: dict, choices: dict) -> None:
        errors_before = len(self.preview.errors)
        for name, codes in choices.items():
            text = values.get(name, "")
            if text and _normalise(text) not in codes:
                labels = ", ".join(str(label) for label in CHOICE_FIELDS[name].labels)
                self._error(number, _(UNKNOWN_CHOICE).format(text=text, choices=labels), name)
            elif text:
                values[name] = codes[_normalise(text)]
        tax_code = values.get("tax_code", "")
        if tax_code in seen:
            self._error(number, _(DUPLICATE).format(tax_code=tax_code, other=seen[tax_code]), "tax_code")
        seen.setdefault(tax_code, number)
        if len(self.preview.errors) > errors_before:
            return
        existing = self.existing.get(tax_code)
        form = EnterpriseRowForm(values, instance=Enterprise(organization=self.organization))
        if not form.is_valid():
            for name, messages in form.errors.items():
                self._error(number, " ".join(messages), name if name in COLUMNS else None)
            return
        self.preview.rows.append(EnterpriseRow(number, form.cleaned_data, existing))


def parse_workbook(file, organization) -> ImportPreview:
    """What an uploaded registry would add or update, and every reason it cannot be applied."""
    return EnterpriseWorkbookImport(organization).run(file)


@transaction.atomic
def apply_import(preview: ImportPreview, user) -> int:
    """Write every row of a clean preview in one transaction; on any error nothing is written."""
    if preview.errors:
        raise ImportRefused(preview.errors)
    for row in preview.rows:
        enterprise = row.existing or Enterprise(organization=preview.organization)
        for name, value in row.values.items():
            setattr(enterprise, name, value)
        save_audited(enterprise, user=user, reason=_("Nhập danh sách doanh nghiệp từ Excel"))
    return len(preview.rows)
