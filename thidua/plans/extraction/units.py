"""What a target counts and over what period: the unit noun, `period` and `per`.

The unit is the counted noun in its base form: a known noun ("căn hộ", "đường hầm", "đảng
viên", "sáng kiến"), else a classifier standing for the thing counted ("một cuộc gặp gỡ" →
"cuộc"), else the first one or two words after the number, stopping at a function word
("10 đảng viên mới" → "đảng viên", "01 sáng kiến/đề tài" → "sáng kiến").
"""

from __future__ import annotations

import re

# Counted nouns, as a plan writes them; the longest one that follows the number wins.
KNOWN_NOUNS = (
    "tổ chức cơ sở đảng",
    "hộ gia đình",
    "người lao động",
    "lượt người",
    "phòng học",
    "điểm trường",
    "căn hộ",
    "căn nhà",
    "ngôi nhà",
    "nhà ở",
    "đường hầm",
    "đảng viên",
    "sáng kiến",
    "đề tài",
    "công trình",
    "dự án",
    "mô hình",
    "doanh nghiệp",
    "hợp tác xã",
    "hội nghị",
    "hội thảo",
    "văn bản",
    "thủ tục",
    "hồ sơ",
    "tin bài",
    "bài viết",
    "tác phẩm",
    "gia đình",
    "học viên",
    "học sinh",
    "sinh viên",
    "cán bộ",
    "công chức",
    "viên chức",
    "hội viên",
    "đoàn viên",
    "sản phẩm",
    "chi bộ",
    "giải pháp",
    "đề án",
    "chương trình",
    "cuộc thi",
    "phong trào",
    "tập thể",
    "cá nhân",
    "đơn vị",
    "cơ quan",
    "tỷ đồng",
    "triệu đồng",
    "nghìn đồng",
    "ngàn đồng",
    "km",
    "ha",
    "tấn",
    "m2",
    "m²",
    "MW",
    "kWh",
    "người",
    "hộ",
    "xã",
    "phường",
    "thôn",
    "điểm",
    "giờ",
    "ngày",
    "tháng",
    "năm",
    "quý",
    "tuần",
    "đồng",
)
# Words that stand for the thing counted ("một cuộc gặp gỡ", "02 lớp tập huấn", "05 lượt").
CLASSIFIERS = frozenset(
    {
        "cuộc",
        "lượt",
        "buổi",
        "đợt",
        "lần",
        "lớp",
        "chiếc",
        "cái",
        "con",
        "bộ",
        "cuốn",
        "quyển",
        "tấm",
        "bức",
        "ngôi",
        "căn",
        "bài",
        "bản",
        "gói",
        "phiên",
        "khóa",
        "khoá",
        "suất",
        "ca",
        "tập",
        "trang",
        "kỳ",
    }
)
TIME_NOUNS = frozenset({"giờ", "ngày", "tháng", "năm", "quý", "tuần"})
# Not counted nouns: "hai con số" is "double digits".
NOT_NOUNS = ("con số", "con người", "lần thứ", "cấp")
# Words that end a noun phrase: prepositions, verbs of the sentence, qualifiers.
STOP_WORDS = frozenset(
    {
        "mới",
        "trở",
        "trong",
        "của",
        "về",
        "được",
        "cho",
        "tại",
        "và",
        "hoặc",
        "trên",
        "dưới",
        "để",
        "từ",
        "theo",
        "với",
        "đạt",
        "có",
        "là",
        "đã",
        "sẽ",
        "phải",
        "các",
        "những",
        "này",
        "đó",
        "thì",
        "mà",
        "như",
        "so",
        "khi",
        "nhưng",
        "hay",
        "cũng",
        "đều",
        "vào",
        "ra",
        "lên",
        "xuống",
        "sau",
        "trước",
        "gồm",
        "bao",
        "thuộc",
        "do",
        "bằng",
    }
)
_WORD = re.compile(r"[^\W\d_]{1,20}")


def _index_nouns() -> dict[str, list[tuple[str, list[str]]]]:
    """Known nouns by their first word, longest first (looked up once per number)."""
    index: dict[str, list[tuple[str, list[str]]]] = {}
    for noun in sorted(KNOWN_NOUNS, key=lambda n: -len(n.split())):
        parts = noun.lower().split()
        index.setdefault(parts[0], []).append((noun, parts))
    return index


_NOUNS_BY_FIRST_WORD = _index_nouns()
_MAX_NOUN_WORDS = 4


