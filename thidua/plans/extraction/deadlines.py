"""Deadlines: dated obligations ("gửi về Văn phòng Sở trước ngày 30/8/2026").

The word before a date says what kind of deadline it is: "trước ngày", "chậm nhất" → before;
"ngày", "vào ngày" → on; "hết", "cuối", "đến hết", "trong quý/tháng" → by_end. A month,
quarter or year is dated to its last day; a date that recurs ("trước ngày 30/11 hằng năm")
to its first occurrence after the plan's own date. Not deadlines: dates that identify a cited
document, the header date, phase limits, ranges "từ … đến …", and target horizons ("đến năm
2030 đạt …").
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import replace

from .clauses import clauses, content_start, trim
from .dates import RECURRING_RE, DateMatch, find_dates, next_day_of_month, next_occurrence, recurrence_in
from .draft import Deadline
from .sections import Outline
from .text import Line

BEFORE_RE = re.compile(
    r"(?<!\w)(?:trước|chậm\snhất(?:\slà)?(?:\svào)?|không\smuộn\shơn|hạn\schót(?:\slà)?|hạn\scuối(?:\slà)?)"
    r"\s(?:ngày\s)?$",
    re.IGNORECASE,
)
BY_END_RE = re.compile(r"(?<!\w)(?:hết|cuối|trong)\s(?:ngày\s)?$", re.IGNORECASE)
TO_DAY_RE = re.compile(r"(?<!\w)(?:đến|tới)\s(?:ngày\s)?$", re.IGNORECASE)
ON_RE = re.compile(r"(?<!\w)(?:vào\s(?:ngày\s)?|ngày\s)$", re.IGNORECASE)
# "Thời gian: tháng 10/2026", "Thời hạn hoàn thành: quý IV/2026".
DUE_LABEL_RE = re.compile(r"(?<!\w)(?:thời\sgian|thời\shạn)(?:\s[^\W\d]{1,10}){0,3}\s?:\s?$", re.IGNORECASE)
_RANGE_BETWEEN = re.compile(r"\s?(?:đến|tới|-|–)\s?(?:hết\s|cuối\s)?(?:ngày\s)?", re.IGNORECASE)
FROM_RE = re.compile(r"(?<!\w)từ\s(?:ngày\s)?$", re.IGNORECASE)
RANGE_AFTER_RE = re.compile(r"\s?(?:đến|tới|-|–)\s?(?:hết\s|cuối\s)?(?:ngày\s)?\d", re.IGNORECASE)
_TRAILING_WORDS = re.compile(
    r"(?:\s(?:vào|là|và|trong|đến|hạn|chậm\snhất|hằng\snăm|hàng\snăm|mỗi\snăm|,))+$"
    r"|[.;]?\s?(?:Thời\sgian|Thời\shạn)(?:\s(?:hoàn\sthành|thực\shiện|báo\scáo|nộp))?\s?:?$"
)
_LEADING_WORDS = re.compile(
    r"(?:và|vào|(?:định\skỳ\s)?(?:hằng|hàng|mỗi)\s(?:năm|quý|tháng)|để|thì)(?:\s|,)+", re.IGNORECASE
)
_WINDOW = 40
# "tại thời điểm 0h00 ngày 01/01/2026": the moment a count refers to, not a due date.
_MOMENT_RE = re.compile(r"(?<!\w)thời\sđiểm(?:\s\d{1,2}\s?h\s?\d{0,2})?\s(?:ngày\s)?$", re.IGNORECASE)
# "Đến hết năm 2030, phấn đấu đạt …": the horizon of targets, not a due date.
_HORIZON_AFTER_RE = re.compile(
    r"^\W{0,3}(?:\w+\s){0,3}?(?:phấn\sđấu|đạt\sđược|đạt|mục\stiêu|có\sít\snhất)(?!\w)", re.IGNORECASE
)
# "hoàn thành trong năm 2025", "xong trong quý IV/2026": due by the end of that span.
_DONE_WITHIN_RE = re.compile(
    r"(?<!\w)(?:hoàn\sthành|xong|kết\sthúc)\s(?:trong|ngay\strong)\s$", re.IGNORECASE
)
# "Thời gian hoàn thành: Tháng 11 - 12/2025", "Thời hạn: từ ngày 01/01 đến ngày 31/3/2026": due at its end.
_DUE_RANGE_LABEL_RE = re.compile(
    r"(?<!\w)thời\s(?:gian|hạn)\s(?:hoàn\sthành|thực\shiện|báo\scáo|nộp)\s?:\s?(?:từ\s)?(?:ngày\s)?$",
    re.IGNORECASE,
)
# A report or review whose time is given in brackets: "Báo cáo đánh giá giữa kỳ (năm 2028)".
_REVIEW_IN_BRACKETS = re.compile(
    r"(?<!\w)(?:báo\scáo|sơ\skết|tổng\skết|đánh\sgiá|kiểm\stra)(?:\s[^\W\d]+){0,4}\s?\($", re.IGNORECASE
)
# A legal document cited by its name and date, without a number ("Luật Thi đua, khen thưởng ngày
# 15/6/2022", "Nghị quyết của Quốc hội ngày 20/11/2019"): capitalised kind, a short name, "ngày".
# (Kế hoạch, Chương trình, Đề án are as often the plan's own activities: "Hội nghị … tổ chức ngày …".)
_NAMED_DOCUMENT = re.compile(
    r"(?<!\w)(?:Luật|Bộ\sluật|Hiến\spháp|Pháp\slệnh|Nghị\squyết|Nghị\sđịnh|Quyết\sđịnh|Chỉ\sthị|Thông\stư|"
    r"Kết\sluận|Công\svăn|Công\sđiện|Thông\sbáo)"
    r"(?:\s(?!(?:trước|chậm|hạn|vào|hoàn|gửi|báo|về|cho|tới|đến|lên|nộp|trình)(?!\w))[^\s;.]+){0,12}?,?\s"
    r"(?:ban\shành\s)?(?:ngày\s)?$"
)
_NAME_WINDOW = 100
_OPENS_OR_CLOSES = re.compile(r"(?<!\w)(?:từ|đến|tới)\s$", re.IGNORECASE)
_CLOSES_RANGE = re.compile(r"(?<!\w)(?:đến|tới)\s(?:hết\s|cuối\s)?(?:ngày\s)?$", re.IGNORECASE)
_ROW_NUMBER_LINE = re.compile(r"^(?:\d{1,3}|[IVXLC]{1,6})\.?$")
_ROW_CELLS_BACK = 5
_JOINED_RE = re.compile(r"\s?(?:và|,)\s(?:ngày\s)?", re.IGNORECASE)


class _Spans:
    """Sorted spans that a deadline's date must not fall in."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans lying wholly inside [start, end)."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end)
        return [span for span in self.spans[first:last] if span[1] < end]

    def covers(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.starts, start) - 1
        for probe in (index, index + 1):
            if 0 <= probe < len(self.spans):
                s, e = self.spans[probe]
                if s < end and start < e:
                    return True
        return False


