"""Where a family is in its pre-proceedings weeks: "week 9 of 16", or how far past the end.

The gateway decision day is day 1 of week 1, the same "beginning with" counting as the
16-week target itself: on day 112 a family is in week 16 of 16, and from day 113 it is
past the target.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from .episode_facts import EpisodeFacts
from .stages import Stage
from .timescales import Timescales


def target_end(facts: EpisodeFacts, rules: Timescales) -> date | None:
    """The last day of pre-proceedings: the latest extension's date, or the end of the
    target weeks beginning with the start."""
    if facts.extension_ends:
        return facts.extension_ends[-1]
    if facts.start is None:
        return None
    return rules.pre_proceedings_end(facts.start)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class WeekCount(NamedTuple):
    """A family's place in pre-proceedings on one day (a named tuple: immutable, and quick to
    make for every family of a long list)."""

    day: int  # day N of pre-proceedings; the start is day 1
    end_day: int  # the day number of the target end (or the extension's end)
    target_weeks: int  # the setting, for "the 16-week target"
    extended: bool

    @property
    def week(self) -> int:
        """The week the day falls in: days 1 to 7 are week 1."""
        return (self.day - 1) // 7 + 1

    @property
    def total_weeks(self) -> int:
        """Weeks to the end: the target, or more when extended (a part week counts)."""
        return -(-self.end_day // 7)

    @property
    def days_past(self) -> int:
        """Calendar days after the end; 0 until then."""
        return max(0, self.day - self.end_day)

    @property
    def fraction(self) -> float:
        """The share of the time to the end that has gone: above 1 once past it."""
        return self.day / self.end_day

    @property
    def end_name(self) -> str:
        return "the extended end date" if self.extended else f"the {self.target_weeks}-week target"

    def text(self) -> str:
        """"week 9 of 16", "week 18 of 20" when extended, or "3 weeks past the 16-week
        target" once the end has passed (never "week 22 of 16")."""
        past = self.days_past
        if not past:
            return f"week {self.week} of {self.total_weeks}"
        amount = _plural(past, "day") if past < 7 else _plural(past // 7, "week")
        return f"{amount} past {self.end_name}"


def week_count(facts: EpisodeFacts, today: date, rules: Timescales) -> WeekCount | None:
    """A family in pre-proceedings' week on ``today``; None at any other stage (or before
    the start, when looking back at an earlier day)."""
    if facts.stage is not Stage.PRE_PROCEEDINGS or facts.start is None:
        return None
    end = target_end(facts, rules)
    assert end is not None
    return weeks_on(facts.start, end, bool(facts.extension_ends), today, rules.target_weeks)


def weeks_on(start: date, end: date, extended: bool, today: date,
             target_weeks: int) -> WeekCount | None:
    """The week count on ``today`` of pre-proceedings from ``start`` to ``end``."""
    if today < start:
        return None
    return WeekCount(day=(today - start).days + 1, end_day=(end - start).days + 1,
                     target_weeks=target_weeks, extended=extended)
