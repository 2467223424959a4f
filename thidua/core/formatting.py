"""Vietnamese number and date formatting: 7.500, 99,5%, 30/08/2026, and reading a typed number back.

Plain functions so that pages, generated documents, messages, forms and imports format and read alike,
whatever the active locale.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

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


def parse_number(raw) -> Decimal | None:
    """A figure typed the Vietnamese way or the English way: 7.500, 7500, 99,5, 99.5, 1.234,5, 99,5%.

    Dots in groups of three are thousands (7.500 is seven thousand five hundred); a lone comma is the
    decimal mark. Raises ValueError when the text is not a number.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int | float | Decimal):
        number = Decimal(str(raw))
        if not number.is_finite():
            raise ValueError(raw)
        return number
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "").removesuffix("%")
    if not text:
        return None
    sign = "-" if text.startswith("-") else ""
    digits = _plain_digits(text[1:] if text[0] in "+-" else text)
    try:
        return Decimal(sign + digits)
    except InvalidOperation as error:
        raise ValueError(raw) from error


def _plain_digits(text: str) -> str:
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", text):
        raise ValueError(text)
    if "." in text and "," in text:  # 1.234,5 or 1,234.5: the last mark is the decimal one
        mark = "." if text.rfind(".") > text.rfind(",") else ","
        whole, _mark, fraction = text.rpartition(mark)
        separator = "," if mark == "." else "."
        if not re.fullmatch(rf"\d{{1,3}}(\{separator}\d{{3}})*", whole):
            raise ValueError(text)
        return whole.replace(separator, "") + "." + fraction
    for mark in ".,":
        if mark not in text:
            continue
        # 7.500 and 1.234.567 group thousands, and so does 1,234,567; a lone comma is decimal (99,5).
        if re.fullmatch(rf"[1-9]\d{{0,2}}(\{mark}\d{{3}})+", text) and (mark == "." or text.count(",") > 1):
            return text.replace(mark, "")
        if text.count(mark) == 1:
            return text.replace(mark, ".")
        raise ValueError(text)
    return text
