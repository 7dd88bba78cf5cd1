"""A plain snapshot of one PLO episode: what the due-date rules read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .followups import FollowUpFact
from .stages import Stage
from .vocabulary import AssessmentKind, MeetingKind


@dataclass(frozen=True, slots=True)
class Recipient:
    """An adult who receives the letters: a parent, or someone with parental responsibility."""

    adult_id: int
    name: str
    letter_sent: date | None = None


@dataclass(frozen=True, slots=True)
class MeetingFact:
    kind: MeetingKind
    planned: date | None = None
    held: date | None = None


@dataclass(frozen=True, slots=True)
class AssessmentFact:
    assessment_id: int
    kind: AssessmentKind
    subject: str
    due: date | None = None
    completed: date | None = None


@dataclass(frozen=True, slots=True)
class UnbornChild:
    name: str
    expected: date


@dataclass(frozen=True, slots=True)
class EpisodeFacts:
    """Everything about an episode that decides what is due and when."""

    family_id: int
    episode_id: int
    stage: Stage
    start: date | None
    recipients: tuple[Recipient, ...] = ()
    meetings: tuple[MeetingFact, ...] = ()
    assessments: tuple[AssessmentFact, ...] = ()
    extension_ends: tuple[date, ...] = field(default=())  # in the order recorded
    unborn: tuple[UnbornChild, ...] = ()
    outcome_date: date | None = None
    court_application: date | None = None
    # The day care proceedings were decided on: the gateway's "issue now", or the outcome.
    decided_to_issue: date | None = None
    # The check-ins set when the episode stepped down (domain/followups.py).
    followups: tuple[FollowUpFact, ...] = ()
