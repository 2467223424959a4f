"""Targets: the quantified commitments of a plan ("đạt từ 99% trở lên", "tối thiểu 01 sáng kiến").

A target is a number that some unit must reach: a percentage, or a count of something
("7.500 căn hộ", "3 - 4 đường hầm", "một cuộc"). The grammar, in named parts:

    [PREFIX_BOUND] NUMBER [RANGE_SEP NUMBER] (PERCENT | UNIT_NOUN) [SUFFIX_BOUND]

Percentages count anywhere in the body. Counts are easily descriptive ("05 trụ cột",
"chính quyền 02 cấp"), so outside a "Mục tiêu"/"Chỉ tiêu" section a count needs a bound word
(tối thiểu, ít nhất, trở lên …), a range, or "phấn đấu"/"đạt" before it. Numbers in award
criteria and budget sections are not commitments. Dates, years, document numbers, ordinals
("giai đoạn 2", "lần thứ") and quoted names are never targets.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from . import units
from .clauses import clauses, content_start, trim
from .draft import Section, Target
from .numbers import DIGITS_RE, NUMBER_WORDS_RE, as_number, parse_digits, parse_words
from .sections import Outline
from .text import Line

# Bound words before the number, longest first, with the comparator each means.
PREFIX_BOUNDS = (
    ("không thấp hơn", ">="),
    ("không ít hơn", ">="),
    ("không dưới", ">="),
    ("tối thiểu", ">="),
    ("ít nhất", ">="),
    ("không vượt quá", "<="),
    ("không cao hơn", "<="),
    ("không nhiều hơn", "<="),
    ("không quá", "<="),
    ("tối đa", "<="),
    ("xuống còn", "<="),
    ("nhiều nhất", "<="),
    ("trên dưới", "="),
    ("xấp xỉ", "="),
    ("khoảng", "="),
    ("gần", "="),
    ("cao hơn", ">"),
    ("nhiều hơn", ">"),
    ("vượt", ">"),
    ("trên", ">"),
    ("hơn", ">"),
    ("thấp hơn", "<"),
    ("ít hơn", "<"),
    ("dưới", "<"),
    ("từ", ">="),
    ("≥", ">="),
    (">=", ">="),
    ("≤", "<="),
    ("<=", "<="),
    (">", ">"),
    ("<", "<"),
)
COMPARATOR_WORDS = "|".join(re.escape(word).replace(r"\ ", r"\s") for word, _ in PREFIX_BOUNDS)
_FILLER = r"(?:\s(?:là|ở\smức|mức|đạt|bằng))?"
PREFIX_BOUND_RE = re.compile(rf"(?<!\w)(?P<bound>{COMPARATOR_WORDS}){_FILLER}\s?$", re.IGNORECASE)
_PREFIX_MEANING = {word.replace(" ", ""): cmp for word, cmp in PREFIX_BOUNDS}
# "… trở lên" after the unit (a few words may sit between: "95% kế hoạch trở lên").
SUFFIX_BOUND_RE = re.compile(
    r"(?:\s[^\W\d]{1,12}){0,4}?\s(?P<bound>trở\slên|trở\sxuống)(?!\w)", re.IGNORECASE
)
RANGE_SEP_RE = re.compile(r"\s?(?:-|–|—|đến|tới)\s?", re.IGNORECASE)
PERCENT_RE = re.compile(r"\s?%|\sphần\străm(?!\w)", re.IGNORECASE)
# Words that make the number before them an ordinal or a label, not a quantity.
ORDINAL_BEFORE_RE = re.compile(
    r"(?<!\w)(?:giai\sđoạn|đợt|lần\sthứ|thứ|khóa|khoá|nhiệm\skỳ|số|mục|điều|khoản|điểm|chương|phần|"
    r"phụ\slục|quý|tháng|ngày|năm|kỳ|lần|(?<!nâng\s)cấp|hạng|loại|tuổi|top|nhóm|tổ|vùng|khu|bước|công\snghiệp|"
    r"phiên\sbản|giờ|mẫu|biểu)\s?$",
    re.IGNORECASE,
)
# A written-out number must start like one ("một", "hai" …), and "năm" after these is a year.
_WORD_NUMBER_START = re.compile(r"^(?:một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín|mười)\b", re.IGNORECASE)
_YEAR_WORD_BEFORE = re.compile(r"(?:hằng|hàng|mỗi|trong|các|cả|từng|những|nhiều|này|của)\s$", re.IGNORECASE)
_COMMITMENT_BEFORE = re.compile(r"(?<!\w)(?:phấn\sđấu|đạt|tăng\sthêm)(?!\w)", re.IGNORECASE)
# A label naming the quantity to deliver: "Số lượng: 5.000 cuốn", "số lượng mẫu quan trắc 240 mẫu/năm",
# "Số điểm quan trắc: 08 điểm".
_QUANTITY_LABEL = re.compile(
    r"(?<!\w)(?:số\slượng(?:\s[^\W\d]+){0,5}|số\s[^\W\d]+(?:\s[^\W\d]+){0,3}\s?:)\s?:?\s?$", re.IGNORECASE
)
# A verb of delivery right before the count: "Xây mới 14 nhà văn hóa", "Trang bị 40 xe".
_DELIVERY_VERB = re.compile(
    r"(?<!\w)(?:xây\s(?:mới|dựng\smới)|trang\sbị|lắp\sđặt|cải\stạo|nâng\scấp|tổ\schức|đào\stạo|tập\shuấn|"
    r"bồi\sdưỡng|thành\slập|cấp\sphát|in|phát\shành|trồng|kết\snạp)\s(?:mới\s|thêm\s)?$",
    re.IGNORECASE,
)
_TARGET_HEADINGS = re.compile(r"chỉ\stiêu|mục\stiêu", re.IGNORECASE)
_EXCLUDED_HEADINGS = re.compile(r"khen\sthưởng|tiêu\schuẩn|kinh\sphí|đối\stượng|điều\skiện", re.IGNORECASE)
# Sections about the present or a forecast ("I. TÌNH HÌNH THỰC HIỆN …", "Đánh giá kết quả …",
# "Dự báo …") state figures, they commit to none.
_CURRENT_HEADINGS = re.compile(
    r"^\W*(?:đánh\sgiá|tình\shình|thực\strạng|kết\squả\s(?:thực\shiện|đạt|đã)|dự\sbáo|bối\scảnh)(?!\w)",
    re.IGNORECASE,
)
# Words that make a figure the present state: an estimate, a comparison with last year or the
# budget, what exists now, damage done ("ước đạt 8%", "tăng 4,9% so cùng kỳ", "hiện có 41 điểm").
_CURRENT_STATE = re.compile(
    r"(?<!\w)(?:ước(?!\s(?:mơ|muốn|vọng))|uớc|dự\skiến|dự\sbáo|so\s(?:với\s)?(?:cùng\skỳ|dự\stoán|năm\strước)|hiện\s(?:có|nay|đang)|"
    r"đến\snay|thiệt\shại|bị\s(?:ngập|hư|sập|cuốn|chết|thiệt)|đã\s(?:có|đạt|thành\slập|hoàn\sthành|được))(?!\w)",
    re.IGNORECASE,
)
_SHARE_NOW = re.compile(r"(?<!\w)chiếm\s?$", re.IGNORECASE)  # "chiếm 27,5%" without a bound word
# Counts of the plan's own items ("(16 mục tiêu)"), ages ("từ 15 tuổi trở lên", "dưới 36 tháng
# tuổi") and scores ("từ 5,0 điểm trở lên") are not targets.
_OWN_ITEMS = frozenset(
    {"mục tiêu", "chỉ tiêu", "nhiệm vụ", "giải pháp", "nội dung", "nhóm giải pháp", "tuổi"}
)
_AGE_AFTER = re.compile(r"\s?tuổi(?!\w)", re.IGNORECASE)
_SCORE_CONTEXT = re.compile(
    r"(?<!\w)(?:chấm|bài|điểm\s(?:học\stập|trung\sbình|đánh\sgiá)|bằng\sđiểm|tổng\sđiểm|xếp\sloại)(?!\w)",
    re.IGNORECASE,
)
# A rule's condition or an entitlement, not a commitment: "Trường hợp có từ 03 đơn vị trở lên bằng
# điểm …", "nếu dưới 5 …", "lớp học có thời gian học từ 50 tiết trở xuống", "được giảm 15% định mức";
# and rows of a coefficient table ("dưới 50 học viên tính hệ số 1").
_CONDITION = re.compile(
    r"(?<!\w)(?:trường\shợp|nếu|có\sthời\sgian|được\s(?:giảm|miễn|hưởng|cộng|trừ))(?!\w)", re.IGNORECASE
)
# The level a change starts from: "từ 31 (vụ) xuống (còn) 25", "từ 40% lên 60%".
_FROM_LEVEL = re.compile(r"\s?(?:xuống|lên)(?:\scòn|\sđến|\stới|\smức)?\s(?:\d|dưới|trên)", re.IGNORECASE)
# A scope set by a condition in the same phrase: "Đối với các khu công nghiệp có từ 50 doanh nghiệp".
_CONDITION_OF_SCOPE = re.compile(r"(?<!\w)đối\svới\s[^,;:]{0,60}?\scó\s[^,;:]*$", re.IGNORECASE)
_COEFFICIENT = re.compile(r"(?<!\w)hệ\ssố(?!\w)", re.IGNORECASE)
_QUOTED = re.compile(r"“[^”\n]{0,300}”")
_TOPIC_PREFIX_MAX_WORDS = 20
_LEADING_WORDS = re.compile(r"(?:trong\sđó|đồng\sthời|và|hoặc|phấn\sđấu|về)(?:\s|,)+", re.IGNORECASE)
_HEADING_WORDS = 15
_NEARLY_SAME_WORDS = 0.8
_NEIGHBOURS_CHARS = 1500
_SAME_WORDS = 0.5  # word overlap above which two statements of one quantity are one target
# A count right after a preposition names a scope ("trong 05 lĩnh vực", "theo 05 trụ cột").
_PREPOSITION_BEFORE = re.compile(
    r"(?<!\w)(?:trong|theo|của|với|về|tại|cho|gồm|qua|sở|thuộc|ở|giữa|các|những|bằng)\s$", re.IGNORECASE
)
_YEAR_TOKEN = re.compile(r"^(?:19|20)\d{2}$")


@dataclass
class Candidate:
    """One quantity found in a clause, before it is turned into a Target."""

    start: int  # first character of the bound word or number
    end: int  # just after the unit and any suffix bound
    number_start: int
    value: float | int
    value_max: float | int | None
    unit: str
    comparator: str
    explicit: bool  # a bound word or a range says this is a threshold


def find_targets(
    text: str,
    lines: list[Line],
    outline: Outline,
    body: tuple[int, int],
    masks: list[tuple[int, int]],
    horizon: int | None = None,
) -> list[Target]:
    """Every target of the body, once each, in document order.

    `horizon` is the last year of the plan: a heading's year other than it dates the targets under
    it ("Mục tiêu đến năm 2028" in a plan to 2030); the horizon itself is the whole plan's."""
    mask = _Mask(masks)
    found: list[Target] = []
    contexts: dict[str | None, tuple[str, bool]] = {}
    for line in lines:
        if not line.text or line.start < body[0] or line.start >= body[1]:
            continue
        base = _headings_above(outline, line)
        key = base.id if base else None
        if key not in contexts:
            contexts[key] = (_zone(outline, base), _heading_dates(outline, base, horizon))
        zone, heading_dates = contexts[key]
        if zone == "excluded":
            continue
        quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text, line.start, line.end)]
        line_mask = _Mask(quoted, mask)
        breakdown = line.end  # after "N xe (trong đó: …": the parts count too
        words_start = content_start(line)
        frame = _frame(text, line, words_start, heading_dates)
        for start, end in clauses(text, words_start, line.end):
            candidates = _candidates(text, start, end, zone, line_mask, breakdown)
            found.extend(_targets_of_clause(text, (start, end), candidates, outline, frame))
            if breakdown == line.end:
                opened = (_BREAKDOWN.match(text, c.end, line.end) for c in candidates)
                breakdown = next((m.end() for m in opened if m), breakdown)
    return _unique(found)


