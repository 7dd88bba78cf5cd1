"""The periods the management figures are asked for: this month, the last 3 or 12 months,
the reporting year (1 April to 31 March, as the national returns count it), or any two dates."""

from __future__ import annotations

from datetime import date, timedelta

from .vocabulary import LabelledEnum


class Period(LabelledEnum):
    THIS_MONTH = ("this_month", "This month")
    LAST_3_MONTHS = ("last_3_months", "Last 3 months")
    LAST_12_MONTHS = ("last_12_months", "Last 12 months")
    REPORTING_YEAR = ("reporting_year", "This reporting year (1 April to 31 March)")
    CUSTOM = ("custom", "Choose dates")


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    """The last day of the month ``day`` is in."""
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def months_back(day: date, months: int) -> date:
    """The first day of the month ``months`` months before the month of ``day``."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def reporting_year_start(day: date) -> date:
    """1 April of the reporting year ``day`` falls in (1 Apr 2026 to 31 Mar 2027 is 2026-27)."""
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def period_dates(period: Period, today: date) -> tuple[date, date]:
    """The first and last day of a period seen from ``today``.

    "Last N months" are whole calendar months, this one included (so a chart shows N
    months), to the end of this month; figures "now" are as at today whatever the end.

    Raises:
        ValueError: for CUSTOM, whose dates the person chooses.
    """
    if period is Period.THIS_MONTH:
        return month_start(today), month_end(today)
    if period is Period.LAST_3_MONTHS:
        return months_back(today, 2), month_end(today)
    if period is Period.LAST_12_MONTHS:
        return months_back(today, 11), month_end(today)
    if period is Period.REPORTING_YEAR:
        first = reporting_year_start(today)
        return first, date(first.year + 1, 3, 31)
    raise ValueError("A custom period has the dates the person chooses.")


def months_between(start: date, end: date) -> tuple[date, ...]:
    """The first day of each month from the month of ``start`` to the month of ``end``."""
    months = []
    month = month_start(start)
    while month <= end:
        months.append(month)
        month = month_end(month) + timedelta(days=1)
    return tuple(months)


def month_key(month: date) -> str:
    """A month as the figures' keys name it: "2026-03"."""
    return f"{month:%Y-%m}"


def month_label(month: date) -> str:
    """A month for people: "Mar 2026"."""
    return f"{month:%b %Y}"
