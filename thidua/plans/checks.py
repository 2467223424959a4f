"""What in a reader's draft looks wrong before the office publishes it, and the plan's span.

The reader can take a cited law's date for a deadline or a target year for a horizon; such a
misreading must show on the review page next to its row, and never block publishing.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from thidua.core.formatting import format_date
from thidua.plans.recurrence import occurrences

SPAN_YEARS = re.compile(r"giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)
YEAR_IN_TEXT = re.compile(r"năm\s+(\d{4})")
RECURRENCE_WORDS = {
    "yearly": "hằng năm",
    "semiannual": "định kỳ 6 tháng",
    "quarterly": "hằng quý",
    "monthly": "hằng tháng",
}


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Span:
    """The plan's span and the words that say where it was read from."""

    start: datetime.date | None
    end: datetime.date | None
    source: str = ""

    @property
    def is_ordered(self) -> bool:
        return self.start is None or self.end is None or self.start <= self.end


def plan_span(draft: dict) -> Span:
    """The plan's span: its phases; else the "giai đoạn 2026 - 2030" it names; else its deadlines.

    A phase that ends before it starts, reversed years, and deadlines before the plan's own date
    (misread citations) are left out, so a misreading narrows the span instead of inverting it.
    """
    phases = [
        (start, end)
        for start, end in ((_date(p.get("start")), _date(p.get("end"))) for p in draft.get("phases") or [])
        if start and end and start <= end
    ]
    if phases:
        return Span(min(s for s, _e in phases), max(e for _s, e in phases), _("các giai đoạn"))
    wording = [
        draft["document"].get("title") or "",
        *(t.get("text") or "" for t in draft.get("targets") or []),
    ]
    for found in SPAN_YEARS.finditer(" ".join(wording)):
        first, last = int(found[1]), int(found[2])
        if 1900 < first <= last < 2200:
            return Span(datetime.date(first, 1, 1), datetime.date(last, 12, 31), found[0])
    issued = _date(draft["document"].get("date"))
    dates = [d for d in (_date(item.get("date")) for item in draft.get("deadlines") or []) if d]
    dates = [d for d in dates if issued is None or d >= issued]
    return Span(issued, max(dates), _("các thời hạn")) if dates else Span(None, None)


def target_span(item: dict, span: Span) -> tuple[datetime.date | None, datetime.date | None]:
    """A target's span: a by-date target ends with the year it names, if that year is in the plan."""
    if item.get("period") == "by_date":
        year = YEAR_IN_TEXT.search(item.get("text") or "")
        if year and (span.start is None or int(year[1]) >= span.start.year):
            return span.start, datetime.date(int(year[1]), 12, 31)
    return span.start, span.end


@dataclass
class DraftWarnings:
    """Warnings per row (part, index) and for the whole draft, in Vietnamese."""

    rows: dict[tuple[str, int], list[str]] = field(default_factory=lambda: defaultdict(list))
    general: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.general) + sum(len(messages) for messages in self.rows.values())

    def for_row(self, part: str, index: int | None) -> list[str]:
        return self.rows.get((part, index), []) if index is not None else []


def draft_warnings(draft: dict) -> DraftWarnings:
    """What the office should look at before publishing, row by row."""
    warnings = DraftWarnings()
    span = plan_span(draft)
    issued = _date(draft["document"].get("date"))
    for index, item in enumerate(draft.get("deadlines") or []):
        for message in _deadline_warnings(item, issued, span):
            warnings.rows[("deadlines", index)].append(message)
    for index, item in enumerate(draft.get("phases") or []):
        start, end = _date(item.get("start")), _date(item.get("end"))
        if start and end and end < start:
            warnings.rows[("phases", index)].append(
                _("Giai đoạn kết thúc (%(end)s) trước khi bắt đầu (%(start)s): sửa một trong hai ngày.")
                % {"end": format_date(end), "start": format_date(start)}
            )
    for index, item in enumerate(draft.get("targets") or []):
        for message in _target_warnings(item, span):
            warnings.rows[("targets", index)].append(message)
    if span.start is None or span.end is None:
        warnings.general.append(
            _(
                "Chưa xác định được thời gian thực hiện của kế hoạch (không có giai đoạn, "
                "“giai đoạn …” hay thời hạn): thêm một giai đoạn ở mục Giai đoạn."
            )
        )
    return warnings


def _deadline_warnings(item: dict, issued: datetime.date | None, span: Span) -> list[str]:
    day = _date(item.get("date"))
    if day is None:
        return []
    messages = []
    if issued and day < issued:
        messages.append(
            _(
                "Thời hạn %(date)s trước ngày ban hành kế hoạch (%(issued)s): có thể là ngày của một "
                "văn bản được trích dẫn. Sửa ngày hoặc bỏ dòng này."
            )
            % {"date": format_date(day), "issued": format_date(issued)}
        )
    elif span.end and day > span.end:
        messages.append(
            _("Thời hạn %(date)s sau ngày kết thúc của kế hoạch (%(end)s).")
            % {"date": format_date(day), "end": format_date(span.end)}
        )
    recurrence = item.get("recurrence")
    if recurrence in RECURRENCE_WORDS:
        dates = occurrences(day, recurrence, span.end)
        if span.end is None:
            messages.append(
                _("Thời hạn lặp lại %(how)s: kế hoạch chưa có ngày kết thúc nên chỉ tạo lần đầu.")
                % {"how": RECURRENCE_WORDS[recurrence]}
            )
        else:
            messages.append(
                _("Thời hạn lặp lại %(how)s: khi ban hành sẽ tạo %(count)s lần, từ %(first)s đến %(last)s.")
                % {
                    "how": RECURRENCE_WORDS[recurrence],
                    "count": len(dates),
                    "first": format_date(dates[0]),
                    "last": format_date(dates[-1]),
                }
            )
    return messages


def _target_warnings(item: dict, span: Span) -> list[str]:
    messages = []
    if not (item.get("unit") or "").strip():
        messages.append(_("Chỉ tiêu chưa có đơn vị tính: điền đơn vị tính (%, căn hộ, hồ sơ…)."))
    if item.get("period") == "by_date" and span.start:
        year = YEAR_IN_TEXT.search(item.get("text") or "")
        if year and int(year[1]) < span.start.year:
            messages.append(
                _(
                    "Năm %(year)s của chỉ tiêu trước khi kế hoạch bắt đầu (%(start)s): có thể là năm "
                    "của số liệu hiện trạng. Chỉ tiêu sẽ theo thời gian của kế hoạch."
                )
                % {"year": year[1], "start": format_date(span.start)}
            )
    return messages
