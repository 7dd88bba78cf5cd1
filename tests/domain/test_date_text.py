"""Dates written for people and dates typed by people; and the clock that says today."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plo_tracker.domain.clock import Clock, FixedClock
from plo_tracker.domain.date_text import (
    day_month,
    long_date,
    parse_date,
    plain_date,
    short_date,
)


def test_long_date_is_how_letters_write_it() -> None:
    assert long_date(date(2026, 3, 3)) == "Tuesday 3 March 2026"
    assert long_date(date(2026, 12, 25)) == "Friday 25 December 2026"


def test_short_date_is_how_views_show_it() -> None:
    assert short_date(date(2026, 3, 3)) == "Tue 3 Mar 2026"
    assert short_date(date(2027, 3, 26)) == "Fri 26 Mar 2027"


def test_day_month_has_no_leading_zero() -> None:
    assert day_month(date(2026, 3, 3)) == "3 Mar"
    assert day_month(date(2026, 11, 30)) == "30 Nov"


@pytest.mark.parametrize(
    "text",
    ["03/03/2026", "3/3/2026", "2026-03-03", "  03/03/2026  ", "\t2026-03-03\n"],
)
def test_parse_date_accepts_day_month_year_and_iso(text: str) -> None:
    assert parse_date(text) == date(2026, 3, 3)


def test_parse_date_reads_day_first_not_month_first() -> None:
    assert parse_date("12/03/2026") == date(2026, 3, 12)
    assert parse_date("29/02/2028") == date(2028, 2, 29)  # a leap year


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2026",  # no such day
        "29/02/2026",  # not a leap year
        "03/13/2026",  # month-first American order
        "2026-02-30",
        "tomorrow",
        "",
        "   ",
        "03/03/026",  # a three-digit year
        "3 March 2026",
        "03-03-2026",
        "03/03",
        "03/03/2026/1",
        "//",
    ],
)
def test_parse_date_refuses_non_dates_with_a_helpful_message(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(text)
    assert str(caught.value) == (
        f"'{text}' is not a date. Type it as day/month/year, for example 03/03/2026."
    )
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


@settings(max_examples=80, deadline=None, database=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)))
def test_parse_date_reads_back_both_written_forms(day: date) -> None:
    assert parse_date(f"{day.day:02d}/{day.month:02d}/{day.year}") == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.day}/{day.month}/{day.year % 100:02d}") == day


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1/12/26", date(2026, 12, 1)), ("01/12/26", date(2026, 12, 1)),
     ("29/2/28", date(2028, 2, 29)), ("3/3/00", date(2000, 3, 3))],
)
def test_a_two_digit_year_is_this_centurys(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "shown"),
    [("31/12/1999", "31 December 1999"), ("1/1/2061", "1 January 2061"),
     ("1/1/61", "1 January 2061"), ("1900-06-01", "1 June 1900")],
)
def test_dates_outside_the_calendar_are_refused_with_the_reason(text: str, shown: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(text)
    assert str(caught.value) == (
        f"The date {shown} is outside the years 2000 to 2060 that PLO Tracker's calendar covers. "
        "Check the year.")


@settings(max_examples=50, deadline=None, database=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_written_dates_always_name_the_month_and_year(day: date) -> None:
    assert long_date(day).endswith(f"{day:%B} {day.year}")
    assert short_date(day).split() == [f"{day:%a}", str(day.day), f"{day:%b}", str(day.year)]
    assert day_month(day) == f"{day.day} {day:%b}"


def test_fixed_clock_stops_at_one_day() -> None:
    clock = FixedClock(date(2026, 3, 3))
    assert isinstance(clock, Clock)
    assert clock.today() == date(2026, 3, 3)
    assert clock.now() == datetime(2026, 3, 3, 12, tzinfo=UTC)
    assert clock.now().tzinfo is UTC


def test_real_clock_gives_a_date_and_an_aware_time() -> None:
    clock = Clock()
    today = clock.today()
    now = clock.now()
    assert type(today) is date
    assert now.tzinfo is not None and now.utcoffset().total_seconds() == 0
    # The UK date is never more than a day from the UTC date.
    assert abs((today - now.date()).days) <= 1


@pytest.mark.parametrize("text", ["20260303", "2026-W10-2", "+3/03/2026", "03/03/0026"])
def test_parse_date_refuses_forms_nobody_types(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(text)


def test_plain_date_has_no_weekday_and_no_leading_zero() -> None:
    assert plain_date(date(2026, 12, 3)) == "3 December 2026"
    assert plain_date(date(2027, 2, 28)) == "28 February 2027"
