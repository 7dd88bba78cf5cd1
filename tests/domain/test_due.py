"""What is due on an episode at each point of its journey, and how a family stands.

The running example is a gateway decision on Thursday 26 March 2026, just before
Easter (Good Friday 3 April, Easter Monday 6 April 2026). Dates worked by hand:

- letter due 5 working days later: 27, 30, 31 Mar, 1, 2 Apr -> Thu 2 Apr 2026;
- initial meeting 10 working days after that: 7-10, 13-17, 20 Apr -> Mon 20 Apr 2026;
- outcome within the 16 weeks beginning with the start: the start is day 1, so the last
  day is day 112, the start + 111 days -> Wed 15 Jul 2026 (26 Mar + 5 = 31 Mar, + 30 =
  30 Apr, + 31 = 31 May, + 30 = 30 Jun, + 15 = 15 Jul).
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
    make_item,
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
from plo_tracker.domain.week_count import target_end
from plo_tracker.domain.working_days import is_working_day

RULES = Timescales()
START = date(2026, 3, 26)
LETTER_DUE = date(2026, 4, 2)
INITIAL_DUE = date(2026, 4, 20)
OUTCOME_DUE = date(2026, 7, 15)
LOCAL = "(local practice)"
GUIDANCE = "(Public Law Working Group best practice guidance)"

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
            "Record the parents and everyone with parental responsibility, and send the "
            "letter before proceedings",
            LETTER_DUE,
        ),
        (Rule.INITIAL_MEETING, "Hold the initial pre-proceedings meeting", INITIAL_DUE),
        (Rule.OUTCOME, "Gateway panel to decide the outcome", OUTCOME_DUE),
    ]
    assert items[0].reason == (
        f"within 5 working days of the gateway decision on Thu 26 Mar 2026 {LOCAL}")
    assert items[1].reason == (
        f"within 10 working days of the letter before proceedings due on Thu 2 Apr 2026 {LOCAL}"
    )
    assert items[2].reason == (
        f"within the 16 weeks beginning with the gateway decision on Thu 26 Mar 2026 {GUIDANCE}")
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
        f"within 10 working days of the letter before proceedings sent on Mon 30 Mar 2026 {LOCAL}"
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
    assert items[0].reason.endswith(f"sent on Wed 1 Apr 2026 {LOCAL}")


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
    assert items[0].reason == f"6 weeks after the last meeting, held on Wed 15 Apr 2026 {LOCAL}"


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
    assert review.reason.endswith(f"held on Wed 27 May 2026 {LOCAL}")


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
    # 12 weeks beginning with Thu 26 Mar: day 84 is the start + 83 days, Wed 17 Jun 2026.
    assert target_end(facts(), Timescales(target_weeks=12)) == date(2026, 6, 17)
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
    assert pre_birth.reason == (
        "at least 4 weeks before the expected date of birth, Fri 10 Jul 2026 (Nottingham City "
        "Council v LW [2016] EWHC 11 (Fam))")
    assert papers.due == date(2026, 7, 3)
    assert papers.title == "If proceedings are planned, serve papers (Baby Smith)"
    assert papers.reason.startswith(
        "at least 7 calendar days before the expected date of birth, Fri 10 Jul 2026")


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
    assert only(items, Rule.LETTER).reason.startswith("within 3 working days")
    assert only(items, Rule.INITIAL_MEETING).due == date(2026, 4, 9)
    assert only(items, Rule.OUTCOME).due == date(2026, 6, 17)
    assert only(items, Rule.PRE_BIRTH_ASSESSMENT).due == date(2026, 5, 29)
    assert only(items, Rule.PAPERS_SERVED).due == date(2026, 6, 26)


def test_a_gateway_decision_over_christmas() -> None:
    # Decision Wed 23 Dec 2026: letter by Mon 4 Jan 2027 (24, 29, 30, 31 Dec, 4 Jan).
    items = due_items(facts(start=date(2026, 12, 23)), RULES)
    letter = only(items, Rule.LETTER)
    assert letter.due == date(2027, 1, 4)
    assert letter.reason == (
        f"within 5 working days of the gateway decision on Wed 23 Dec 2026 {LOCAL}")


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


def test_care_proceedings_end_26_weeks_beginning_with_the_day_of_issue() -> None:
    # s.32(1)(a)(ii): issued Mon 2 Mar 2026 is day 1, so day 182 is Sun 30 Aug 2026
    # (2 Mar + 29 = 31 Mar, + 30 = 30 Apr, + 31 = 31 May, + 30 = 30 Jun, + 31 = 31 Jul,
    # + 30 = 30 Aug: 181 days). A Sunday: the last working day before it is Fri 28 Aug.
    episode = facts(stage=Stage.PROCEEDINGS_ISSUED, court_application=date(2026, 3, 2))
    items = due_items(episode, RULES)
    assert summary(items) == [
        (Rule.PROCEEDINGS, "Care proceedings to conclude", date(2026, 8, 30)),
    ]
    assert items[0].act_by == date(2026, 8, 28)
    assert items[0].reason == (
        "within the 26 weeks beginning with the day the application was issued, Mon 2 Mar "
        "2026 (s.32(1)(a)(ii) Children Act 1989)")
    assert items[0].deadline_note == "Sun 30 Aug 2026 is a Sunday: conclude by Fri 28 Aug"


def test_issued_without_an_application_date_has_nothing_to_count_from() -> None:
    assert due_items(facts(stage=Stage.PROCEEDINGS_ISSUED), RULES) == []


def test_after_a_decision_to_issue_the_application_is_due() -> None:
    # Decided Thu 2 Apr 2026; 5 working days: 7, 8, 9, 10, 13 Apr (Good Friday 3 Apr and
    # Easter Monday 6 Apr are not counted) -> Mon 13 Apr 2026.
    episode = facts(stage=Stage.DECIDED_TO_ISSUE, decided_to_issue=date(2026, 4, 2),
                    recipients=(MUM,))
    items = due_items(episode, RULES)
    assert summary(items) == [
        (Rule.COURT_APPLICATION, "Make the court application", date(2026, 4, 13)),
    ]
    assert items[0].reason == (
        f"within 5 working days of the decision to issue on Thu 2 Apr 2026 {LOCAL}")


def test_an_unborn_babys_papers_stay_due_after_a_decision_to_issue() -> None:
    baby = UnbornChild("Baby Smith", date(2026, 7, 10))
    episode = facts(stage=Stage.DECIDED_TO_ISSUE, decided_to_issue=date(2026, 6, 1),
                    unborn=(baby,))
    rules = {i.rule: i.due for i in due_items(episode, RULES)}
    # 1 Jun + 5 working days: 2, 3, 4, 5, 8 Jun -> Mon 8 Jun 2026.
    assert rules[Rule.COURT_APPLICATION] == date(2026, 6, 8)
    assert rules[Rule.PAPERS_SERVED] == date(2026, 7, 3)


def test_the_court_application_setting_is_local_practice() -> None:
    episode = facts(stage=Stage.DECIDED_TO_ISSUE, decided_to_issue=date(2026, 4, 2))
    item = only(due_items(episode, Timescales(court_application_working_days=2)),
                Rule.COURT_APPLICATION)
    assert item.due == date(2026, 4, 8)  # 7, 8 Apr
    assert item.reason.endswith("(local practice)")


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


# --- Deadlines on days nobody works ------------------------------------------------------


def test_an_outcome_due_on_good_friday_is_decided_by_the_thursday() -> None:
    episode = facts(extension_ends=(date(2026, 4, 3),))
    outcome = only(due_items(episode, RULES), Rule.OUTCOME)
    assert (outcome.due, outcome.act_by) == (date(2026, 4, 3), date(2026, 4, 2))
    assert outcome.deadline_note == (
        "Fri 3 Apr 2026 is a bank holiday (Good Friday): decide by Thu 2 Apr")


def test_papers_due_on_easter_monday_are_served_by_the_thursday_before() -> None:
    # Expected birth Mon 5 Apr 2027: papers 7 days before, Mon 29 Mar 2027, Easter Monday;
    # Good Friday is 26 Mar, so the last working day before is Thu 25 Mar 2027.
    baby = UnbornChild("Baby Smith", date(2027, 4, 5))
    papers = only(due_items(facts(start=date(2027, 1, 4), unborn=(baby,)), RULES),
                  Rule.PAPERS_SERVED)
    assert (papers.due, papers.act_by) == (date(2027, 3, 29), date(2027, 3, 25))
    assert papers.deadline_note == (
        "Mon 29 Mar 2027 is a bank holiday (Easter Monday): serve by Thu 25 Mar")


def test_a_review_due_on_the_august_bank_holiday_is_held_by_the_friday() -> None:
    # Held Mon 20 Jul 2026: 6 weeks later is Mon 31 Aug, the late summer bank holiday.
    meetings = (MeetingFact(MeetingKind.INITIAL_PPM, held=date(2026, 7, 20)),)
    review = only(due_items(facts(meetings=meetings), RULES), Rule.REVIEW_MEETING)
    assert (review.due, review.act_by) == (date(2026, 8, 31), date(2026, 8, 28))
    assert review.deadline_note == (
        "Mon 31 Aug 2026 is a bank holiday (Late Summer Bank Holiday): hold it by Fri 28 Aug")


def test_a_deadline_on_a_working_day_needs_no_note() -> None:
    letter = only(due_items(facts(recipients=(MUM,)), RULES), Rule.LETTER)
    assert letter.act_by == letter.due == LETTER_DUE
    assert letter.deadline_note is None


def test_act_by_across_the_new_year_names_the_year() -> None:
    # Sat 1 Jan 2028: the last working day before is Fri 31 Dec 2027.
    item = make_item(1, 1, Rule.OUTCOME, "Decide", date(2028, 1, 1), "r")
    assert item.act_by == date(2027, 12, 31)
    assert item.deadline_note == "Sat 1 Jan 2028 is a Saturday: decide by Fri 31 Dec 2027"


def test_overdue_follows_the_working_day_to_act_by() -> None:
    # Due Sun 29 Nov 2026, act by Fri 27 Nov: overdue on Saturday the 28th already.
    item = make_item(1, 1, Rule.PROCEEDINGS, "Conclude", date(2026, 11, 29), "r")
    assert item.status(date(2026, 11, 27), 7) is DueStatus.DUE_SOON
    assert item.status(date(2026, 11, 28), 7) is DueStatus.OVERDUE
    # Due soon counts to the working day too: 7 days before Fri 27 Nov is Fri 20 Nov.
    assert item.status(date(2026, 11, 20), 7) is DueStatus.DUE_SOON
    assert item.status(date(2026, 11, 19), 7) is DueStatus.ON_TIME


def test_items_come_in_the_order_they_must_be_acted_on() -> None:
    # The review falls due on a bank holiday Monday (act by Fri 28 Aug); an assessment due
    # on Sat 29 Aug (act by Fri 28 Aug too) comes after it by its date.
    meetings = (MeetingFact(MeetingKind.INITIAL_PPM, held=date(2026, 7, 20)),)
    assessment = AssessmentFact(1, AssessmentKind.DNA, "Ben Jones", due=date(2026, 8, 29))
    sent = (replace(MUM, letter_sent=date(2026, 4, 1)),)
    items = due_items(facts(recipients=sent, meetings=meetings, assessments=(assessment,),
                            extension_ends=(date(2026, 9, 30),)), RULES)
    assert [(i.rule, i.act_by) for i in items] == [
        (Rule.ASSESSMENT, date(2026, 8, 28)),
        (Rule.REVIEW_MEETING, date(2026, 8, 28)),
        (Rule.OUTCOME, date(2026, 9, 30)),
    ]


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
    item = make_item(1, 1, Rule.LETTER, "Send letter", LETTER_DUE, "reason")
    assert item.status(today, 7) is expected


def test_item_due_soon_window_follows_the_setting() -> None:
    item = make_item(1, 1, Rule.LETTER, "Send letter", LETTER_DUE, "reason")
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


def _item(rule: Rule, title: str, due: date) -> DueItem:
    return make_item(1, 1, rule, title, due, "r")


def test_overdue_beats_due_soon_whatever_the_order() -> None:
    overdue = _item(Rule.LETTER, "a", date(2026, 4, 1))
    soon = _item(Rule.OUTCOME, "b", date(2026, 4, 8))
    later = _item(Rule.OUTCOME, "c", date(2026, 9, 4))
    today = date(2026, 4, 2)
    for items in ([overdue, soon, later], [later, soon, overdue], [soon, overdue]):
        assert episode_status(facts(), items, today, RULES) is DueStatus.OVERDUE
    assert episode_status(facts(), [later, soon], today, RULES) is DueStatus.DUE_SOON
    assert episode_status(facts(), [later], today, RULES) is DueStatus.ON_TIME
    assert episode_status(facts(), [], today, RULES) is DueStatus.ON_TIME


def test_extended_shows_only_when_nothing_is_pressing() -> None:
    extended = facts(extension_ends=(date(2026, 9, 10),))
    soon = _item(Rule.REVIEW_MEETING, "b", date(2026, 8, 3))
    overdue = _item(Rule.REVIEW_MEETING, "b", date(2026, 7, 30))
    later = _item(Rule.OUTCOME, "c", date(2026, 9, 10))
    today = date(2026, 8, 1)
    assert episode_status(extended, [later], today, RULES) is DueStatus.EXTENDED
    assert episode_status(extended, [], today, RULES) is DueStatus.EXTENDED
    assert episode_status(extended, [later, soon], today, RULES) is DueStatus.DUE_SOON
    assert episode_status(extended, [later, overdue], today, RULES) is DueStatus.OVERDUE
    assert episode_status(facts(), [later], today, RULES) is DueStatus.ON_TIME


@pytest.mark.parametrize("stage", [Stage.STEPPED_DOWN, Stage.NOT_ENTERED, Stage.CLOSED])
def test_closed_beats_everything(stage: Stage) -> None:
    overdue = _item(Rule.LETTER, "a", date(2026, 4, 1))
    episode = facts(stage=stage, extension_ends=(date(2026, 9, 10),))
    assert episode_status(episode, [overdue], date(2026, 5, 1), RULES) is DueStatus.CLOSED


def test_a_decided_to_issue_family_is_not_on_time_with_nothing_due() -> None:
    # Decided Mon 2 Nov 2026: application due Mon 9 Nov (3, 4, 5, 6, 9 Nov).
    episode = facts(stage=Stage.DECIDED_TO_ISSUE, decided_to_issue=date(2026, 11, 2))
    assert _status(episode, date(2026, 11, 2)) is DueStatus.DUE_SOON
    assert _status(episode, date(2026, 11, 10)) is DueStatus.OVERDUE


def test_issued_proceedings_become_overdue_after_the_last_working_day() -> None:
    # Issued Mon 1 Jun 2026: day 182 is Sun 29 Nov 2026, so act by Fri 27 Nov.
    episode = facts(stage=Stage.PROCEEDINGS_ISSUED, court_application=date(2026, 6, 1))
    assert _status(episode, date(2026, 11, 19)) is DueStatus.ON_TIME
    assert _status(episode, date(2026, 11, 20)) is DueStatus.DUE_SOON
    assert _status(episode, date(2026, 11, 27)) is DueStatus.DUE_SOON
    assert _status(episode, date(2026, 11, 28)) is DueStatus.OVERDUE


def test_status_words() -> None:
    assert [s.value for s in DueStatus] == [
        "Overdue", "Due soon", "Extended", "On time", "Closed",
    ]


# --- Properties -------------------------------------------------------------------------

starts = st.dates(min_value=date(2001, 1, 1), max_value=date(2058, 1, 1))


@settings(max_examples=50, deadline=None, database=None)
@given(starts, st.integers(min_value=0, max_value=3))
def test_pre_proceedings_always_has_sorted_items_ending_in_the_outcome(
    start: date, unsent: int
) -> None:
    recipients = tuple(Recipient(i, f"Parent {i}") for i in range(unsent))
    items = due_items(facts(start=start, recipients=recipients), RULES)
    assert [i.act_by for i in items] == sorted(i.act_by for i in items)
    assert all(is_working_day(i.act_by) and i.act_by <= i.due for i in items)
    letters = [i for i in items if i.rule is Rule.LETTER]
    assert len(letters) == max(1, unsent)
    letter_due = letters[0].due
    assert is_working_day(letter_due) and letter_due > start
    meeting = only(items, Rule.INITIAL_MEETING)
    assert is_working_day(meeting.due) and meeting.due > letter_due
    # Day 112, the start being day 1.
    assert only(items, Rule.OUTCOME).due == start + timedelta(days=111)
