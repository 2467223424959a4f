"""The document's own particulars: header, kind and title, issuer, province, signer, recipients.

An administrative plan (Nghị định 30/2020/NĐ-CP layout) starts with a header: the issuing
body in capitals (under its parent authority, if any), "Số: 123/KH-SXD", the national motto,
and "Thanh Hóa, ngày 15 tháng 7 năm 2026". Then the kind in capitals (KẾ HOẠCH) and the
subject lines. It ends with "Nơi nhận:" and the signature block (KT./TM./Q./TL./TUQ. the
person signed for, the signer's position, the name). Copies often lose the header; then the
issuer is the body that the text says issues the plan.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .draft import Document, Signer
from .names import (
    ANY_PROVINCE_RE,
    CENTRAL_CITIES,
    agency_name,
    find_province,
    fold_same_length,
    place_name,
    split_province_suffix,
)
from .text import Line

KIND_RE = re.compile(r"^(?P<kind>KẾ HOẠCH|CHƯƠNG TRÌNH|PHƯƠNG ÁN|ĐỀ ÁN)(?:\s*[:.]?\s+(?P<rest>\S.*))?$")
# Other administrative documents an office may upload: read for what they hold, under their own kind.
# Counted only in a header (after "Số: …", the national motto or the place-date line).
OTHER_KIND_RE = re.compile(
    r"^(?P<kind>QUYẾT ĐỊNH|QUY CHẾ|QUY ĐỊNH|THÔNG TƯ|CHỈ THỊ|NGHỊ QUYẾT|HƯỚNG DẪN|NGHỊ ĐỊNH)"
    r"(?:\s*[:.]?\s+(?P<rest>\S.*))?$"
)
# A decision issues the document attached after its signature ("QUY CHẾ …", "KẾ HOẠCH …").
_ISSUING_KINDS = ("QUYẾT ĐỊNH", "NGHỊ QUYẾT", "THÔNG TƯ")
_ATTACHED_KIND_RE = re.compile(
    r"^(?P<kind>KẾ HOẠCH|CHƯƠNG TRÌNH|PHƯƠNG ÁN|ĐỀ ÁN|QUY CHẾ|QUY ĐỊNH|HƯỚNG DẪN)"
    r"(?:\s*[:.]?\s+(?P<rest>\S.*))?$"
)
_ATTACHED_WITHIN_LINES = 30
_ATTACHED_NOTE_LINES = 5
_ATTACHED_SAID = re.compile(r"(?<!\w)kèm\stheo(?!\w)", re.IGNORECASE)
_KIND_ALONE_RE = re.compile(r"^kế hoạch$", re.IGNORECASE)
_NATIONAL_MOTTO = re.compile(
    r"CỘNG H(?:ÒA|OÀ) XÃ HỘI CHỦ NGHĨA(?: VIỆT NAM)?|^VIỆT NAM$|Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc|"
    r"ĐẢNG CỘNG SẢN VIỆT NAM",
    re.IGNORECASE,
)
# "Số: 123/KH-SXD", "Số: 123 /KH-SXD"; a draft leaves the number blank ("Số:   /KH-UBND").
_NUMBER_LINE = re.compile(r"^Số\s?:?\s*(?P<number>[^\s,;/]{0,20}(?:\s?/\s?[^\s,;/]{1,20}){0,4})")
_PLACE_DATE = re.compile(
    r"(?P<place>[^\W\d][^,\n]{1,40}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)
_CODED_NUMBER = re.compile(r"^Số\s?:?\s*[^\s,;]{0,20}[/-]\s?[A-ZĐ]")
_STAMP = re.compile(r"^(?:DỰ THẢO|MẬT|TỐI MẬT|KHẨN|HỎA TỐC|HOẢ TỐC|THƯỢNG KHẨN)\b")
_SEPARATOR = re.compile(r"^[-_=*.…\s]{3,}$")
_FRAGMENT_SPLIT = re.compile(r"\t+|\s\|\s|^\|\s?|\s?\|$")
_PREAMBLE_START = re.compile(r"^(?:Căn cứ|Thực hiện|Nhằm|Để|Theo|Trên cơ sở|Qua|Ngày)\b")
_ENACTING_AUTHORITY = re.compile(
    r"^(?:BỘ TRƯỞNG|CHỦ TỊCH|(?:ỦY|UỶ) BAN NHÂN DÂN|TRƯỞNG BAN|GIÁM ĐỐC|THỦ TƯỚNG|BAN CHẤP HÀNH|"
    r"BAN THƯỜNG VỤ)\b"
)
_MAX_TITLE_LINES = 6
_WRAPPED_TITLE_LINES = 3
_WRAPPED_LINE_CHARS = 70
_HEADER_SCAN_CHARS = 4000

_RECIPIENTS_RE = re.compile(r"^Nơi nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_SIGN_PREFIX = re.compile(r"^(?P<prefix>(?:KT|TM|Q|TL|TUQ)\s?[./]|K/T|T/M|Q/)\s*(?P<rest>\S.*)$")
_POSITION_WORDS = re.compile(
    r"GIÁM ĐỐC|CHỦ TỊCH|TRƯỞNG|BÍ THƯ|CHÁNH|THƯ KÝ|U[ỶỦ] VIÊN|TỔNG BIÊN TẬP|CHỦ NHIỆM|THỦ TƯỚNG"
)
_NAME_RE = re.compile(r"^[^\W\d_][^\W\d_]*(?:\s[^\W\d_]+){1,5}$")
_SIGNATURE_NOISE = re.compile(r"^[(\[]|đã ký|\bký\b|\(ký", re.IGNORECASE)
_TAIL_LINES = 60

_ORG_HEAD = (
    r"(?:Ủy ban|Uỷ ban|UBND|Hội đồng|HĐND|Sở|Bộ|Ban|Cục|Chi cục|Tổng cục|Vụ|Viện|Văn phòng|Phòng|"
    r"Trung tâm|Thanh tra|Công an|Đảng ủy|Đảng uỷ|Công đoàn|Đoàn|Hội|Trường|Liên đoàn|Bộ Chỉ huy)"
)
_ISSUES_RE = re.compile(
    rf"(?P<body>{_ORG_HEAD}\b[^,;:.“”]{{0,80}}?)\s(?:ban\shành|xây\sdựng)\s[Kk]ế\shoạch(?!\w)"
)
_CLOSING_RE = re.compile(r"^Trên đây là\s(?:[Kk]ế hoạch|[Cc]hương trình)")
_OF_BODY_RE = re.compile(rf"\scủa\s(?P<body>{_ORG_HEAD}\b[^\n,;.“”]{{0,60}})")
_NATIONAL = re.compile(
    r"^(?:Bộ\s|Chính phủ|Thủ tướng|Quốc hội|Văn phòng Chính phủ|Ban Chấp hành Trung ương|Ban Bí thư|"
    r"Bộ Chính trị|Tổng cục|Cục\s|(?:Hội đồng|Ban) Thi đua - Khen thưởng Trung ương)"
)
_ADMIN_LINE = re.compile(r"^(?:TỈNH|THÀNH PHỐ|TP\.|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|ĐẶC KHU|THỊ TRẤN)\b")


@dataclass
class Layout:
    """Where the parts of the document are: header, title lines, body, closing.

    A decision that issues a plan (or a regulation) as its attachment has two kind lines: the
    decision's under the header (`header_index`) and the attached document's after the
    decision's signature (`kind_index`, whose title and body are the ones read)."""

    kind_index: int | None = None
    title_end: int = 0  # offset just after the title (or 0)
    body_end: int = 0  # offset where "Nơi nhận" / the signature starts
    title_lines: list[Line] = field(default_factory=list)
    header_index: int | None = None  # the first kind line, under the header
    closing_start: int = 0  # offset of the first closing (the one that is signed)