def read_unit(text: str, pos: int, end: int, *, strict: bool) -> tuple[str, int] | None:
    """(unit, end offset) of the noun right after a number at `pos`; None if there is none.

    `strict` (for written-out numbers, which are ordinary words too) accepts only known nouns
    and classifiers.
    """
    words = _following_words(text, pos, end)
    if not words:
        return None
    lowered = [w.lower() for w, _ in words]
    for phrase in NOT_NOUNS:
        if lowered[: len(phrase.split())] == phrase.split():
            return None
    for noun, parts in _NOUNS_BY_FIRST_WORD.get(lowered[0], ()):
        if lowered[: len(parts)] == parts:
            return noun, words[len(parts) - 1][1]
    if lowered[0] in CLASSIFIERS:
        return lowered[0], words[0][1]
    if strict or lowered[0] in STOP_WORDS or not _plain_word(words[0][0]):
        return None
    if len(words) > 1 and lowered[1] not in STOP_WORDS and _plain_word(words[1][0]):
        return f"{lowered[0]} {lowered[1]}", words[1][1]
    return lowered[0], words[0][1]


def _following_words(text: str, pos: int, end: int) -> list[tuple[str, int]]:
    """Up to four words after `pos`, each separated by exactly one space, with their end offsets."""
    words: list[tuple[str, int]] = []
    cursor = pos
    while len(words) < _MAX_NOUN_WORDS and cursor < end and text[cursor] == " ":
        match = _WORD.match(text, cursor + 1, end)
        if not match or (match.end() < end and text[match.end()].isalnum()):
            break
        words.append((match.group(), match.end()))
        cursor = match.end()
    return words


def _plain_word(word: str) -> bool:
    """A lowercase word, or a short acronym of a measure ("km", "MW")."""
    return word.islower() or (word.isupper() and len(word) <= 3)


# Period words, checked in this order: an average over a span, a yearly rhythm, a total over a
# span, a level to reach by a year.
_AVERAGE = re.compile(r"(?<!\w)(?:bình\squân|trung\sbình)(?!\w)", re.IGNORECASE)
_ANNUAL = re.compile(
    r"(?<!\w)(?:hằng\snăm|hàng\snăm|mỗi\snăm|năm\snào\scũng|trong\snăm(?!\s\d))(?!\w)|/\s?năm(?!\w)",
    re.IGNORECASE,
)
_CUMULATIVE = re.compile(
    r"(?<!\w)(?:trong\s\S{1,10}\snăm(?!\s\d)|tổng\scộng|lũy\skế|luỹ\skế|cả\sgiai\sđoạn|toàn\sgiai\sđoạn)(?!\w)",
    re.IGNORECASE,
)
_SPAN_OF_YEARS = re.compile(r"giai\sđoạn\s(?:19|20)\d{2}\s?[-–]\s?(?:19|20)\d{2}", re.IGNORECASE)
_BY_DATE = re.compile(
    r"(?<!\w)(?:(?:đến|tới|vào)\s(?:hết\s|cuối\s)?)?năm\s(?:19|20)\d{2}(?!\s?[-–]\s?\d)|"
    r"(?<!\w)(?:đến|tới)\s(?:hết\s|cuối\s)?(?:ngày\s)?\d{1,2}/\d{1,2}/\d{4}",
    re.IGNORECASE,
)


_COMPARED_WITH = re.compile(r"so\svới\s(?:cùng\skỳ\s)?(?:năm\s)?(?:19|20)\d{2}", re.IGNORECASE)


def period_of(text: str, unit: str | None) -> str | None:
    """The period kind stated in `text`, or None when it states none."""
    text = _COMPARED_WITH.sub(" ", text)  # "tăng 10% so với năm 2025": a baseline, not a horizon
    if _AVERAGE.search(text):
        return "average"
    if _ANNUAL.search(text):
        return "annual"
    if _CUMULATIVE.search(text) or (unit != "%" and _SPAN_OF_YEARS.search(text)):
        return "cumulative"
    if _BY_DATE.search(text):
        return "by_date"
    return None


_PER_UNIT = re.compile(
    r"(?<!\w)(?:mỗi|từng)\s(?:phòng|ban|đơn\svị|cơ\squan|sở|ngành|địa\sphương|xã|phường|đặc\skhu|huyện|"
    r"quận|chi\sbộ|tổ\schức|doanh\snghiệp|trường|tập\sthể|khoa|tổ|đội|cơ\ssở|hội)(?!\w)",
    re.IGNORECASE,
)


def per_of(text: str) -> str | None:
    """ "unit" when each department or unit must reach the target on its own."""
    return "unit" if _PER_UNIT.search(text) else None