# A line that opens with its time frame ("Hằng năm, …", "Đến năm 2030, …") sets it for every clause.
_LEAD_FRAME = re.compile(
    r"(?:hằng|hàng|mỗi)\snăm|(?:đến|tới)\s(?:hết\s|cuối\s)?năm\s(?:19|20)\d{2}|bình\squân[^,]{0,40}|"
    r"(?:trong\s)?giai\sđoạn\s(?:19|20)\d{2}\s?[-–]\s?(?:19|20)\d{2}",
    re.IGNORECASE,
)
_LEAD_MAX_CHARS = 60
# A heading's time: "Mục tiêu đến năm 2028", "Chỉ tiêu năm 2027", "Giai đoạn 2027 – 2029".
_HEADING_YEAR = re.compile(
    r"(?<!\w)(?:(?:đến|tới)\s(?:hết\s|cuối\s)?)?năm\s(?P<year>(?:19|20)\d{2})(?!\s?[-–]\s?\d)", re.IGNORECASE
)
_HEADING_SPAN = re.compile(
    r"(?<!\w)(?:giai\sđoạn|thời\skỳ|từ\snăm)?\s?(?:19|20)\d{2}\s?(?:[-–]|đến)\s?(?:năm\s)?(?P<year>(?:19|20)\d{2})",
    re.IGNORECASE,
)


