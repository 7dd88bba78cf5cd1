"""Working days: Monday to Friday, less the bank holidays of England and Wales."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date
from functools import lru_cache

from .calendar_range import FIRST_DAY, FIRST_YEAR, LAST_DAY, LAST_YEAR, calendar_problem
from .date_text import short_date
from .errors import DomainError

# England and Wales share one list of bank holidays; the holidays package knows it
# offline for any year, so nothing is fetched at run time.


class OutsideCalendar(DomainError):
    """A date, or a date worked out from it, falls outside the years the calendar covers."""


@lru_cache(maxsize=1)
def _calendar() -> tuple[list[int], dict[date, str]]:
    """Return the ordinals of every working day in range, and the bank holidays by name."""
    # Imported here, not at the top: the window starts without the holiday tables and
    # loads them the first time a due date is worked out.
    import holidays

    bank = dict(holidays.country_holidays(
        "GB", subdiv="ENG", years=range(FIRST_YEAR, LAST_YEAR + 1)))
    ordinals = [
        o for o in range(FIRST_DAY.toordinal(), LAST_DAY.toordinal() + 1)
        if date.fromordinal(o).weekday() < 5 and date.fromordinal(o) not in bank
    ]
    return ordinals, bank


def _check_range(day: date) -> None:
    problem = calendar_problem(day)
    if problem:
        raise OutsideCalendar(problem)


def is_bank_holiday(day: date) -> bool:
    """True on a bank holiday in England and Wales."""
    _check_range(day)
    return day in _calendar()[1]


def is_working_day(day: date) -> bool:
    """True on a weekday that is not a bank holiday in England and Wales."""
    return day.weekday() < 5 and not is_bank_holiday(day)


def non_working_reason(day: date) -> str | None:
    """Why a day is not a working day, in words ("a Sunday", "a bank holiday (Easter
    Monday)"), or None for a working day."""
    _check_range(day)
    if day.weekday() >= 5:
        return f"a {day:%A}"
    name = _calendar()[1].get(day)
    if name is None:
        return None
    name = name.replace(" (observed)", ", substitute day")
    return f"a bank holiday ({name})"


def add_working_days(start: date, count: int) -> date:
    """Return the date ``count`` working days after ``start`` (before it if negative).

    "Within N working days of" a day: counting starts the working day after it, and
    ``start`` itself need not be a working day (five working days after a Saturday is
    the following Friday).

    Raises:
        OutsideCalendar: when ``start`` or the answer is outside the calendar's years.
    """
    _check_range(start)
    if count == 0:
        return start
    ordinals = _calendar()[0]
    if count > 0:
        # Index of the first working day strictly after start, then count-1 further on.
        index = bisect_right(ordinals, start.toordinal()) + count - 1
    else:
        index = bisect_left(ordinals, start.toordinal()) + count
    if not 0 <= index < len(ordinals):
        raise OutsideCalendar(
            f"{count} working days from {short_date(start)} is outside the years "
            f"{FIRST_YEAR} to {LAST_YEAR} that PLO Tracker's calendar covers."
        )
    return date.fromordinal(ordinals[index])


def working_days_between(start: date, end: date) -> int:
    """Count working days after ``start`` up to and including ``end``; negative if earlier."""
    _check_range(start)
    _check_range(end)
    ordinals = _calendar()[0]
    if end >= start:
        return bisect_right(ordinals, end.toordinal()) - bisect_right(ordinals, start.toordinal())
    return -working_days_between(end, start)


def next_working_day(day: date) -> date:
    """Return ``day`` if it is a working day, else the first working day after it."""
    return day if is_working_day(day) else add_working_days(day, 1)


def last_working_day(day: date) -> date:
    """Return ``day`` if it is a working day, else the last working day before it.

    A deadline that falls on a weekend or bank holiday must be met by then: nobody
    is in the office on the day itself.
    """
    return day if is_working_day(day) else add_working_days(day, -1)
