"""Names of places and agencies: the provinces, and how an agency's name is cased.

A header writes names in capitals ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "TỈNH ĐẮK LẮK"); the draft
gives them as Vietnamese writes them in running text ("Sở Giáo dục và Đào tạo", "tỉnh Đắk
Lắk"). The province list lets the reader tell where a province's name ends ("Sở Xây dựng
Thanh Hóa ban hành" → "Sở Xây dựng" of "Thanh Hóa").
"""

from __future__ import annotations

import re
import unicodedata

# Province-level units before and after the 2025 merger (the new names are all old names).
PROVINCES = (
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cần Thơ",
    "Cao Bằng",
    "Đà Nẵng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Nội",
    "Hà Tĩnh",
    "Hải Dương",
    "Hải Phòng",
    "Hậu Giang",
    "Hòa Bình",
    "Hồ Chí Minh",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
    "Huế",
)
# Cities directly under the central government: "thành phố X" names a province-level unit.
CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")

_KEEP_MARKS = "\u0302\u0306\u031b"  # circumflex, breve, horn: letters of their own in Vietnamese


def fold_char(ch: str) -> str:
    """One character, lowercased and without its tone mark ("Ó" → "o", "Ộ" → "ô", "Đ" → "d")."""
    lower = ch.lower()
    if len(lower) != 1:
        return ch
    decomposed = unicodedata.normalize("NFD", lower)
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn" or c in _KEEP_MARKS)
    folded = unicodedata.normalize("NFC", kept).replace("đ", "d")
    return folded if len(folded) == 1 else lower


def fold_same_length(text: str) -> str:
    """`fold_char` on every character: offsets in the folded text are offsets in the original."""
    return "".join(fold_char(ch) for ch in text)


def _names_pattern(names: tuple[str, ...]) -> str:
    ordered = sorted({fold_same_length(n) for n in names}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s") for n in ordered) + ")"


PROVINCE_NAME = _names_pattern(PROVINCES)
_ADMIN_PREFIX = r"(?:tinh|thanh\sphô|tp\.?)\s?"
# "tỉnh Lạng Sơn", "Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh" (matched on folded text).
PROVINCE_AFTER_ADMIN_RE = re.compile(rf"(?<!\w){_ADMIN_PREFIX}(?P<name>{PROVINCE_NAME})(?!\w)")
PROVINCE_AT_END_RE = re.compile(rf"\s(?:{_ADMIN_PREFIX})?(?P<name>{PROVINCE_NAME})$")
ANY_PROVINCE_RE = re.compile(rf"(?<!\w)(?P<name>{PROVINCE_NAME})(?!\w)")


def title_word(word: str) -> str:
    """ "HÓA" → "Hóa", "ĐẮK" → "Đắk" (hyphens and dots kept)."""
    return word[:1].upper() + word[1:].lower()


def place_name(raw: str) -> str:
    """A place name as written in running text ("THANH HÓA" → "Thanh Hóa")."""
    words = raw.split()
    if all(w.isupper() or not any(c.isalpha() for c in w) for w in words):
        words = [title_word(w) for w in words]
    return " ".join(words)


def find_province(text: str, pattern: re.Pattern[str] = PROVINCE_AFTER_ADMIN_RE) -> str | None:
    """The first province named in `text` (after "tỉnh"/"thành phố" by default)."""
    match = pattern.search(fold_same_length(text))
    return place_name(text[match.start("name") : match.end("name")]) if match else None


def split_province_suffix(body: str) -> tuple[str, str | None]:
    """ "Sở Xây dựng Thanh Hóa" → ("Sở Xây dựng", "Thanh Hóa"); unchanged when none ends it."""
    match = PROVINCE_AT_END_RE.search(fold_same_length(body))
    if not match or match.start() == 0:
        return body, None
    return body[: match.start()].strip(), place_name(body[match.start("name") : match.end("name")])


# Agency names: the type words, then the field of work whose first word takes a capital.
_ORG_TYPES = (
    "ủy ban nhân dân",
    "uỷ ban nhân dân",
    "hội đồng nhân dân",
    "ban thường vụ",
    "ban chấp hành",
    "bộ chỉ huy quân sự",
    "liên đoàn lao động",
    "văn phòng",
    "trung tâm",
    "chi cục",
    "tổng cục",
    "thanh tra",
    "công an",
    "đảng ủy",
    "đảng uỷ",
    "sở",
    "bộ",
    "ban",
    "cục",
    "vụ",
    "viện",
    "phòng",
    "trường",
    "hội",
    "đoàn",
    "ủy ban",
    "uỷ ban",
    "hội đồng",
)
_ADMIN_WORDS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường")
ACRONYMS = {"UBND", "HĐND", "MTTQ", "TW", "TP", "BCH", "THPT", "THCS", "CP", "VN", "KT-XH", "TTHC"}


def agency_name(raw: str) -> str:
    """Case an agency name the way running text does (from capitals or as written)."""
    words = raw.split()
    if not words:
        return raw
    if not all(w.isupper() or not any(c.isalpha() for c in w) for w in words):
        return " ".join(words)  # already in running-text case
    lower = [w if w in ACRONYMS else w.lower() for w in words]
    out = list(lower)
    type_len = _prefix_len(lower, _ORG_TYPES)
    out[0] = title_word(out[0]) if out[0] not in ACRONYMS else out[0]
    capital_next = type_len > 0
    index = max(type_len, 1)
    while index < len(lower):
        admin_len = _prefix_len(lower[index:], _ADMIN_WORDS)
        if admin_len:  # the rest is a place: "tỉnh Đắk Lắk"
            out[index + admin_len :] = [title_word(w) for w in words[index + admin_len :]]
            break
        word = lower[index]
        if capital_next and word not in ACRONYMS and word not in ("và", "-"):
            out[index] = title_word(word)
        capital_next = word in ("và", "-") or word.endswith(",")
        index += 1
    return _PROPER_NAMES.sub(lambda m: _PROPER_SPELLING[m.group().lower()], " ".join(out))


# Names spelt with capitals inside an agency's name ("Thủ tướng Chính phủ", "Bộ Công Thương").
_PROPER_SPELLING = {"chính phủ": "Chính phủ", "trung ương": "Trung ương", "công thương": "Công Thương"}
_PROPER_NAMES = re.compile(r"(?<=\s)(?:chính\sphủ|trung\sương|công\sthương)$", re.IGNORECASE)


def _prefix_len(words: list[str], phrases: tuple[str, ...]) -> int:
    """How many leading words form one of `phrases` (longest first), else 0."""
    for phrase in sorted(phrases, key=len, reverse=True):
        parts = phrase.split()
        if [w.lower() for w in words[: len(parts)]] == parts:
            return len(parts)
    return 0
