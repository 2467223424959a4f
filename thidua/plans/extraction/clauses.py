"""Paragraphs cut into sentences and clauses, as (start, end) offsets into the text.

A sentence ends at ". " before a capital letter when the dot follows a lowercase word, a digit,
"%" or a closing bracket or quote (so "TP. Hồ Chí Minh" and "Q. Giám đốc" stay whole); a clause
ends at ";". Targets and deadlines are read clause by clause.
"""

from __future__ import annotations

import re

from .sections import read_marker
from .text import Line

_SENTENCE_BREAK = re.compile(r"(?<=[a-zà-ỹđ0-9%)”])[.!?](?:\s)(?=[“(]?[A-ZÀ-ỸĐ])")
_CLAUSE_BREAK = re.compile(r";")
# A table's first cell that is only a row number ("| 1 | Tỷ lệ … | 99,5% |", "3\tBáo cáo …").
_ROW_NUMBER = re.compile(r"\d{1,3}\s?[|\t]")
_TRIM_LEFT = " \t-–—•*+,.:;|"
_TRIM_RIGHT = " \t,.:;|("


def content_start(line: Line) -> int:
    """Offset where a line's words begin, after its numbering marker."""
    marker = read_marker(line.text)
    return line.start + (marker.content if marker else 0)


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of text[start:end]."""
    spans, cursor = [], start
    for match in _SENTENCE_BREAK.finditer(text, start, end):
        spans.append((cursor, match.start() + 1))
        cursor = match.end()
    spans.append((cursor, end))
    return [span for span in spans if span[1] > span[0]]


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses (";"-separated) of every sentence of text[start:end]."""
    spans = []
    for s_start, s_end in sentences(text, start, end):
        cursor = s_start
        for match in _CLAUSE_BREAK.finditer(text, s_start, s_end):
            spans.append((cursor, match.start()))
            cursor = match.end()
        spans.append((cursor, s_end))
    return [span for span in spans if span[1] > span[0]]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past surrounding blanks, list dashes, punctuation and a table row's number."""
    while start < end and text[start] in _TRIM_LEFT:
        start += 1
    row_number = _ROW_NUMBER.match(text, start, end)
    if row_number:
        start = row_number.end()
        while start < end and text[start] in _TRIM_LEFT:
            start += 1
    while end > start and text[end - 1] in _TRIM_RIGHT:
        end -= 1
    if text[start:end].endswith("./"):
        end -= 2
    return start, end
