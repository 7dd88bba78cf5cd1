"""What is due on an episode, when, and which rule says so."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from .date_text import short_date
from .episode_facts import EpisodeFacts
from .stages import Stage
from .timescales import Timescales
from .vocabulary import AssessmentKind, MeetingKind
from .working_days import add_working_days


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
    PROCEEDINGS = "Care proceedings"


@dataclass(frozen=True, slots=True)
class DueItem:
    """One thing that must happen by a date, with the reason in plain words."""

    family_id: int
    episode_id: int
    rule: Rule
    title: str
    due: date
    reason: str

    def status(self, today: date, soon_days: int) -> DueStatus:
        """Overdue once the date has passed; due soon within ``soon_days`` of it."""
        if self.due < today:
            return DueStatus.OVERDUE
        if self.due <= today + timedelta(days=soon_days):
            return DueStatus.DUE_SOON
        return DueStatus.ON_TIME


def target_end(facts: EpisodeFacts, rules: Timescales) -> date | None:
    """The date pre-proceedings should end: 16 weeks from the start, or the latest extension."""
    if facts.extension_ends:
        return facts.extension_ends[-1]
    if facts.start is None:
        return None
    return facts.start + timedelta(weeks=rules.target_weeks)


def due_items(facts: EpisodeFacts, rules: Timescales) -> list[DueItem]:
    """Return everything still to do on an episode, earliest first."""
    if facts.stage is Stage.PRE_PROCEEDINGS and facts.start is not None:
        items = _pre_proceedings_items(facts, rules)
    elif facts.stage is Stage.PROCEEDINGS_ISSUED and facts.court_application is not None:
        items = [_item(
            facts, Rule.PROCEEDINGS, "Care proceedings to conclude",
            facts.court_application + timedelta(weeks=rules.proceedings_weeks),
            f"{rules.proceedings_weeks} weeks from the court application on "
            f"{short_date(facts.court_application)} (s.32 Children Act 1989)",
        )]
    else:
        items = []
    items.sort(key=lambda item: (item.due, item.rule.value, item.title))
    return items


def _item(facts: EpisodeFacts, rule: Rule, title: str, due: date, reason: str) -> DueItem:
    return DueItem(facts.family_id, facts.episode_id, rule, title, due, reason)


def _pre_proceedings_items(facts: EpisodeFacts, rules: Timescales) -> list[DueItem]:
    start = facts.start
    assert start is not None
    items: list[DueItem] = []
    letter_due = add_working_days(start, rules.letter_working_days)
    letter_reason = (
        f"{rules.letter_working_days} working days after the gateway decision on "
        f"{short_date(start)}"
    )
    if not facts.recipients:
        items.append(_item(
            facts, Rule.LETTER,
            "Record who has parental responsibility and send the letter before proceedings",
            letter_due, letter_reason,
        ))
    for person in facts.recipients:
        if person.letter_sent is None:
            items.append(_item(
                facts, Rule.LETTER, f"Send letter before proceedings to {person.name}",
                letter_due, letter_reason,
            ))

    held = sorted(
        m.held for m in facts.meetings
        if m.held is not None and m.kind in (MeetingKind.INITIAL_PPM, MeetingKind.REVIEW_PPM)
    )
    initial_held = any(
        m.held is not None for m in facts.meetings if m.kind is MeetingKind.INITIAL_PPM
    )
    if not initial_held:
        sent = [p.letter_sent for p in facts.recipients if p.letter_sent is not None]
        if sent:
            base, verb = max(sent), "sent"
        else:
            base, verb = letter_due, "due"
        after = f"the letter before proceedings {verb} on {short_date(base)}"
        items.append(_item(
            facts, Rule.INITIAL_MEETING, "Hold the initial pre-proceedings meeting",
            add_working_days(base, rules.initial_meeting_working_days),
            f"{rules.initial_meeting_working_days} working days after {after}",
        ))
    elif held:
        last = held[-1]
        items.append(_item(
            facts, Rule.REVIEW_MEETING, "Hold a review pre-proceedings meeting",
            last + timedelta(weeks=rules.review_interval_weeks),
            f"{rules.review_interval_weeks} weeks after the last meeting, "
            f"held on {short_date(last)}",
        ))

    end = target_end(facts, rules)
    assert end is not None
    if facts.extension_ends:
        reason = f"extended to {short_date(end)}"
    else:
        reason = f"{rules.target_weeks} weeks from the start on {short_date(start)}"
    items.append(_item(facts, Rule.OUTCOME, "Gateway panel to decide the outcome", end, reason))

    for assessment in facts.assessments:
        if assessment.completed is None and assessment.due is not None:
            items.append(_item(
                facts, Rule.ASSESSMENT,
                f"{assessment.kind.label} due ({assessment.subject})" if assessment.subject
                else f"{assessment.kind.label} due",
                assessment.due, "the due date set when it was commissioned",
            ))

    pre_birth_done = any(
        a.kind is AssessmentKind.PRE_BIRTH and a.completed is not None for a in facts.assessments
    )
    for baby in facts.unborn:
        if not pre_birth_done:
            items.append(_item(
                facts, Rule.PRE_BIRTH_ASSESSMENT,
                f"Finish and share the pre-birth assessment ({baby.name})",
                baby.expected - timedelta(weeks=rules.pre_birth_assessment_weeks_before_due),
                f"{rules.pre_birth_assessment_weeks_before_due} weeks before the expected "
                f"date of birth, {short_date(baby.expected)}",
            ))
        items.append(_item(
            facts, Rule.PAPERS_SERVED,
            f"If proceedings are planned, serve papers ({baby.name})",
            baby.expected - timedelta(days=rules.papers_served_days_before_due),
            f"{rules.papers_served_days_before_due} days before the expected date of birth, "
            f"{short_date(baby.expected)}",
        ))
    return items


def episode_status(
    facts: EpisodeFacts, items: list[DueItem], today: date, rules: Timescales
) -> DueStatus:
    """The one word that sums up a family: closed, overdue, due soon, extended or on time."""
    if not facts.stage.is_open:
        return DueStatus.CLOSED
    worst = DueStatus.ON_TIME
    for item in items:
        status = item.status(today, rules.due_soon_days)
        if status is DueStatus.OVERDUE:
            return status
        if status is DueStatus.DUE_SOON:
            worst = status
    if worst is DueStatus.ON_TIME and facts.extension_ends:
        return DueStatus.EXTENDED
    return worst


def week_of(facts: EpisodeFacts, today: date, rules: Timescales) -> tuple[int, int] | None:
    """Return (week number now, weeks to the target end) for an episode in pre-proceedings."""
    if facts.stage is not Stage.PRE_PROCEEDINGS or facts.start is None:
        return None
    end = target_end(facts, rules)
    assert end is not None
    current = max(1, (today - facts.start).days // 7 + 1)
    total = max(1, -(-(end - facts.start).days // 7))
    return current, total
