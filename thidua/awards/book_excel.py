"""Past years' rewards from an Excel workbook, so that chains of consecutive titles start right: every
row checked first (row-numbered Vietnamese errors), then all written or none.

A row names a person of the staff register (by name, within the unit named) or, with no name, the unit
itself; the decision is the one written on the row (number, date, signer, bonus as paid then).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.awards.models import Award, Person, RewardKind, Title
from thidua.awards.services import name_key
from thidua.core import spreadsheets
from thidua.core.audit import save_audited
from thidua.core.query import parse_int
from thidua.core.spreadsheets import choice_codes, normalise
from thidua.org.models import Unit

COLUMNS = {
    "full_name": gettext_noop("Họ và tên"),
    "unit": gettext_noop("Đơn vị"),
    "year": gettext_noop("Năm thành tích"),
    "title": gettext_noop("Danh hiệu, hình thức"),
    "title_text": gettext_noop("Tên hình thức khác"),
    "kind": gettext_noop("Loại khen thưởng"),
    "decision_number": gettext_noop("Số quyết định"),
    "decision_date": gettext_noop("Ngày quyết định"),
    "signer": gettext_noop("Người ký"),
    "bonus": gettext_noop("Tiền thưởng"),
}
REQUIRED = ("unit", "year", "title", "decision_number", "decision_date")
MISSING = gettext_noop("chưa ghi.")
UNKNOWN_UNIT = gettext_noop("không có đơn vị “{name}” trong cơ quan.")
UNKNOWN_PERSON = gettext_noop("không có “{name}” trong danh sách cán bộ của đơn vị “{unit}”.")
TWO_PEOPLE = gettext_noop("đơn vị “{unit}” có nhiều người tên “{name}”: nhập tay trong trang của người đó.")
UNKNOWN_CHOICE = gettext_noop("“{text}” không có trong danh sách; hãy chọn một trong: {choices}.")
BAD_YEAR = gettext_noop("năm phải là số từ 2000 đến 2100.")
BAD_DATE = gettext_noop("ngày không đúng dạng dd/mm/yyyy.")
BAD_AMOUNT = gettext_noop("phải là số tiền (đồng), không âm.")
ALREADY = gettext_noop("{subject} đã có “{title}” năm {year} trong sổ khen thưởng.")
TWICE = gettext_noop("trùng với dòng {other}.")


@dataclass
class BookRow:
    number: int
    person: Person | None
    unit: Unit
    values: dict


@dataclass
class ImportPreview(spreadsheets.ImportPreview):
    organization: Any = None


class PendingBookUploads(spreadsheets.PendingUploads):
    SESSION_KEY = "awards.book_uploads"


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    for pattern in ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(str(value).strip(), pattern).date()
        except ValueError:
            continue
    return None


def _whole(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    text = str(value).strip().replace(".", "").replace(",", "").replace(" ", "")
    return parse_int(text)


class BookWorkbookImport(spreadsheets.WorkbookImport):
    columns = COLUMNS
    required = REQUIRED

    def __init__(self, organization):
        super().__init__(ImportPreview(organization=organization))
        self.organization = organization
        self.units = {normalise(u.name): u for u in Unit.objects.filter(organization=organization)}
        self.people: dict[tuple[int, str], list[Person]] = defaultdict(list)
        for person in Person.objects.filter(organization=organization).select_related("unit"):
            self.people[(person.unit_id, name_key(person.full_name))].append(person)
        self.booked = set(
            Award.objects.filter(organization=organization).values_list(
                "person_id", "unit_id", "year", "title", "kind"
            )
        )
        self.titles = choice_codes(Title)
        self.kinds = choice_codes(RewardKind)

    def run(self, file) -> ImportPreview:
        seen: dict[tuple, int] = {}
        for row in self.read(file):
            self._check(row, seen)
        return cast(ImportPreview, self.finish())

    def _choice(self, number: int, name: str, text: str, codes: dict, labels) -> str | None:
        if normalise(text) in codes:
            return codes[normalise(text)]
        choices = ", ".join(str(label) for label in labels)
        self.error(number, _(UNKNOWN_CHOICE).format(text=text, choices=choices), name)
        return None

    def _check(self, row: spreadsheets.SheetRow, seen: dict) -> None:
        number, before = row.number, len(self.row_errors)
        text = {name: str(row.value(name) if row.value(name) is not None else "").strip() for name in COLUMNS}
        for name in REQUIRED:
            if not text[name]:
                self.error(number, _(MISSING), name)
        if len(self.row_errors) > before:
            return
        unit = self.units.get(normalise(text["unit"]))
        if unit is None:
            self.error(number, _(UNKNOWN_UNIT).format(name=text["unit"]), "unit")
        person = None
        if unit is not None and text["full_name"]:
            found = self.people.get((unit.pk, name_key(text["full_name"])), [])
            if not found:
                self.error(
                    number, _(UNKNOWN_PERSON).format(name=text["full_name"], unit=unit.name), "full_name"
                )
            elif len(found) > 1:
                self.error(number, _(TWO_PEOPLE).format(name=text["full_name"], unit=unit.name), "full_name")
            else:
                person = found[0]
        year = _whole(row.value("year"))
        if year is None or not 2000 <= year <= 2100:
            self.error(number, _(BAD_YEAR), "year")
        title = self._choice(number, "title", text["title"], self.titles, Title.labels)
        kind = (
            self._choice(number, "kind", text["kind"], self.kinds, RewardKind.labels)
            if text["kind"]
            else RewardKind.ANNUAL
        )
        day = _date(row.value("decision_date"))
        if day is None:
            self.error(number, _(BAD_DATE), "decision_date")
        bonus = _whole(row.value("bonus")) if text["bonus"] else 0
        if bonus is None or bonus < 0:
            self.error(number, _(BAD_AMOUNT), "bonus")
        if len(self.row_errors) > before or unit is None:
            return
        key = (person.pk if person else None, None if person else unit.pk, year, title, kind)
        subject = person.full_name if person else unit.name
        if key in self.booked:
            label = Title(title).label if title in Title.values else title
            self.error(number, _(ALREADY).format(subject=subject, title=label, year=year))
        elif key in seen:
            self.error(number, _(TWICE).format(other=seen[key]))
        seen.setdefault(key, number)
        if len(self.row_errors) > before:
            return
        values = {
            "year": year,
            "title": title,
            "title_text": text["title_text"],
            "kind": kind,
            "decision_number": text["decision_number"],
            "decision_date": day,
            "signer": text["signer"],
            "bonus": bonus,
        }
        self.preview.rows.append(BookRow(number, person, unit, values))

    @classmethod
    def write_row(cls, preview: spreadsheets.ImportPreview, row: BookRow, user) -> None:
        award = Award(
            organization=cast(ImportPreview, preview).organization,
            person=row.person,
            unit=None if row.person else row.unit,
            **row.values,
        )
        save_audited(award, user=user, reason=_("Nhập khen thưởng các năm trước từ Excel"))


def parse_workbook(file, organization) -> ImportPreview:
    return BookWorkbookImport(organization).run(file)


apply_import = BookWorkbookImport.apply
