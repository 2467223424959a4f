"""The one history renderer: django-simple-history records as readable entries — who, when, what
changed, why — shown by the one template `core/_history.html`.

Every model that carries `history = HistoricalRecords()` is audited for free; this module only
renders the records, so each object's page can show its own history:

    context["history"] = history_entries(
        report.history.all(),                                   # the page's own object
        Records(CouncilMember.history.filter(council_id=pk).select_related("user"), subject=...),
    )

and the template includes `{% include "core/_history.html" %}` (`with open=True` to show it unfolded).
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.core.formatting import format_date, format_datetime, format_number

ACTIONS = {"+": _("Tạo mới"), "~": _("Sửa"), "-": _("Xóa")}

# Fields storing codes whose names an app above this one owns ("plans.Target.indicator" → the
# indicator's label, known to tracking): "app.Model.field" → the code's name.
_CODE_NAMES: dict[str, Callable[[str], str]] = {}


def name_codes(field_path: str, name: Callable[[str], str]) -> None:
    """Histories show the codes stored in `field_path` ("app.Model.field") as `name(code)`."""
    _CODE_NAMES[field_path] = name


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    action: str
    subject: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def _named(record) -> str:
    return f"{record.instance._meta.verbose_name}: {record.instance}"


@dataclass(frozen=True)
class Records:
    """One model's historical records and what each entry says it is about (`subject`, from the
    historical record; by default "<kind of row>: <the row>", which may read related rows — give a
    subject from fields the queryset selects instead, or `None` for the page's own object)."""

    queryset: QuerySet
    subject: Callable[[models.Model], str] | None = _named


def history_entries(*sources: QuerySet | Records, limit: int = 100) -> list[HistoryEntry]:
    """Entries from several historical querysets, newest first; a bare queryset is the page's own
    object, whose entries name no subject.

    Records are diffed in memory against the previous record of the same object, so the cost is one
    query per queryset, plus one per kind of row a changed reference points to unless the queryset
    selects it (people shown as authors of a change cost nothing), never one per entry.
    """
    pairs: list[tuple[Any, Any, Callable | None]] = []  # (record, previous, subject)
    for source in sources:
        source = source if isinstance(source, Records) else Records(source, subject=None)
        by_object: dict[object, list] = defaultdict(list)
        for record in source.queryset.select_related("history_user").order_by("history_date", "history_id"):
            by_object[record.id].append(record)
        for versions in by_object.values():
            pairs.append((versions[0], None, source.subject))
            pairs.extend((new, old, source.subject) for old, new in pairwise(versions))
    pairs.sort(key=lambda pair: pair[0].history_date, reverse=True)
    pairs = pairs[:limit]
    deltas = [(record, _changes(record, old)) for record, old, _subject in pairs]
    shown = _References(pair[0] for pair in pairs)
    shown.load(change for _record, delta in deltas for change in delta)
    return [
        HistoryEntry(
            when=record.history_date,
            who=str(record.history_user) if record.history_user else str(_("Hệ thống")),
            action=str(ACTIONS.get(record.history_type, record.history_type)),
            subject=subject(record) if subject else "",
            reason=record.history_change_reason or "",
            changes=[
                Change(
                    str(model_field.verbose_name),
                    shown.display(model_field, old),
                    shown.display(model_field, new),
                )
                for model_field, old, new in delta
            ],
        )
        for (record, _old, subject), (_record, delta) in zip(pairs, deltas, strict=True)
    ]


def _changes(record, old) -> list[tuple[models.Field, object, object]]:
    """(field, old value, new value) of each field `record` changed since `old`."""
    if old is None:
        return []
    model = record.instance._meta.model
    return [
        (model._meta.get_field(change.field), change.old, change.new)
        for change in record.diff_against(old).changes
    ]


class _References:
    """The rows changed references point to, read in one query per kind of row."""

    def __init__(self, records: Iterable):
        """Rows the records already hold cost nothing: their authors, and any reference their
        queryset selects (`select_related("council")`)."""
        self._rows: dict[type, dict[object, models.Model]] = defaultdict(dict)
        for record in records:
            for row in record._state.fields_cache.values():
                if row is not None:
                    self._rows[type(row)][row.pk] = row

    def load(self, changes: Iterable[tuple[models.Field, object, object]]) -> None:
        wanted: dict[type, set] = defaultdict(set)
        for model_field, *values in changes:
            if isinstance(model_field, models.ForeignKey):
                related = model_field.related_model
                wanted[related].update(v for v in values if v is not None and v not in self._rows[related])
        for related, keys in wanted.items():
            if keys:
                self._rows[related].update(related._default_manager.in_bulk(keys))

    def display(self, model_field: models.Field, value) -> str:
        if value in (None, ""):
            return "—"
        name = _CODE_NAMES.get(f"{model_field.model._meta.label}.{model_field.name}")
        if name is not None:
            return name(value)
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(model_field, models.ForeignKey):
            row = self._rows[model_field.related_model].get(value)
            return str(row) if row is not None else f"#{value}"
        if isinstance(value, bool):
            return str(_("Có") if value else _("Không"))
        if isinstance(value, Decimal | float):
            return format_number(value)
        if isinstance(value, datetime.datetime):
            return format_datetime(value)
        if isinstance(value, datetime.date):
            return format_date(value)
        return str(value)
