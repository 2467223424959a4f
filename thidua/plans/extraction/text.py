"""Text normalisation: raw text in, the one text that every offset of a draft refers to out.

Real plans arrive as Word files, PDFs and Markdown exported from either; the same words come
with different code points (composed or not), with Markdown emphasis, with page breaks in the
middle of a sentence and with odd spacing inside dates. Everything downstream reads the
normalised text only, so all of that is repaired here, once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Characters that are white space to a reader but not to `str.split(" ")`.
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# Zero-width characters and C0/C1 controls (tab and newline are kept; form feed is a page break).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+", re.MULTILINE)
# A Markdown table rule "|---|:--:|", matched on the line with its blanks removed (no backtracking).
_MD_TABLE_RULE = re.compile(r"\|?(?::?-{3,}:?\|)*:?-{3,}:?\|?")
_MD_STRONG = re.compile(r"\*\*")
_MD_UNDERSCORE_STRONG = re.compile(r"__(?=\S)([^_\n]{1,500}?)(?<=\S)__")
_MD_EM = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]{1,500}?)(?<=[^\s*])\*(?![*\w])")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~\"])")

# ASCII or typographic quote pairs become “…”, the form the movement name is read from.
_ASCII_QUOTES = re.compile(r"\"([^\"\n]{1,1000})\"")
_OTHER_OPEN_QUOTES = re.compile("[«„‟]")
_OTHER_CLOSE_QUOTES = re.compile("[»]")

# "30 /11/2030", "30/ 11 /2030": a slash between digits never takes spaces.
_DIGIT_SLASH = re.compile(r"(?<=\d)[ ]?/[ ]?(?=\d)")
_SPACE_RUN = re.compile(r" {2,}")
_TAB_RUN = re.compile(r" ?\t[ \t]*")  # after runs of spaces are collapsed: linear

# A line that is only a page number, as PDF and Word footers leave it: "2", "- 2 -", "Trang 2/9".
_PAGE_NUMBER = re.compile(r"^(?:-\s*)?\d{1,4}(?:\s*-)?$|^(?:Trang|trang)\s+\d{1,4}(?:\s*/\s*\d{1,4})?$")
# A line that starts a list item, even when its marker is a lowercase letter ("b) ...").
_LIST_START = re.compile(r"^[a-zđ][).]\s")
_SENTENCE_END = ".;:!?…"
# Words that cannot end a sentence: the line after them goes on with their complement.
_DANGLING_END = re.compile(
    r"(?:\s[-–]|(?<!\w)(?:đạt|từ|đến|tới|trong|và|hoặc|của|là|với|cho|tại|về|theo|các|những|khoảng|"
    r"thiểu|đa|quá|nhằm|gồm|chiếm|vào))$"
)
# Words that may end a heading ("Khen thưởng hằng năm") but, before a number, want it.
_NUMBER_WANTED_END = re.compile(
    r"(?<!\w)(?:năm|ngày|tháng|quý|đoạn|số|trên|dưới|trước|sau|cuối|hết|quân|tăng|giảm|lên|mới|nhất|"
    r"được|như|để)$"
)
_SMALL_NUMBER_END = re.compile(r"(?<![\d.,/])\d{1,3}$")
_RANGE_END_START = re.compile(r"[-–]\s?\d{1,3}(?:%|\s[^\W\d])")
_MARKER_START = re.compile(r"(?:[IVX]{1,6}\.|\d{1,2}(?:\.\d{1,2}){0,3}[.)]|[a-zđ]\)|[-+•–*])\s")
_MAX_GAP_LINES = 4


@dataclass(frozen=True)
class Line:
    """One line of the normalised text with its offsets (end excludes the newline)."""

    start: int
    end: int
    text: str


def normalise(raw: str) -> str:
    """Return the canonical form of a plan's text (see the module docstring)."""
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _strip_markdown(text)
    text = _ASCII_QUOTES.sub("“\\1”", text)
    text = _OTHER_OPEN_QUOTES.sub("“", text)
    text = _OTHER_CLOSE_QUOTES.sub("”", text)
    text = _DIGIT_SLASH.sub("/", text)
    text = _SPACE_RUN.sub(" ", text)
    text = _TAB_RUN.sub("\t", text)
    lines = [line.strip(" ") for line in text.split("\n")]
    lines = _join_broken_lines(lines)
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n \t")


def _strip_markdown(text: str) -> str:
    """Remove Markdown markup that carries no words: headings' #, table rules, emphasis, escapes."""
    text = _MD_HEADING.sub("", text)
    text = "\n".join(line for line in text.split("\n") if not _is_table_rule(line))
    text = _MD_STRONG.sub("", text)
    text = _MD_UNDERSCORE_STRONG.sub("\\1", text)
    text = _MD_EM.sub("\\1", text)
    return _MD_ESCAPE.sub("\\1", text)


def _is_table_rule(line: str) -> bool:
    return "---" in line and bool(_MD_TABLE_RULE.fullmatch(line.replace(" ", "").replace("\t", "")))


def _continues(previous: str, line: str) -> bool:
    """Whether `line` is the rest of the sentence that `previous` broke off (a page or line break).

    A lowercase start continues any line that does not end a sentence; any other start only
    continues a line that ends on a word that needs a complement ("đạt", "giai đoạn", "-").
    """
    if not previous or not line or _LIST_START.match(line):
        return False
    if "\t" in previous or "\t" in line or previous.startswith("|") or line.startswith("|"):
        return False  # table rows keep their own lines
    if line[0].islower():
        return previous[-1] not in _SENTENCE_END
    if _RANGE_END_START.match(line) and _SMALL_NUMBER_END.search(previous):
        return True  # "xây dựng mới 3" / "- 4 đường hầm": a range broken at its dash
    if _MARKER_START.match(line):
        return False
    return bool(_DANGLING_END.search(previous)) or (
        line[0].isdigit() and bool(_NUMBER_WANTED_END.search(previous))
    )


def _join_broken_lines(lines: list[str]) -> list[str]:
    """Join a sentence broken by blank lines (and a page number) back into one line."""
    out: list[str] = []
    for line in lines:
        if line and out:
            gap = _gap_before(out)
            if gap is not None and _continues(out[-1 - gap], line):
                del out[len(out) - gap :]
                out[-1] = out[-1] + " " + line
                continue
        out.append(line)
    return out


def _gap_before(out: list[str]) -> int | None:
    """How many blank or page-number lines end `out` before its last text line (None: too many)."""
    for gap, line in enumerate(reversed(out[-_MAX_GAP_LINES - 1 :])):
        if line and not _PAGE_NUMBER.match(line):
            return gap
    return None


def split_lines(text: str) -> list[Line]:
    """The lines of `text` with their offsets."""
    lines: list[Line] = []
    start = 0
    for part in text.split("\n"):
        lines.append(Line(start, start + len(part), part))
        start += len(part) + 1
    return lines


def fold(text: str) -> str:
    """Case- and tone-placement-insensitive key: "Thanh Hoá" and "THANH HÓA" fold alike."""
    text = unicodedata.normalize("NFD", text.casefold())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn" or ch in "\u0302\u0306\u031b")
    text = unicodedata.normalize("NFC", text).replace("đ", "d")
    return re.sub(r"\s+", " ", text).strip()
