"""A panel meeting and its families in words, as the Panel page and the panel view show them."""

from __future__ import annotations

from datetime import time

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.errors import ValidationFailed

from ..problem_text import problem_text


def refusal_text(error: BaseException, failed: str) -> str:
    """What the service refused, in its words (all of them, for a refusal of several
    values), or what went wrong after ``failed``."""
    if isinstance(error, ValidationFailed):
        return " ".join(error.problems.values())
    return problem_text(error, failed)


def time_text(start: time | None) -> str:
    return start.strftime("%H:%M") if start else "Time not set"


def quorate_text(quorate: bool | None) -> str:
    if quorate is None:
        return "Attendance not recorded"
    return "Quorate" if quorate else "Not quorate"


def meeting_title(meeting) -> str:
    """"Panel meeting on Tue 1 Dec 2026 at 10:00, Room 2" (a summary or a whole view)."""
    words = f"Panel meeting on {short_date(meeting.meeting_date)}"
    if meeting.start_time:
        words += f" at {meeting.start_time:%H:%M}"
    return f"{words}, {meeting.place}" if meeting.place else words


def status_text(meeting) -> str:
    return "Held" if meeting.status == "held" else "Planned"


def families_text(count: int) -> str:
    return f"{count} {'family' if count == 1 else 'families'}"


def decided_text(decided: int, families: int) -> str:
    return "No families yet" if not families else f"{decided} of {families}"
