"""Personal data in a text that is about to be published: phone numbers, e-mail addresses,
identity numbers, street addresses and people's names, found so the office can remove them.

The finder marks, it never deletes: what it flags may be an official's name the office wants
to keep, and a name written without a title escapes it, so the office reads the whole text.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

KINDS = {
    "phone": _("số điện thoại"),
    "email": _("địa chỉ thư điện tử"),
    "id": _("số định danh, căn cước"),
    "address": _("địa chỉ"),
    "name": _("tên người"),
}
_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_NAME_WORD = rf"[{_UPPER}][^\W\d_]*"
PATTERNS = (
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    # 0912 345 678, 0912.345.678, (0237) 3852 123, +84 912 345 678
    ("phone", re.compile(r"(?<![\w.])(?:\+84|\(0\d{2,3}\)|0)[\s.]?\d{2,4}(?:[\s.-]?\d{2,4}){1,3}(?![\w])")),
    # căn cước (12 digits), chứng minh nhân dân (9 digits) after their label
    (
        "id",
        re.compile(
            r"(?:CCCD|CMND|căn\scước(?:\scông\sdân)?|chứng\sminh\snhân\sdân)(?:\ssố)?:?\s?\d{9,12}", re.I
        ),
    ),
    (
        "address",
        re.compile(
            r"(?:số\snhà\s|nhà\ssố\s|số\s)\d+[\w/]*(?:,?\s(?:ngõ|ngách|hẻm|kiệt)\s[\w/]+)*"
            r",?\s(?:đường|phố|ngõ|ngách|hẻm|kiệt|thôn|xóm|ấp|bản|khu\sphố|tổ\sdân\sphố)\s"
            rf"(?:{_NAME_WORD}|\d+)(?:\s(?:{_NAME_WORD}|\d+)){{0,4}}",
            re.I,
        ),
    ),
    (
        "name",
        re.compile(rf"(?<!\w)(?:[ÔôBb]à|[Ôô]ng|[Aa]nh|[Cc]hị|[Ee]m)\s{_NAME_WORD}(?:\s{_NAME_WORD}){{1,3}}"),
    ),
)


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    kind: str
    text: str

    @property
    def label(self) -> str:
        return str(KINDS[self.kind])


def find_personal_data(text: str, known: tuple[str, ...] = ()) -> list[Finding]:
    """What looks personal in `text`, in order, without overlaps; `known` adds exact strings to mark
    (the name of the person who sent the feedback, say)."""
    found = [
        Finding(m.start(), m.end(), kind, m.group())
        for kind, pattern in PATTERNS
        for m in pattern.finditer(text)
    ]
    for value in filter(None, (k.strip() for k in known)):
        found += [
            Finding(m.start(), m.end(), "name", m.group())
            for m in re.finditer(re.escape(value), text, re.IGNORECASE)
        ]
    kept: list[Finding] = []
    for finding in sorted(found, key=lambda f: (f.start, -f.end)):
        if not kept or finding.start >= kept[-1].end:
            kept.append(finding)
    return kept


@dataclass(frozen=True)
class Segment:
    text: str
    finding: Finding | None = None


def marked_segments(text: str, findings: list[Finding]) -> list[Segment]:
    """The text cut into plain pieces and the findings, for a page that highlights them."""
    segments, cursor = [], 0
    for finding in findings:
        if finding.start > cursor:
            segments.append(Segment(text[cursor : finding.start]))
        segments.append(Segment(text[finding.start : finding.end], finding))
        cursor = finding.end
    segments.append(Segment(text[cursor:]))
    return [segment for segment in segments if segment.text]
