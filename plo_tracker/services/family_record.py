"""Loading one family's whole record (people, episodes and all their work) in a few queries.

The family page and the letters both read every part of a family; each relationship is
loaded with its own SELECT ... IN query instead of one query per episode.
"""

from __future__ import annotations

from sqlalchemy.orm import Session, selectinload

from plo_tracker.storage.models import Episode, Family, PlanItem

_EPISODES = selectinload(Family.episodes)
_WHOLE_RECORD = (
    selectinload(Family.children), selectinload(Family.adults),
    _EPISODES.selectinload(Episode.letters),
    _EPISODES.selectinload(Episode.meetings),
    _EPISODES.selectinload(Episode.assessments),
    _EPISODES.selectinload(Episode.extensions),
    _EPISODES.selectinload(Episode.plan_items).selectinload(PlanItem.progress),
)


def load_family(session: Session, family_id: int, *, with_notes: bool = False) -> Family | None:
    """The family with its people and every episode's work; None if there is no such family."""
    options = [*_WHOLE_RECORD, selectinload(Family.notes)] if with_notes else list(_WHOLE_RECORD)
    return session.get(Family, family_id, options=options)