def find_layout(lines: list[Line], text_len: int) -> Layout:
    """Locate the kind line, the title lines under it and the start of the closing part."""
    layout = Layout(body_end=text_len)
    layout.kind_index = _header_kind_index(lines)
    layout.header_index = layout.kind_index
    if layout.kind_index is not None:
        _set_title(layout, lines)
        layout.closing_start = _closing_start(lines, layout.title_end, text_len)
        attached = _attached_kind_index(lines, layout.kind_index, layout.closing_start)
        if attached is not None:
            layout.kind_index = attached
            _set_title(layout, lines)
        layout.body_end = _closing_start(lines, layout.title_end, text_len)
    else:
        layout.body_end = layout.closing_start = _closing_start(lines, 0, text_len)
    return layout


def _header_kind_index(lines: list[Line]) -> int | None:
    """The first KẾ HOẠCH line; or, under a header (the national motto, and a coded number "Số:
    12/QĐ-UBND" or a place-date line), another kind of document (QUYẾT ĐỊNH, QUY CHẾ, THÔNG TƯ …)."""
    motto = dated = False
    for index, line in enumerate(lines):
        if line.start > _HEADER_SCAN_CHARS * 4:
            break
        if KIND_RE.match(line.text) or _KIND_ALONE_RE.match(line.text):
            return index
        if motto and dated and line.start < _HEADER_SCAN_CHARS and OTHER_KIND_RE.match(line.text):
            return index
        motto = motto or bool(_NATIONAL_MOTTO.search(line.text))
        dated = dated or bool(_CODED_NUMBER.match(line.text) or _PLACE_DATE.search(line.text))
    return None


