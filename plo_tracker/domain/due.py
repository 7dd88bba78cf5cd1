"""What is due on an episode, when, by which rule, and the working day to act by."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from .date_text import short_date
from .episode_facts import EpisodeFacts
from .followups import followup_reason, followup_title, still_due
from .stages import OPEN_STAGES, Stage
from .timescales import Timescales
from .vocabulary import AssessmentKind, MeetingKind
from .week_count import target_end
from .working_days import last_working_day, non_working_reason


class DueStatus(enum.Enum):
    """How an item or a family stands against its dates; always shown as words too."""

    OVERDUE = "Overdue"
    DUE_SOON = "Due soon"
    EXTENDED = "Extended"
    ON_TIME = "On time"
    CLOSED = "Closed"


class Rule(enum.Enum):
    """The rule that made an item due, named as the settings name it."""

    LETTER = "Letter before proceedings"
    INITIAL_MEETING = "Initial pre-proceedings meeting"
    REVIEW_MEETING = "Review pre-proceedings meeting"
    OUTCOME = "Pre-proceedings outcome"
    ASSESSMENT = "Assessment"
    PRE_BIRTH_ASSESSMENT = "Pre-birth assessment"
    PAPERS_SERVED = "Papers served before birth"
    COURT_APPLICATION = "Court application"
    PROCEEDINGS = "Care proceedings"
    FOLLOW_UP = "Step-down follow-up"

    @property
    def verb(self) -> str:
        """What is done by the deadline: "send", "hold", "serve"..."""
        return _VERBS[self]


_VERBS = {
    Rule.LETTER: "send", Rule.INITIAL_MEETING: "hold it", Rule.REVIEW_MEETING: "hold it",
    Rule.OUTCOME: "decide", Rule.ASSESSMENT: "finish it", Rule.PRE_BIRTH_ASSESSMENT: "share it",
    Rule.PAPERS_SERVED: "serve", Rule.COURT_APPLICATION: "apply",
    Rule.PROCEEDINGS: "conclude", Rule.FOLLOW_UP: "check in",
}


class DueItem(NamedTuple):
    """One thing that must happen by a date, with the reason in plain words.

    ``due`` is the date the rule gives. ``act_by`` is the last working day on or before
    it: a deadline on a weekend or bank holiday has to be met before then, so it is
    ``act_by`` that decides whether the item is overdue or due soon.

    A named tuple (immutable, and quick to make: the families list makes thousands).
    """

    family_id: int
    episode_id: int
    rule: Rule
    title: str
    due: date
    reason: str
    act_by: date

    def status(self, today: date, soon_days: int) -> DueStatus:
        """Overdue once the working day to act by has passed; due soon within ``soon_days``."""
        if self.act_by < today:
            return DueStatus.OVERDUE
        if self.act_by <= today + timedelta(days=soon_days):
            return DueStatus.DUE_SOON
        return DueStatus.ON_TIME

    @property
    def deadline_note(self) -> str | None:
        """For a deadline on a day nobody works, that fact and the day to act by: "Mon 29
        Mar 2027 is a bank holiday (Easter Monday): serve by Thu 25 Mar"."""
        if self.act_by == self.due:
            return None
        act_by = short_date(self.act_by)
        if self.act_by.year == self.due.year:
            act_by = act_by.rsplit(" ", 1)[0]
        return (f"{short_date(self.due)} is {non_working_reason(self.due)}: "
                f"{self.rule.verb} by {act_by}")


def make_item(family_id: int, episode_id: int, rule: Rule, title: str, due: date,
              reason: str) -> DueItem:
    """A due item whose working day to act by is worked out from its date."""
    return DueItem(family_id, episode_id, rule, title, due, reason, last_working_day(due))


def due_items(facts: EpisodeFacts, rules: Timescales) -> list[DueItem]:
    """Return everything still to do on an episode, earliest first."""
    if facts.stage is Stage.PRE_PROCEEDINGS and facts.start is not None:
        items = _pre_proceedings_items(facts, rules, facts.start)
    elif facts.stage is Stage.DECIDED_TO_ISSUE:
        items = _decided_to_issue_items(facts, rules)
    elif facts.stage is Stage.PROCEEDINGS_ISSUED and facts.court_application is not None:
        applied = facts.court_application
        items = [_item(
            facts, Rule.PROCEEDINGS, "Care proceedings to conclude",
            rules.proceedings_end(applied),
            rules.reason("proceedings_weeks",
                    f"the day the application was issued, {short_date(applied)}"),
        )]
    elif facts.stage is Stage.STEPPED_DOWN:
        items = _followup_items(facts)
    else:
        items = []
    items.sort(key=lambda item: (item.act_by, item.due, item.rule.value, item.title))
    return items


def _item(facts: EpisodeFacts, rule: Rule, title: str, due: date, reason: str) -> DueItem:
    return make_item(facts.family_id, facts.episode_id, rule, title, due, reason)


