"""The timeline's milestones: what is drawn for each point of the journey, and its target.

The running example is a gateway decision on Thursday 26 March 2026, just before Easter
(Good Friday 3 April, Easter Monday 6 April 2026). Dates worked by hand:

- letter within 5 working days: 27, 30, 31 Mar, 1, 2 Apr -> Thu 2 Apr 2026;
- initial meeting within 10 working days of that: 7-10, 13-17, 20 Apr -> Mon 20 Apr 2026;
- a review 6 weeks after a meeting held on Mon 20 Apr -> Mon 1 Jun 2026;
- outcome within the 16 weeks beginning with the start: start + 111 days -> Wed 15 Jul 2026;
- court application within 5 working days of an "issue now" decision on 26 Mar -> Thu 2 Apr;
  of an outcome on Tue 14 Jul 2026: 15, 16, 17, 20, 21 Jul -> Tue 21 Jul 2026;
- pre-birth assessment shared 4 weeks before a birth expected on Sat 13 Jun 2026 ->
  Sat 16 May 2026, so the working day to act by is Fri 15 May 2026.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from plo_tracker.domain.episode_facts import EpisodeFacts, MeetingFact, Recipient, UnbornChild
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.timeline import Mark, build_timeline
from plo_tracker.domain.timescales import Timescales
from plo_tracker.domain.vocabulary import MeetingKind

RULES = Timescales()
START = date(2026, 3, 26)
MUM = Recipient(adult_id=1, name="Amy Smith", letter_sent=date(2026, 3, 31))


def facts(**changes: object) -> EpisodeFacts:
    base = EpisodeFacts(family_id=7, episode_id=11, stage=Stage.PRE_PROCEEDINGS, start=START,
                        recipients=(MUM,))
    return replace(base, **changes)


def rows(episode: EpisodeFacts) -> list[tuple[Mark, str, date | None, date | None]]:
    timeline = build_timeline(episode, RULES)
    assert timeline is not None
    return [(m.mark, m.label, m.target, m.actual) for m in timeline.milestones]


def test_no_timeline_before_the_gateway_decision():
    assert build_timeline(facts(start=None, stage=Stage.AWAITING_GATEWAY), RULES) is None


def test_pre_proceedings_from_the_gateway_to_the_outcome():
    held = date(2026, 4, 20)
    episode = facts(meetings=(MeetingFact(MeetingKind.INITIAL_PPM, held=held),))
    assert rows(episode) == [
        (Mark.DECISION, "Gateway decision", None, START),
        (Mark.LETTER, "Letter to Amy Smith", date(2026, 4, 2), date(2026, 3, 31)),
        # The letter went on 31 Mar, so the meeting was due 10 working days after that:
        # 1, 2, 7, 8, 9, 10, 13, 14, 15, 16 Apr -> Thu 16 Apr; it was held late.
        (Mark.MEETING, "Initial meeting", date(2026, 4, 16), held),
        (Mark.MEETING, "Review 1", date(2026, 6, 1), None),
        (Mark.DECISION, "Outcome decision", date(2026, 7, 15), None),
    ]


def test_issue_now_at_the_gateway_shows_only_the_decision_and_the_application():
    episode = facts(stage=Stage.DECIDED_TO_ISSUE, recipients=(Recipient(1, "Amy Smith"),),
                    decided_to_issue=START)
    assert rows(episode) == [
        (Mark.DECISION, "Gateway decision: issue care proceedings", None, START),
        (Mark.COURT, "Court application", date(2026, 4, 2), None),
    ]


def test_issue_now_then_the_application_made():
    episode = facts(stage=Stage.PROCEEDINGS_ISSUED, decided_to_issue=START,
                    court_application=date(2026, 4, 1))
    assert rows(episode)[-1] == (Mark.COURT, "Court application", None, date(2026, 4, 1))
    assert len(rows(episode)) == 2


def test_an_outcome_to_issue_adds_the_application_after_the_pre_proceedings():
    decided = date(2026, 7, 14)
    episode = facts(stage=Stage.DECIDED_TO_ISSUE, outcome_date=decided, decided_to_issue=decided)
    assert rows(episode)[-2:] == [
        (Mark.DECISION, "Outcome decision", date(2026, 7, 15), decided),
        (Mark.COURT, "Court application", date(2026, 7, 21), None),
    ]


def test_an_unborn_baby_on_either_path_with_the_working_day_to_act_by():
    baby = (UnbornChild("Baby Smith", date(2026, 6, 13)),)
    for episode in (facts(unborn=baby),
                    facts(unborn=baby, stage=Stage.DECIDED_TO_ISSUE, decided_to_issue=START)):
        timeline = build_timeline(episode, RULES)
        assert timeline is not None
        shared = [m for m in timeline.milestones if m.mark is Mark.UNBORN]
        assert [(m.label, m.target, m.act_by) for m in shared] == [
            ("Pre-birth assessment shared (Baby Smith)", date(2026, 5, 16), date(2026, 5, 15))]
        assert timeline.expected_births == (("Expected birth (Baby Smith)", date(2026, 6, 13)),)


def test_each_target_says_its_rule_and_counting():
    timeline = build_timeline(facts(), RULES)
    assert timeline is not None
    basis = {m.label: m.basis for m in timeline.milestones}
    assert basis["Letter to Amy Smith"].startswith(
        "within 5 working days of the gateway decision on Thu 26 Mar 2026")
    assert basis["Outcome decision"].startswith(
        "within the 16 weeks beginning with the gateway decision on Thu 26 Mar 2026")
