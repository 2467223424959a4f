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
    and classifiers. The head noun is then completed: a word cut in two ("vùng dự" + "án"), a
    complement that names what is counted ("bộ" + "dữ liệu", "điểm" + "truy cập Wi-Fi công cộng"),
    and a ratio ("ca mắc/100.000 dân", "học sinh nữ/100 học sinh nam", "con/phụ nữ").
    """
    head = _head_unit(text, pos, end, strict=strict)
    if head is None:
        return None
    unit, unit_end = _complete(text, *head, end)
    if unit not in TIME_NOUNS:
        unit, unit_end = _listed(text, unit, unit_end, end)
    return _ratio(text, unit, unit_end, end)


_NOUNS_OF_TWO = frozenset(noun for noun in KNOWN_NOUNS if len(noun.split()) == 2)
_LIST_END = re.compile(r"[\s]*(?:[,;.:)]|$)")


def _listed(text: str, unit: str, unit_end: int, end: int) -> tuple[str, int]:
    """A unit that names two kinds of thing: "05 bản tin, phóng sự", "200 cơ sở y tế, dược",
    "10 hội nghị, hội thảo". The second noun must end the phrase (a comma, the clause's end or a
    function word follows), so "02 hội nghị, tập huấn cho …" stays "hội nghị"."""
    if text[unit_end : unit_end + 1] != ",":
        return unit, unit_end
    words = _following_words(text, unit_end + 1, end)[:3]
    lowered = [w.lower() for w, _ in words]
    for size in (2, 1):
        if len(lowered) < size or not all(_plain_word(w) for w, _ in words[:size]):
            continue
        noun = " ".join(lowered[:size])
        if size == 2 and noun not in _WORDS_OF_TWO and noun not in _NOUNS_OF_TWO:
            continue
        if size == 1 and (noun in STOP_WORDS or noun in TIME_NOUNS or noun in _NOT_LISTED):
            continue
        noun_end = words[size - 1][1]
        closes = _LIST_END.match(text, noun_end, end) or (len(lowered) > size and lowered[size] in STOP_WORDS)
        if closes:
            return f"{unit}, {noun}", noun_end
    return unit, unit_end


# Single words after a comma that start the next part of the sentence, not a second noun.
_NOT_LISTED = frozenset({"trong", "đồng", "bảo", "góp", "nhằm", "đạt", "tăng", "giảm", "mỗi", "mới"})


# Two-syllable words whose halves must not be parted, and complements that say what a head
# noun counts ("tập dữ liệu", "vùng dự án", "sàn giao dịch", "điểm truy cập", "cơ sở y tế").
_WORDS_OF_TWO = frozenset(
    {
        "dự án",
        "dữ liệu",
        "giao dịch",
        "truy cập",
        "công cộng",
        "y tế",
        "công nghệ",
        "công nghiệp",
        "doanh nghiệp",
        "thủy sản",
        "nông nghiệp",
        "du lịch",
        "văn hóa",
        "thể thao",
        "phóng sự",
        "bản tin",
        "giáo dục",
        "khoa học",
        "tin học",
        "điện tử",
        "trực tuyến",
        "quan trắc",
        "tự động",
        "sinh hoạt",
        "văn nghệ",
        "thể dục",
        "xử lý",
        "cộng đồng",
        "dân cư",
        "chuyên đề",
        "tuyên truyền",
        "lưu động",
        "nông thôn",
        "đô thị",
        "xã hội",
        "kinh tế",
        "giao thông",
        "thông tin",
        "truyền thông",
        "môi trường",
        "sản xuất",
        "kinh doanh",
        "hành chính",
        "chuyển đổi",
        "phát thanh",
        "truyền thanh",
        "truyền hình",
    }
)
_COMPLEMENTS = frozenset({"dữ liệu", "dự án", "giao dịch", "truy cập", "công cộng", "y tế"})
_LATIN_TOKEN = re.compile(r" (?P<word>[A-Za-z0-9]{1,6}(?:-[A-Za-z0-9]{1,6})?)(?![\w-])")
_MAX_UNIT_WORDS = 6
_GENDER = frozenset({"nam", "nữ"})


def _complete(text: str, unit: str, unit_end: int, end: int) -> tuple[str, int]:
    """Complete a head noun with a cut word's second half and with complements (see read_unit)."""
    words = unit.split()
    while len(words) < _MAX_UNIT_WORDS:
        following = _following_words(text, unit_end, end)[:2]
        lowered = [w.lower() for w, _ in following]
        if (
            lowered
            and f"{words[-1].lower()} {lowered[0]}" in _WORDS_OF_TWO
            and not _joined(words[-2:], lowered[0])
        ):
            words.append(following[0][0])
            unit_end = following[0][1]
        elif len(lowered) == 2 and " ".join(lowered) in _COMPLEMENTS:
            words.extend(w for w, _ in following)
            unit_end = following[1][1]
        else:
            latin = _LATIN_TOKEN.match(text, unit_end, end)
            after = _following_words(text, latin.end(), end)[:2] if latin else []
            if latin and len(after) == 2 and " ".join(w.lower() for w, _ in after) in _COMPLEMENTS:
                words.extend([latin["word"], after[0][0], after[1][0]])
                unit_end = after[1][1]
            else:
                break
    return " ".join(words), unit_end