def kind_word(text: str) -> str:
    """ "KẾ HOẠCH …" → "KẾ HOẠCH"; the word of any kind line."""
    match = KIND_RE.match(text) or OTHER_KIND_RE.match(text) or _ATTACHED_KIND_RE.match(text)
    return match.group("kind") if match else text


def _attached_kind_index(lines: list[Line], header_index: int, closing: int) -> int | None:
    """The attached document's kind line, a few lines after a decision's closing and signature."""
    if kind_word(lines[header_index].text) not in _ISSUING_KINDS:
        return None
    after = [i for i, line in enumerate(lines[header_index:], header_index) if line.start >= closing]
    for index in after[:_ATTACHED_WITHIN_LINES]:
        if _ATTACHED_KIND_RE.match(lines[index].text):
            # Issued "kèm theo": the decision says so (Điều 1) or the attached title does; a blank
            # form printed after a circular's signature is no attachment it issues.
            said = any(_ATTACHED_SAID.search(line.text) for line in lines[header_index : after[0]])
            noted = any(
                _ATTACHED_SAID.search(line.text) for line in lines[index : index + _ATTACHED_NOTE_LINES]
            )
            return index if said or noted else None
    return None


def _set_title(layout: Layout, lines: list[Line]) -> None:
    assert layout.kind_index is not None
    layout.title_lines = _title_lines(lines, layout.kind_index)
    last = layout.title_lines[-1] if layout.title_lines else lines[layout.kind_index]
    layout.title_end = last.end


def _title_lines(lines: list[Line], kind_index: int) -> list[Line]:
    """The subject lines under KẾ HOẠCH: consecutive lines that read as one title."""
    kind_line = lines[kind_index]
    rest = (
        KIND_RE.match(kind_line.text)
        or OTHER_KIND_RE.match(kind_line.text)
        or _ATTACHED_KIND_RE.match(kind_line.text)
    )
    if rest and rest.group("rest"):
        offset = kind_line.start + rest.start("rest")
        title = [Line(offset, kind_line.end, rest.group("rest"))]
    else:
        title = []
    index = kind_index + 1
    while index < len(lines) and not lines[index].text and not title and index <= kind_index + 3:
        index += 1
    while index < len(lines) and len(title) < _MAX_TITLE_LINES:
        line = lines[index]
        if not line.text or _SEPARATOR.match(line.text) or (title and not _continues_title(title, line)):
            break
        title.append(line)
        index += 1
    return title


def _continues_title(title: list[Line], line: Line) -> bool:
    """Whether a further line still belongs to the title (open quote, or all in capitals)."""
    from .sections import read_marker

    if read_marker(line.text) or _PREAMBLE_START.match(line.text):
        return False
    joined = " ".join(t.text for t in title)
    if joined.count("“") > joined.count("”"):
        return True
    if _ENACTING_AUTHORITY.match(line.text):  # "BỘ TRƯỞNG BỘ …" under a decision's title
        return False
    if _is_upper(joined):
        return _is_upper(line.text)
    # A PDF wraps a centred title into short lines, without a blank line after it.
    return (
        len(title) < _WRAPPED_TITLE_LINES
        and len(line.text) < _WRAPPED_LINE_CHARS
        and title[-1].text[-1:] not in ".:;"
        and line.text[-1:] not in ":;"
        and not line.text.startswith("(")
    )


def _closing_start(lines: list[Line], after: int, text_len: int) -> int:
    """Offset of "Nơi nhận:" or, failing that, of the signature prefix line."""
    for line in lines:
        if line.start >= after and _RECIPIENTS_RE.match(line.text):
            return line.start
    tail = [line for line in lines[-_TAIL_LINES:] if line.start >= after]
    for line in tail:
        if _SIGN_PREFIX.match(line.text):
            return line.start
    return text_len


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def read_document(text: str, lines: list[Line], layout: Layout) -> Document:
    """All document particulars."""
    doc = Document()
    if layout.kind_index is not None:
        word = kind_word(lines[layout.kind_index].text)
        doc.kind = word[:1].upper() + word[1:].lower()
    else:
        doc.kind = "Kế hoạch"
    if layout.title_lines:
        doc.title = " ".join(line.text.strip() for line in layout.title_lines)
        movement = re.search(r"“([^”\n]{1,1000})”", doc.title)
        doc.movement = movement.group(1).strip() if movement else None
    header = _read_header(lines, layout)
    doc.number, doc.date = header.number, header.date
    doc.issuer, doc.province = _issuer_and_province(text, lines, layout, header, doc.title)
    doc.recipients = read_recipients(lines, layout.closing_start)
    doc.signer = read_signer(lines, layout.closing_start)
    return doc


