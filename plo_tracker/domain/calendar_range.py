"""The years PLO Tracker's calendar covers: every date typed or stored must lie in them.

The bank holidays of England and Wales are worked out for these years (working_days.py),
so a date outside them could not be counted in working days.
"""

from __future__ import annotations

from datetime import date

FIRST_YEAR = 2000
LAST_YEAR = 2060
FIRST_DAY = date(FIRST_YEAR, 1, 1)
LAST_DAY = date(LAST_YEAR, 12, 31)


def calendar_problem(day: date) -> str | None:
    """Why a date cannot be used (outside the calendar's years), or None when it can."""
    if FIRST_DAY <= day <= LAST_DAY:
        return None
    return (f"The date {day.day} {day:%B} {day.year} is outside the years {FIRST_YEAR} to "
            f"{LAST_YEAR} that PLO Tracker's calendar covers. Check the year.")
