"""Vietnamese numbers: digits with thousands dots and decimal commas, and number words.

"7.500" is seven thousand five hundred (the dot groups thousands), "99,5" is ninety-nine and a
half (the comma is the decimal mark), "01" is one, and "một", "hai mươi lăm", "một trăm" are
written-out numbers.
"""

from __future__ import annotations

import re

# Digits as plans write them. Bounded repetitions keep every match linear in the input.
THOUSANDS = r"\d{1,3}(?:\.\d{3}){1,4}(?:,\d{1,4})?"
PLAIN = r"\d{1,9}(?:[.,]\d{1,4})?"
DIGITS = rf"(?<![\w.,/])(?:{THOUSANDS}|{PLAIN})(?![\w/]|[.,]\d)"
DIGITS_RE = re.compile(DIGITS)

_UNITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
_TENS = {"mười": 10}
_MULTIPLIERS = {"trăm": 100, "nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000}
_JOINERS = {"mươi", "linh", "lẻ"}
NUMBER_WORD = (
    r"(?:không|một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm|nghìn|ngàn|triệu|linh|lẻ)"
)
# A run of number words ("hai mươi lăm"); at most eight words, so no runaway matches.
NUMBER_WORDS = rf"(?<!\w){NUMBER_WORD}(?:\s{NUMBER_WORD}){{0,7}}(?!\w)"
NUMBER_WORDS_RE = re.compile(NUMBER_WORDS, re.IGNORECASE)


def parse_digits(token: str) -> float | int:
    """Value of a digit token: "7.500" → 7500, "99,5" → 99.5, "01" → 1, "3.5" → 3.5."""
    if re.fullmatch(THOUSANDS, token):
        whole, _, fraction = token.partition(",")
        value = whole.replace(".", "") + ("." + fraction if fraction else "")
    else:
        value = token.replace(",", ".")
    return as_number(float(value))


def as_number(value: float) -> float | int:
    """An int when the value is whole (the format prints 7500, not 7500.0)."""
    return int(value) if float(value).is_integer() else value


def parse_words(words: str) -> int | None:
    """Value of Vietnamese number words, or None when the words do not form a number."""
    total, hundreds, small, seen = 0, 0, 0, False
    for word in words.lower().split():
        if word in _UNITS:
            small += _UNITS[word]
        elif word in _TENS:
            small += _TENS[word]
        elif word == "mươi":
            small = (small or 1) * 10
        elif word == "trăm":
            hundreds += (small or 1) * 100
            small = 0
        elif word in _MULTIPLIERS:
            total += (hundreds + small or 1) * _MULTIPLIERS[word]
            hundreds = small = 0
        elif word not in _JOINERS:
            return None
        seen = True
    return total + hundreds + small if seen else None
