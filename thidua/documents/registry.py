"""The kinds of document Thi Đua writes: each a builder that takes one object and returns `nd30.Content`.

A new kind is one module under `kinds/` and one line here: its code (used in URLs and on the command
line), its name, the model it is built from, and the builder `build(obj, as_of) -> Content`.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from thidua.documents.kinds import plan_report
from thidua.documents.nd30 import Content
from thidua.plans.models import Plan


@dataclass(frozen=True)
class Kind:
    code: str
    label: str | Promise
    model: type[models.Model]
    build: Callable[[Any, datetime.date], Content]


KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        Kind("bao-cao-so-ket", _("Báo cáo sơ kết"), Plan, plan_report.build_interim),
        Kind("bao-cao-tong-ket", _("Báo cáo tổng kết"), Plan, plan_report.build_final),
    )
}


def choices() -> list[tuple[str, str | Promise]]:
    return [(kind.code, kind.label) for kind in KINDS.values()]
