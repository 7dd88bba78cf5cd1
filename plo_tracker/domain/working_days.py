"""Working days: Monday to Friday, less the bank holidays of England and Wales."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from functools import lru_cache

import holidays

# England and Wales share one list of bank holidays; the holidays package knows
# it offline for any year, so nothing is fetched at run time.
_FIRST_YEAR = 2000
_LAST_YEAR = 2060


@lru_cache(maxsize=1)
def _calendar() -> tuple[list[int], frozenset[date]]:
    """Return the ordinals of every working day in range, and the bank holidays."""
    bank = frozenset(
        holidays.country_holidays("GB", subdiv="ENG", years=range(_FIRST_YEAR, _LAST_YEAR + 1))
    )
    start = date(_FIRST_YEAR, 1, 1).toordinal()
    end = date(_LAST_YEAR, 12, 31).toordinal()
    ordinals = [
        o for o in range(start, end + 1)
        if date.fromordinal(o).weekday() < 5 and date.fromordinal(o) not in bank
    ]
    return ordinals, bank


def _check_range(day: date) -> None:
    if not _FIRST_YEAR <= day.year <= _LAST_YEAR:
        raise ValueError(
            f"{day.isoformat()} is outside the years {_FIRST_YEAR} to {_LAST_YEAR} "
            "this calendar covers."
        )


def is_bank_holiday(day: date) -> bool:
    """True on a bank holiday in England and Wales."""
    _check_range(day)
    return day in _calendar()[1]


def is_working_day(day: date) -> bool:
    """True on a weekday that is not a bank holiday in England and Wales."""
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: date, count: int) -> date:
    """Return the date ``count`` working days after ``start`` (before it if negative).

    ``start`` itself is day 0 and need not be a working day: five working days
    after a Saturday is the following Friday.
    """
    _check_range(start)
    ordinals = _calendar()[0]
    if count >= 0:
        # Index of the first working day strictly after start, then count-1 further on.
        index = bisect_right(ordinals, start.toordinal()) + count - 1
        if count == 0:
            return start
    else:
        index = bisect_left(ordinals, start.toordinal()) + count
    if not 0 <= index < len(ordinals):
        raise ValueError(
            f"{count} working days from {start.isoformat()} is outside the years "
            f"{_FIRST_YEAR} to {_LAST_YEAR} this calendar covers."
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


def weeks(count: int) -> timedelta:
    """A span of calendar weeks, spelled out so rules read like the guidance."""
    return timedelta(weeks=count)
