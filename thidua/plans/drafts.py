"""The reader's draft (thidua.plan/v1) seen as rows of forms, and its source text with highlights.

The draft keeps the reader's keys; review forms use the model's field names so that the
model's own validation applies. The two mappings below are the only place they meet.
"""

import datetime
from dataclasses import dataclass

# draft key → model field, per part; values convert on the way in and out.
PART_FIELDS = {
    "targets": {
        "text": "text",
        "comparator": "comparator",
        "value": "value",
        "value_max": "value_max",
        "unit": "unit_of_measure",
        "period": "period_kind",
        "per": "per_unit",
        "lead_unit": "lead_unit",
    },
    "deadlines": {"date": "due_on", "bound": "bound", "recurrence": "recurrence", "text": "text"},
    "phases": {"name": "name", "start": "starts_on", "end": "ends_on"},
    "references": {"kind": "kind", "number": "number", "date": "issued_on", "issuer": "issuer"},
}
PART_PREFIX = {"targets": "t", "deadlines": "d", "phases": "p", "references": "r"}


def to_form_value(key: str, value):
    if key == "per":
        return value == "unit"
    if key == "recurrence":
        return value or ""
    if key in ("date", "start", "end") and value:
        return datetime.date.fromisoformat(value)
    return value


def to_draft_value(key: str, value):
    if key == "per":
        return "unit" if value else None
    if key == "lead_unit":
        return value.pk if value is not None else None
    if key == "recurrence":
        return value or None
    if isinstance(value, datetime.date):
        return value.isoformat()
    if key in ("value", "value_max") and value is not None:
        return int(value) if value == int(value) else float(value)
    return value


def initial_rows(data: dict, part: str) -> list[dict]:
    """Form initial values for each item of one part, remembering which item each row edits."""
    fields = PART_FIELDS[part]
    return [
        {"index": index} | {fields[key]: to_form_value(key, item.get(key)) for key in fields}
        for index, item in enumerate(data.get(part) or [])
    ]


def merge_rows(data: dict, part: str, rows: list[dict]) -> list[dict]:
    """Items rebuilt from reviewed rows; an edited item keeps its place in the text (span, section)."""
    fields = PART_FIELDS[part]
    originals = data.get(part) or []
    items = []
    for row in rows:
        index = row.get("index")
        original = originals[index] if index is not None and 0 <= index < len(originals) else {}
        items.append(original | {key: to_draft_value(key, row.get(field)) for key, field in fields.items()})
    return items


@dataclass
class Segment:
    text: str
    anchor: str = ""
    kind: str = ""


def highlighted_segments(data: dict) -> list[Segment]:
    """The source text cut into plain and highlighted pieces, one highlight per extracted item."""
    text = data.get("text") or ""
    marks = sorted(
        (item["span"][0], item["span"][1], f"{PART_PREFIX[part]}{index}", part)
        for part in PART_PREFIX
        for index, item in enumerate(data.get(part) or [])
        if item.get("span") and 0 <= item["span"][0] < item["span"][1] <= len(text)
    )
    segments, cursor = [], 0
    for start, end, anchor, part in marks:
        if start < cursor:  # overlapping spans: the first one wins
            continue
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], anchor, part))
        cursor = end
    segments.append(Segment(text[cursor:]))
    return segments
