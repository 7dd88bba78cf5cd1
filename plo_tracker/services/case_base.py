"""Shared steps of every case change: find the family, check its version, bump it."""

from __future__ import annotations

from sqlalchemy.orm import Session

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.storage.models import Episode, Family

from .errors import ConflictingEdit, NotFound


def load_family(session: Session, family_id: int, expected_version: int | None) -> Family:
    """Fetch a family for changing, refusing if someone changed it since the form opened.

    Raises:
        NotFound: no such family.
        ConflictingEdit: its version moved on since ``expected_version`` was read.
    """
    family = session.get(Family, family_id)
    if family is None:
        raise NotFound("That family no longer exists. Refresh the list.")
    if expected_version is not None and family.version != expected_version:
        raise ConflictingEdit(
            f"Someone else changed family {family.plo_family_id} while you were working on it. "
            "Your entries are still in the form: look at the family again, then save."
        )
    return family


def touch(family: Family) -> None:
    """Mark the family changed so other open forms learn of it."""
    family.version += 1


def current_episode(family: Family) -> Episode:
    """The family's latest episode.

    Raises:
        ValidationFailed: when the family has no episode yet.
    """
    if not family.episodes:
        raise ValidationFailed({"episode": "Record the gateway decision first."})
    return family.episodes[-1]


def refuse_if(problems: dict[str, str]) -> None:
    """Raise all the problems found at once, so the form can mark every field."""
    if problems:
        raise ValidationFailed(problems)
