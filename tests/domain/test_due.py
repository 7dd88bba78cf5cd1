"""What is due on an episode at each point of its journey, and how a family stands.

The running example is a gateway decision on Thursday 26 March 2026, just before
Easter (Good Friday 3 April, Easter Monday 6 April 2026). Dates worked by hand:

- letter due 5 working days later: 27, 30, 31 Mar, 1, 2 Apr -> Thu 2 Apr 2026;
- initial meeting 10 working days after that: 7-10, 13-17, 20 Apr -> Mon 20 Apr 2026;
- outcome 16 weeks (112 days) after the start -> Thu 16 Jul 2026.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plo_tracker.domain.due import (
    DueItem,
    DueStatus,
    Rule,
    due_items,
    episode_status,
    target_end,
    week_of,
)
from plo_tracker.domain.episode_facts import (
    AssessmentFact,
    EpisodeFacts,
    MeetingFact,
    Recipient,
    UnbornChild,
)
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.timescales import Timescales
from plo_tracker.domain.vocabulary import AssessmentKind, MeetingKind
from plo_tracker.domain.working_days import is_working_day

RULES = Timescales()
START = date(2026, 3, 26)
LETTER_DUE = date(2026, 4, 2)
INITIAL_DUE = date(2026, 4, 20)
OUTCOME_DUE = date(2026, 7, 16)

MUM = Recipient(adult_id=1, name="Amy Smith")
DAD = Recipient(adult_id=2, name="Ben Jones")


def facts(**changes: object) -> EpisodeFacts:
    base = EpisodeFacts(family_id=7, episode_id=11, stage=Stage.PRE_PROCEEDINGS, start=START)
    return replace(base, **changes)


def summary(items: list[DueItem]) -> list[tuple[Rule, str, date]]:
    return [(item.rule, item.title, item.due) for item in items]


def only(items: list[DueItem], rule: Rule) -> DueItem:
    found = [item for item in items if item.rule is rule]
    assert len(found) == 1, found
    return found[0]


# --- Pre-proceedings: the journey ---------------------------------------------------


def test_nobody_recorded_yet_asks_for_recipients_and_the_letter() -> None:
    items = due_items(facts(), RULES)
    assert summary(items) == [
        (
            Rule.LETTER,
            "Record who has parental responsibility and send the letter before proceedings",
            LETTER_DUE,
        ),
        (Rule.INITIAL_MEETING, "Hold the initial pre-proceedings meeting", INITIAL_DUE),
        (Rule.OUTCOME, "Gateway panel to decide the outcome", OUTCOME_DUE),
    ]
    assert items[0].reason == "5 working days after the gateway decision on Thu 26 Mar 2026"
    assert items[1].reason == (
        "10 working days after the letter before proceedings due on Thu 2 Apr 2026"
    )
    assert items[2].reason == "16 weeks from the start on Thu 26 Mar 2026"
    assert all((i.family_id, i.episode_id) == (7, 11) for i in items)


def test_no_letter_sent_gives_one_letter_item_per_recipient() -> None:
    items = due_items(facts(recipients=(MUM, DAD)), RULES)
    assert summary(items) == [
        (Rule.LETTER, "Send letter before proceedings to Amy Smith", LETTER_DUE),
        (Rule.LETTER, "Send letter before proceedings to Ben Jones", LETTER_DUE),
        (Rule.INITIAL_MEETING, "Hold the initial pre-proceedings meeting", INITIAL_DUE),
        (Rule.OUTCOME, "Gateway panel to decide the outcome", OUTCOME_DUE),
    ]


def test_some_letters_sent_counts_the_meeting_from_the_letter_actually_sent() -> None:
    # Sent Mon 30 Mar: 31 Mar, 1, 2, 7, 8, 9, 10, 13, 14, 15 Apr -> Wed 15 Apr 2026.
    sent = replace(MUM, letter_sent=date(2026, 3, 30))
    items = due_items(facts(recipients=(sent, DAD)), RULES)
    assert summary(items) == [
        (Rule.LETTER, "Send letter before proceedings to Ben Jones", LETTER_DUE),
        (Rule.INITIAL_MEETING, "Hold the initial pre-proceedings meeting", date(2026, 4, 15)),
        (Rule.OUTCOME, "Gateway panel to decide the outcome", OUTCOME_DUE),
    ]
    assert only(items, Rule.INITIAL_MEETING).reason == (
        "10 working days after the letter before proceedings sent on Mon 30 Mar 2026"
    )


def test_all_letters_sent_counts_the_meeting_from_the_last_letter() -> None:
    # Last sent Wed 1 Apr: 2, 7, 8, 9, 10, 13, 14, 15, 16, 17 Apr -> Fri 17 Apr 2026.
    recipients = (
        replace(MUM, letter_sent=date(2026, 4, 1)),
        replace(DAD, letter_sent=date(2026, 3, 27)),
    )
    items = due_items(facts(recipients=recipients), RULES)
    assert [i.rule for i in items] == [Rule.INITIAL_MEETING, Rule.OUTCOME]
    assert items[0].due == date(2026, 4, 17)
    assert items[0].reason.endswith("sent on Wed 1 Apr 2026")


def test_a_planned_but_not_held_initial_meeting_is_still_due() -> None:
    meeting = MeetingFact(MeetingKind.INITIAL_PPM, planned=date(2026, 4, 14))
    items = due_items(facts(meetings=(meeting,)), RULES)
    assert only(items, Rule.INITIAL_MEETING).due == INITIAL_DUE
    assert not [i for i in items if i.rule is Rule.REVIEW_MEETING]


def test_initial_meeting_held_asks_for_a_review_six_weeks_later() -> None:
    sent = (replace(MUM, letter_sent=date(2026, 3, 30)),)
    held = MeetingFact(MeetingKind.INITIAL_PPM, planned=date(2026, 4, 15), held=date(2026, 4, 15))
    items = due_items(facts(recipients=sent, meetings=(held,)), RULES)
    assert summary(items) == [
        (Rule.REVIEW_MEETING, "Hold a review pre-proceedings meeting", date(2026, 5, 27)),
        (Rule.OUTCOME, "Gateway panel to decide the outcome", OUTCOME_DUE),
    ]
    assert items[0].reason == "6 weeks after the last meeting, held on Wed 15 Apr 2026"


def test_the_next_review_counts_from_the_latest_meeting_held() -> None:
    meetings = (
        MeetingFact(MeetingKind.REVIEW_PPM, held=date(2026, 5, 27)),
        MeetingFact(MeetingKind.INITIAL_PPM, held=date(2026, 4, 15)),
        MeetingFact(MeetingKind.REVIEW_PPM, planned=date(2026, 7, 8)),  # not yet held
        MeetingFact(MeetingKind.GATEWAY, held=date(2026, 6, 30)),  # not a PPM
        MeetingFact(MeetingKind.FINAL, held=date(2026, 6, 29)),  # not a PPM
    )
    review = only(due_items(facts(meetings=meetings), RULES), Rule.REVIEW_MEETING)
    assert review.due == date(2026, 7, 8)
    assert review.reason.endswith("held on Wed 27 May 2026")


def test_a_review_held_without_an_initial_meeting_still_asks_for_the_initial() -> None:
    meetings = (MeetingFact(MeetingKind.REVIEW_PPM, held=date(2026, 4, 15)),)
    items = due_items(facts(meetings=meetings), RULES)
    assert only(items, Rule.INITIAL_MEETING).due == INITIAL_DUE
    assert not [i for i in items if i.rule is Rule.REVIEW_MEETING]


def test_extensions_move_the_outcome_to_the_latest_recorded() -> None:
    items = due_items(
        facts(extension_ends=(date(2026, 8, 13), date(2026, 9, 10))), RULES
    )
    outcome = only(items, Rule.OUTCOME)
    assert outcome.due == date(2026, 9, 10)
    assert outcome.reason == "extended to Thu 10 Sep 2026"


def test_the_extension_recorded_last_wins_even_if_shorter() -> None:
    episode = facts(extension_ends=(date(2026, 9, 10), date(2026, 8, 13)))
    assert target_end(episode, RULES) == date(2026, 8, 13)


def test_target_end() -> None:
    assert target_end(facts(), RULES) == OUTCOME_DUE
    assert target_end(facts(), Timescales(target_weeks=12)) == date(2026, 6, 18)
    assert target_end(facts(start=None), RULES) is None
    assert target_end(facts(start=None, extension_ends=(date(2026, 9, 1),)), RULES) == date(
        2026, 9, 1
    )


def test_open_assessments_are_due_and_finished_ones_are_not() -> None:
    assessments = (
        AssessmentFact(1, AssessmentKind.PARENTING, "Amy Smith", due=date(2026, 6, 1)),
        AssessmentFact(2, AssessmentKind.VIABILITY, "", due=date(2026, 5, 1)),
        AssessmentFact(
            3, AssessmentKind.DRUG_ALCOHOL, "Ben Jones",
            due=date(2026, 5, 5), completed=date(2026, 5, 4),
        ),
        AssessmentFact(4, AssessmentKind.KINSHIP, "Grandmother"),  # no due date yet
    )
    items = [i for i in due_items(facts(assessments=assessments), RULES)
             if i.rule is Rule.ASSESSMENT]
    assert [(i.title, i.due) for i in items] == [
        ("Viability assessment due", date(2026, 5, 1)),
        ("Parenting assessment due (Amy Smith)", date(2026, 6, 1)),
    ]
    assert items[0].reason == "the due date set when it was commissioned"


def test_unborn_baby_pre_birth_assessment_and_papers() -> None:
    # Expected Friday 10 July 2026: assessment by Fri 12 June, papers by Fri 3 July.
    baby = UnbornChild("Baby Smith", date(2026, 7, 10))
    items = due_items(facts(unborn=(baby,)), RULES)
    pre_birth = only(items, Rule.PRE_BIRTH_ASSESSMENT)
    papers = only(items, Rule.PAPERS_SERVED)
    assert pre_birth.due == date(2026, 6, 12)
    assert pre_birth.title == "Finish and share the pre-birth assessment (Baby Smith)"
    assert pre_birth.reason == "4 weeks before the expected date of birth, Fri 10 Jul 2026"
    assert papers.due == date(2026, 7, 3)
    assert papers.title == "If proceedings are planned, serve papers (Baby Smith)"
    assert papers.reason == "7 days before the expected date of birth, Fri 10 Jul 2026"


def test_a_finished_pre_birth_assessment_leaves_only_the_papers() -> None:
    baby = UnbornChild("Baby Smith", date(2026, 7, 10))
    done = AssessmentFact(
        5, AssessmentKind.PRE_BIRTH, "Baby Smith",
        due=date(2026, 6, 12), completed=date(2026, 6, 10),
    )
    rules = {i.rule for i in due_items(facts(unborn=(baby,), assessments=(done,)), RULES)}
    assert Rule.PRE_BIRTH_ASSESSMENT not in rules
    assert Rule.PAPERS_SERVED in rules


def test_an_unfinished_other_assessment_does_not_count_as_the_pre_birth_one() -> None:
    baby = UnbornChild("Baby Smith", date(2026, 7, 10))
    done = AssessmentFact(
        5, AssessmentKind.PARENTING, "Amy Smith",
        due=date(2026, 6, 12), completed=date(2026, 6, 10),
    )
    items = due_items(facts(unborn=(baby,), assessments=(done,)), RULES)
    assert only(items, Rule.PRE_BIRTH_ASSESSMENT).due == date(2026, 6, 12)


def test_local_timescales_change_the_dates() -> None:
    rules = Timescales(
        letter_working_days=3,
        initial_meeting_working_days=5,
        target_weeks=12,
        pre_birth_assessment_weeks_before_due=6,
        papers_served_days_before_due=14,
    )
    baby = UnbornChild("Baby Smith", date(2026, 7, 10))
    items = due_items(facts(unborn=(baby,)), rules)
    # Letter: 27, 30, 31 Mar. Meeting: 1, 2, 7, 8, 9 Apr.
    assert only(items, Rule.LETTER).due == date(2026, 3, 31)
    assert only(items, Rule.LETTER).reason.startswith("3 working days")
    assert only(items, Rule.INITIAL_MEETING).due == date(2026, 4, 9)
    assert only(items, Rule.OUTCOME).due == date(2026, 6, 18)
    assert only(items, Rule.PRE_BIRTH_ASSESSMENT).due == date(2026, 5, 29)
    assert only(items, Rule.PAPERS_SERVED).due == date(2026, 6, 26)


def test_a_gateway_decision_over_christmas() -> None:
    # Decision Wed 23 Dec 2026: letter by Mon 4 Jan 2027 (24, 29, 30, 31 Dec, 4 Jan).
    items = due_items(facts(start=date(2026, 12, 23)), RULES)
    letter = only(items, Rule.LETTER)
    assert letter.due == date(2027, 1, 4)
    assert letter.reason == "5 working days after the gateway decision on Wed 23 Dec 2026"


def test_items_come_earliest_first() -> None:
    baby = UnbornChild("Baby Smith", date(2026, 5, 1))
    assessment = AssessmentFact(1, AssessmentKind.DNA, "Ben Jones", due=date(2026, 3, 30))
    items = due_items(
        facts(recipients=(MUM, DAD), unborn=(baby,), assessments=(assessment,)), RULES
    )
    dues = [i.due for i in items]
    assert dues == sorted(dues)
    assert items[0].rule is Rule.ASSESSMENT
    assert items[-1].rule is Rule.OUTCOME


# --- Other stages --------------------------------------------------------------------


def test_issued_proceedings_must_conclude_within_26_weeks() -> None:
    episode = facts(stage=Stage.PROCEEDINGS_ISSUED, court_application=date(2026, 6, 1))
    items = due_items(episode, RULES)
    assert summary(items) == [
        (Rule.PROCEEDINGS, "Care proceedings to conclude", date(2026, 11, 30)),
    ]
    assert items[0].reason == (
        "26 weeks from the court application on Mon 1 Jun 2026 (s.32 Children Act 1989)"
    )


def test_issued_without_an_application_date_has_nothing_to_count_from() -> None:
    assert due_items(facts(stage=Stage.PROCEEDINGS_ISSUED), RULES) == []


@pytest.mark.parametrize(
    "stage",
    [Stage.AWAITING_GATEWAY, Stage.STEPPED_DOWN, Stage.NOT_ENTERED, Stage.CLOSED],
)
def test_other_stages_have_nothing_due(stage: Stage) -> None:
    episode = facts(
        stage=stage, recipients=(MUM,), court_application=date(2026, 6, 1),
        unborn=(UnbornChild("Baby", date(2026, 7, 10)),),
    )
    assert due_items(episode, RULES) == []


def test_pre_proceedings_without_a_start_date_has_nothing_due() -> None:
    assert due_items(facts(start=None, recipients=(MUM,)), RULES) == []


# --- Status of one item ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 4, 3), DueStatus.OVERDUE),  # the day after
        (date(2026, 4, 2), DueStatus.DUE_SOON),  # on the day
        (date(2026, 3, 26), DueStatus.DUE_SOON),  # exactly 7 days before
        (date(2026, 3, 25), DueStatus.ON_TIME),  # 8 days before
    ],
)
def test_item_status(today: date, expected: DueStatus) -> None:
    item = DueItem(1, 1, Rule.LETTER, "Send letter", LETTER_DUE, "reason")
    assert item.status(today, 7) is expected


def test_item_due_soon_window_follows_the_setting() -> None:
    item = DueItem(1, 1, Rule.LETTER, "Send letter", LETTER_DUE, "reason")
    assert item.status(date(2026, 3, 25), 8) is DueStatus.DUE_SOON
    assert item.status(date(2026, 3, 31), 1) is DueStatus.ON_TIME


# --- Status of a family ---------------------------------------------------------------


def _status(episode: EpisodeFacts, today: date, rules: Timescales = RULES) -> DueStatus:
    return episode_status(episode, due_items(episode, rules), today, rules)


def test_family_status_on_time_due_soon_overdue() -> None:
    episode = facts()  # letter due 2 Apr
    assert _status(episode, date(2026, 3, 26)) is DueStatus.DUE_SOON
    assert _status(episode, date(2026, 4, 3)) is DueStatus.OVERDUE
    sent = facts(recipients=(replace(MUM, letter_sent=date(2026, 3, 27)),))
    # Meeting then due 10 working days after Fri 27 Mar: Tue 14 Apr.
    assert only(due_items(sent, RULES), Rule.INITIAL_MEETING).due == date(2026, 4, 14)
    assert _status(sent, date(2026, 4, 6)) is DueStatus.ON_TIME
    assert _status(sent, date(2026, 4, 7)) is DueStatus.DUE_SOON
    assert _status(sent, date(2026, 4, 15)) is DueStatus.OVERDUE


def test_overdue_beats_due_soon_whatever_the_order() -> None:
    overdue = DueItem(1, 1, Rule.LETTER, "a", date(2026, 4, 1), "r")
    soon = DueItem(1, 1, Rule.OUTCOME, "b", date(2026, 4, 5), "r")
    later = DueItem(1, 1, Rule.OUTCOME, "c", date(2026, 9, 5), "r")
    today = date(2026, 4, 2)
    for items in ([overdue, soon, later], [later, soon, overdue], [soon, overdue]):
        assert episode_status(facts(), items, today, RULES) is DueStatus.OVERDUE
    assert episode_status(facts(), [later, soon], today, RULES) is DueStatus.DUE_SOON
    assert episode_status(facts(), [later], today, RULES) is DueStatus.ON_TIME
    assert episode_status(facts(), [], today, RULES) is DueStatus.ON_TIME


def test_extended_shows_only_when_nothing_is_pressing() -> None:
    extended = facts(extension_ends=(date(2026, 9, 10),))
    soon = DueItem(1, 1, Rule.REVIEW_MEETING, "b", date(2026, 8, 3), "r")
    overdue = DueItem(1, 1, Rule.REVIEW_MEETING, "b", date(2026, 7, 30), "r")
    later = DueItem(1, 1, Rule.OUTCOME, "c", date(2026, 9, 10), "r")
    today = date(2026, 8, 1)
    assert episode_status(extended, [later], today, RULES) is DueStatus.EXTENDED
    assert episode_status(extended, [], today, RULES) is DueStatus.EXTENDED
    assert episode_status(extended, [later, soon], today, RULES) is DueStatus.DUE_SOON
    assert episode_status(extended, [later, overdue], today, RULES) is DueStatus.OVERDUE
    assert episode_status(facts(), [later], today, RULES) is DueStatus.ON_TIME


@pytest.mark.parametrize("stage", [Stage.STEPPED_DOWN, Stage.NOT_ENTERED, Stage.CLOSED])
def test_closed_beats_everything(stage: Stage) -> None:
    overdue = DueItem(1, 1, Rule.LETTER, "a", date(2026, 4, 1), "r")
    episode = facts(stage=stage, extension_ends=(date(2026, 9, 10),))
    assert episode_status(episode, [overdue], date(2026, 5, 1), RULES) is DueStatus.CLOSED


def test_issued_proceedings_become_overdue_after_26_weeks() -> None:
    episode = facts(stage=Stage.PROCEEDINGS_ISSUED, court_application=date(2026, 6, 1))
    assert _status(episode, date(2026, 11, 22)) is DueStatus.ON_TIME
    assert _status(episode, date(2026, 11, 23)) is DueStatus.DUE_SOON
    assert _status(episode, date(2026, 11, 30)) is DueStatus.DUE_SOON
    assert _status(episode, date(2026, 12, 1)) is DueStatus.OVERDUE


def test_status_words() -> None:
    assert [s.value for s in DueStatus] == [
        "Overdue", "Due soon", "Extended", "On time", "Closed",
    ]


# --- Week of ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (START, (1, 16)),
        (START + timedelta(days=6), (1, 16)),
        (START + timedelta(days=7), (2, 16)),
        (date(2026, 7, 15), (16, 16)),
        (OUTCOME_DUE, (17, 16)),
        (START - timedelta(days=10), (1, 16)),  # before the start: still week 1
    ],
)
def test_week_of(today: date, expected: tuple[int, int]) -> None:
    assert week_of(facts(), today, RULES) == expected


def test_week_of_counts_to_the_extension() -> None:
    # 10 Sep 2026 is 168 days (24 weeks) after the start; one more day makes 25 weeks.
    assert week_of(facts(extension_ends=(date(2026, 9, 10),)), START, RULES) == (1, 24)
    assert week_of(facts(extension_ends=(date(2026, 9, 11),)), START, RULES) == (1, 25)


def test_week_of_follows_the_target_setting() -> None:
    assert week_of(facts(), START, Timescales(target_weeks=12)) == (1, 12)


@pytest.mark.parametrize(
    "episode",
    [
        facts(start=None),
        facts(stage=Stage.AWAITING_GATEWAY),
        facts(stage=Stage.PROCEEDINGS_ISSUED, court_application=date(2026, 6, 1)),
        facts(stage=Stage.CLOSED),
    ],
)
def test_week_of_is_only_for_pre_proceedings(episode: EpisodeFacts) -> None:
    assert week_of(episode, START, RULES) is None


# --- Properties -------------------------------------------------------------------------

starts = st.dates(min_value=date(2001, 1, 1), max_value=date(2058, 1, 1))


@settings(max_examples=50, deadline=None, database=None)
@given(starts, st.integers(min_value=0, max_value=3))
def test_pre_proceedings_always_has_sorted_items_ending_in_the_outcome(
    start: date, unsent: int
) -> None:
    recipients = tuple(Recipient(i, f"Parent {i}") for i in range(unsent))
    items = due_items(facts(start=start, recipients=recipients), RULES)
    assert [i.due for i in items] == sorted(i.due for i in items)
    letters = [i for i in items if i.rule is Rule.LETTER]
    assert len(letters) == max(1, unsent)
    letter_due = letters[0].due
    assert is_working_day(letter_due) and letter_due > start
    meeting = only(items, Rule.INITIAL_MEETING)
    assert is_working_day(meeting.due) and meeting.due > letter_due
    assert only(items, Rule.OUTCOME).due == start + timedelta(weeks=16)


@settings(max_examples=50, deadline=None, database=None)
@given(starts, st.integers(min_value=0, max_value=400))
def test_week_number_never_below_one_and_grows_with_time(start: date, elapsed: int) -> None:
    episode = facts(start=start)
    now = week_of(episode, start + timedelta(days=elapsed), RULES)
    later = week_of(episode, start + timedelta(days=elapsed + 7), RULES)
    assert now is not None and later is not None
    assert now[0] >= 1
    assert later[0] == now[0] + 1
    assert now[1] == 16
