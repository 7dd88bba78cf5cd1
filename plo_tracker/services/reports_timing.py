"""Whether a letter or a first meeting came within its target, and what followed a step-down:
the rules both the figures and the lists behind them apply to each episode."""

from __future__ import annotations

import enum
from datetime import date
from functools import lru_cache

from plo_tracker.domain.calendar_range import FIRST_YEAR
from plo_tracker.domain.report_stats import window_passed, within_months
from plo_tracker.domain.timescales import Timescales
from plo_tracker.domain.working_days import working_days_between

# The two windows after a step-down the figures look at, in months.
FOLLOW_UP_MONTHS = (12, 24)


class Timing(enum.Enum):
    ON_TARGET = "on target"
    LATE = "late"
    NOT_DUE = "not due yet"  # not done, and its target day has not passed


def timing(done: date | None, due: date, today: date) -> Timing:
    """Done on or before its due day is on target; done after it, or not done once the
    due day has passed, is late; not done before then is not counted yet."""
    if done is not None:
        return Timing.ON_TARGET if done <= due else Timing.LATE
    return Timing.LATE if due < today else Timing.NOT_DUE


# Thousands of episodes share a few hundred dates: each date's working-day arithmetic is
# worked out once (the domain's rules, remembered).
@lru_cache(maxsize=8192)
def _letter_due(rules: Timescales, start: date) -> date:
    return rules.letter_due(start)


@lru_cache(maxsize=8192)
def _meeting_due(rules: Timescales, sent: date) -> date:
    return rules.initial_meeting_due(sent)


_ORIGIN = date(FIRST_YEAR, 1, 1)


@lru_cache(maxsize=8192)
def _working_days_to(day: date) -> int:
    return working_days_between(_ORIGIN, day)


def working_days(start: date, end: date) -> int:
    """working_days_between(start, end): the working days after ``start`` up to ``end``."""
    return _working_days_to(end) - _working_days_to(start)


def letter_timing(start: date, sent: date | None, today: date, rules: Timescales) -> Timing:
    """The first letter before proceedings against "within N working days of the decision"
    (Timescales.letter_due)."""
    return timing(sent, _letter_due(rules, start), today)


def meeting_timing(sent: date, held: date | None, today: date, rules: Timescales) -> Timing:
    """The initial meeting against "within N working days of the letter"
    (Timescales.initial_meeting_due)."""
    return timing(held, _meeting_due(rules, sent), today)


def working_days_text(start: date, done: date | None, what: str, after: str) -> str:
    """"letter 7 working days after the decision"; "no letter yet"."""
    if done is None:
        return f"no {what} yet"
    days = working_days(start, done)
    return f"{what} {days} working day{'' if days == 1 else 's'} after the {after}"


def follow_up(stepped_down: date, event: date | None, months: int,
              today: date) -> bool | None:
    """Whether ``event`` came within ``months`` months of stepping down; None while those
    months are not over (the family is then left out of the share altogether)."""
    if not window_passed(stepped_down, months, today):
        return None
    return within_months(stepped_down, event, months)