@dataclass
class Header:
    orgs: list[str] = field(default_factory=list)
    number: str | None = None
    date: str | None = None
    place: str | None = None


def _fragments(text: str) -> list[str]:
    """A header or closing line split into its table cells."""
    return [part.strip() for part in _FRAGMENT_SPLIT.split(text) if part and part.strip()]


def _read_header(lines: list[Line], layout: Layout) -> Header:
    """Read the header block above the kind line (and a place-date line near the title)."""
    header = Header()
    # Without a kind line there is no telling header from body: only the place-date line is read.
    end = lines[layout.header_index].start if layout.header_index is not None else 0
    for line in lines:
        if line.start >= max(end, layout.title_end + 400, 1000):
            break
        for fragment in _fragments(line.text):
            _read_header_fragment(header, fragment, in_header=line.start < end)
    return header


def _read_header_fragment(header: Header, fragment: str, in_header: bool) -> None:
    """One cell of the header. A PDF puts both columns on one line ("SỞ XÂY DỰNG Độc lập - …",
    "Số: 12/KH-SXD Lạng Sơn, ngày …"), so the motto, the number and the place-date are cut out
    of a line wherever they stand, and what is left is the issuing body."""
    if _NATIONAL_MOTTO.search(fragment):
        for piece in _NATIONAL_MOTTO.split(fragment):
            if piece.strip():
                _read_header_fragment(header, piece.strip(), in_header)
        return
    if _SEPARATOR.match(fragment) or _STAMP.match(fragment):
        return
    number = _NUMBER_LINE.match(fragment)
    if number:
        value = re.sub(r"\s", "", number["number"])
        if in_header and header.number is None and re.match(r"\d", value):
            header.number = value
        fragment = fragment[number.end() :].strip()
    date = _PLACE_DATE.search(fragment)
    if date:
        if header.date is None:
            _set_date(header, date)
        fragment = fragment[: date.start()].strip()
    if in_header and fragment and _is_upper(fragment) and not KIND_RE.match(fragment) and len(fragment) < 120:
        header.orgs.append(fragment)


def _set_date(header: Header, date: re.Match[str]) -> None:
    try:
        header.date = dt.date(int(date["y"]), int(date["m"]), int(date["d"])).isoformat()
        header.place = date["place"].strip()
    except ValueError:
        pass


_CONTINUED = re.compile(r"(?:\sVÀ|,|-)$")


def _org_groups(orgs: list[str]) -> list[str]:
    """Header lines grouped per body: a line starting with TỈNH/THÀNH PHỐ… or VÀ, or under a line
    ending in VÀ or a comma, continues the one above."""
    groups: list[str] = []
    for org in orgs:
        if groups and (_ADMIN_LINE.match(org) or _CONTINUED.search(groups[-1]) or org.startswith("VÀ ")):
            groups[-1] = groups[-1] + " " + org
        else:
            groups.append(org)
    return groups


def _issuer_and_province(
    text: str, lines: list[Line], layout: Layout, header: Header, title: str | None
) -> tuple[str | None, str | None]:
    """Issuer from the header's last body line, else from the text; province likewise."""
    groups = _org_groups(header.orgs)
    if groups:
        return agency_name(groups[-1]), next((p for p in map(_province_of_header, groups) if p), None)
    body_text = text[layout.title_end :]
    issuer = _issuer_from_text(body_text, lines)
    province = None
    if issuer:
        issuer, province = split_province_suffix(issuer)
        province = province or find_province(issuer)
        if _NATIONAL.match(issuer) and not province:
            return issuer, None
    province = province or (find_province(title) if title else None)
    province = province or find_province(body_text[:20000])
    return issuer, province


def _province_of_header(group: str) -> str | None:
    """ "UBND TỈNH THANH HÓA" → "Thanh Hóa"; a city counts only if it is province-level."""
    folded = fold_same_length(group)
    match = re.search(r"(?<!\w)(?:tinh|thanh\sphô|tp\.?)\s?(?P<name>\S.*)$", folded)
    if not match:
        return None
    name = place_name(group[match.start("name") :].strip())
    known = find_province(name, ANY_PROVINCE_RE)
    if folded[match.start()] == "t" and folded.startswith("tinh", match.start()):
        return known or name
    return known if known in CENTRAL_CITIES else None


