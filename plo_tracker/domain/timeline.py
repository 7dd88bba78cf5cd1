"""An episode's milestones as target date against actual date, for the timeline strip."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import date

from .date_text import short_date
from .episode_facts import EpisodeFacts
from .followups import followup_reason, still_due
from .timescales import Timescales
from .vocabulary import AssessmentKind, MeetingKind
from .week_count import target_end
from .working_days import last_working_day


class Mark(enum.Enum):
    """How a milestone is drawn: the kind decides its row and symbol."""

    DECISION = "decision"
    LETTER = "letter"
    MEETING = "meeting"
    ASSESSMENT = "assessment"
    UNBORN = "unborn"
    COURT = "court"
    FOLLOW_UP = "follow_up"  # check-ins after stepping down


@dataclass(frozen=True, slots=True)
class Milestone:
    """One point on the timeline. ``target`` is when the rules want it; ``actual`` when done."""

    mark: Mark
    label: str
    target: date | None
    actual: date | None
    # The rule behind the target in words, naming its counting: "5 working days after the
    # gateway decision on Tue 1 Sep 2026". Empty when there is no target.
    basis: str = ""
    # The last working day on or before the target: what is still not done is overdue from
    # the day after it, as in the due list.
    act_by: date | None = None

    def days_late(self, today: date) -> int:
        """Calendar days after the target it was done, or (not done yet) after the working
        day to act by; 0 if on time."""
        if self.target is None:
            return 0
        if self.actual is not None:
            return max(0, (self.actual - self.target).days)
        return max(0, (today - (self.act_by or self.target)).days)


@dataclass(frozen=True, slots=True)
class Timeline:
    start: date
    original_end: date
    end: date  # moved by extensions
    milestones: tuple[Milestone, ...]
    expected_births: tuple[tuple[str, date], ...] = ()
    target_weeks: int = 16  # the setting the original end was worked out from
    # The gateway decided to issue at once: there was no pre-proceedings, so no target to draw.
    issued_at_gateway: bool = False


def build_timeline(facts: EpisodeFacts, rules: Timescales) -> Timeline | None:
    """Lay out an episode's milestones; None before the gateway decision.

    Targets come from the same rules as the due list, and each says its rule in words.
    """
    if facts.start is None:
        return None
    start = facts.start
    original_end = rules.pre_proceedings_end(start)
    end = target_end(facts, rules)
    assert end is not None
    issued_at_gateway = facts.decided_to_issue == start
    if issued_at_gateway:
        # The gateway went straight to court ("issue now"): there is no letter, meeting or
        # 16-week outcome to wait for, only the application itself.
        items = [Milestone(Mark.DECISION, "Gateway decision: issue care proceedings", None,
                           start)]
    else:
        items = _pre_proceedings_milestones(facts, rules, start, end)
    items += (_unborn_milestones(facts, rules) + _court_milestones(facts, rules)
              + _followup_milestones(facts))
    births = tuple((f"Expected birth ({baby.name})", baby.expected) for baby in facts.unborn)
    # Each target's working day to act by, worked out once for them all.
    items = [replace(m, act_by=last_working_day(m.target)) if m.target else m for m in items]
    return Timeline(start, original_end, end, tuple(items), births, rules.target_weeks,
                    issued_at_gateway)


def _pre_proceedings_milestones(facts: EpisodeFacts, rules: Timescales, start: date,
                                end: date) -> list[Milestone]:
    """The gateway decision, letters, meetings, assessments and the outcome."""
    decision = f"the gateway decision on {short_date(start)}"
    items: list[Milestone] = [Milestone(Mark.DECISION, "Gateway decision", None, start)]
    letter_target = rules.letter_due(start)
    letter_basis = rules.reason("letter_working_days", decision)
    for person in facts.recipients:
        items.append(Milestone(Mark.LETTER, f"Letter to {person.name}", letter_target,
                               person.letter_sent, letter_basis))

    sent = [p.letter_sent for p in facts.recipients if p.letter_sent]
    base, verb = (max(sent), "sent") if sent else (letter_target, "due")
    initial_basis = rules.reason("initial_meeting_working_days",
                                 f"the letter before proceedings {verb} on {short_date(base)}")
    initial = [m for m in facts.meetings if m.kind is MeetingKind.INITIAL_PPM]
    initial_held = min((m.held for m in initial if m.held), default=None)
    planned = min((m.planned for m in initial if m.planned), default=None)
    items.append(Milestone(Mark.MEETING, "Initial meeting", rules.initial_meeting_due(base),
                           initial_held, initial_basis))
    if planned and not initial_held:
        items.append(Milestone(Mark.MEETING, "Initial meeting planned", planned, None,
                               "the date it is planned for"))

    previous = initial_held
    reviews = sorted(m.held for m in facts.meetings
                     if m.kind is MeetingKind.REVIEW_PPM and m.held)

    def review_basis(last: date) -> str:
        return rules.reason("review_interval_weeks",
                            f"the last meeting, held on {short_date(last)}")

    for number, held in enumerate(reviews, start=1):
        target = rules.review_due(previous) if previous else None
        items.append(Milestone(Mark.MEETING, f"Review {number}", target, held,
                               review_basis(previous) if previous else ""))
        previous = held
    open_episode = facts.outcome_date is None and facts.stage.is_open
    if previous and open_episode:
        items.append(Milestone(Mark.MEETING, f"Review {len(reviews) + 1}",
                               rules.review_due(previous), None, review_basis(previous)))

    for assessment in facts.assessments:
        label = assessment.kind.label
        if assessment.subject:
            label += f" ({assessment.subject})"
        items.append(Milestone(Mark.ASSESSMENT, label, assessment.due, assessment.completed,
                               "the due date set when it was commissioned"
                               if assessment.due else ""))

    outcome_basis = (f"extended to {short_date(end)}" if facts.extension_ends
                     else rules.reason("target_weeks", decision))
    items.append(Milestone(Mark.DECISION, "Outcome decision", end, facts.outcome_date,
                           outcome_basis))
    return items


def _court_milestones(facts: EpisodeFacts, rules: Timescales) -> list[Milestone]:
    """The court application: due after a decision to issue, then made."""
    if facts.court_application:
        return [Milestone(Mark.COURT, "Court application", None, facts.court_application)]
    if facts.decided_to_issue:
        return [Milestone(
            Mark.COURT, "Court application", rules.court_application_due(facts.decided_to_issue),
            None, rules.reason("court_application_working_days",
                               f"the decision to issue on {short_date(facts.decided_to_issue)}"))]
    return []


def _followup_milestones(facts: EpisodeFacts) -> list[Milestone]:
    """The check-ins after a step-down: each done, or still due. One no longer needed (a
    check found the case closed) is left off, as it is from the due list."""
    due = {f.followup_id for f in still_due(facts.followups)}
    return [Milestone(Mark.FOLLOW_UP, f"{f.months}-month follow-up", f.due, f.checked_on,
                      followup_reason(f.months, facts.outcome_date))
            for f in sorted(facts.followups, key=lambda f: (f.due, f.followup_id))
            if f.checked_on is not None or f.followup_id in due]


def _unborn_milestones(facts: EpisodeFacts, rules: Timescales) -> list[Milestone]:
    """Each unborn baby's pre-birth assessment, shared weeks before the expected birth."""
    items = []
    pre_birth_done = min((a.completed for a in facts.assessments
                          if a.kind is AssessmentKind.PRE_BIRTH and a.completed), default=None)
    for baby in facts.unborn:
        items.append(Milestone(
            Mark.UNBORN, f"Pre-birth assessment shared ({baby.name})",
            rules.pre_birth_assessment_due(baby.expected), pre_birth_done,
            rules.reason("pre_birth_assessment_weeks_before_due",
                         f"the expected date of birth, {short_date(baby.expected)}")))
    return items
