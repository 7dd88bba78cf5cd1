"""Check-ins after a family steps down from pre-proceedings: when each is due, what may be
found, and which are still due.

Stepping down too early is how children come back: the inspection behind this app found
second child protection plans rising because plans ended too soon. So a step-down sets
check-ins (by default 3 and 6 months after the decision) that stay in the due list until
someone records what they found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from .date_text import short_date
from .vocabulary import LabelledEnum


class Finding(LabelledEnum):
    """What a follow-up check found, in the words the panel uses."""

    PROGRESSING = ("progressing", "Progressing well on the plan")
    SOME_CONCERNS = ("some_concerns", "Some concerns")
    REFERRED_BACK = ("referred_back", "Concerns: referred back to the gateway panel")
    CASE_CLOSED = ("case_closed", "Case closed")


def followup_due(decided: date, months: int) -> date:
    """The day a check-in ``months`` after a step-down decided on ``decided`` is due.

    Calendar months, as people count them: 12 Mar + 3 months is 12 Jun. A day the month
    does not have becomes its last day (31 Jan + 1 month is 28 Feb, or 29 Feb in a leap
    year; 30 Nov + 3 months is 28 Feb), so a check is never pushed into the next month.
    Like every date in the due list, one on a weekend or bank holiday is acted on by the
    working day before it.
    """
    return decided + relativedelta(months=months)


def followup_title(months: int) -> str:
    """"3-month follow-up check due": the due list's words for one check-in."""
    return f"{months}-month follow-up check due"


def followup_reason(months: int, decided: date | None) -> str:
    """Why the check is due then, in the due list's "rule" words."""
    after = (f"the step-down decision on {short_date(decided)}" if decided
             else "the step-down decision")
    return f"{months} calendar month{'s' if months != 1 else ''} after {after}"


@dataclass(frozen=True, slots=True)
class FollowUpFact:
    """One check-in as the due-date rules read it."""

    followup_id: int
    months: int
    due: date
    checked_on: date | None = None
    finding: Finding | None = None


def still_due(followups: Iterable[FollowUpFact]) -> list[FollowUpFact]:
    """The check-ins not yet done, earliest first.

    A check that found the case closed ends the follow-up: nobody is working with the
    family any more, so no other check-in is due (they stay on the record, shown as not
    needed).
    """
    ordered = sorted(followups, key=lambda f: (f.due, f.months, f.followup_id))
    if any(f.finding is Finding.CASE_CLOSED for f in ordered):
        return []
    return [f for f in ordered if f.checked_on is None]
