"""Cited documents: "Kế hoạch số 184/KH-UBND ngày 08/6/2026 của UBND tỉnh", "Nghị quyết số 57-NQ/TW".

A citation is a document type word, an optional name ("Luật Thi đua, khen thưởng"), "số"
and a number with a code ("184/KH-UBND", "257/2025/QH15"), then optionally its date and
"của" its issuer. Each number is reported once; every occurrence's span is kept so that
the dates that only identify a document are not taken for deadlines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import DateMatch, match_date_at
from .draft import Reference

KINDS = (
    "Thông tư liên tịch",
    "Kế hoạch",
    "Công văn",
    "Quyết định",
    "Nghị quyết",
    "Kết luận",
    "Chỉ thị",
    "Thông tư",
    "Nghị định",
    "Luật",
    "Thông báo",
    "Hướng dẫn",
    "Chương trình",
    "Đề án",
    "Văn bản",
    "Báo cáo",
    "Tờ trình",
    "Quy định",
    "Quy chế",
    "Pháp lệnh",
    "Điều lệ",
    "Thông tri",
    "Phương án",
    "Công điện",
)
KIND = "(?P<kind>" + "|".join(k.replace(" ", r"\s") for k in KINDS) + ")"
# "184/KH-UBND", "3882/SNV-TĐKT", "177-KL/TW", "257/2025/QH15", "463/QĐ-TTg".
# Copies space the code's dashes ("12/NQ- TW", "78/2021/NĐ -CP") and use "&" ("4521/BYT-KH&TC");
# after a spaced dash only a capital code counts ("… số 5/KH-UBND - Sở …" stops at the number).
_CODE_PART = r"[A-ZĐ][\wĐđ&]{0,11}"
_SPACED_PART = r"(?-i:\s?[-/]\s?[A-ZĐ](?:[A-ZĐ][\wĐđ&]{0,10}|Tg)?(?![\w&]))"
NUMBER = (
    rf"(?P<number>\d{{1,6}}(?:\.\d{{1,3}})?(?:/\d{{4}})?\s?[/-]\s?{_CODE_PART}"
    rf"(?:[-/]{_CODE_PART}|[-/]\d{{1,4}}|{_SPACED_PART}){{0,4}})"
)
# A kind, then either straight "số NUMBER" / "NUMBER" (a copy may lose the accent: "Chỉ thị so 05-CT/TU"),
# or a short name then "số NUMBER".
CITATION_RE = re.compile(
    rf"(?<!\w){KIND}(?:\s(?:(?:số|so):?\s?)?|\s[^\n;“”]{{1,80}}?\ssố:?\s?){NUMBER}(?![\w/])",
    re.IGNORECASE,
)
_KIND_RE = re.compile(rf"(?<!\w){KIND}(?!\w)", re.IGNORECASE)
# A number cited without its kind word ("số 123/KH-UBND"): the kind comes from its code.
BARE_RE = re.compile(rf"(?<!\w)số:?\s?{NUMBER}(?![\w/])", re.IGNORECASE)
_CODE_KINDS = {
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "NQ": "Nghị quyết",
    "KL": "Kết luận",
    "CT": "Chỉ thị",
    "TT": "Thông tư",
    "NĐ": "Nghị định",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
    "CV": "Công văn",
    "BC": "Báo cáo",
    "TTR": "Tờ trình",
    "CTR": "Chương trình",
    "ĐA": "Đề án",
    "PA": "Phương án",
    "CĐ": "Công điện",
}
_DATE_LEAD = re.compile(r"[ ,]{0,3}(?:ban hành\s)?(?=ngày\s)", re.IGNORECASE)
_ISSUER_LEAD = re.compile(r"[ ,]{0,3}(?:của|do)\s", re.IGNORECASE)
_ISSUER_STOP = re.compile(
    r"[,;.:(“\n]|\s(?:về|V/v|nhằm|ban hành|quy định|hướng dẫn|phê duyệt|triển khai|đã|tại|theo|ngày|"
    r"và|trong|với|thì|được|gắn|đối với|để)(?!\w)",
)


@dataclass
class Citation:
    """One occurrence of a cited document, with the span that includes its date."""

    reference: Reference
    start: int
    end: int


def find_citations(text: str, own_number: str | None = None) -> list[Citation]:
    """Every citation in the text, in order (the plan's own number excluded)."""
    own = number_key(own_number) if own_number else None
    found: dict[int, Citation] = {}
    for match in CITATION_RE.finditer(text):
        # With a name between kind and number, the last kind word before the number is the kind.
        kinds = _KIND_RE.findall(text, match.start(), match.start("number"))
        found[match.start("number")] = _citation(text, match, _kind_word(kinds[-1]))
    for match in BARE_RE.finditer(text):
        if match.start("number") not in found:
            found[match.start("number")] = _citation(text, match, _kind_from_code(match.group("number")))
    citations = [found[key] for key in sorted(found)]
    _share_dates(text, citations)
    return [c for c in citations if number_key(c.reference.number) != own]


# "số 008/CĐ-UBND và số 009/CĐ-UBND ngày 19/11/2025": the date after a list belongs to each.
_LISTED = re.compile(r"\s?(?:,|và)\s?", re.IGNORECASE)


def _share_dates(text: str, citations: list[Citation]) -> None:
    for index in range(len(citations) - 2, -1, -1):
        this, after = citations[index], citations[index + 1]
        gap = text[this.end : after.start]
        listed = _LISTED.fullmatch(gap) and text[after.start : after.start + 2].lower() == "số"
        if this.reference.date is None and after.reference.date and listed:
            this.reference.date = after.reference.date


def _citation(text: str, match: re.Match[str], kind: str | None) -> Citation:
    """Read the number, then the date and issuer that follow it."""
    number = re.sub(r"\s", "", match.group("number"))
    end = match.end()
    date = _date_after(text, end)
    if date is not None:
        end = date.end
    issuer, end = _issuer_after(text, end)
    if date is None and issuer is not None:  # "… của Thủ tướng Chính phủ ngày 31/3/2022"
        date = _date_after(text, end)
        end = date.end if date is not None else end
    iso = date.first.isoformat() if date is not None and date.first else None
    return Citation(Reference(kind, number, iso, issuer), match.start(), end)


def _date_after(text: str, pos: int) -> DateMatch | None:
    lead = _DATE_LEAD.match(text, pos)
    if not lead:
        return None
    at = lead.end()
    return match_date_at(text, at) or match_date_at(text, at + len("ngày "))


def _issuer_after(text: str, pos: int) -> tuple[str | None, int]:
    """The body after "của": words of a proper name, up to the first word that is not part of one."""
    lead = _ISSUER_LEAD.match(text, pos)
    if not lead:
        return None, pos
    window = text[lead.end() : lead.end() + 80]
    stop = _ISSUER_STOP.search(window)
    words = _name_words((window[: stop.start()] if stop else window).split())
    if not words or not words[0][0].isupper():
        return None, pos
    issuer = " ".join(words)
    return issuer, lead.end() + len(issuer)


# Lowercase words that belong to an agency's name wherever they stand ("Ủy ban nhân dân tỉnh").
_NAME_LOWER = {"tỉnh", "huyện", "xã", "phường", "quận", "thành", "phố", "nhân", "dân", "trung", "ương", "-"}
_MAX_ISSUER_WORDS = 10


def _name_words(words: list[str]) -> list[str]:
    """Leading words of a Vietnamese agency name: a capitalised syllable may take one lowercase
    syllable after it ("Sở Nội vụ", "Ban Chấp hành"); a lowercase verb ends the name."""
    kept: list[str] = []
    for word in words[:_MAX_ISSUER_WORDS]:
        after_capital = bool(kept) and kept[-1][:1].isupper()
        if not (word[:1].isupper() or word in _NAME_LOWER or after_capital):
            break
        kept.append(word)
    return kept


def _kind_word(word: str) -> str:
    """The kind as the format spells it ("KẾ HOẠCH", "kế hoạch" → "Kế hoạch")."""
    folded = re.sub(r"\s+", " ", word).casefold()
    return next((k for k in KINDS if k.casefold() == folded), word)


def _kind_from_code(number: str) -> str | None:
    """ "123/KH-UBND" is a Kế hoạch, "45/QĐ-UBND" a Quyết định: the code after the number says."""
    code = re.split(r"[/-]", re.sub(r"^\d+(?:/\d{4})?\s?[/-]\s?", "", number))[0]
    return _CODE_KINDS.get(code.upper())


def number_key(number: str) -> str:
    return re.sub(r"\s", "", number).casefold()


def unique_references(citations: list[Citation]) -> list[Reference]:
    """One reference per number, in order of first citation; later citations fill missing fields."""
    by_number: dict[str, Reference] = {}
    for citation in citations:
        ref = citation.reference
        key = number_key(ref.number)
        if key not in by_number:
            by_number[key] = Reference(
                ref.kind, ref.number, ref.date, ref.issuer, (citation.start, citation.end)
            )
            continue
        kept = by_number[key]
        kept.kind = kept.kind or ref.kind
        kept.date = kept.date or ref.date
        kept.issuer = kept.issuer or ref.issuer
    return list(by_number.values())
