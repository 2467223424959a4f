"""Who does what, from the "Tổ chức thực hiện" part.

Plans assign work in two ways: a numbered item names the unit and its task in one sentence
("2. Văn phòng Sở chủ trì, phối hợp với các phòng … theo dõi, đôn đốc …"), or a numbered
heading names the unit ("1. Văn phòng Sở") and the items under it list its tasks. "chủ trì"
makes the unit the lead, "phối hợp" a coordinator (the units after "phối hợp với" coordinate
too); anything else it carries out.
"""

from __future__ import annotations

import re

from .draft import Responsibility, Section
from .sections import LIST_STYLES, Outline, read_marker
from .text import Line

_PART_HEADING = re.compile(r"tổ\schức\sthực\shiện|trách\snhiệm\sthực\shiện|phân\scông", re.IGNORECASE)
# Words a unit's name starts with ("Văn phòng Sở", "Trưởng các phòng, ban", "Các đơn vị trực thuộc").
UNIT_HEAD = re.compile(
    r"^(?:Giao\s)?(?P<unit>(?:(?:Trưởng|Thủ\strưởng|Lãnh\sđạo|Người\sđứng\sđầu)\s)?(?:các\s)?"
    r"(?:Văn\sphòng|Phòng(?!,?\schống)|Sở|Ban(?!\shành)|Bộ|Cục|Vụ(?!\sviệc)|Chi\scục|Trung\stâm|Thanh\stra|Công\sđoàn|Đoàn|Chi\sđoàn|Hội\sđồng|"
    r"Hội(?!\snghị)|Ủy\sban|Uỷ\sban|UBND|Đơn\svị|Cơ\squan|Đảng\sủy|Đảng\suỷ|Chi\sbộ|Cấp\sủy|Bộ\sphận|"
    r"Tổ(?!\schức)|Trường(?!\shợp)|Viện|Báo(?!\scáo)|Đài|Doanh\snghiệp|Mặt\strận|Liên\sđoàn|Công\san)(?!\w))",
    re.IGNORECASE,
)
# Words that start what the unit does: the unit's name ends before the first of them.
PREDICATE = re.compile(
    r"\s(?:chủ\strì|phối\shợp|có\strách\snhiệm|chịu\strách\snhiệm|căn\scứ|tuyên\struyền|tổ\schức|triển\skhai|"
    r"xây\sdựng|tham\smưu|hướng\sdẫn|thực\shiện|theo\sdõi|chỉ\sđạo|phổ\sbiến|tổng\shợp|đôn\sđốc|kiểm\stra|"
    r"quán\striệt|nghiên\scứu|bố\strí|bảo\sđảm|đảm\sbảo|chủ\sđộng|rà\ssoát|cung\scấp|đăng\ský|báo\scáo|gửi|"
    r"lập|đề\sxuất|vận\sđộng|định\skỳ|thường\sxuyên|khẩn\strương|tiếp\stục|cần|phải|là|có|được|trên\scơ\ssở|"
    r"theo|nghiêm\stúc|tập\strung|lãnh\sđạo|hưởng\sứng)(?!\w)|\s?[:;(]"
)
_PARTNER = re.compile(r"(?<!\w)phối\shợp\s(?:với\s)?", re.IGNORECASE)
_MAX_UNIT_WORDS = 14


def find_responsibilities(text: str, lines: list[Line], outline: Outline) -> list[Responsibility]:
    """Responsibilities in every "Tổ chức thực hiện" part, in document order."""
    found: list[Responsibility] = []
    for part in outline.sections:
        if part.style in LIST_STYLES or not _PART_HEADING.search(part.heading):
            continue
        for item in _items(text, lines, outline, part):
            found.extend(item)
    return found


def _items(text: str, lines: list[Line], outline: Outline, part: Section) -> list[list[Responsibility]]:
    """Responsibilities of each child of the part (a heading unit, or a unit-led sentence)."""
    out = [
        _from_sentence(line.text, part.id)
        for line in lines
        if part.start < line.start < part.end and line.text and outline.at(line.start) is part
    ]
    for child in outline.children(part):
        heading_unit = _heading_unit(child.heading)
        if heading_unit:
            out.append(_tasks_of(text, lines, outline, child, heading_unit))
        else:
            out.append(_from_sentence(_first_line(text, child), child.id))
    return out


def _first_line(text: str, section: Section) -> str:
    """The whole first line of a section, after its marker (headings are cut short)."""
    end = text.find("\n", section.start)
    line = text[section.start : end if end >= 0 else len(text)]
    marker = read_marker(line)
    return line[marker.content :] if marker else line


def _heading_unit(heading: str) -> str | None:
    """ "Văn phòng Sở", "Phòng Kế hoạch - Tài chính": a short heading that is only a unit's name."""
    name = heading.strip().rstrip(":.")
    if not UNIT_HEAD.match(name) or len(name.split()) > _MAX_UNIT_WORDS or PREDICATE.search(name):
        return None
    return name


def _tasks_of(
    text: str, lines: list[Line], outline: Outline, unit_section: Section, unit: str
) -> list[Responsibility]:
    """Each paragraph and list item under a unit's heading is one of its tasks."""
    tasks = []
    for line in lines:
        if line.start <= unit_section.start or line.start >= unit_section.end or not line.text:
            continue
        section = outline.at(line.start)
        words = line.text
        if section is not None and section.start == line.start:
            words = _first_line(text, section)
        words = words.strip().rstrip(";.")
        if words:
            section_id = section.id if section else unit_section.id
            tasks.extend(_with_partners(unit, words, section_id))
    return tasks


def _from_sentence(sentence: str, section_id: str) -> list[Responsibility]:
    """ "Văn phòng Sở chủ trì, phối hợp với … theo dõi …": the unit is the words before the verb."""
    unit = read_unit(sentence)
    if unit is None:
        return []
    return _with_partners(unit, sentence.strip().rstrip(";."), section_id)


def read_unit(words: str) -> str | None:
    """The unit's name that starts `words`, or None."""
    head = UNIT_HEAD.match(words)
    if not head:
        return None
    stop = PREDICATE.search(words, head.end("unit"))
    if not stop:
        return None
    unit = words[head.start("unit") : stop.start()].strip(" ,")
    if not unit or len(unit.split()) > _MAX_UNIT_WORDS:
        return None
    return unit[:1].upper() + unit[1:]


def _with_partners(unit: str, words: str, section_id: str) -> list[Responsibility]:
    """The unit's own entry, and a "coordinate" entry for each unit it works with."""
    lowered = words.lower()
    if "chủ trì" in lowered:
        role = "lead"
    elif lowered.startswith("phối hợp") or " phối hợp" in lowered:
        role = "coordinate"
    else:
        role = "carry_out"
    entries = [Responsibility(unit, role, words, section_id)]
    if role == "lead":
        for match in _PARTNER.finditer(words):
            partner = read_unit(words[match.end() :])
            if partner and partner.lower() != unit.lower():
                entries.append(Responsibility(partner, "coordinate", words, section_id))
    return entries