def _pre_proceedings_items(facts: EpisodeFacts, rules: Timescales, start: date) -> list[DueItem]:
    items: list[DueItem] = []
    letter_due = rules.letter_due(start)
    letter_reason = rules.reason("letter_working_days",
                            f"the gateway decision on {short_date(start)}")
    if not facts.recipients:
        items.append(_item(
            facts, Rule.LETTER,
            "Record the parents and everyone with parental responsibility, and send the "
            "letter before proceedings", letter_due, letter_reason,
        ))
    for person in facts.recipients:
        if person.letter_sent is None:
            items.append(_item(
                facts, Rule.LETTER, f"Send letter before proceedings to {person.name}",
                letter_due, letter_reason,
            ))

    meetings = (MeetingKind.INITIAL_PPM, MeetingKind.REVIEW_PPM)
    held = sorted(m.held for m in facts.meetings if m.held is not None and m.kind in meetings)
    initial_held = any(
        m.held is not None for m in facts.meetings if m.kind is MeetingKind.INITIAL_PPM
    )
    if not initial_held:
        sent = [p.letter_sent for p in facts.recipients if p.letter_sent is not None]
        base, verb = (max(sent), "sent") if sent else (letter_due, "due")
        items.append(_item(
            facts, Rule.INITIAL_MEETING, "Hold the initial pre-proceedings meeting",
            rules.initial_meeting_due(base),
            rules.reason("initial_meeting_working_days",
                    f"the letter before proceedings {verb} on {short_date(base)}"),
        ))
    elif held:
        last = held[-1]
        items.append(_item(
            facts, Rule.REVIEW_MEETING, "Hold a review pre-proceedings meeting",
            rules.review_due(last),
            rules.reason("review_interval_weeks",
                    f"the last meeting, held on {short_date(last)}"),
        ))

    end = target_end(facts, rules)
    assert end is not None
    if facts.extension_ends:
        reason = f"extended to {short_date(end)}"
    else:
        reason = rules.reason("target_weeks", f"the gateway decision on {short_date(start)}")
    items.append(_item(facts, Rule.OUTCOME, "Gateway panel to decide the outcome", end, reason))

    for assessment in facts.assessments:
        if assessment.completed is None and assessment.due is not None:
            items.append(_item(
                facts, Rule.ASSESSMENT,
                f"{assessment.kind.label} due ({assessment.subject})" if assessment.subject
                else f"{assessment.kind.label} due",
                assessment.due, "the due date set when it was commissioned",
            ))
    return items + _unborn_items(facts, rules)


def _decided_to_issue_items(facts: EpisodeFacts, rules: Timescales) -> list[DueItem]:
    """After a decision to issue, until the application is recorded."""
    items = []
    decided = facts.decided_to_issue or facts.start
    if decided is not None:
        items.append(_item(
            facts, Rule.COURT_APPLICATION, "Make the court application",
            rules.court_application_due(decided),
            rules.reason("court_application_working_days",
                    f"the decision to issue on {short_date(decided)}"),
        ))
    return items + _unborn_items(facts, rules)


def _followup_items(facts: EpisodeFacts) -> list[DueItem]:
    """After a step-down, each check-in not yet recorded (the episode itself has ended)."""
    return [_item(facts, Rule.FOLLOW_UP, followup_title(f.months), f.due,
                  followup_reason(f.months, facts.outcome_date))
            for f in still_due(facts.followups)]


def _unborn_items(facts: EpisodeFacts, rules: Timescales) -> list[DueItem]:
    """An unborn baby's dates: the pre-birth assessment shared, and papers served."""
    items = []
    pre_birth_done = any(
        a.kind is AssessmentKind.PRE_BIRTH and a.completed is not None for a in facts.assessments
    )
    for baby in facts.unborn:
        birth = f"the expected date of birth, {short_date(baby.expected)}"
        if not pre_birth_done:
            items.append(_item(
                facts, Rule.PRE_BIRTH_ASSESSMENT,
                f"Finish and share the pre-birth assessment ({baby.name})",
                rules.pre_birth_assessment_due(baby.expected),
                rules.reason("pre_birth_assessment_weeks_before_due", birth),
            ))
        items.append(_item(
            facts, Rule.PAPERS_SERVED,
            f"If proceedings are planned, serve papers ({baby.name})",
            rules.papers_served_due(baby.expected),
            rules.reason("papers_served_days_before_due", birth),
        ))
    return items


def episode_status(
    facts: EpisodeFacts, items: list[DueItem], today: date, rules: Timescales
) -> DueStatus:
    """The one word that sums up a family: closed, overdue, due soon, extended or on time."""
    return status_of(facts.stage, bool(facts.extension_ends), items, today, rules)


def status_of(stage: Stage, extended: bool, items: Iterable[DueItem], today: date,
              rules: Timescales) -> DueStatus:
    """A family's status from its stage, whether it was extended, and its due items."""
    first = min((item.act_by for item in items), default=None)
    return status_for(stage, extended, first, today,
                      today + timedelta(days=rules.due_soon_days))


def status_for(stage: Stage, extended: bool, first_act_by: date | None, today: date,
               soon_until: date) -> DueStatus:
    """The status from the working day to act by of a family's earliest item: if that one
    is not overdue or due soon, none is. ``soon_until`` is the last day counted as soon."""
    if stage not in OPEN_STAGES:
        return DueStatus.CLOSED
    if first_act_by is not None:
        if first_act_by < today:
            return DueStatus.OVERDUE
        if first_act_by <= soon_until:
            return DueStatus.DUE_SOON
    return DueStatus.EXTENDED if extended else DueStatus.ON_TIME