@dataclass
class _Frame:
    """The time that frames a line's targets: its own opening words, then its headings'."""

    lead: str  # "Hằng năm", "Đến năm 2030" at the start of the line, or ""
    heading: bool  # a heading above gives a year or span other than the plan's last year


def _frame(text: str, line: Line, start: int, heading_dates: bool) -> _Frame:
    comma = text.find(",", start, min(line.end, start + _LEAD_MAX_CHARS))
    lead = ""
    if comma > start:
        opening = _LEAD_FRAME.match(text, start, comma)
        lead = opening.group() if opening and opening.end() == comma else ""
    return _Frame(lead, heading_dates)


def _heading_dates(outline: Outline, base: Section | None, horizon: int | None) -> bool:
    """Whether the nearest heading above with a year gives one other than the plan's last year."""
    for above in outline.path(base):
        if above.style in ("dash", "plus") or len(above.heading.split()) > _HEADING_WORDS:
            continue
        year = _HEADING_SPAN.search(above.heading) or _HEADING_YEAR.search(above.heading)
        if year:
            return horizon is None or int(year["year"]) != horizon
    return False


def _period(segment: str, context: str, unit: str, frame: _Frame | None) -> str:
    """The period: the target's own words, its clause, the line's opening, then the heading."""
    period = units.period_of(segment, unit) or units.period_of(context, unit)
    if period or frame is None:
        return period or "plan"
    period = units.period_of(frame.lead, unit) if frame.lead else None
    if period:
        return period
    if frame.heading:  # a level by the heading's date; a count adds up over it ("tập huấn 1.200 lượt")
        return "by_date" if unit == "%" else "cumulative"
    return "plan"


