import datetime
from decimal import Decimal

import pytest

from thidua.core.formatting import format_date, format_number, format_percent, format_quantity


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (7500, "7.500"),
        (Decimal("99.5"), "99,5"),
        (Decimal("99.50"), "99,5"),
        (1234567.891, "1.234.567,89"),
        (0, "0"),
        (-1240, "-1.240"),
        (100, "100"),
        (None, "—"),
    ],
)
def test_numbers_use_dots_for_thousands_and_commas_for_decimals(value, text):
    assert format_number(value) == text


def test_percent_and_quantities():
    assert format_percent(Decimal("99.5")) == "99,5%"
    assert format_quantity(7500, "căn hộ") == "7.500 căn hộ"
    assert format_quantity(95, "%") == "95%"


def test_dates_are_day_month_year_with_leading_zeros():
    assert format_date(datetime.date(2026, 6, 8)) == "08/06/2026"
    assert format_date(None) == "—"
