"""Checks that an episode's dates could really have happened in that order.

They mirror the national census validation rules (letter on or after the start,
decision on or after the start, application on or after the decision, letter of
issue on or after the application) and refuse a date in the future for
something recorded as having happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .calendar_range import calendar_problem
from .date_text import short_date
from .vocabulary import MeetingKind


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


def in_calendar(field: str, value: date | None) -> dict[str, str]:
    """Refuse a date outside the years the app's calendar covers."""
    problem = calendar_problem(value) if value is not None else None
    return {field: problem} if problem else {}


def not_in_future(field: str, what: str, value: date | None, today: date) -> dict[str, str]:
    """Refuse a date after today (or outside the calendar) for something that has happened."""
    if value is not None and value > today:
        return {field: f"{what} cannot be in the future: {short_date(value)} is after today."}
    return in_calendar(field, value)


def meeting_held_problems(kind: MeetingKind, held_on: date, *, initial_held: date | None,
                          first_letter_sent: date | None) -> dict[str, str]:
    """Refuse a meeting dated before what must come first.

    The initial meeting follows a letter before proceedings, and every review follows
    the initial meeting.
    """
    if kind is MeetingKind.INITIAL_PPM:
        if first_letter_sent is None:
            return {"held_date": (
                "The initial pre-proceedings meeting comes after the letter before "
                "proceedings: record a letter as sent first.")}
        if held_on < first_letter_sent:
            return {"held_date": (
                "The initial pre-proceedings meeting cannot be held before the first letter "
                f"before proceedings was sent, on {short_date(first_letter_sent)}.")}
    if kind is MeetingKind.REVIEW_PPM:
        if initial_held is None:
            return {"kind": "Record the initial pre-proceedings meeting before a review."}
        if held_on < initial_held:
            return {"held_date": (
                "A review meeting cannot be held before the initial pre-proceedings meeting, "
                f"held on {short_date(initial_held)}.")}
    return {}


def extension_problems(decided_on: date | None, new_end: date | None, *, start: date | None,
                       current_end: date | None) -> dict[str, str]:
    """Refuse an extension decided before the start, or one that would not extend."""
    found: dict[str, str] = {}
    if decided_on and start and decided_on < start:
        found["decided_on"] = ("An extension cannot be decided before pre-proceedings "
                               f"started on {short_date(start)}.")
    if new_end is None:
        return found
    if decided_on and new_end <= decided_on:
        found["new_end_date"] = ("The new end date must be after the date of the decision "
                                 "to extend.")
    elif current_end and new_end <= current_end:
        found["new_end_date"] = (
            f"Pre-proceedings already runs to {short_date(current_end)}: the new end date "
            "must be after it, or it would shorten pre-proceedings, not extend it.")
    return found | in_calendar("new_end_date", new_end)
