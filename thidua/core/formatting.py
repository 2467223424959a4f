"""Vietnamese number and date formatting: 7.500, 99,5%, 30/08/2026.

Plain functions so that pages, generated documents and messages format alike,
whatever the active locale.
"""

import datetime
from decimal import Decimal

THOUSANDS = "."
DECIMAL = ","


def format_number(value: Decimal | float | int | None, places: int = 2) -> str:
    """7500 → "7.500"; 99.5 → "99,5"; trailing zeros are dropped; None → "—"."""
    if value is None:
        return "—"
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    fraction = fraction.rstrip("0")
    text = THOUSANDS.join(groups) + (DECIMAL + fraction if fraction else "")
    return sign + text


def format_percent(value: Decimal | float | int | None, places: int = 2) -> str:
    return "—" if value is None else format_number(value, places) + "%"


def format_date(value: datetime.date | datetime.datetime | None) -> str:
    """Dates as dd/mm/yyyy, the way Vietnamese administrative documents write them."""
    if not value:  # templates pass "" for a missing value
        return "—"
    return value.strftime("%d/%m/%Y")


def format_datetime(value: datetime.datetime | None) -> str:
    if not value:
        return "—"
    from django.utils import timezone

    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")


def format_quantity(value: Decimal | float | int | None, unit: str) -> str:
    """A value with its unit of measure: "99,5%", "7.500 căn hộ"."""
    if unit == "%":
        return format_percent(value)
    return f"{format_number(value)} {unit}".strip()