def _issuer_from_text(body: str, lines: list[Line]) -> str | None:
    """ "…, Sở Xây dựng ban hành Kế hoạch" or "Trên đây là Kế hoạch … của Sở Xây dựng."."""
    for match in _ISSUES_RE.finditer(body[:20000]):
        issuer = " ".join(match.group("body").split())
        if not re.search(r"\s(?:về|của|theo)(?!\w)", issuer):  # "… của UBND tỉnh về ban hành Kế hoạch"
            return issuer
    for line in reversed(lines):
        if _CLOSING_RE.match(line.text):
            bodies: list[str] = _OF_BODY_RE.findall(line.text.split("”")[-1])
            if bodies:
                return bodies[-1].strip()
    return None


# A PDF prints the two columns of the closing table on one line: "Nơi nhận: KT. GIÁM ĐỐC",
# "- Lưu: VT; PHÓ GIÁM ĐỐC". The signature column is cut back out of such lines.
_PREFIX_INSIDE = re.compile(r"\s(?=(?:KT|TM|Q|TL|TUQ)\.\s?[A-ZĐ])")
_CAPITALS_AT_END = re.compile(r"(?<=[;,.:])\s(?=[A-ZÀ-ỸĐ][A-ZÀ-ỸĐ ]{3,60}$)")


def _closing_fragments(lines: list[Line]) -> list[str]:
    """The cells of the closing lines, with a signature column glued on by a PDF cut off again."""
    out: list[str] = []
    for line in lines:
        for fragment in _fragments(line.text):
            for piece in _PREFIX_INSIDE.split(fragment):
                tail = _CAPITALS_AT_END.search(piece) if piece[:1] in "-+•–" else None
                if tail and _POSITION_WORDS.search(piece[tail.end() :]):
                    out.extend([piece[: tail.start()].strip(), piece[tail.end() :].strip()])
                else:
                    out.append(piece.strip())
    return [f for f in out if f]


def read_recipients(lines: list[Line], body_end: int) -> list[str]:
    """The list under "Nơi nhận:", without "- " and the closing ";"."""
    fragments = _closing_fragments(_lines_from(lines, body_end)[:_TAIL_LINES])
    recipients: list[str] = []
    started = False
    for fragment in fragments:
        head = _RECIPIENTS_RE.match(fragment)
        if head:
            started = True
            fragment = head.group("rest").strip()
            if not fragment:
                continue
        if not started or _SIGN_PREFIX.match(fragment) or _POSITION_WORDS.search(fragment):
            continue  # the signature column, read beside the list
        if fragment[:1] in "-+•–":
            item = fragment.lstrip("-+•– ").rstrip(" ;.,")
            if item:
                recipients.append(item)
        elif recipients:
            started = False
    return recipients


def _lines_from(lines: list[Line], offset: int) -> list[Line]:
    """The lines from `offset` on (found by bisection: the lines are in order)."""
    low, high = 0, len(lines)
    while low < high:
        mid = (low + high) // 2
        if lines[mid].start < offset:
            low = mid + 1
        else:
            high = mid
    return lines[low:]


def read_signer(lines: list[Line], body_end: int) -> Signer:
    """The signature block: KT./TM./… line, position line, then the person's name."""
    tail = _lines_from(lines, body_end)[:_TAIL_LINES] or lines[-12:]
    fragments = [f for f in _closing_fragments(tail) if f[:1] not in "-+•–"]
    fragments = [f for f in fragments if not _RECIPIENTS_RE.match(f)]
    signer = Signer()
    for index, fragment in enumerate(fragments):
        prefix = _SIGN_PREFIX.match(fragment)
        if prefix:
            signer.on_behalf_of = prefix.group("rest").strip()
            continue
        if _is_upper(fragment) and _POSITION_WORDS.search(fragment):
            signer.position = fragment.strip()
            signer.name = _name_after(fragments, index + 1)
            if signer.name:
                return signer
    if signer.position is None:
        signer.on_behalf_of = None
    return signer


def _name_after(fragments: list[str], start: int) -> str | None:
    """The person's name below the position (skipping "(Đã ký)" and the like)."""
    for fragment in fragments[start : start + 6]:
        if _SIGNATURE_NOISE.search(fragment):
            continue
        if _SIGN_PREFIX.match(fragment) or _POSITION_WORDS.search(fragment):
            return None
        if _NAME_RE.match(fragment) and all(w[0].isupper() for w in fragment.split()):
            return fragment
    return None


def plan_date(doc: Document) -> dt.date | None:
    return dt.date.fromisoformat(doc.date) if doc.date else None