def _headings_above(outline: Outline, line: Line) -> Section | None:
    """The innermost section whose heading is above the line (not the line itself, not a list item):
    every line under it shares its headings, so what they say is worked out once per section."""
    section = outline.at(line.start)
    while section is not None and (section.start == line.start or section.style in ("dash", "plus")):
        section = outline.by_id.get(section.parent) if section.parent else None
    return section


def _zone(outline: Outline, base: Section | None) -> str:
    """ "target" under a Mục tiêu/Chỉ tiêu heading, "excluded" under award/budget ones, else "body".

    Only real headings count: short lines of the sections above, not the line being read.
    """
    above = [s for s in outline.path(base) if s.style not in ("dash", "plus")]
    if any(_CURRENT_HEADINGS.match(s.heading) for s in above):
        return "excluded"
    headings = [s.heading for s in above if len(s.heading.split()) <= _HEADING_WORDS]
    if any(_TARGET_HEADINGS.search(h) for h in headings):
        return "target"
    if any(_EXCLUDED_HEADINGS.search(h) for h in headings):
        return "excluded"
    return "body"


class _Mask:
    """Spans (dates, citations, quotes) whose numbers are not quantities."""

    def __init__(self, spans: list[tuple[int, int]], parent: _Mask | None = None):
        self.spans = sorted(spans)
        self.parent = parent

    def covers(self, start: int, end: int) -> bool:
        import bisect

        index = bisect.bisect_right(self.spans, (start, float("inf"))) - 1
        if index >= 0 and self.spans[index][1] > start:
            return True
        if index + 1 < len(self.spans) and self.spans[index + 1][0] < end:
            return True
        return self.parent.covers(start, end) if self.parent else False


