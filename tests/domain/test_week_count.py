"""The week counter: the gateway decision is day 1 of week 1; day 112 is week 16 of 16.

Start Thu 26 Mar 2026. Worked by hand: day 7 is Wed 1 Apr, day 8 Thu 2 Apr (week 2),
day 112 Wed 15 Jul (the last day of the 16 weeks), day 113 Thu 16 Jul (1 day past),
day 133 Wed 5 Aug (21 days past: 3 weeks), day 148 Thu 20 Aug (36 days: 5 weeks).
"""

from __future__ import annotations

from datetime import date

import pytest

from plo_tracker.domain.episode_facts import EpisodeFacts
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.timescales import Timescales
from plo_tracker.domain.week_count import week_count

START = date(2026, 3, 26)
RULES = Timescales()


def facts(**changes) -> EpisodeFacts:
    values = dict(family_id=1, episode_id=1, stage=Stage.PRE_PROCEEDINGS, start=START)
    values.update(changes)
    return EpisodeFacts(**values)


@pytest.mark.parametrize(
    ("today", "day", "text"),
    [
        (date(2026, 3, 26), 1, "week 1 of 16"),
        (date(2026, 4, 1), 7, "week 1 of 16"),
        (date(2026, 4, 2), 8, "week 2 of 16"),
        (date(2026, 7, 9), 106, "week 16 of 16"),
        (date(2026, 7, 15), 112, "week 16 of 16"),
        (date(2026, 7, 16), 113, "1 day past the 16-week target"),
        (date(2026, 7, 21), 118, "6 days past the 16-week target"),
        (date(2026, 7, 22), 119, "1 week past the 16-week target"),
        (date(2026, 8, 5), 133, "3 weeks past the 16-week target"),
        (date(2026, 8, 20), 148, "5 weeks past the 16-week target"),
    ],
)
def test_week_and_past_the_target(today: date, day: int, text: str) -> None:
    week = week_count(facts(), today, RULES)
    assert week is not None
    assert week.day == day
    assert week.text() == text
    assert "of 16" not in text or week.week <= 16  # never "week 17 of 16"


def test_an_extension_moves_the_end_and_says_so_once_past() -> None:
    # Extended to Thu 10 Sep 2026: 168 days after the start, so day 169, in week 25.
    extended = facts(extension_ends=(date(2026, 9, 10),))
    assert week_count(extended, date(2026, 7, 16), RULES).text() == "week 17 of 25"
    assert week_count(extended, date(2026, 9, 10), RULES).text() == "week 25 of 25"
    assert week_count(extended, date(2026, 9, 11), RULES).text() == (
        "1 day past the extended end date")
    # Ending exactly at the end of a week: 9 Sep is day 168, week 24 of 24.
    assert week_count(facts(extension_ends=(date(2026, 9, 9),)), START, RULES).text() == (
        "week 1 of 24")


def test_the_target_setting_changes_the_weeks() -> None:
    rules = Timescales(target_weeks=12)
    assert week_count(facts(), START, rules).text() == "week 1 of 12"
    # 12 weeks: day 84 is Wed 17 Jun 2026, day 85 is past.
    assert week_count(facts(), date(2026, 6, 17), rules).text() == "week 12 of 12"
    assert week_count(facts(), date(2026, 6, 18), rules).text() == (
        "1 day past the 12-week target")


def test_the_fraction_for_the_bar() -> None:
    assert week_count(facts(), date(2026, 7, 15), RULES).fraction == 1.0
    assert week_count(facts(), START, RULES).fraction == pytest.approx(1 / 112)


@pytest.mark.parametrize(
    "episode",
    [facts(start=None), facts(stage=Stage.AWAITING_GATEWAY),
     facts(stage=Stage.DECIDED_TO_ISSUE), facts(stage=Stage.CLOSED)],
)
def test_only_pre_proceedings_has_weeks(episode: EpisodeFacts) -> None:
    assert week_count(episode, START, RULES) is None


def test_before_the_start_there_is_no_week() -> None:
    assert week_count(facts(), date(2026, 3, 25), RULES) is None
