"""The arithmetic of the management figures: percentiles, shares and windows of months.

Kept apart from the queries so each rule is worked out by hand in a test.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Mapping
from datetime import date
from functools import lru_cache


def percentile(counts: Mapping[int, int], fraction: float) -> float | None:
    """The ``fraction`` percentile (0.5 for the median) of values given as value -> how many.

    Linear interpolation between the two nearest values, as a spreadsheet's PERCENTILE.INC
    (and MEDIAN) work it out, so a manager can check a figure by hand: the values sorted,
    position (n - 1) x fraction counted from 0, and a position between two values takes
    the same fraction of the way from one to the next. None when there are no values.
    """
    n = sum(counts.values())
    if n == 0:
        return None
    position = (n - 1) * fraction
    below, above = _nth(counts, math.floor(position)), _nth(counts, math.ceil(position))
    return below + (above - below) * (position - math.floor(position))


def _nth(counts: Mapping[int, int], index: int) -> int:
    """The value at ``index`` (from 0) of the sorted values."""
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if index < seen:
            return value
    raise IndexError(index)


def share(part: int, whole: int) -> float | None:
    """``part`` as a fraction of ``whole``; None when there is nothing to divide."""
    return part / whole if whole else None


def percent_text(part: int, whole: int) -> str:
    """"3 of 12 (25%)"; "none yet" when the whole is 0."""
    fraction = share(part, whole)
    if fraction is None:
        return "none yet"
    return f"{part:,} of {whole:,} ({round(fraction * 100)}%)"


@lru_cache(maxsize=8192)  # thousands of step-downs share a few hundred days
def months_after(day: date, months: int) -> date:
    """The same day ``months`` calendar months later (31 Jan + 1 month is 28 or 29 Feb), as
    dateutil's relativedelta counts, without its cost for thousands of step-downs."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def window_passed(start: date, months: int, today: date) -> bool:
    """True once the whole of ``months`` months after ``start`` is over: its last day
    (``months_after``) is before today, so nothing in it can still happen."""
    return months_after(start, months) < today


def within_months(start: date, event: date | None, months: int) -> bool:
    """True if ``event`` came after ``start`` and on or before ``months`` months after it."""
    return event is not None and start < event <= months_after(start, months)