def _number_tokens(text: str, start: int, end: int) -> list[tuple[int, int, float | int, bool]]:
    """(start, end, value, is_words) of every number in text[start:end], in order."""
    tokens = []
    for match in DIGITS_RE.finditer(text, start, end):
        tokens.append((match.start(), match.end(), parse_digits(match.group()), False))
    for match in NUMBER_WORDS_RE.finditer(text, start, end):
        words = match.group()
        value = parse_words(words)
        if value is None or not _WORD_NUMBER_START.match(words):
            continue
        before = max(start, match.start() - 8)
        if words.lower().startswith("năm") and _YEAR_WORD_BEFORE.search(text, before, match.start()):
            continue
        tokens.append((match.start(), match.end(), value, True))
    return sorted(tokens)


def _candidates(
    text: str, start: int, end: int, zone: str, mask: _Mask, breakdown: int | None = None
) -> list[Candidate]:
    """Quantities in one clause that read as targets in this zone."""
    found: list[Candidate] = []
    consumed = start
    for tok_start, tok_end, value, is_words in _number_tokens(text, start, end):
        if tok_start < consumed or mask.covers(tok_start, tok_end):
            continue
        if not is_words and _YEAR_TOKEN.match(text[tok_start:tok_end]):
            continue
        if ORDINAL_BEFORE_RE.search(text, max(start, tok_start - 14), tok_start):
            continue
        candidate = _read_quantity(text, (start, end), tok_start, tok_end, value, is_words)
        if found and (breakdown is None or breakdown > tok_start):
            among = _BREAKDOWN.match(text, found[-1].end, min(tok_start, found[-1].end + 80))
            breakdown = among.end() if among else breakdown
        part = breakdown is not None and candidate is not None and candidate.number_start >= breakdown
        if candidate is None or not (
            _qualifies(text, start, candidate, zone) or (part and _part_of(text, start, candidate))
        ):
            continue
        if _not_a_commitment(text, (start, end), candidate, zone):
            consumed = candidate.end
            continue
        found.append(candidate)
        consumed = candidate.end
    return found


