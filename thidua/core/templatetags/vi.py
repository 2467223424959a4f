"""Template filters for Vietnamese formats; loaded as builtins in every template."""

from django import template

from thidua.core import formatting
from thidua.core.forms import error_summary

register = template.Library()

register.filter("so", formatting.format_number)
register.filter("phan_tram", formatting.format_percent)
register.filter("ngay", formatting.format_date)
register.filter("ngay_gio", formatting.format_datetime)
register.filter("error_summary", error_summary)


@register.filter
def so_luong(value, unit):
    return formatting.format_quantity(value, unit)


@register.simple_tag
def joined(*parts, sep: str = " · ") -> str:
    """Non-empty parts joined by " · ", each said once: a person whose position or role reads like
    their unit ("Lãnh đạo Sở · Lãnh đạo Sở") shows it once. A list part is joined by commas."""
    seen: set[str] = set()
    shown: list[str] = []
    for part in parts:
        items = part if isinstance(part, list | tuple) else [part]
        kept = []
        for item in items:
            text = str(item).strip() if item is not None else ""
            if text and text.casefold() not in seen:
                seen.add(text.casefold())
                kept.append(text)
        if kept:
            shown.append(", ".join(kept))
    return sep.join(shown)
