"""The kinds of document Thi Đua writes: each a builder that takes one object and returns `nd30.Content`.

A new kind is one module under `kinds/` and one line here: its code (used in URLs and on the command
line), its name, the model it is built from, and the builder `build(obj, as_of) -> Content`.

A kind may also give `data(obj, as_of) -> dict`: the figures (lists, counts, amounts) kept with the draft
for an agency's own template, named in `placeholders`; `render(content, data) -> bytes` when its page is
not the Nghị định 30 letter (the Giấy khen); and the capability that reads it (rewards: VIEW_AWARDS).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thidua.documents.kinds import plan_report, rewards
from thidua.documents.nd30 import Content
from thidua.org.roles import Capability
from thidua.plans.models import Plan


@dataclass(frozen=True)
class Kind:
    code: str
    label: str | Promise
    model: type[models.Model]
    build: Callable[[Any, datetime.date], Content]
    data: Callable[[Any, datetime.date], dict] | None = None
    placeholders: tuple[tuple[str, str | Promise], ...] = ()
    render: Callable[[Content, dict], bytes] | None = None
    read_capability: str = Capability.VIEW_DOCUMENTS


KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        Kind("bao-cao-so-ket", _("Báo cáo sơ kết"), Plan, plan_report.build_interim),
        Kind("bao-cao-tong-ket", _("Báo cáo tổng kết"), Plan, plan_report.build_final),
        *(Kind(**spec) for spec in rewards.SPECS),
    )
}


def choices() -> list[tuple[str, str | Promise]]:
    """The kinds generated from a plan on the documents page (the others from the awards pages)."""
    return [(kind.code, kind.label) for kind in KINDS.values() if kind.model is Plan]


def readable_kinds(user, organization) -> list[str]:
    return [code for code, kind in KINDS.items() if user.can(kind.read_capability, organization)]
