"""The enterprise registry from an Excel workbook: every row checked first, then all written or none.

Row errors name the sheet row; a tax code already in the registry updates that enterprise.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.core import spreadsheets
from thidua.core.audit import save_audited
from thidua.core.spreadsheets import ImportRefused, choice_codes, normalise
from thidua.org.models import Enterprise

__all__ = ["ImportRefused"]
MAX_DATA_ROWS = 5000
HEADER_SEARCH_ROWS = 20
DUPLICATE = gettext_noop("mã số thuế {tax_code} đã có ở dòng {other}.")
UNKNOWN_CHOICE = gettext_noop("“{text}” không có trong danh sách; hãy chọn một trong: {choices}.")
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


@dataclass
class EnterpriseRow:
    number: int
    values: dict
    existing: Enterprise | None


@dataclass
class ImportPreview(spreadsheets.ImportPreview):
    organization: object = None

    @property
    def new_count(self) -> int:
        return sum(1 for row in self.rows if row.existing is None)


class PendingEnterpriseUploads(spreadsheets.PendingUploads):
    """Uploaded registries waiting for confirmation, keyed by organization."""

    SESSION_KEY = "engagement.enterprise_uploads"


class EnterpriseWorkbookImport(spreadsheets.WorkbookImport):
    columns = COLUMNS
    required = ("name", "tax_code")
    header_search_rows = HEADER_SEARCH_ROWS
    max_data_rows = MAX_DATA_ROWS
    max_columns = len(COLUMNS) + 5
    no_header = NO_HEADER
    too_many_rows = TOO_MANY_ROWS

    def __init__(self, organization):
        super().__init__(ImportPreview(organization=organization))
        self.organization = organization
        self.existing = {e.tax_code: e for e in Enterprise.objects.filter(organization=organization)}

    def run(self, file) -> ImportPreview:
        seen: dict[str, int] = {}
        choices = {name: choice_codes(kind) for name, kind in CHOICE_FIELDS.items()}
        for row in self.read(file):
            values = {name: str(row.value(name) or "").strip() for name in row.cells}
            self._check(row.number, values, seen, choices)
        return self.finish()

    def _check(self, number: int, values: dict, seen: dict, choices: dict) -> None:
        errors_before = len(self.row_errors)
        for name, codes in choices.items():
            text = values.get(name, "")
            if text and normalise(text) not in codes:
                labels = ", ".join(str(label) for label in CHOICE_FIELDS[name].labels)
                self.error(number, _(UNKNOWN_CHOICE).format(text=text, choices=labels), name)
            elif text:
                values[name] = codes[normalise(text)]
        tax_code = values.get("tax_code", "")
        if tax_code in seen:
            self.error(number, _(DUPLICATE).format(tax_code=tax_code, other=seen[tax_code]), "tax_code")
        seen.setdefault(tax_code, number)
        if len(self.row_errors) > errors_before:
            return
        existing = self.existing.get(tax_code)
        form = EnterpriseRowForm(values, instance=Enterprise(organization=self.organization))
        if not form.is_valid():
            for name, messages in form.errors.items():
                self.error(number, " ".join(messages), name if name in COLUMNS else None)
            return
        self.preview.rows.append(EnterpriseRow(number, form.cleaned_data, existing))

    @classmethod
    def write_row(cls, preview: ImportPreview, row: EnterpriseRow, user) -> None:
        enterprise = row.existing or Enterprise(organization=preview.organization)
        for name, value in row.values.items():
            setattr(enterprise, name, value)
        save_audited(enterprise, user=user, reason=_("Nhập danh sách doanh nghiệp từ Excel"))


def parse_workbook(file, organization) -> ImportPreview:
    """What an uploaded registry would add or update, and every reason it cannot be applied."""
    return EnterpriseWorkbookImport(organization).run(file)


apply_import = EnterpriseWorkbookImport.apply
