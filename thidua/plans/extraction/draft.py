"""The reader's result: plain dataclasses and `to_dict()` in the thidua.plan/v1 format.

Beyond FORMAT.md's keys, a draft carries what a web page needs to show the reading next to
the source: the normalised `text`, the numbered `sections` with character offsets into it,
each target's, deadline's and phase's `section` and `span`, a deadline's `recurrence`, the
header's `number`, `date` and `recipients`, and the `responsibilities` read from "Tổ chức thực hiện".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FORMAT = "thidua.plan/v1"


@dataclass
class Signer:
    on_behalf_of: str | None = None  # "GIÁM ĐỐC" in "KT. GIÁM ĐỐC"; None when signing in own right
    position: str | None = None
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"on_behalf_of": self.on_behalf_of, "position": self.position, "name": self.name}


@dataclass
class Document:
    kind: str | None = None
    title: str | None = None
    movement: str | None = None
    issuer: str | None = None
    province: str | None = None
    signer: Signer = field(default_factory=Signer)
    number: str | None = None
    date: str | None = None  # ISO
    recipients: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "movement": self.movement,
            "issuer": self.issuer,
            "province": self.province,
            "signer": self.signer.to_dict(),
            "number": self.number,
            "date": self.date,
            "recipients": list(self.recipients),
        }


@dataclass
class Reference:
    kind: str | None
    number: str
    date: str | None
    issuer: str | None
    span: tuple[int, int] | None = None  # the first citation, so a page can highlight it

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "number": self.number,
            "date": self.date,
            "issuer": self.issuer,
            "span": list(self.span) if self.span else None,
        }


@dataclass
class Section:
    id: str
    parent: str | None
    label: str  # "I", "1", "2.1", "a", "-", "+"
    heading: str
    start: int
    end: int
    style: str = ""  # "roman", "arabic", "dec2", "letter", "dash", "plus" (not exported)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "parent": self.parent,
            "label": self.label,
            "heading": self.heading,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Target:
    text: str
    comparator: str  # ">=", "<=", "=", ">", "<", "range"
    value: int | float
    value_max: int | float | None
    unit: str | None
    period: str  # "annual", "cumulative", "by_date", "average", "plan"
    per: str | None  # "unit" or None
    section: str | None
    span: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "comparator": self.comparator,
            "value": self.value,
            "value_max": self.value_max,
            "unit": self.unit,
            "period": self.period,
            "per": self.per,
            "section": self.section,
            "span": list(self.span),
        }


@dataclass
class Deadline:
    date: str  # ISO
    bound: str  # "before", "on", "by_end"
    text: str
    section: str | None
    span: tuple[int, int]  # the obligation and its date phrase
    recurrence: str | None = None  # "yearly", "semiannual", "quarterly", "monthly"; None: once

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "bound": self.bound,
            "text": self.text,
            "section": self.section,
            "span": list(self.span),
            "recurrence": self.recurrence,
        }


@dataclass
class Phase:
    name: str
    start: str  # ISO
    end: str  # ISO
    section: str | None
    span: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "start": self.start,
            "end": self.end,
            "section": self.section,
            "span": list(self.span),
        }


@dataclass
class Responsibility:
    unit: str
    role: str  # "lead" (chủ trì), "coordinate" (phối hợp), "carry_out"
    text: str
    section: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "role": self.role, "text": self.text, "section": self.section}


@dataclass
class PlanDraft:
    document: Document
    references: list[Reference]
    targets: list[Target]
    deadlines: list[Deadline]
    phases: list[Phase]
    sections: list[Section]
    responsibilities: list[Responsibility]
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "document": self.document.to_dict(),
            "references": [r.to_dict() for r in self.references],
            "targets": [t.to_dict() for t in self.targets],
            "deadlines": [d.to_dict() for d in self.deadlines],
            "phases": [p.to_dict() for p in self.phases],
            "sections": [s.to_dict() for s in self.sections],
            "responsibilities": [r.to_dict() for r in self.responsibilities],
            "text": self.text,
        }
