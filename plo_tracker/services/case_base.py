"""Shared steps of every case change: find the family, check its version, bump it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.storage.models import Episode, Family

from . import audit
from .actor import Actor
from .context import ServiceContext
from .due_index import refresh_due
from .errors import ConflictingEdit, NotFound
from .permissions import Permission, require

# What a change function returns: the entity name, its row, and its values before.
Change = tuple[str, Any, dict[str, Any] | None]


@dataclass(frozen=True)
class Saved:
    """What a recorded change hands back: the row's id and the family's new version."""

    entity_id: int
    family_version: int


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


class CaseWriter:
    """The one path every change to a case takes: permission, version, due list, audit."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def _change(
        self, actor: Actor, family_id: int, expected_version: int | None, action: str,
        apply: Callable[[Session, Family], Change], *permissions: Permission,
    ) -> Saved:
        require(actor, *(permissions or (Permission.EDIT_CASES,)))
        with self._ctx.database.unit_of_work() as session:
            family = load_family(session, family_id, expected_version)
            entity, row, before = apply(session, family)
            session.flush()
            touch(family)
            conn = session.connection()
            refresh_due(conn, self._ctx.settings(conn).timescales, [family.id])
            audit.record(session, actor, self._ctx.clock.now(), action, entity, row.id,
                         family.id, before=before, after=audit.snapshot(row))
            return Saved(row.id, family.version)