def find_deadlines(
    text: str,
    lines: list[Line],
    outline: Outline,
    body: tuple[int, int],
    masks: list[tuple[int, int]],
    citations: list[tuple[int, int]],
    plan_date: dt.date | None,
) -> list[Deadline]:
    """Every dated obligation of the body, once each, in document order.

    `masks` are spans whose dates are no deadlines; `citations` the cited documents' spans.
    """
    excluded = _Spans(masks + citations)
    anchor = (outline, plan_date)
    cited = _Spans(citations)
    found: list[Deadline] = []
    seen: set[tuple[str, str, str]] = set()
    for line in lines:
        if not line.text or line.start < body[0] or line.start >= body[1]:
            continue
        line_start = content_start(line)
        year_cell = _year_cell(text, line, anchor)
        if year_cell is not None:
            found.append(year_cell)
            continue
        for clause in clauses(text, line_start, line.end):
            dates = [d for d in find_dates(text, *clause) if not excluded.covers(d.start, d.end)]
            of_clause = _deadlines_of_clause(text, clause, dates, (outline, cited, plan_date, line_start))
            if not dates and plan_date is not None:
                of_clause = _quarterly_report(text, clause, outline, plan_date)
            for deadline in of_clause:
                key = (deadline.date, deadline.bound, deadline.text)
                if key not in seen:
                    seen.add(key)
                    found.append(deadline)
    return found