def _read_quantity(
    text: str, clause: tuple[int, int], tok_start: int, tok_end: int, value: float | int, is_words: bool
) -> Candidate | None:
    """Read range, unit and bounds around one number token."""
    end = clause[1]
    cursor, value_max, percent = tok_end, None, False
    pct = PERCENT_RE.match(text, cursor, end)
    if pct:
        cursor, percent = pct.end(), True
    value_max, cursor, percent = _range_end(text, cursor, end, value, is_words, percent)
    unit_end = cursor
    if percent:
        unit = "%"
    else:
        noun = units.read_unit(text, cursor, end, strict=is_words)
        if noun is None:
            return None
        unit, unit_end = noun
    comparator, bound_start, explicit = _comparator(text, clause[0], tok_start, unit_end, end)
    suffix = SUFFIX_BOUND_RE.match(text, unit_end, end)
    stop = suffix.end() if suffix else unit_end
    if value_max is not None:
        comparator, explicit = "range", True
    if unit in units.TIME_NOUNS and not explicit:
        return None  # "trong 05 năm" is a span of time, not a quantity to reach
    return Candidate(bound_start, stop, tok_start, value, value_max, unit, comparator, explicit)


def _range_end(
    text: str, cursor: int, end: int, value: float | int, is_words: bool, percent: bool
) -> tuple[float | int | None, int, bool]:
    """ "3 - 4", "từ 05 đến 10", "95% - 98%": the upper number, if the next words make a range."""
    sep = RANGE_SEP_RE.match(text, cursor, end)
    if not sep:
        return None, cursor, percent
    pattern = NUMBER_WORDS_RE if is_words else DIGITS_RE
    second = pattern.match(text, sep.end(), end)
    if not second:
        return None, cursor, percent
    upper = parse_words(second.group()) if is_words else parse_digits(second.group())
    if upper is None or upper <= value or (not is_words and _YEAR_TOKEN.match(second.group())):
        return None, cursor, percent
    after = second.end()
    pct = PERCENT_RE.match(text, after, end)
    if pct:
        return as_number(upper), pct.end(), True
    return as_number(upper), after, percent


def _comparator(
    text: str, clause_start: int, tok_start: int, unit_end: int, end: int
) -> tuple[str, int, bool]:
    """(comparator, start of the bound word or number, whether a bound word says so)."""
    suffix = SUFFIX_BOUND_RE.match(text, unit_end, end)
    prefix = PREFIX_BOUND_RE.search(text, max(clause_start, tok_start - 40), tok_start)
    start = prefix.start() if prefix else tok_start
    if suffix:
        return (">=" if "lên" in suffix.group("bound") else "<="), start, True
    if prefix:
        word = re.sub(r"\s", "", prefix.group("bound").lower())
        comparator = _PREFIX_MEANING.get(word, "=")
        return comparator, start, word not in ("từ", "khoảng", "gần", "xấpxỉ", "trêndưới")
    return "=", tok_start, False


def _qualifies(text: str, clause_start: int, candidate: Candidate, zone: str) -> bool:
    """Whether a quantity is a commitment: see the module docstring."""
    if candidate.unit == "%" or candidate.explicit:
        return True
    if _PREPOSITION_BEFORE.search(
        text, max(clause_start, candidate.number_start - 8), candidate.number_start
    ):
        return False
    if _QUANTITY_LABEL.search(text, max(clause_start, candidate.number_start - 60), candidate.number_start):
        return True
    if _DELIVERY_VERB.search(text, max(clause_start, candidate.number_start - 20), candidate.number_start):
        return True
    if _fills_cell(text, candidate):
        return True
    return zone == "target" or bool(_COMMITMENT_BEFORE.search(text, clause_start, candidate.number_start))


_MONEY = re.compile(r"(?:đồng|usd)$", re.IGNORECASE)


def _fills_cell(text: str, candidate: Candidate) -> bool:
    """A count alone in a table cell beside the row's description ("| Xây mới nhà văn hóa | 14 nhà |");
    not a sum of money (a cost column)."""
    if _MONEY.search(candidate.unit):
        return False
    line_start = text.rfind("\n", 0, candidate.start) + 1
    before = text[line_start : candidate.start].rstrip(" ")
    if not before or before[-1] not in "|\t" or not re.search(r"[^\W\d]{2}", before):
        return False
    line_end = text.find("\n", candidate.end)
    after = text[candidate.end : len(text) if line_end < 0 else line_end].lstrip(" ")
    return not after or after[0] in "|\t"