def _joined(last_two: list[str], word: str) -> bool:
    """Whether the last word already closes a two-syllable word (so the next one starts another)."""
    return len(last_two) == 2 and " ".join(last_two).lower() in _WORDS_OF_TWO


_RATIO = re.compile(r"(?: (?P<word>[^\W\d_]{1,12}))?/(?:(?P<number>\d{1,3}(?:\.\d{3})*) )?", re.IGNORECASE)


def _ratio(text: str, unit: str, unit_end: int, end: int) -> tuple[str, int]:
    """ "ca mắc/100.000 dân", "bé trai/100 bé gái", "con/phụ nữ"; not a rate in time ("mẫu/năm")."""
    match = _RATIO.match(text, unit_end, end)
    if not match:
        return unit, unit_end
    first = _WORD.match(text, match.end(), end)
    words = [(first.group(), first.end()), *_following_words(text, first.end(), end)] if first else []
    lowered = [w.lower() for w, _ in words]
    if not lowered or lowered[0] in TIME_NOUNS or lowered[0] in STOP_WORDS or not _plain_word(words[0][0]):
        return unit, unit_end
    taken = 1
    for _noun, parts in _NOUNS_BY_FIRST_WORD.get(lowered[0], ()):
        if lowered[: len(parts)] == parts:
            taken = len(parts)
            break
    else:
        if len(lowered) > 1 and f"{lowered[0]} {lowered[1]}" in _WORDS_OF_TWO | _PAIRED_NOUNS:
            taken = 2
    if len(lowered) > taken and lowered[taken] in _GENDER:
        taken += 1
    if not match["number"] and " ".join(lowered[:taken]) not in _PER_PERSON:
        return unit, unit_end  # "01 sáng kiến/đề tài": one or the other, not a ratio
    head = f"{unit} {match['word']}" if match["word"] else unit
    number = f"{match['number']} " if match["number"] else ""
    ratio = " ".join(lowered[:taken])
    return f"{head}/{number}{ratio}", words[taken - 1][1]


# Nouns of two syllables that a ratio names ("con/phụ nữ", "bé trai/100 bé gái").
_PAIRED_NOUNS = frozenset({"phụ nữ", "bé gái", "bé trai", "trẻ em", "dân số", "người dân"})
# Without a number after "/", only a count per person is a ratio ("2,1 con/phụ nữ").
_PER_PERSON = frozenset({"phụ nữ", "người", "dân", "hộ", "người dân", "trẻ em", "học sinh", "hộ gia đình"})


def _head_unit(text: str, pos: int, end: int, *, strict: bool) -> tuple[str, int] | None:
    """The head noun after a number (see read_unit)."""
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
