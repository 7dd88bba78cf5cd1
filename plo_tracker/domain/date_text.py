"""Dates written for people: never ambiguous, always with the month's name."""

from __future__ import annotations

import re
from datetime import date

from .calendar_range import calendar_problem

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def long_date(day: date) -> str:
    """Return a date as letters write it, e.g. "Tuesday 3 March 2026"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def plain_date(day: date) -> str:
    """Return a date as a sentence says it, without the weekday, e.g. "3 March 2026"."""
    return f"{day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    """Return a date as views show it, e.g. "Tue 3 Mar 2026"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def medium_date(day: date) -> str:
    """Return a date without its weekday, for titles and court indexes, e.g. "3 Mar 2026"."""
    return f"{day.day} {day:%b %Y}"


def day_month(day: date) -> str:
    """Return a compact date for dense tables, e.g. "3 Mar"."""
    return f"{day.day} {day:%b}"


def parse_date(text: str) -> date:
    """Read a date typed as dd/mm/yyyy, dd/mm/yy or ISO yyyy-mm-dd.

    A two-digit year is this century's ("1/12/26" is 1 December 2026): the calendar
    the app works with starts in 2000, so no other century could be meant.

    Raises:
        ValueError: with a plain-English message when the text is not a date, or is a
            date outside the years the app's calendar covers.
    """
    cleaned = text.strip()
    try:
        if match := _DAY_MONTH_YEAR.fullmatch(cleaned):
            day_s, month_s, year_s = match.groups()
            if len(year_s) == 2:
                year_s = f"20{year_s}"
        elif match := _ISO.fullmatch(cleaned):
            year_s, month_s, day_s = match.groups()
        else:
            raise ValueError
        if int(year_s) < 1900:
            raise ValueError
        day = date(int(year_s), int(month_s), int(day_s))
    except ValueError:
        raise ValueError(
            f"'{text}' is not a date. Type it as day/month/year, for example 03/03/2026."
        ) from None
    problem = calendar_problem(day)
    if problem:
        raise ValueError(problem)
    return day
