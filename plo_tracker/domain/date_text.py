"""Dates written for people: never ambiguous, always with the month's name."""

from __future__ import annotations

from datetime import date


def long_date(day: date) -> str:
    """Return a date as letters write it, e.g. "Tuesday 3 March 2026"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    """Return a date as views show it, e.g. "Tue 3 Mar 2026"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def day_month(day: date) -> str:
    """Return a compact date for dense tables, e.g. "3 Mar"."""
    return f"{day.day} {day:%b}"


def parse_date(text: str) -> date:
    """Read a date typed as dd/mm/yyyy or ISO yyyy-mm-dd.

    Raises:
        ValueError: with a plain-English message when the text is not a date.
    """
    cleaned = text.strip()
    try:
        if "/" in cleaned:
            day_s, month_s, year_s = cleaned.split("/")
            if len(year_s) != 4:
                raise ValueError
            return date(int(year_s), int(month_s), int(day_s))
        return date.fromisoformat(cleaned)
    except ValueError:
        raise ValueError(
            f"'{text}' is not a date. Type it as day/month/year, for example 03/03/2026."
        ) from None
