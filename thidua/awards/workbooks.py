"""The staff register and a unit's ratings in Excel: out (the register; a unit's rating template
pre-filled with its people) and in (every row checked first, row-numbered Vietnamese errors, then all
written or none, through `core.spreadsheets.WorkbookImport`).

The register's "Mã cán bộ" column is the person's number in Thi Đua: a row with a code updates that
person, a row without one adds a new person. Export, edit, import back.
"""

import datetime
from dataclasses import dataclass
from io import BytesIO
from typing import cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Font

from thidua.awards import ratings
from thidua.awards.models import Category, Person, Rating
from thidua.core import spreadsheets
from thidua.core.audit import save_audited
from thidua.core.query import parse_int
from thidua.core.spreadsheets import choice_codes, normalise, set_cell
from thidua.org.models import Organization, Unit

UNKNOWN_CHOICE = gettext_noop("“{text}” không có trong danh sách; hãy chọn một trong: {choices}.")
REQUIRED = gettext_noop("không được để trống.")
BAD_DATE = gettext_noop("“{text}” không phải là ngày (dạng ngày/tháng/năm, ví dụ 01/09/2020).")
UNKNOWN_UNIT = gettext_noop("không có đơn vị “{text}” trong cơ quan.")
UNKNOWN_CODE = gettext_noop("không có cán bộ mã {code} trong danh sách của cơ quan.")
DUPLICATE_CODE = gettext_noop("mã {code} đã có ở dòng {other}.")
DUPLICATE_PERSON = gettext_noop("“{name}” ({unit}) đã có ở dòng {other}.")
ALREADY_LISTED = gettext_noop(
    "“{name}” ({unit}) đã có trong danh sách (mã {code}); ghi mã vào cột “Mã cán bộ” để cập nhật."
)
TOO_LONG = gettext_noop("dài quá {limit} ký tự.")
NOT_OF_UNIT = gettext_noop("cán bộ mã {code} không thuộc đơn vị {unit}.")
RATING_LOCKED = gettext_noop("xếp loại của {name} đã gửi hoặc đã được xác nhận, không sửa được.")


def _text(value) -> str:
    return " ".join(str(value if value is not None else "").split())


def _date(value) -> datetime.date | str | None:
    """A cell as a date, None when empty, the text itself when it is not a date."""
    if value is None or _text(value) == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return text


def _code(value) -> int | str | None:
    text = _text(value)
    if not text:
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    number = parse_int(text)
    return text if number is None else number


def _workbook_bytes(workbook: Workbook) -> bytes:
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _header(sheet, row: int, labels: list[str]) -> None:
    for column, label in enumerate(labels, start=1):
        set_cell(sheet, row, column, label).font = Font(bold=True)
        sheet.column_dimensions[sheet.cell(row=row, column=column).column_letter].width = max(
            14, len(label) + 4
        )


# ——— The staff register ———

REGISTER_COLUMNS = {
    "code": gettext_noop("Mã cán bộ"),
    "full_name": gettext_noop("Họ và tên"),
    "unit": gettext_noop("Đơn vị"),
    "position": gettext_noop("Chức vụ"),
    "category": gettext_noop("Đối tượng"),
    "started_on": gettext_noop("Ngày bắt đầu công tác"),
}


