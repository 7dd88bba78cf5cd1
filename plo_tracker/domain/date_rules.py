"""Checks that an episode's dates could really have happened in that order.

They mirror the national census validation rules (letter on or after the start,
decision on or after the start, application on or after the decision, letter of
issue on or after the application) and refuse a date in the future for
something recorded as having happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .date_text import short_date


@dataclass(frozen=True)
class EpisodeDates:
    """The dates of an episode that have an order to keep; any may be unknown."""

    start: date | None = None
    letters_sent: tuple[date, ...] = ()
    outcome: date | None = None
    court_application: date | None = None
    letter_of_issue: date | None = None


def order_problems(dates: EpisodeDates) -> dict[str, str]:
    """Return field name to plain-English reason for every date out of order."""
    found: dict[str, str] = {}
    if dates.start is not None:
        early = [d for d in dates.letters_sent if d < dates.start]
        if early:
            found["letter_sent"] = (
                f"A letter before proceedings cannot be sent before the gateway decision on "
                f"{short_date(dates.start)}. Check the date sent."
            )
        if dates.outcome is not None and dates.outcome < dates.start:
            found["outcome_date"] = (
                f"The outcome decision cannot come before pre-proceedings started on "
                f"{short_date(dates.start)}."
            )
    decided = dates.outcome or dates.start
    if (
        dates.court_application is not None
        and decided is not None
        and dates.court_application < decided
    ):
        found["court_application_date"] = (
            f"The court application cannot be made before the decision to issue on "
            f"{short_date(decided)}."
        )
    if dates.letter_of_issue is not None:
        if dates.court_application is None:
            found["letter_of_issue_date"] = (
                "Record the court application date before the letter of issue."
            )
        elif dates.letter_of_issue < dates.court_application:
            found["letter_of_issue_date"] = (
                f"The letter of issue cannot be sent before the court application on "
                f"{short_date(dates.court_application)}."
            )
    return found


def not_in_future(field: str, what: str, value: date | None, today: date) -> dict[str, str]:
    """Refuse a date after today for something recorded as having happened."""
    if value is not None and value > today:
        return {field: f"{what} cannot be in the future: {short_date(value)} is after today."}
    return {}
