"""Minutes of each pre-proceedings meeting, made from its record, checked and kept as a dated
document: they are filed at issue, so they must exist as documents, not only as rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from plo_tracker.domain.date_text import long_date
from plo_tracker.domain.document_types import DocumentType
from plo_tracker.domain.errors import DomainError
from plo_tracker.domain.vocabulary import MeetingKind, PlanItemKind
from plo_tracker.storage.models import Episode, Family, Meeting

from .actor import Actor
from .case_base import load_family as load_family_for_change
from .chronology import family_children
from .context import ServiceContext
from .errors import NotFound
from .family_access import family_visible
from .family_record import load_family
from .permissions import Permission, require, require_family_scope

if TYPE_CHECKING:
    from plo_tracker.documents.minutes_pdf import MinutesPrint

    from .documents import DocumentService, DocumentView

SOURCE = "minutes"  # the documents' "source" for minutes the app made
NOT_HELD = "The meeting has not been recorded as held yet: record it as held first."
NO_ATTENDANCE = "Who attended is not recorded."
NOTHING_AGREED = "What was agreed is not recorded."


class MinutesNotReady(DomainError):
    """The meeting's record lacks what the minutes need; the message lists it."""


@dataclass(frozen=True)
class _Found:
    family: Family
    episode: Episode
    meeting: Meeting


def _next_meeting(episode: Episode, meeting: Meeting) -> str:
    """The episode's next meeting after this one, in a sentence."""
    held = meeting.held_date
    later = sorted(
        ((m.held_date or m.planned_date, m.id, m) for m in episode.meetings
         if m.id != meeting.id and held and (m.held_date or m.planned_date)
         and (m.held_date or m.planned_date) > held), key=lambda t: (t[0], t[1]))
    if not later:
        return "No further meeting has been planned yet."
    day, _id, after = later[0]
    at = f" at {after.start_time:%H:%M}" if after.start_time else ""
    place = f", {after.place}" if after.place else ""
    return f"{MeetingKind(after.kind).label}: {long_date(day)}{at}{place}."


def missing(found: _Found) -> tuple[str, ...]:
    """What the meeting's record lacks for its minutes, as sentences (empty when ready)."""
    meeting = found.meeting
    if meeting.held_date is None:
        return (NOT_HELD,)
    gaps = []
    if not (meeting.attendance or "").strip():
        gaps.append(NO_ATTENDANCE)
    if not (meeting.agreed or "").strip():
        gaps.append(NOTHING_AGREED)
    return tuple(gaps)


class MeetingMinutesService:
    """Checking and previewing need VIEW_CASES; saving needs EDIT_CASES and the family's
    scope."""

    def __init__(self, context: ServiceContext,
                 documents: Callable[[], DocumentService]) -> None:
        self._ctx = context
        self._documents = documents  # asked for only when minutes are saved

    def _find(self, session: Session, actor: Actor, meeting_id: int) -> _Found:
        family_id = session.scalar(
            select(Family.id).join(Episode, Episode.family_id == Family.id)
            .join(Meeting, Meeting.episode_id == Episode.id)
            .where(Meeting.id == meeting_id, family_visible(actor)))
        family = load_family(session, family_id, actor) if family_id else None
        if family is None:
            raise NotFound(f"There is no meeting with id {meeting_id}.")
        episode, meeting = next((e, m) for e in family.episodes for m in e.meetings
                                if m.id == meeting_id)
        return _Found(family, episode, meeting)

    def _print(self, found: _Found, actor: Actor) -> MinutesPrint:
        from plo_tracker.documents.minutes_pdf import (
            ExpectationMinute,
            MinutesPrint,
            minutes_title,
        )

        meeting, held = found.meeting, found.meeting.held_date
        if held is None:  # missing() says so first; this keeps the type checker sure
            raise MinutesNotReady(NOT_HELD)
        kind = MeetingKind(meeting.kind).label
        expectations = tuple(
            ExpectationMinute(item.text, item.due_date,
                              tuple(p.text for p in item.progress if p.meeting_id == meeting.id))
            for item in found.episode.plan_items if item.kind == PlanItemKind.EXPECTATION.value)
        return MinutesPrint(
            found.family.plo_family_id, family_children(found.family), minutes_title(kind, held),
            kind, held, meeting.place, (meeting.attendance or "").strip(),
            meeting.parents_solicitors_present, expectations, (meeting.agreed or "").strip(),
            _next_meeting(found.episode, meeting), actor.display_name)

    def _ready(self, actor: Actor, meeting_id: int) -> tuple[MinutesPrint, bytes]:
        from plo_tracker.documents.minutes_pdf import render_minutes

        with self._ctx.database.unit_of_work() as session:
            found = self._find(session, actor, meeting_id)
            gaps = missing(found)
            if gaps:
                raise MinutesNotReady("The minutes cannot be made yet. " + " ".join(gaps))
            minutes = self._print(found, actor)
        return minutes, render_minutes(minutes).pdf

    def check(self, actor: Actor, meeting_id: int) -> tuple[str, ...]:
        """What the meeting's record lacks for its minutes, as sentences; empty when ready.

        Raises:
            NotFound: no such meeting (or one of a family the actor may not see).
        """
        require(actor, Permission.VIEW_CASES)
        with self._ctx.database.unit_of_work() as session:
            return missing(self._find(session, actor, meeting_id))

    def preview(self, actor: Actor, meeting_id: int) -> bytes:
        """The minutes as they would be saved now (PDF bytes); nothing is kept.

        Raises:
            MinutesNotReady: listing what the record lacks.
        """
        require(actor, Permission.VIEW_CASES)
        return self._ready(actor, meeting_id)[1]

    def save(self, actor: Actor, meeting_id: int) -> DocumentView:
        """Make the minutes and keep them among the family's documents, dated the day the
        meeting was held (type: minutes).

        Raises:
            MinutesNotReady: listing what the record lacks.
            PermissionDenied: the role, or whose family it is, does not allow it.
        """
        require(actor, Permission.EDIT_CASES)
        with self._ctx.database.unit_of_work() as session:
            family_id = self._find(session, actor, meeting_id).family.id
            family = load_family_for_change(session, actor, family_id, None)
            require_family_scope(actor, family.social_worker_id, family.team)
        minutes, pdf = self._ready(actor, meeting_id)
        from .documents import DocumentForm  # the documents code loads with the first save

        form = DocumentForm(title=minutes.title, document_date=minutes.held_date,
                            author=actor.display_name, doc_type=DocumentType.MINUTES)
        return self._documents().add_generated(actor, family_id, pdf, form, source=SOURCE,
                                               meeting_id=meeting_id)
