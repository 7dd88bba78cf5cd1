"""Working days: weekdays less the bank holidays of England and Wales.

Expected dates are worked out by hand from the published bank-holiday lists,
not from the ``holidays`` package the code uses.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plo_tracker.domain.working_days import (
    OutsideCalendar,
    add_working_days,
    is_bank_holiday,
    is_working_day,
    last_working_day,
    next_working_day,
    non_working_reason,
    working_days_between,
)

PROPERTY = settings(max_examples=80, deadline=None, database=None)

# Keep generated dates well inside the 2000-2060 calendar so counts never run off it.
days = st.dates(min_value=date(2001, 1, 1), max_value=date(2055, 12, 31))
counts = st.integers(min_value=1, max_value=400)
# Counting back up to 400 working days (about 19 months) must not run before 2000 either.
later_days = st.dates(min_value=date(2003, 1, 1), max_value=date(2055, 12, 31))


# --- Bank holidays, checked against the published England and Wales lists ------------


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 1, 1), "New Year's Day"),
        (date(2026, 4, 3), "Good Friday 2026"),
        (date(2026, 4, 6), "Easter Monday 2026"),
        (date(2026, 5, 4), "early May bank holiday 2026"),
        (date(2026, 5, 25), "spring bank holiday 2026"),
        (date(2026, 8, 31), "summer bank holiday 2026"),
        (date(2026, 12, 25), "Christmas Day 2026 (a Friday)"),
        (date(2026, 12, 28), "Boxing Day 2026 substitute (Boxing Day is a Saturday)"),
        (date(2027, 3, 26), "Good Friday 2027"),
        (date(2027, 3, 29), "Easter Monday 2027"),
        (date(2027, 5, 3), "early May bank holiday 2027"),
        (date(2027, 12, 27), "Christmas Day 2027 substitute (Saturday)"),
        (date(2027, 12, 28), "Boxing Day 2027 substitute (Sunday)"),
        (date(2022, 1, 3), "New Year's Day 2022 substitute (Saturday)"),
        (date(2022, 6, 3), "Platinum Jubilee"),
        (date(2022, 9, 19), "State funeral of Queen Elizabeth II"),
        (date(2023, 5, 8), "Coronation of King Charles III"),
        (date(2020, 5, 8), "early May bank holiday 2020, moved to VE Day"),
    ],
)
def test_bank_holidays_of_england_and_wales(day: date, name: str) -> None:
    assert is_bank_holiday(day), name
    assert not is_working_day(day), name


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (date(2026, 1, 2), "2 January is a holiday in Scotland only"),
        (date(2026, 8, 3), "first Monday of August is the Scottish summer holiday"),
        (date(2026, 11, 30), "St Andrew's Day is Scottish"),
        (date(2026, 3, 17), "St Patrick's Day is Northern Irish"),
        (date(2027, 7, 12), "Battle of the Boyne is Northern Irish"),
        (date(2020, 5, 4), "the 2020 early May holiday moved to Friday 8 May"),
        (date(2026, 12, 24), "Christmas Eve is an ordinary working day"),
        (date(2026, 12, 29), "the day after the Boxing Day substitute"),
        (date(2026, 12, 31), "New Year's Eve is an ordinary working day"),
        (date(2027, 3, 25), "the Thursday before Good Friday 2027"),
        (date(2027, 3, 30), "the Tuesday after Easter Monday 2027"),
    ],
)
def test_ordinary_weekdays_are_working_days(day: date, why: str) -> None:
    assert day.weekday() < 5
    assert not is_bank_holiday(day), why
    assert is_working_day(day), why


def test_christmas_2026_falls_on_a_friday_and_boxing_day_on_a_saturday() -> None:
    assert date(2026, 12, 25).strftime("%A") == "Friday"
    assert date(2026, 12, 26).strftime("%A") == "Saturday"
    assert [d for d in _span(date(2026, 12, 21), date(2027, 1, 8)) if is_working_day(d)] == [
        date(2026, 12, 21),
        date(2026, 12, 22),
        date(2026, 12, 23),
        date(2026, 12, 24),
        date(2026, 12, 29),
        date(2026, 12, 30),
        date(2026, 12, 31),
        date(2027, 1, 4),
        date(2027, 1, 5),
        date(2027, 1, 6),
        date(2027, 1, 7),
        date(2027, 1, 8),
    ]


def test_weekends_are_never_working_days() -> None:
    assert not is_working_day(date(2026, 3, 7))  # Saturday
    assert not is_working_day(date(2026, 3, 8))  # Sunday
    assert not is_bank_holiday(date(2026, 3, 7))


def test_a_whole_year_has_the_expected_number_of_working_days() -> None:
    # 2026: 261 weekdays less 8 weekday bank holidays (26 December is a Saturday).
    year = _span(date(2026, 1, 1), date(2026, 12, 31))
    assert sum(d.weekday() < 5 for d in year) == 261
    assert sum(is_working_day(d) for d in year) == 253
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 253


# --- Adding working days ------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        # Gateway decision on Wednesday 23 December 2026: 24 Dec, 29, 30, 31 Dec, 4 Jan.
        (date(2026, 12, 23), 5, date(2027, 1, 4)),
        # Monday 21 December 2026: 22, 23, 24, 29, 30 December.
        (date(2026, 12, 21), 5, date(2026, 12, 30)),
        # Christmas Eve 2026: 29, 30, 31 Dec, 4, 5 Jan.
        (date(2026, 12, 24), 5, date(2027, 1, 5)),
        (date(2026, 12, 24), 1, date(2026, 12, 29)),
        # Thursday before Easter 2027: Good Friday and Easter Monday skipped.
        (date(2027, 3, 25), 1, date(2027, 3, 30)),
        # Easter 2026, Good Friday 3 April: 27, 30, 31 Mar, 1, 2 Apr.
        (date(2026, 3, 26), 5, date(2026, 4, 2)),
        (date(2026, 4, 2), 10, date(2026, 4, 20)),
        # Early May bank holiday 2026 (Monday 4 May) is skipped.
        (date(2026, 5, 1), 1, date(2026, 5, 5)),
        # An ordinary week.
        (date(2026, 3, 3), 5, date(2026, 3, 10)),
        (date(2026, 3, 6), 1, date(2026, 3, 9)),
        # Starting on a weekend: five working days after a Saturday is the Friday.
        (date(2026, 3, 7), 5, date(2026, 3, 13)),
        (date(2026, 3, 8), 1, date(2026, 3, 9)),
        # Starting on a bank holiday.
        (date(2026, 12, 25), 1, date(2026, 12, 29)),
    ],
)
def test_add_working_days_forwards(start: date, count: int, expected: date) -> None:
    assert add_working_days(start, count) == expected


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (date(2026, 3, 10), -5, date(2026, 3, 3)),
        (date(2026, 3, 9), -1, date(2026, 3, 6)),
        # Back across the Boxing Day substitute and Christmas Day 2026.
        (date(2026, 12, 29), -1, date(2026, 12, 24)),
        (date(2027, 1, 4), -5, date(2026, 12, 23)),
        # Back across Easter 2027.
        (date(2027, 3, 30), -1, date(2027, 3, 25)),
        # From a Saturday, one working day back is the Friday before.
        (date(2026, 3, 7), -1, date(2026, 3, 6)),
        # From a bank holiday Monday, one back is the Friday before.
        (date(2026, 5, 4), -1, date(2026, 5, 1)),
    ],
)
def test_add_working_days_backwards(start: date, count: int, expected: date) -> None:
    assert add_working_days(start, count) == expected


@pytest.mark.parametrize(
    "start", [date(2026, 3, 3), date(2026, 3, 7), date(2026, 12, 25), date(2026, 5, 4)]
)
def test_adding_zero_working_days_returns_the_start_even_when_not_a_working_day(
    start: date,
) -> None:
    assert add_working_days(start, 0) == start


# --- Counting working days ----------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 3, 3), date(2026, 3, 3), 0),
        (date(2026, 3, 3), date(2026, 3, 4), 1),
        (date(2026, 3, 3), date(2026, 3, 10), 5),
        (date(2026, 3, 6), date(2026, 3, 9), 1),  # Friday to Monday
        (date(2026, 3, 6), date(2026, 3, 8), 0),  # Friday to Sunday
        (date(2026, 3, 7), date(2026, 3, 8), 0),  # Saturday to Sunday
        (date(2026, 12, 23), date(2027, 1, 4), 5),
        (date(2026, 12, 24), date(2026, 12, 28), 0),  # all holidays and weekend
        (date(2027, 3, 25), date(2027, 3, 30), 1),
        (date(2026, 3, 10), date(2026, 3, 3), -5),
        (date(2027, 1, 4), date(2026, 12, 23), -5),
    ],
)
def test_working_days_between(start: date, end: date, expected: int) -> None:
    assert working_days_between(start, end) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 3), date(2026, 3, 3)),
        (date(2026, 3, 7), date(2026, 3, 9)),
        (date(2026, 12, 25), date(2026, 12, 29)),
        (date(2026, 12, 26), date(2026, 12, 29)),
        (date(2027, 3, 26), date(2027, 3, 30)),
        (date(2027, 1, 1), date(2027, 1, 4)),
    ],
)
def test_next_working_day(day: date, expected: date) -> None:
    assert next_working_day(day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 3), date(2026, 3, 3)),  # a Tuesday: itself
        (date(2026, 3, 8), date(2026, 3, 6)),  # Sunday: the Friday before
        (date(2026, 4, 6), date(2026, 4, 2)),  # Easter Monday: past Good Friday to Thursday
        (date(2026, 12, 28), date(2026, 12, 24)),  # Boxing Day's substitute, Christmas Day
        (date(2027, 1, 1), date(2026, 12, 31)),  # New Year's Day: the year before
    ],
)
def test_last_working_day_on_or_before(day: date, expected: date) -> None:
    assert last_working_day(day) == expected


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2026, 3, 7), "a Saturday"),
        (date(2026, 3, 8), "a Sunday"),
        (date(2026, 12, 26), "a Saturday"),  # Boxing Day on a Saturday is still a Saturday
        (date(2026, 12, 28), "a bank holiday (Boxing Day, substitute day)"),
        (date(2027, 3, 29), "a bank holiday (Easter Monday)"),
        (date(2026, 8, 31), "a bank holiday (Late Summer Bank Holiday)"),
        (date(2026, 3, 3), None),
    ],
)
def test_why_a_day_is_not_a_working_day(day: date, reason: str | None) -> None:
    assert non_working_reason(day) == reason


# --- Outside the calendar's years ---------------------------------------------------


@pytest.mark.parametrize("day", [date(1999, 12, 31), date(2061, 1, 3)])  # both weekdays
def test_dates_outside_the_calendar_are_refused_plainly(day: date) -> None:
    for call in (
        lambda: is_bank_holiday(day),
        lambda: is_working_day(day),
        lambda: add_working_days(day, 1),
        lambda: working_days_between(day, date(2026, 1, 1)),
        lambda: working_days_between(date(2026, 1, 1), day),
    ):
        with pytest.raises(OutsideCalendar, match="outside the years 2000 to 2060"):
            call()


@pytest.mark.parametrize(
    ("start", "count"),
    [
        (date(2060, 12, 29), 5),  # would run into 2061
        (date(2000, 1, 5), -5),  # would run back into 1999
        (date(2000, 1, 4), -1),  # 4 January 2000 is the first working day covered
    ],
)
def test_counting_off_the_end_of_the_calendar_is_refused_not_wrapped(
    start: date, count: int
) -> None:
    with pytest.raises(OutsideCalendar, match="outside the years 2000 to 2060"):
        add_working_days(start, count)


def test_the_calendar_edges_still_work() -> None:
    assert add_working_days(date(2000, 1, 5), -1) == date(2000, 1, 4)
    assert add_working_days(date(2060, 12, 23), 1) == date(2060, 12, 24)


# --- Properties ---------------------------------------------------------------------


@PROPERTY
@given(days, counts)
def test_adding_working_days_lands_on_a_working_day_after_the_start(start: date, n: int) -> None:
    result = add_working_days(start, n)
    assert result > start
    assert is_working_day(result)


@PROPERTY
@given(days, st.integers(min_value=0, max_value=400))
def test_counting_back_the_days_added_gives_the_same_number(start: date, n: int) -> None:
    assert working_days_between(start, add_working_days(start, n)) == n


@PROPERTY
@given(later_days, counts)
def test_counting_backwards_from_a_working_day_inverts(start: date, n: int) -> None:
    start = next_working_day(start)
    result = add_working_days(start, -n)
    assert result < start
    assert is_working_day(result)
    assert working_days_between(start, result) == -n
    assert add_working_days(result, n) == start


@PROPERTY
@given(days, counts, counts)
def test_adding_working_days_in_two_steps_equals_one_step(start: date, a: int, b: int) -> None:
    assert add_working_days(add_working_days(start, a), b) == add_working_days(start, a + b)


@PROPERTY
@given(days, st.integers(min_value=0, max_value=60))
def test_working_days_between_agrees_with_counting_day_by_day(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    by_hand = sum(is_working_day(start + timedelta(days=i)) for i in range(1, span + 1))
    assert working_days_between(start, end) == by_hand
    assert working_days_between(end, start) == -by_hand


@PROPERTY
@given(days)
def test_next_working_day_is_the_first_working_day_on_or_after(day: date) -> None:
    result = next_working_day(day)
    assert is_working_day(result)
    assert result >= day
    assert (result == day) == is_working_day(day)
    gap = (result - day).days
    assert not any(is_working_day(day + timedelta(days=i)) for i in range(gap))


@PROPERTY
@given(days)
def test_weekend_days_are_never_working_days(day: date) -> None:
    if day.weekday() >= 5:
        assert not is_working_day(day)
    else:
        assert is_working_day(day) == (not is_bank_holiday(day))


def _span(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]