def _part_of(text: str, clause_start: int, candidate: Candidate) -> bool:
    """A part of a breakdown ("trong đó: tỉnh 15 xe, xã 25 xe"), unless a preposition makes it a scope."""
    return not _PREPOSITION_BEFORE.search(
        text, max(clause_start, candidate.number_start - 8), candidate.number_start
    )


def _not_a_commitment(text: str, clause: tuple[int, int], candidate: Candidate, zone: str) -> bool:
    """A figure of the present state, an age, a score or a count of the plan's own items."""
    if (
        candidate.unit in _OWN_ITEMS
        or candidate.unit.split()[0] == "tuổi"
        or _AGE_AFTER.match(text, candidate.end)
    ):
        return True
    if candidate.unit in units.TIME_NOUNS and candidate.comparator in ("<", ">"):
        return True  # "con dưới 12 tháng", "trên 12 tháng": an age or a length of service
    if candidate.unit == "điểm" and (
        _SCORE_CONTEXT.search(text, clause[0], clause[1])
        or re.match(r"\d+,\d", text[candidate.number_start :])
    ):
        return True  # "từ 5,0 điểm trở lên": a grade
    if _FROM_LEVEL.match(text, candidate.end, clause[1]) or _CONDITION_OF_SCOPE.search(
        text, clause[0], candidate.number_start
    ):
        return True  # "giảm từ 31 vụ xuống còn 25 vụ": 31 is where it starts; "Đối với … có từ 50 …"
    if _CONDITION.search(text, clause[0], candidate.number_start) or _COEFFICIENT.search(
        text, candidate.end, clause[1]
    ):
        return True
    if _CURRENT_STATE.search(text, clause[0], candidate.end):
        return not _COMMITMENT_AFTER_STATE.search(text, clause[0], candidate.number_start)
    return (
        zone != "target"
        and not candidate.explicit
        and bool(_SHARE_NOW.search(text, max(clause[0], candidate.start - 8), candidate.start))
    )


# "… ước đạt 8%, phấn đấu năm 2026 đạt 9%": a commitment after the estimate still counts.
_COMMITMENT_AFTER_STATE = re.compile(
    r"(?<!\w)(?:ước|uớc|so|hiện|đến\snay|thiệt|bị|đã)(?!\w).*(?<!\w)(?:phấn\sđấu|mục\stiêu|chỉ\stiêu)(?!\w)",
    re.IGNORECASE | re.DOTALL,
)


def _targets_of_clause(
    text: str,
    clause: tuple[int, int],
    candidates: list[Candidate],
    outline: Outline,
    frame: _Frame | None = None,
) -> list[Target]:
    """One Target per candidate, each with the part of the clause that states it."""
    targets = []
    for candidate, (seg_start, seg_end) in zip(candidates, _segments(text, clause, candidates), strict=True):
        seg_start, seg_end = _clean_segment(text, seg_start, seg_end, candidate.number_start)
        segment = text[seg_start:seg_end]
        # "…, theo lộ trình hàng năm, phấn đấu đạt 20% … năm 2025": the target starts at "phấn đấu".
        strive = [m.start() for m in _STRIVE.finditer(text, clause[0], candidate.number_start)]
        context = text[max([clause[0], *strive[-1:]]) : clause[1]]
        targets.append(
            Target(
                text=segment,
                comparator=candidate.comparator,
                value=candidate.value,
                value_max=candidate.value_max,
                unit=candidate.unit,
                period=_period(segment, context, candidate.unit, frame),
                per=units.per_of(segment) or units.per_of(context),
                section=outline.id_at(candidate.number_start),
                span=(seg_start, seg_end),
            )
        )
    return targets