# "định kỳ hằng quý báo cáo …" with no date: due at the end of each quarter, the first one being
# the quarter the plan is dated in.
_QUARTERLY = re.compile(r"(?<!\w)(?:định\skỳ\s)?(?:hằng|hàng|mỗi)\squý(?!\w)", re.IGNORECASE)
_REPORT = re.compile(r"(?<!\w)báo\scáo(?!\w)", re.IGNORECASE)


def _quarterly_report(
    text: str, clause: tuple[int, int], outline: Outline, plan_date: dt.date
) -> list[Deadline]:
    if text.find("quý", *clause) < 0:
        return []
    quarterly = _QUARTERLY.search(text, *clause)
    if not quarterly or not _REPORT.search(text, *clause):
        return []
    last_month = 3 * ((plan_date.month - 1) // 3 + 1)
    end = dt.date(plan_date.year, last_month, calendar.monthrange(plan_date.year, last_month)[1])
    start, stop = trim(text, *clause)
    return [
        Deadline(
            end.isoformat(),
            "by_end",
            text[start:stop],
            outline.id_at(quarterly.start()),
            (start, stop),
            "quarterly",
        )
    ]


def _deadlines_of_clause(
    text: str,
    clause: tuple[int, int],
    dates: list[DateMatch],
    context: tuple[Outline, _Spans, dt.date | None, int],
) -> list[Deadline]:
    """The deadlines of one clause; `context` is (outline, citations, plan date, line start)."""
    outline, cited, plan_date, line_start = context
    deadlines: list[Deadline] = []
    previous_end = clause[0]
    for index, date in enumerate(dates):
        previous = dates[index - 1] if index else None
        if deadlines and previous is not None and _JOINED_RE.fullmatch(text, previous.end, date.start):
            # "trước ngày 10/6 và 10/12 hằng năm": a second date of the same obligation
            day = _day(text, date, plan_date)
            if day is not None:
                first = deadlines[-1]
                recurrence = _recurrence(text, clause, date)
                deadlines.append(replace(first, date=day.isoformat(), recurrence=recurrence))
            previous_end = date.end
            continue
        reading = _bound(text, clause[0], date, previous)
        if reading is None:
            continue
        bound, phrase_start = reading
        day = _day(text, date, plan_date)
        if day is None or (
            bound == "on" and plan_date is not None and date.first is not None and day < plan_date
        ):
            continue  # a day named before the plan was signed is a past event, not one it sets
        next_start = dates[index + 1].start if index + 1 < len(dates) else clause[1]
        span, words = _obligation(text, (previous_end, phrase_start), (date.end, next_start), cited)
        if not words and line_start < clause[0]:  # "Tổ chức sơ kết. Thời gian: quý III/2026."
            span, words = _obligation(text, (line_start, phrase_start), (date.end, next_start), cited)
        if not re.search(r"\w{2}", words):
            words = _task_above(text, outline, line_start)
        previous_end = date.end
        recurrence = _recurrence(text, clause, date)
        deadlines.append(Deadline(day.isoformat(), bound, words, outline.id_at(date.start), span, recurrence))
    return deadlines


_YEAR_CELL_RE = re.compile(r"^(?:[Nn]ăm\s)?(?:(?:19|20)\d{2}\s?[-–]\s?)?(?P<year>(?:19|20)\d{2})\.?$")


def _year_cell(text: str, line: Line, anchor: tuple[Outline, dt.date | None]) -> Deadline | None:
    """A table row's "Thời gian hoàn thành" cell holding a year or years ("Năm 2026", "2025 - 2026"):
    due by the end of the last year. Only in a row: a row number first in the line ("| 2 | … | Năm
    2026 |") or a few lines above (one cell a line)."""
    if not line.text.rstrip(" \t|.")[-4:].isdigit():
        return None  # the cell holds a year last
    cells = [cell.strip() for cell in _CELL_SPLIT.split(line.text) if cell.strip()]
    if len(cells) > 1:
        match = _YEAR_CELL_RE.match(cells[-1])
        tasks = [c for c in cells[1:-1] if re.search(r"\w{2}", c)]
        in_row, task = bool(_ROW_NUMBER_LINE.match(cells[0])), (tasks[0] if tasks else "")
    else:
        match = _YEAR_CELL_RE.match(line.text.strip(" \t|"))
        task, in_row = _row_cells(text, line.start) if match else ("", False)
    if not match or not in_row or not re.search(r"\w{2}", task):
        return None
    outline, plan_date = anchor
    year = int(match["year"])
    if plan_date is not None and year < plan_date.year:
        return None
    return Deadline(
        dt.date(year, 12, 31).isoformat(), "by_end", task, outline.id_at(line.start), (line.start, line.end)
    )


_CELL_SPLIT = re.compile(r"\t|\s?\|\s?")


def _task_above(text: str, outline: Outline, line_start: int) -> str:
    """The task of a date given on its own: the heading of the item above a lettered line
    ("1. Rà soát … / a) Chủ trì … / c) Thời gian thực hiện: …"), or the row's first cell."""
    real_start = text.rfind("\n", 0, line_start) + 1
    if line_start > real_start:
        path = outline.path(outline.at(line_start))
        if len(path) >= 2 and re.search(r"\w{2}", path[1].heading):
            return path[1].heading
    return _row_task(text, real_start)


def _row_task(text: str, line_start: int) -> str:
    return _row_cells(text, line_start)[0]


def _row_cells(text: str, line_start: int) -> tuple[str, bool]:
    """The task a date belongs to, when the date stands in its own cell (line): the first cell after
    the row's number, a few lines above; else the line just above."""
    cells: list[str] = []
    end = line_start - 1
    while end > 0 and len(cells) < _ROW_CELLS_BACK:
        start = text.rfind("\n", 0, end) + 1
        cell = text[start:end].strip(" \t|-+")
        end = start - 1
        if not cell:
            break
        if _ROW_NUMBER_LINE.match(cell):
            return (cells[-1], True) if cells else ("", False)
        cells.append(cell)
    return (cells[0] if cells else ""), False


def _bound(
    text: str, clause_start: int, date: DateMatch, previous: DateMatch | None
) -> tuple[str, int] | None:
    """(bound, start of the date phrase) or None when this date is no deadline."""
    window_start = max(clause_start, date.start - _WINDOW)
    if _MOMENT_RE.search(text, window_start, date.start) or _HORIZON_AFTER_RE.match(
        text[date.end : date.end + 40]
    ):
        return None
    if _in_range(text, window_start, date, previous):
        if _range_due(text, clause_start, date, previous):
            return "by_end", previous.start if previous is not None else date.start
        return None  # "từ … đến …": a period of activity
    done_within = _DONE_WITHIN_RE.search(text, window_start, date.start)
    if done_within and date.grain != "day":
        return "by_end", done_within.start()
    for pattern, bound in ((BEFORE_RE, "before"), (BY_END_RE, "by_end"), (DUE_LABEL_RE, "by_end")):
        match = pattern.search(text, window_start, date.start)
        if match:
            framing = match.group().lower().startswith("trong") and date.grain in ("year", "day")
            if framing:
                return None  # "trong năm 2026" frames a span of work, it sets no date
            if pattern is DUE_LABEL_RE and date.grain == "year":
                return None
            return bound, match.start()
    if date.grain == "day":
        if _NAMED_DOCUMENT.search(text, max(clause_start, date.start - _NAME_WINDOW), date.start):
            return None  # "Luật Thi đua, khen thưởng ngày 15/6/2022": the date names the law
        return _day_bound(text, window_start, date)
    if _REVIEW_IN_BRACKETS.search(text, window_start, date.start) and text[date.end : date.end + 1] == ")":
        return "by_end", date.start  # "Báo cáo đánh giá giữa kỳ (năm 2028)"
    if date.grain == "month" and date.month_day is not None:  # "Tháng 11 hằng năm, … báo cáo"
        return None if _OPENS_OR_CLOSES.search(text, window_start, date.start) else ("by_end", date.start)
    if date.grain != "year" and (ON_RE.search(text, window_start, date.start) or _alone_in_cell(text, date)):
        # "vào tháng 12/2030", a "Quý III/2026" cell: due within that span, so by its last day
        return "by_end", _phrase_start(text, window_start, date)
    return None


def _range_due(text: str, clause_start: int, date: DateMatch, previous: DateMatch | None) -> bool:
    """The end of a range given as the time to finish ("Thời gian hoàn thành: Tháng 11 - 12/2025")
    or filling a table cell ("Năm 2025 - 2026")."""
    if previous is None or RANGE_AFTER_RE.match(text, date.end):
        return False  # the range's start: the deadline is its end
    window_start = max(clause_start, previous.start - _WINDOW)
    if _DUE_RANGE_LABEL_RE.search(text, window_start, previous.start):
        return True
    line_start = text.rfind("\n", 0, previous.start) + 1
    line_end = text.find("\n", date.end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[line_start : previous.start].strip(" \t|").lower()
    return before in ("", "năm", "từ năm") and not text[date.end : line_end].strip(" \t|.;")


def _in_range(text: str, window_start: int, date: DateMatch, previous: DateMatch | None) -> bool:
    """Whether the date opens or closes a "từ … đến …" / "… - …" period."""
    if FROM_RE.search(text, window_start, date.start) or RANGE_AFTER_RE.match(text, date.end):
        return True
    if previous is None:
        return False
    between = text[previous.end : date.start]
    if _RANGE_BETWEEN.fullmatch(between):
        return True
    # "từ ngày 15 tháng 12 năm trước kỳ báo cáo đến ngày 14 tháng 12": a few words may qualify the start.
    opened = FROM_RE.search(text, max(0, previous.start - 12), previous.start)
    return bool(opened) and len(between) <= _WINDOW and bool(_CLOSES_RANGE.search(between))


def _day_bound(text: str, window_start: int, date: DateMatch) -> tuple[str, int] | None:
    """ "đến (hết) ngày" → by_end; "ngày", "vào ngày", a date alone in a table cell → on."""
    match = TO_DAY_RE.search(text, window_start, date.start)
    if match:
        return "by_end", match.start()
    match = ON_RE.search(text, window_start, date.start)
    if match:
        return "on", match.start()
    if text[date.start : date.start + 4].lower() == "ngày" or _alone_in_cell(text, date):
        return "on", date.start
    return None


def _alone_in_cell(text: str, date: DateMatch) -> bool:
    """A date that fills a table cell (a "Thời gian hoàn thành" column)."""
    before = text[max(0, date.start - 2) : date.start].rstrip(" ")
    after = text[date.end : date.end + 2].lstrip(" ")
    return (not before or before[-1] in "\t|\n") and (not after or after[0] in "\t|\n")


def _phrase_start(text: str, window_start: int, date: DateMatch) -> int:
    match = ON_RE.search(text, window_start, date.start)
    return match.start() if match else date.start


def _recurrence(text: str, clause: tuple[int, int], date: DateMatch) -> str | None:
    """How often the deadline comes back: "ngày 25 hằng tháng", "trước ngày 10/6 và 10/12 hằng năm"."""
    if date.day_of_month is not None:
        return "monthly"
    return recurrence_in(text, clause[0], min(clause[1], date.end + _WINDOW))


def _day(text: str, date: DateMatch, plan_date: dt.date | None) -> dt.date | None:
    """The deadline's day: the last day of a span; a year-less date's next occurrence."""
    if date.day_of_month is not None:
        return next_day_of_month(date.day_of_month, plan_date) if plan_date else None
    if date.month_day is not None:
        if plan_date is None:
            return None
        return next_occurrence(date.month_day, plan_date)
    return date.last


def _obligation(
    text: str, before: tuple[int, int], after: tuple[int, int], cited: _Spans
) -> tuple[tuple[int, int], str]:
    """The words that say what is due: before the date phrase, else after the date.

    A document cited before the date is the ground for the task ("trên cơ sở … Kế hoạch số
    184/KH-UBND … của UBND tỉnh xây dựng kế hoạch …"): the task starts after it.
    """
    start, end = before
    for _c_start, c_end in cited.within(start, end):
        if len(text[c_end:end].split()) >= 3:
            start = max(start, c_end)
    start, end = trim(text, start, end)
    start, end = _strip(text, start, end)
    if len(text[start:end].split()) >= 2:
        return (start, after[0]), text[start:end]
    a_start, a_end = after
    recurring = RECURRING_RE.match(text, a_start, a_end)
    a_start = recurring.end() if recurring else a_start
    a_start, a_end = _strip(text, *trim(text, a_start, a_end))
    phrase_start = before[1]
    return (min(phrase_start, a_start), max(a_end, after[0])), text[a_start:a_end]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop joining words at either end ("… rút kinh nghiệm vào" → "… rút kinh nghiệm")."""
    trailing = _TRAILING_WORDS.search(text, start, end)
    if trailing:
        end = trailing.start()
    leading = _LEADING_WORDS.match(text, start, end)
    if leading:
        start = leading.end()
    return trim(text, start, end)