def register_workbook(organization) -> bytes:
    """The agency's active staff register, in the columns the import reads back."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Danh sách cán bộ")[:31]
    _header(sheet, 1, [_(label) for label in REGISTER_COLUMNS.values()])
    people = (
        Person.objects.filter(organization=organization, is_active=True)
        .select_related("unit")
        .order_by("unit__position", "unit__name", "full_name", "pk")
    )
    for row, person in enumerate(people, start=2):
        set_cell(sheet, row, 1, person.pk)
        set_cell(sheet, row, 2, person.full_name)
        set_cell(sheet, row, 3, person.unit.name)
        set_cell(sheet, row, 4, person.position)
        set_cell(sheet, row, 5, str(person.get_category_display()))
        if person.started_on:
            set_cell(sheet, row, 6, person.started_on).number_format = "DD/MM/YYYY"
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["C"].width = 30
    return _workbook_bytes(workbook)


@dataclass
class RegisterRow:
    number: int
    values: dict
    existing: Person | None


@dataclass
class RegisterPreview(spreadsheets.ImportPreview):
    organization: Organization | None = None

    @property
    def new_count(self) -> int:
        return sum(1 for row in self.rows if row.existing is None)


class PendingRegisterUploads(spreadsheets.PendingUploads):
    SESSION_KEY = "awards.register_uploads"


class RegisterImport(spreadsheets.WorkbookImport):
    columns = REGISTER_COLUMNS
    required = ("full_name", "unit")
    max_columns = len(REGISTER_COLUMNS) + 10

    def __init__(self, organization):
        super().__init__(RegisterPreview(organization=organization))
        self.organization = organization
        self.people = {
            p.pk: p for p in Person.objects.filter(organization=organization).select_related("unit")
        }
        self.by_name = {(normalise(p.full_name), p.unit_id): p for p in self.people.values()}
        self.units = {normalise(u.name): u for u in Unit.objects.filter(organization=organization)}
        self.categories = choice_codes(Category)

    def run(self, file) -> RegisterPreview:
        seen_codes: dict[int, int] = {}
        seen_names: dict[tuple, int] = {}
        for row in self.read(file):
            self._check(row, seen_codes, seen_names)
        return cast(RegisterPreview, self.finish())

    def _check(self, row, seen_codes: dict, seen_names: dict) -> None:
        n = row.number
        before = len(self.row_errors)
        name = _text(row.value("full_name"))
        if not name:
            self.error(n, _(REQUIRED), "full_name")
        elif len(name) > 150:
            self.error(n, _(TOO_LONG).format(limit=150), "full_name")
        unit_text = _text(row.value("unit"))
        unit = self.units.get(normalise(unit_text))
        if not unit_text:
            self.error(n, _(REQUIRED), "unit")
        elif unit is None:
            self.error(n, _(UNKNOWN_UNIT).format(text=unit_text), "unit")
        position = _text(row.value("position"))
        if len(position) > 150:
            self.error(n, _(TOO_LONG).format(limit=150), "position")
        category_text = _text(row.value("category"))
        category = Category.CIVIL_SERVANT
        if category_text:
            if normalise(category_text) not in self.categories:
                labels = ", ".join(str(label) for label in Category.labels)
                self.error(n, _(UNKNOWN_CHOICE).format(text=category_text, choices=labels), "category")
            else:
                category = self.categories[normalise(category_text)]
        started_on = _date(row.value("started_on"))
        if isinstance(started_on, str):
            self.error(n, _(BAD_DATE).format(text=started_on), "started_on")
        code = _code(row.value("code"))
        existing = None
        if code is not None:
            existing = self.people.get(code) if isinstance(code, int) else None
            if existing is None:
                self.error(n, _(UNKNOWN_CODE).format(code=code), "code")
            elif code in seen_codes:
                self.error(n, _(DUPLICATE_CODE).format(code=code, other=seen_codes[code]), "code")
            else:
                seen_codes[code] = n
        if name and unit is not None and code is None:  # a new person: not twice, not one already listed
            key = (normalise(name), unit.pk)
            if key in seen_names:
                self.error(n, _(DUPLICATE_PERSON).format(name=name, unit=unit.name, other=seen_names[key]))
            seen_names.setdefault(key, n)
            same = self.by_name.get(key)
            if same is not None:
                self.error(n, _(ALREADY_LISTED).format(name=name, unit=unit.name, code=same.pk))
        if len(self.row_errors) > before:
            return
        values = {
            "full_name": name,
            "unit": unit,
            "position": position,
            "category": category,
            "started_on": started_on,
        }
        self.preview.rows.append(RegisterRow(n, values, existing))

    @classmethod
    def write_row(cls, preview: spreadsheets.ImportPreview, row: RegisterRow, user) -> None:
        assert isinstance(preview, RegisterPreview)
        person = row.existing or Person(organization=preview.organization)
        for name, value in row.values.items():
            setattr(person, name, value)
        if row.existing is None:
            person.is_active = True
        save_audited(person, user=user, reason=_("Nhập danh sách cán bộ từ Excel"))


def parse_register(file, organization) -> RegisterPreview:
    return RegisterImport(organization).run(file)


apply_register = RegisterImport.apply


# ——— A unit's ratings ———

RATING_COLUMNS = {
    "code": gettext_noop("Mã cán bộ"),
    "full_name": gettext_noop("Họ và tên"),
    "position": gettext_noop("Chức vụ"),
    "rating": gettext_noop("Xếp loại"),
}


def rating_template(unit, year: int) -> bytes:
    """The unit's people for `year`, with their rating when one is entered; the list of ratings below."""
    current = ratings.unit_year(unit, year)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Xếp loại %(year)s") % {"year": year}
    set_cell(sheet, 1, 1, _("Xếp loại cán bộ năm %(year)s — %(unit)s") % {"year": year, "unit": unit.name})
    set_cell(
        sheet,
        2,
        1,
        _("Cột “Xếp loại” ghi một trong: %(choices)s")
        % {"choices": "; ".join(str(label) for label in Rating.labels)},
    )
    _header(sheet, 3, [_(label) for label in RATING_COLUMNS.values()])
    for row, person in enumerate(current.people, start=4):
        entered = current.ratings.get(person.pk)
        set_cell(sheet, row, 1, person.pk)
        set_cell(sheet, row, 2, person.full_name)
        set_cell(sheet, row, 3, person.position)
        set_cell(sheet, row, 4, str(entered.get_rating_display()) if entered else "")
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["D"].width = 32
    return _workbook_bytes(workbook)


