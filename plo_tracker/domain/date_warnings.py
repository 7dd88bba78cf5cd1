"""Dates that are allowed but unusual enough to ask "are you sure?" before saving.

A meeting planned for a Sunday or for 7am, an assessment due two years ahead, a meeting
held before the day it was planned for: each may be right, but is more often a slip of
the keyboard. The forms show these and ask for confirmation; nothing is refused.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from .date_text import short_date
from .working_days import non_working_reason

OFFICE_OPENS = time(8, 0)
OFFICE_CLOSES = time(18, 0)
FAR_AHEAD = timedelta(days=365)


def _clock(moment: time) -> str:
    return moment.strftime("%H:%M")


def planned_meeting_warnings(day: date | None, starts: time | None, today: date) -> list[str]:
    """Why a meeting's planned date or time looks wrong; empty when it looks usual."""
    found = []
    if day is not None:
        if day < today:
            found.append(f"{short_date(day)} is in the past: a meeting that has happened is "
                         "recorded as held.")
        reason = non_working_reason(day)
        if reason:
            found.append(f"{short_date(day)} is {reason}.")
    if starts is not None and not OFFICE_OPENS <= starts <= OFFICE_CLOSES:
        found.append(f"{_clock(starts)} is outside {_clock(OFFICE_OPENS)} to "
                     f"{_clock(OFFICE_CLOSES)}.")
    return found


def assessment_due_warnings(due: date | None, commissioned: date | None) -> list[str]:
    """Why an assessment's due date looks wrong: more than a year after it was commissioned."""
    if due is not None and commissioned is not None and due - commissioned > FAR_AHEAD:
        return [f"{short_date(due)} is more than a year after the assessment was commissioned, "
                "and pre-proceedings normally lasts 16 weeks."]
    return []


def held_meeting_warnings(held: date | None, planned: date | None) -> list[str]:
    """Why a held meeting's date looks wrong: earlier than the day it was planned for."""
    if held is not None and planned is not None and held < planned:
        return [f"The meeting was planned for {short_date(planned)}, but is recorded as held "
                f"earlier, on {short_date(held)}."]
    return []
