"""The reading, step by step: normalise, lay out, parse the tree, then read each part.

Order matters where one part masks another: cited documents' dates are not deadlines, phase
limits are not deadlines, and numbers inside dates or citations are not targets.
"""

from __future__ import annotations

import datetime as dt
import re

from .dates import find_dates
from .deadlines import find_deadlines
from .document import Layout, find_layout, read_document
from .draft import Document, Phase, PlanDraft, Reference
from .errors import ExtractionError
from .phases import find_phases
from .references import find_citations, number_key, unique_references
from .responsibilities import find_responsibilities
from .sections import LIST_STYLES, Outline, parse_sections
from .targets import find_targets
from .text import normalise, split_lines

# About a thousand pages: far beyond any plan, and still read in seconds.
MAX_CHARS = 3_000_000
PAGE_CHARS = 3000
_TOO_LONG = "Văn bản quá dài: tối đa khoảng {pages} trang ({chars} ký tự)."
_PLAN_WORD = re.compile(r"kế\shoạch", re.IGNORECASE)
_MIN_TOP_SECTIONS = 2


def too_long(max_chars: int) -> ExtractionError:
    """The refusal of a text longer than `max_chars` (numbers written the Vietnamese way)."""
    pages, chars = (f"{number:,}".replace(",", ".") for number in (max_chars // PAGE_CHARS, max_chars))
    return ExtractionError("too_large", _TOO_LONG.format(pages=pages, chars=chars))


def extract(raw: str, max_chars: int = MAX_CHARS) -> PlanDraft:
    """Read a plan's text into a draft (raises ExtractionError when it is not a plan)."""
    if len(raw) > 2 * max_chars:
        raise too_long(max_chars)
    text = normalise(raw)
    if not text.strip():
        raise ExtractionError("empty")
    if len(text) > max_chars:
        raise too_long(max_chars)
    lines = split_lines(text)
    layout = find_layout(lines, len(text))
    outline = parse_sections(lines, layout.title_end, layout.body_end)
    if not _is_plan(text, layout, outline):
        raise ExtractionError("not_a_plan")
    document = read_document(text, lines, layout)
    all_citations = find_citations(text)
    own = number_key(document.number) if document.number else None
    citations = [c for c in all_citations if number_key(c.reference.number) != own]
    references = unique_references(citations)
    body = (_body_start(layout, outline), layout.body_end)
    cited = [(c.start, c.end) for c in citations]
    phases = find_phases(text, outline, body)
    phase_spans = [p.span for p in phases]
    date_spans = [(d.start, d.end) for d in find_dates(text, body[0], body[1])]
    horizon = _horizon(document, phases)
    targets = find_targets(text, lines, outline, body, cited + date_spans + phase_spans, horizon)
    anchor = _plan_anchor(document, references, phases)
    masks = phase_spans + [t.span for t in targets]
    # The plan's own number cited in it ("Kèm theo Quyết định số …") dates no obligation either.
    all_cited = [(c.start, c.end) for c in all_citations]
    deadlines = find_deadlines(text, lines, outline, body, masks, all_cited, anchor)
    return PlanDraft(
        document=document,
        references=references,
        targets=targets,
        deadlines=deadlines,
        phases=phases,
        sections=outline.sections,
        responsibilities=find_responsibilities(text, lines, outline),
        text=text,
    )


def _is_plan(text: str, layout: Layout, outline: Outline) -> bool:
    """A kind line (KẾ HOẠCH; QUYẾT ĐỊNH, QUY CHẾ … under a header) with a title or numbered parts, or
    several Roman/Arabic parts and "kế hoạch"."""
    top = [s for s in outline.sections if s.parent is None and s.style in ("roman", "arabic")]
    if layout.kind_index is not None:
        return bool(layout.title_lines) or bool(top)
    return len(top) >= _MIN_TOP_SECTIONS and bool(_PLAN_WORD.search(text))


_TITLE_HORIZON = re.compile(
    r"(?:giai\sđoạn|thời\skỳ|đến\snăm|năm)\s(?:(?:19|20)\d{2}\s?[-–]\s?)?(?P<year>(?:19|20)\d{2})",
    re.IGNORECASE,
)


def _horizon(document: Document, phases: list[Phase]) -> int | None:
    """The plan's last year: its phases' end, else the year its title runs to ("giai đoạn 2026 - 2030")."""
    if phases:
        return max(int(p.end[:4]) for p in phases)
    years = [int(m["year"]) for m in _TITLE_HORIZON.finditer(document.title or "")]
    return max(years) if years else None


def _body_start(layout: Layout, outline: Outline) -> int:
    """The first numbered part (the preamble before it cites documents, it commits to nothing)."""
    numbered = [s.start for s in outline.sections if s.style not in LIST_STYLES]
    return numbered[0] if numbered else layout.title_end


def _plan_anchor(document: Document, references: list[Reference], phases: list[Phase]) -> dt.date | None:
    """The plan's own date; failing that, the latest cited document's (a plan follows them)."""
    if document.date:
        return dt.date.fromisoformat(document.date)
    dates = [dt.date.fromisoformat(r.date) for r in references if r.date]
    if dates:
        return max(dates)
    if phases:
        return dt.date.fromisoformat(min(p.start for p in phases)) - dt.timedelta(days=1)
    return None
