"""Turn django-simple-history records into readable entries: who, when, what changed, why.

Every model that carries `history = HistoricalRecords()` is audited for free; this module
only renders the records, so each object's page can show its own history.
"""

from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise

from django.db import models
from django.utils.translation import gettext_lazy as _

ACTIONS = {"+": _("Tạo mới"), "~": _("Sửa"), "-": _("Xóa")}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    subject: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def history_entries(*record_querysets, limit: int = 100) -> list[HistoryEntry]:
    """Entries from several historical querysets, newest first.

    Records are diffed in memory against the previous record of the same object, so the
    cost is one query per queryset (plus one per referenced row shown), not one per entry.
    """
    entries = []
    for records in record_querysets:
        entries.extend(
            _entries_of(records.select_related("history_user").order_by("history_date", "history_id"))
        )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


def _entries_of(records) -> list[HistoryEntry]:
    by_object: dict[object, list] = {}
    for record in records:
        by_object.setdefault(record.id, []).append(record)
    entries = []
    for versions in by_object.values():
        entries.append(_entry(versions[0], []))
        entries.extend(_entry(new, _changes(old, new)) for old, new in pairwise(versions))
    return entries


def _entry(record, changes: list[Change]) -> HistoryEntry:
    user = record.history_user
    return HistoryEntry(
        when=record.history_date,
        who=str(user) if user else str(_("Hệ thống")),
        action=str(ACTIONS.get(record.history_type, record.history_type)),
        subject=f"{record.instance._meta.verbose_name}: {record.instance}",
        reason=record.history_change_reason or "",
        changes=changes,
    )


def _changes(old, new) -> list[Change]:
    model = new.instance._meta.model
    delta = new.diff_against(old)
    return [
        Change(
            field=str(model._meta.get_field(change.field).verbose_name),
            old=_display(model._meta.get_field(change.field), change.old),
            new=_display(model._meta.get_field(change.field), change.new),
        )
        for change in delta.changes
    ]


def _display(model_field: models.Field, value) -> str:
    if value in (None, ""):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    return str(value)
