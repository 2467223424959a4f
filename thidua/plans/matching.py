"""Match unit names written in a plan ("Văn phòng Sở", "Phòng Kế hoạch - Tài chính") to real units."""

import re
import unicodedata

GENERIC_PREFIXES = re.compile(r"^(các|toàn thể|tất cả)\s+", re.IGNORECASE)
TRAILING_OWNER = re.compile(r"\s+(thuộc|trực thuộc)\s+sở.*$", re.IGNORECASE)


def normalize_unit_name(name: str) -> str:
    text = unicodedata.normalize("NFC", name).casefold()
    text = re.sub(r"[–—-]", " - ", text)
    text = re.sub(r"\s+", " ", text).strip(" .,;:")
    return TRAILING_OWNER.sub("", text)


def match_unit(name: str, units):
    """The one unit the name designates, or None for a group ("Các phòng chuyên môn") or no match."""
    if GENERIC_PREFIXES.match(name.strip()):
        return None
    wanted = normalize_unit_name(name)
    for unit in units:
        if wanted in {normalize_unit_name(unit.name), normalize_unit_name(unit.short_name or unit.name)}:
            return unit
    return None