@dataclass
class RatingRow:
    number: int
    person: Person
    rating: str

    @property
    def rating_label(self) -> str:
        return str(Rating(self.rating).label)


@dataclass
class RatingPreview(spreadsheets.ImportPreview):
    unit: object = None
    year: int = 0


class PendingRatingUploads(spreadsheets.PendingUploads):
    SESSION_KEY = "awards.rating_uploads"


class RatingImport(spreadsheets.WorkbookImport):
    """One row per person of the unit (by code); a row without a rating is left as it is."""

    columns = RATING_COLUMNS
    required = ("code", "rating")
    max_columns = len(RATING_COLUMNS) + 10

    def __init__(self, unit, year: int):
        super().__init__(RatingPreview(unit=unit, year=year))
        self.unit, self.year = unit, year
        self.current = ratings.unit_year(unit, year)
        self.people = {p.pk: p for p in self.current.people}
        self.choices = choice_codes(Rating)

    def run(self, file) -> RatingPreview:
        seen: dict[int, int] = {}
        for row in self.read(file):
            self._check(row, seen)
        return cast(RatingPreview, self.finish())

    def _check(self, row, seen: dict) -> None:
        n = row.number
        before = len(self.row_errors)
        code = _code(row.value("code"))
        rating_text = _text(row.value("rating"))
        if code is None:
            if rating_text:
                self.error(n, _(REQUIRED), "code")
            return
        person = self.people.get(code) if isinstance(code, int) else None
        if person is None:
            self.error(n, _(NOT_OF_UNIT).format(code=code, unit=self.unit.name), "code")
        elif code in seen:
            self.error(n, _(DUPLICATE_CODE).format(code=code, other=seen[code]), "code")
        else:
            seen[code] = n
        if not rating_text:
            return
        rating = self.choices.get(normalise(rating_text))
        if rating is None:
            labels = ", ".join(str(label) for label in Rating.labels)
            self.error(n, _(UNKNOWN_CHOICE).format(text=rating_text, choices=labels), "rating")
        if person is not None:
            entered = self.current.ratings.get(person.pk)
            if entered is not None and not entered.editable and entered.rating != rating:
                self.error(n, _(RATING_LOCKED).format(name=person.full_name), "rating")
        if len(self.row_errors) > before or person is None or rating is None:
            return
        self.preview.rows.append(RatingRow(n, person, rating))

    @classmethod
    def write_row(cls, preview: spreadsheets.ImportPreview, row: RatingRow, user) -> None:
        assert isinstance(preview, RatingPreview)
        ratings.ratings_save(
            unit=preview.unit, year=preview.year, user=user, ratings={row.person.pk: row.rating}
        )


def parse_ratings(file, unit, year: int) -> RatingPreview:
    return RatingImport(unit, year).run(file)


apply_ratings = RatingImport.apply
