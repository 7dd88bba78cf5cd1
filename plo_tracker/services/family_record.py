"""Loading one family's whole record (people, episodes and all their work) in a few queries.

The family page and the letters both read every part of a family; each relationship is
loaded with its own SELECT ... IN query instead of one query per episode.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from plo_tracker.storage.models import Episode, Family, PlanItem

from .actor import Actor
from .family_access import family_visible


@cache
def _options(with_notes: bool) -> tuple[Any, ...]:
    # Made on first use, not at import: naming a relationship sets up the ORM's mappings,
    # which the sign-in list (the first screen) does not need.
    episodes = selectinload(Family.episodes)
    options = (
        selectinload(Family.children), selectinload(Family.adults),
        episodes.selectinload(Episode.letters),
        episodes.selectinload(Episode.meetings),
        episodes.selectinload(Episode.assessments),
        episodes.selectinload(Episode.extensions),
        episodes.selectinload(Episode.plan_items).selectinload(PlanItem.progress),
    )
    return (*options, selectinload(Family.notes)) if with_notes else options


def load_family(session: Session, family_id: int, actor: Actor, *,
                with_notes: bool = False) -> Family | None:
    """The family with its people and every episode's work; None if there is no such family
    or the actor may not see it (a restricted family they are not named for)."""
    return session.scalar(select(Family).where(Family.id == family_id,
                                               family_visible(actor))
                          .options(*_options(with_notes)))
