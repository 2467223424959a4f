"""The Vietnamese working-day calendar: library holidays (lunar ones included), DayOff rows, deadlines."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from thidua.core.models import DayOff
from thidua.core.public_holidays import library_make_up_days, public_holidays
from thidua.core.workdays import (
    WorkingCalendar,
    add_working_days,
    is_working_day,
    last_day_to_comply,
    last_working_day_on_or_before,
    working_days_between,
)
from thidua.plans.models import Deadline

D = datetime.date
NO_DAYS_OFF = {}  # the library alone, no database


def day_of(year, name):
    return next(day for day, holiday in public_holidays(year).items() if holiday == name)


# Tết Nguyên đán and Giỗ Tổ come from the Vietnamese lunar calendar


@pytest.mark.parametrize(
    ("year", "tet"),
    [
        (2026, D(2026, 2, 17)),
        (2027, D(2027, 2, 6)),
        (2028, D(2028, 1, 26)),
        (2029, D(2029, 2, 13)),
        # The new moon falls at 23:08 Hanoi time on 2/2/2030 (00:08 on 3/2 in Beijing): Vietnamese Tết
        # is one day before the Chinese New Year that year.
        (2030, D(2030, 2, 2)),
    ],
)
def test_tet_nguyen_dan_is_the_first_day_of_the_vietnamese_lunar_year(year, tet):
    assert day_of(year, "Tết Nguyên Đán") == tet
    assert public_holidays(year)[tet - datetime.timedelta(days=1)] == "Giao thừa Tết Nguyên Đán"


@pytest.mark.parametrize("year", range(2026, 2031))
def test_tet_takes_five_working_days_every_year(year):
    """Five days of Tết (Labor Code art. 112): a Tết day on a Saturday moves to the working day before,
    on a Sunday to the one after, so five weekdays are off whatever day Tết falls on."""
    tet = day_of(year, "Tết Nguyên Đán")
    start, end = tet - datetime.timedelta(days=10), tet + datetime.timedelta(days=10)
    weekdays = sum(
        (start + datetime.timedelta(days=i)).weekday() < 5 for i in range(1, (end - start).days + 1)
    )
    assert working_days_between(start, end, days_off=NO_DAYS_OFF) == weekdays - 5


@pytest.mark.parametrize(
    ("year", "days_off"),
    [
        (2026, [D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20)]),
        # Tết on a Saturday: 29 Tết (Thursday) and mùng 5 (Wednesday) are off instead.
        (2027, [D(2027, 2, 4), D(2027, 2, 5), D(2027, 2, 8), D(2027, 2, 9), D(2027, 2, 10)]),
        # Mùng 4 on a Saturday: 29 Tết (Monday) is off instead.
        (2028, [D(2028, 1, 24), D(2028, 1, 25), D(2028, 1, 26), D(2028, 1, 27), D(2028, 1, 28)]),
        (2029, [D(2029, 2, 12), D(2029, 2, 13), D(2029, 2, 14), D(2029, 2, 15), D(2029, 2, 16)]),
        (2030, [D(2030, 1, 31), D(2030, 2, 1), D(2030, 2, 4), D(2030, 2, 5), D(2030, 2, 6)]),
    ],
)
def test_the_weekdays_off_for_tet(year, days_off):
    tet = day_of(year, "Tết Nguyên Đán")
    around = [tet + datetime.timedelta(days=i) for i in range(-12, 13)]
    off = [day for day in around if day.weekday() < 5 and not is_working_day(day, days_off=NO_DAYS_OFF)]
    assert off == days_off


def test_add_working_days_over_tet_2026():
    # Thu 12/2 → Fri 13/2 (1), Tết 16–20/2, Mon 23/2 (2) … Thu 5/3 (10).
    assert add_working_days(D(2026, 2, 12), 10, days_off=NO_DAYS_OFF) == D(2026, 3, 5)
    assert add_working_days(D(2026, 2, 12), 1, days_off=NO_DAYS_OFF) == D(2026, 2, 13)
    assert add_working_days(D(2026, 2, 12), 2, days_off=NO_DAYS_OFF) == D(2026, 2, 23)
    assert working_days_between(D(2026, 2, 12), D(2026, 3, 5), days_off=NO_DAYS_OFF) == 10


def test_add_zero_working_days_is_the_day_itself_or_the_next_working_day():
    assert add_working_days(D(2026, 2, 13), 0, days_off=NO_DAYS_OFF) == D(2026, 2, 13)
    assert add_working_days(D(2026, 2, 17), 0, days_off=NO_DAYS_OFF) == D(2026, 2, 23)
    assert add_working_days(D(2026, 2, 14), 0, days_off=NO_DAYS_OFF) == D(2026, 2, 23)
    with pytest.raises(ValueError):
        add_working_days(D(2026, 2, 13), -1, days_off=NO_DAYS_OFF)


def test_gio_to_hung_vuong_on_a_sunday_gives_the_monday_off():
    # 10/3 lunar of Bính Ngọ is Sunday 26/4/2026: the library adds the compensatory Monday.
    assert day_of(2026, "Ngày Giỗ Tổ Hùng Vương") == D(2026, 4, 26)
    assert public_holidays(2026)[D(2026, 4, 27)] == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
    assert not is_working_day(D(2026, 4, 27), days_off=NO_DAYS_OFF)
    assert is_working_day(D(2026, 4, 28), days_off=NO_DAYS_OFF)
    # Other years it falls on a weekday.
    assert day_of(2027, "Ngày Giỗ Tổ Hùng Vương") == D(2027, 4, 16)
    assert not is_working_day(D(2027, 4, 16), days_off=NO_DAYS_OFF)


def test_30_april_and_1_may():
    # 2026: Thursday and Friday; Mon 27/4 is Giỗ Tổ's compensatory day.
    assert working_days_between(D(2026, 4, 24), D(2026, 5, 4), days_off=NO_DAYS_OFF) == 3  # 28, 29/4, 4/5
    assert add_working_days(D(2026, 4, 29), 1, days_off=NO_DAYS_OFF) == D(2026, 5, 4)
    # 2027: 1/5 is a Saturday, Monday 3/5 is off instead.
    assert not is_working_day(D(2027, 5, 3), days_off=NO_DAYS_OFF)
    # 2028: 30/4 is a Sunday, so 1/5 (Monday) and 2/5 (Tuesday) are off.
    assert [is_working_day(D(2028, 5, d), days_off=NO_DAYS_OFF) for d in (1, 2, 3)] == [False, False, True]


def test_national_day_and_the_2026_swap_the_library_knows():
    assert not is_working_day(D(2026, 9, 1), days_off=NO_DAYS_OFF)
    assert not is_working_day(D(2026, 9, 2), days_off=NO_DAYS_OFF)
    # The library records the government's 2026 swap: Monday 31/8 off, Saturday 22/8 worked.
    assert public_holidays(2026)[D(2026, 8, 31)] == "Ngày nghỉ (thay cho ngày 22/08/2026)"
    assert library_make_up_days(2026) == {D(2026, 8, 22)}
    assert not is_working_day(D(2026, 8, 31), days_off=NO_DAYS_OFF)
    assert is_working_day(D(2026, 8, 22), days_off=NO_DAYS_OFF)
    assert add_working_days(D(2026, 8, 28), 1, days_off=NO_DAYS_OFF) == D(2026, 9, 3)
    # 2029: 2/9 is a Sunday; 3/9 is the day next to it and 4/9 the compensatory day.
    assert [is_working_day(D(2029, 9, d), days_off=NO_DAYS_OFF) for d in (3, 4, 5)] == [False, False, True]


def test_weekends():
    assert not is_working_day(D(2026, 6, 6), days_off=NO_DAYS_OFF)  # Saturday
    assert not is_working_day(D(2026, 6, 7), days_off=NO_DAYS_OFF)  # Sunday
    assert is_working_day(D(2026, 6, 8), days_off=NO_DAYS_OFF)
    assert add_working_days(D(2026, 6, 5), 1, days_off=NO_DAYS_OFF) == D(2026, 6, 8)
    assert add_working_days(D(2026, 6, 5), 5, days_off=NO_DAYS_OFF) == D(2026, 6, 12)


def test_working_days_between_counts_the_half_open_interval():
    assert working_days_between(D(2026, 6, 8), D(2026, 6, 8), days_off=NO_DAYS_OFF) == 0
    assert working_days_between(D(2026, 6, 5), D(2026, 6, 8), days_off=NO_DAYS_OFF) == 1
    assert working_days_between(D(2026, 6, 1), D(2026, 6, 30), days_off=NO_DAYS_OFF) == 21
    assert working_days_between(D(2026, 6, 8), D(2026, 6, 5), days_off=NO_DAYS_OFF) == -1
    # A whole year: 261 weekdays in 2026, 13 of them off (1/1, 5 for Tết, Giỗ Tổ's Monday, 30/4, 1/5,
    # the 31/8 swap, 1 and 2/9, 24/11), plus the make-up Saturday 22/8.
    assert working_days_between(D(2025, 12, 31), D(2026, 12, 31), days_off=NO_DAYS_OFF) == 261 - 13 + 1


def test_adding_then_counting_gives_back_n():
    calendar = WorkingCalendar(NO_DAYS_OFF)
    for start in (D(2026, 2, 10), D(2027, 1, 29), D(2028, 4, 28), D(2029, 8, 31), D(2030, 1, 30)):
        for n in range(1, 70):
            end = calendar.add_working_days(start, n)
            assert calendar.is_working_day(end)
            assert calendar.working_days_between(start, end) == n


# Yearly decisions an administrator enters


@pytest.mark.django_db
def test_a_day_off_added_by_an_administrator_removes_a_working_day():
    assert is_working_day(D(2026, 1, 2))  # Friday after Tết Dương lịch
    assert add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 2)
    DayOff.objects.create(date=D(2026, 1, 2), kind=DayOff.Kind.HOLIDAY, name="Nghỉ bù Tết Dương lịch")
    assert not is_working_day(D(2026, 1, 2))
    assert add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 5)
    assert working_days_between(D(2025, 12, 31), D(2026, 1, 9)) == 5
    assert WorkingCalendar().day_off_name(D(2026, 1, 2)) == "Nghỉ bù Tết Dương lịch"


@pytest.mark.django_db
def test_a_make_up_saturday_adds_a_working_day():
    assert working_days_between(D(2026, 1, 4), D(2026, 1, 11)) == 5
    DayOff.objects.create(date=D(2026, 1, 10), kind=DayOff.Kind.WORKDAY, name="Làm bù ngày 2/1")
    assert is_working_day(D(2026, 1, 10))
    assert working_days_between(D(2026, 1, 4), D(2026, 1, 11)) == 6
    assert add_working_days(D(2026, 1, 9), 1) == D(2026, 1, 10)


@pytest.mark.django_db
def test_a_day_off_row_wins_over_the_library():
    DayOff.objects.create(date=D(2026, 8, 31), kind=DayOff.Kind.WORKDAY, name="Không hoán đổi")
    DayOff.objects.create(date=D(2026, 8, 22), kind=DayOff.Kind.HOLIDAY, name="Không làm bù")
    calendar = WorkingCalendar()
    assert calendar.is_working_day(D(2026, 8, 31))
    assert not calendar.is_working_day(D(2026, 8, 22))
    assert calendar.day_off_name(D(2026, 8, 31)) is None
    assert calendar.day_off_name(D(2026, 9, 2)) == "Quốc khánh"


def test_days_off_given_as_a_mapping_need_no_database():
    days_off = {D(2026, 1, 2): "holiday", D(2026, 1, 10): "workday"}
    assert not is_working_day(D(2026, 1, 2), days_off=days_off)
    assert is_working_day(D(2026, 1, 10), days_off=days_off)
    assert working_days_between(D(2026, 1, 1), D(2026, 1, 11), days_off=days_off) == 6


@pytest.mark.django_db
def test_sixty_working_days_take_one_query(django_assert_max_num_queries):
    DayOff.objects.create(date=D(2027, 1, 4), kind=DayOff.Kind.HOLIDAY, name="Nghỉ bù")
    DayOff.objects.create(date=D(2026, 12, 19), kind=DayOff.Kind.WORKDAY, name="Làm bù")
    with django_assert_max_num_queries(1):
        end = add_working_days(D(2026, 11, 20), 60)  # across the new year and Tết Đinh Mùi
    with django_assert_max_num_queries(1):
        assert working_days_between(D(2026, 11, 20), end) == 60
    with django_assert_max_num_queries(1):
        calendar = WorkingCalendar(years=(2026, 2028))
        for day in (D(2026, 5, 1), D(2027, 2, 8), D(2028, 3, 1)):
            calendar.is_working_day(day)
        calendar.add_working_days(D(2026, 1, 1), 400)


@pytest.mark.django_db
def test_day_off_rows():
    row = DayOff(date=D(2026, 1, 10), kind=DayOff.Kind.WORKDAY, name="Làm bù ngày 2/1")
    row.full_clean()
    row.save()
    assert str(row) == "10/01/2026 – Làm bù: Làm bù ngày 2/1"
    assert row.history.count() == 1
    # A make-up day on an ordinary weekday means nothing: most likely a typo.
    with pytest.raises(ValidationError):
        DayOff(date=D(2026, 1, 7), kind=DayOff.Kind.WORKDAY, name="Làm bù").full_clean()
    # On a weekday the library calls a holiday, it is a correction, and allowed.
    DayOff(date=D(2026, 8, 31), kind=DayOff.Kind.WORKDAY, name="Không hoán đổi").full_clean()


# "trước ngày X"


def test_before_means_the_day_before_even_when_it_is_a_day_off():
    # "trước ngày 30/11/2026": met if done on 29/11 (a Sunday) or earlier.
    assert last_day_to_comply(D(2026, 11, 30), Deadline.Bound.BEFORE) == D(2026, 11, 29)
    assert last_working_day_on_or_before(D(2026, 11, 29), days_off=NO_DAYS_OFF) == D(2026, 11, 27)
    # "trước ngày 23/02/2026": the day before is the Sunday after Tết; the office last works on 13/2.
    assert last_day_to_comply(D(2026, 2, 23), "before") == D(2026, 2, 22)
    assert last_working_day_on_or_before(D(2026, 2, 22), days_off=NO_DAYS_OFF) == D(2026, 2, 13)


def test_on_and_by_end_mean_the_day_itself():
    assert last_day_to_comply(D(2026, 11, 30), Deadline.Bound.ON) == D(2026, 11, 30)
    assert last_day_to_comply(D(2026, 12, 31), Deadline.Bound.BY_END) == D(2026, 12, 31)
    with pytest.raises(ValueError):
        last_day_to_comply(D(2026, 12, 31), "after")
