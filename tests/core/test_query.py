"""Numbers, dates and months read from a query string: odd values are ignored, never a crash."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.core.query import parse_date, parse_int, parse_month


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", 12), (" 7 ", 7), ("²", None), ("٣", None), ("--5", None), ("-1", None), ("1e3", None),
     ("", None), (None, None), ("9" * 30, None), ("abc", None)],
)  # fmt: skip
def test_parse_int_takes_ascii_digits_in_range_only(text, expected):
    assert parse_int(text) == expected


def test_parse_int_bounds():
    assert parse_int("-1", minimum=-5) == -1
    assert parse_int("2101", maximum=2100) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-03-31", datetime.date(2026, 3, 31)), ("0001-01-01", None), ("9999-12-31", None),
     ("2026-13-45", None), ("2026-02-30", None), ("hôm nay", None), (None, None)],
)  # fmt: skip
def test_parse_date_keeps_a_day_either_side_representable(text, expected):
    assert parse_date(text) == expected


def test_parse_month():
    assert parse_month("2026-09") == datetime.date(2026, 9, 1)
    assert (
        parse_month("9999-12") is None and parse_month("2026-9") is None and parse_month("2026-09-01") is None
    )


def test_an_ignored_parameter_is_named_in_a_vietnamese_notice(client, cast):
    client.force_login(cast.office)
    response = client.get(reverse("notifications:month"), {"thang": "9999-12", "don-vi": "²"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đã bỏ qua tham số không hợp lệ “thang”." in page
    assert "Đã bỏ qua tham số không hợp lệ “don-vi”." in page
    assert response.context["month"] == timezone.localdate().replace(day=1)


def test_an_odd_agency_number_is_ignored_and_the_own_agency_shown(client, cast):
    client.force_login(cast.office)
    response = client.get(reverse("org:people"), {"co-quan": "abc"})
    assert response.status_code == 200 and response.context["organization"] == cast.org


def test_a_nul_character_in_the_query_string_gets_a_vietnamese_400(client, cast):
    client.force_login(cast.office)
    response = client.get(reverse("org:people"), {"q": "đại hội\x00"})
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