_SPLIT_STRONG = re.compile(r",?\s?trong\sđó(?:\s|,|:)", re.IGNORECASE)
_STRIVE = re.compile(r"(?<!\w)phấn\sđấu(?!\w)", re.IGNORECASE)
# What opens the parts of a total: "40 xe (trong đó: tỉnh 15 xe, …)", "08 điểm, trong đó: 06 …",
# "07 điểm (04 điểm …; 03 điểm …)", "gồm: …".
_BREAKDOWN = re.compile(
    r"(?:\s[^\W\d]{1,10}){0,3}?(?:[\s,]*(?:\(\s?)?(?:trong\sđó|(?:bao\s)?gồm)\s?:?|\s?\()", re.IGNORECASE
)
_SPLIT_AND = re.compile(r"\s(?:và|hoặc)\s", re.IGNORECASE)


def _segments(text: str, clause: tuple[int, int], candidates: list[Candidate]) -> list[tuple[int, int]]:
    """Cut a clause between consecutive targets: at "trong đó", else the last "và", else the first ","."""
    if not candidates:
        return []
    bounds = [clause[0]]
    for left, right in itertools.pairwise(candidates):
        gap_start, gap_end = left.end, right.start
        strong = _SPLIT_STRONG.search(text, gap_start, gap_end)
        ands = list(_SPLIT_AND.finditer(text, gap_start, gap_end))
        comma = text.find(",", gap_start, gap_end)
        if strong:
            cut = (strong.start(), strong.end())
        elif ands:
            cut = (ands[-1].start(), ands[-1].end())
        elif comma >= 0:
            cut = (comma, comma + 1)
        else:
            cut = (gap_end, gap_end)
        bounds.extend(cut)
    bounds.append(clause[1])
    return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]


def _clean_segment(text: str, start: int, end: int, number_start: int) -> tuple[int, int]:
    """Drop the topic ("Về cơ cấu …:"), joining words and punctuation around a target's words."""
    start, end = trim(text, start, end)
    colon = text.rfind(":", start, number_start)
    if colon >= 0 and len(text[start:colon].split()) <= _TOPIC_PREFIX_MAX_WORDS:
        start, end = trim(text, colon + 1, end)
    # "Hoàn thành các nhiệm vụ …, trong đó tỷ lệ … đạt 50%": the target is what follows "trong đó".
    among = [m.end() for m in _SPLIT_STRONG.finditer(text, start, number_start)]
    if among:
        start, end = trim(text, among[-1], end)
    strive = [m.start() for m in _STRIVE.finditer(text, start, number_start)]
    if strive and strive[-1] > start and text[strive[-1] - 2 : strive[-1]].strip() in (",", ""):
        start, end = trim(text, strive[-1], end)
    closing = text.find(")", number_start, end)
    if closing >= 0 and text.find("(", start, closing) < 0:  # "…, xã 25 xe) cho …": the breakdown ends
        start, end = trim(text, start, closing)
    while True:
        leading = _LEADING_WORDS.match(text, start, end)
        if not leading or leading.end() > number_start:
            break
        start, end = trim(text, leading.end(), end)
    return start, end


def _unique(targets: list[Target]) -> list[Target]:
    """Report a repeated target once: same quantity and mostly the same words. Neighbouring items
    of one list that differ in a few words ("Tỷ lệ cảng biển … 70%", "Tỷ lệ cửa khẩu … 70%") are
    different targets: a plan repeats a target elsewhere (a summary, an appendix), not next to it."""
    kept: list[Target] = []
    seen: dict[tuple[object, ...], list[tuple[set[str], int]]] = {}
    for target in targets:
        key = (target.comparator, target.value, target.value_max, target.unit)
        words = _words(target.text)
        start = target.span[0] if target.span else 0
        if any(_repeats(words, start, other, at) for other, at in seen.get(key, ())):
            continue
        seen.setdefault(key, []).append((words, start))
        kept.append(target)
    return kept


def _repeats(words: set[str], start: int, other: set[str], other_start: int) -> bool:
    same = _jaccard(words, other)
    return same >= _SAME_WORDS and (
        same >= _NEARLY_SAME_WORDS or abs(start - other_start) > _NEIGHBOURS_CHARS
    )


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
