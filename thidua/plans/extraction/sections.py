"""The numbered tree of a plan: I, II … / 1, 2 … / 2.1 … / a), b), đ) … / - … / + ….

Plans nest these markers in a conventional order, but not always all of them and not always
in sequence (IV may be followed by VIII). A marker style seen before on the open path closes
everything below it (a sibling); a new style opens below the innermost style that normally
ranks above it. A dash or plus item is one paragraph: unnumbered text after it belongs to the
section around it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .draft import Section
from .text import Line

_ROMAN_VALUE = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
MARKER_RE = re.compile(
    r"^(?:(?P<roman>[IVX]{1,6})\s?[.:)]"
    r"|(?P<dec>\d{1,2}(?:\.\d{1,2}){1,3})\.?"
    r"|(?P<arabic>\d{1,2})\s?[.)]"
    r"|(?P<letter>[a-zđ])\s?[).]"
    r"|(?P<dash>[-–—•·*])"
    r"|(?P<plus>\+))[ \t]+(?=\S)"
)
# Rank of each style in the conventional order (smaller is higher in the tree).
RANK = {"roman": 0, "arabic": 1, "dec2": 2, "dec3": 3, "dec4": 4, "letter": 5, "dash": 6, "plus": 7}
LIST_STYLES = ("dash", "plus")
MAX_HEADING = 300


@dataclass(frozen=True)
class Marker:
    style: str
    label: str
    content: int  # offset of the text after the marker, relative to the line


def read_marker(line: str) -> Marker | None:
    """The numbering marker that starts a line, if any."""
    match = MARKER_RE.match(line)
    if not match or not match.lastgroup:
        return None
    kind = match.lastgroup
    label = match.group(kind)
    if kind == "roman" and not _ROMAN_VALUE.match(label):
        return None
    if kind == "dec":
        return Marker(f"dec{label.count('.') + 1}", label, match.end())
    if kind == "dash":
        label = "-"
    return Marker(kind, label, match.end())


class Outline:
    """The sections of a plan, with lookups by offset."""

    def __init__(self, sections: list[Section]):
        self.sections = sections
        self.by_id = {s.id: s for s in sections}
        self._starts = [s.start for s in sections]

    def at(self, offset: int) -> Section | None:
        """The innermost section whose range holds `offset`."""
        index = bisect.bisect_right(self._starts, offset) - 1
        section = self.sections[index] if index >= 0 else None
        while section is not None and not section.start <= offset < max(section.end, section.start + 1):
            section = self.by_id.get(section.parent) if section.parent else None
        return section

    def id_at(self, offset: int) -> str | None:
        section = self.at(offset)
        return section.id if section else None

    def path(self, section: Section | None) -> list[Section]:
        """The section and its ancestors, innermost first."""
        chain = []
        while section is not None:
            chain.append(section)
            section = self.by_id.get(section.parent) if section.parent else None
        return chain

    def children(self, section: Section) -> list[Section]:
        return [s for s in self.sections if s.parent == section.id]


def parse_sections(lines: list[Line], start: int, end: int) -> Outline:
    """Build the tree from the lines whose text lies in [start, end)."""
    sections: list[Section] = []
    stack: list[Section] = []
    for line in lines:
        if line.start < start or line.start >= end or not line.text:
            continue
        marker = read_marker(line.text)
        if marker is None:
            while stack and stack[-1].style in LIST_STYLES:
                stack.pop()
        else:
            _close_for(stack, marker.style)
            heading = line.text[marker.content :][:MAX_HEADING].strip()
            parent = stack[-1].id if stack else None
            section = Section(
                f"s{len(sections) + 1}", parent, marker.label, heading, line.start, line.end, marker.style
            )
            sections.append(section)
            stack.append(section)
        for open_section in stack:
            open_section.end = line.end
    return Outline(sections)


def _close_for(stack: list[Section], style: str) -> None:
    """Pop the stack so that a new section of `style` can be pushed as the right child."""
    styles = [s.style for s in stack]
    if style in styles:
        del stack[styles.index(style) :]
        return
    while stack and RANK[stack[-1].style] > RANK[style]:
        stack.pop()
