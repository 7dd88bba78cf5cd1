"""Check-ins after a step-down: their dates (worked out by hand), which are due, and how the
due list and the timeline show them."""

from __future__ import annotations

from datetime import date

import pytest

from plo_tracker.domain.due import Rule, due_items
from plo_tracker.domain.episode_facts import EpisodeFacts
from plo_tracker.domain.followups import Finding, FollowUpFact, followup_due, still_due
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.timeline import Mark, build_timeline
from plo_tracker.domain.timescales import Timescales


@pytest.mark.parametrize(("decided", "months", "due"), [
    # The same day of the month, N months on.
    (date(2026, 3, 12), 3, date(2026, 6, 12)),
    (date(2026, 11, 2), 3, date(2027, 2, 2)),
    (date(2026, 11, 2), 6, date(2027, 5, 2)),
    # January has a 31st and February does not: its last day instead, never 3 March.
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    # 2028 is a leap year: 29 February.
    (date(2028, 1, 31), 1, date(2028, 2, 29)),
    # 30 November + 3 months: February again, not 2 March.
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
    (date(2027, 11, 30), 3, date(2028, 2, 29)),
    # From a leap day, a year on: the last day of February 2029.
    (date(2028, 2, 29), 12, date(2029, 2, 28)),
    # 31 August + 6 months is 28 February; 31 March + 6 months is 30 September.
    (date(2026, 8, 31), 6, date(2027, 2, 28)),
    (date(2026, 3, 31), 6, date(2026, 9, 30)),
])
def test_a_check_in_is_due_n_calendar_months_after_the_decision(decided, months, due):
    assert followup_due(decided, months) == due


def _stepped_down(*followups: FollowUpFact) -> EpisodeFacts:
    return EpisodeFacts(family_id=7, episode_id=70, stage=Stage.STEPPED_DOWN,
                        start=date(2026, 7, 14), outcome_date=date(2026, 11, 2),
                        followups=followups)


THREE = FollowUpFact(1, 3, date(2027, 2, 2))
SIX = FollowUpFact(2, 6, date(2027, 5, 2))


def test_each_check_in_not_yet_recorded_is_due_with_its_reason():
    items = due_items(_stepped_down(SIX, THREE), Timescales())
    assert [(i.rule, i.title, i.due, i.act_by, i.reason) for i in items] == [
        (Rule.FOLLOW_UP, "3-month follow-up check due", date(2027, 2, 2), date(2027, 2, 2),
         "3 calendar months after the step-down decision on Mon 2 Nov 2026"),
        # Sun 2 May 2027: acted on by Friday 30 April.
        (Rule.FOLLOW_UP, "6-month follow-up check due", date(2027, 5, 2), date(2027, 4, 30),
         "6 calendar months after the step-down decision on Mon 2 Nov 2026"),
    ]
    assert items[1].deadline_note == "Sun 2 May 2027 is a Sunday: check in by Fri 30 Apr"


def test_a_recorded_check_is_no_longer_due():
    checked = FollowUpFact(1, 3, date(2027, 2, 2), date(2027, 2, 1), Finding.PROGRESSING)
    items = due_items(_stepped_down(checked, SIX), Timescales())
    assert [i.title for i in items] == ["6-month follow-up check due"]


def test_a_check_that_found_the_case_closed_ends_the_follow_up():
    closed = FollowUpFact(1, 3, date(2027, 2, 2), date(2027, 2, 3), Finding.CASE_CLOSED)
    assert still_due([closed, SIX]) == []
    assert due_items(_stepped_down(closed, SIX), Timescales()) == []


def test_concerns_keep_the_later_check_due():
    concerns = FollowUpFact(1, 3, date(2027, 2, 2), date(2027, 2, 3), Finding.REFERRED_BACK)
    assert still_due([SIX, concerns]) == [SIX]


def test_other_ended_episodes_have_nothing_due():
    facts = EpisodeFacts(family_id=7, episode_id=70, stage=Stage.CLOSED,
                         start=date(2026, 7, 14), outcome_date=date(2026, 11, 2))
    assert due_items(facts, Timescales()) == []


def test_the_timeline_shows_each_check_in_against_its_date():
    checked = FollowUpFact(1, 3, date(2027, 2, 2), date(2027, 2, 9), Finding.SOME_CONCERNS)
    timeline = build_timeline(_stepped_down(checked, SIX), Timescales())
    marks = [(m.label, m.target, m.actual, m.act_by) for m in timeline.milestones
             if m.mark is Mark.FOLLOW_UP]
    assert marks == [
        ("3-month follow-up", date(2027, 2, 2), date(2027, 2, 9), date(2027, 2, 2)),
        ("6-month follow-up", date(2027, 5, 2), None, date(2027, 4, 30)),
    ]
    late = next(m for m in timeline.milestones if m.label == "3-month follow-up")
    assert late.days_late(date(2027, 3, 1)) == 7  # checked a week after it was due
