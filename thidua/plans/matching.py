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


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def overlap(a: str, b: str) -> float:
    """Share of words two texts have in common (Jaccard), 0 when either is empty."""
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def propose_lead_units(data: dict, units) -> None:
    """Fill each target's `lead_unit` (a unit id) from the plan's "Tổ chức thực hiện" part.

    Units that lead ("chủ trì") come first; among them the one whose task reads most like the
    target wins, and the first one (usually the Office, which follows the whole plan) breaks ties.
    """
    units = list(units)
    matched = [(match_unit(item["unit"], units), item) for item in data.get("responsibilities") or []]
    matched = [(unit, item) for unit, item in matched if unit is not None]
    leads = [(unit, item) for unit, item in matched if item.get("role") == "lead"] or matched
    if not leads:
        return
    for target in data.get("targets") or []:
        if target.get("lead_unit") is None:
            unit, _ = max(
                leads, key=lambda lead: overlap(target.get("text") or "", lead[1].get("text") or "")
            )
            target["lead_unit"] = unit.pk
