"""Shared steps of every case change: find the family, check its version, bump it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.case_actions import CaseAction
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.stages import Stage
from plo_tracker.storage.models import Episode, Family

from . import audit
from .actor import Actor
from .case_index import refresh_case_index
from .context import ServiceContext
from .errors import ConflictingEdit, NotFound
from .family_access import NO_SUCH_FAMILY, family_visible
from .permissions import require, require_action, require_family_scope

# What a change function returns: the entity name, its row, and its values before.
Change = tuple[str, Any, dict[str, Any] | None]


@dataclass(frozen=True)
class Saved:
    """What a recorded change hands back: the row's id and the family's new version."""

    entity_id: int
    family_version: int


def load_family(session: Session, actor: Actor, family_id: int,
                expected_version: int | None) -> Family:
    """Fetch a family for changing, refusing if someone changed it since the form opened.

    Raises:
        NotFound: no such family, or a restricted one the actor is not named for (in the
            same words, so it does not show that the family exists).
        ConflictingEdit: its version moved on since ``expected_version`` was read.
    """
    # Locked until the change commits, so a second save of the same family waits and then
    # sees the version this one wrote. SQLite locks the whole file for a writer anyway; on
    # a team server both would otherwise read the same version and the last one to commit
    # would silently overwrite the first.
    family = session.scalar(select(Family).where(Family.id == family_id,
                                                 family_visible(actor)).with_for_update())
    if family is None:
        raise NotFound(NO_SUCH_FAMILY)
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


def episode_stage(family: Family) -> Stage | None:
    """The stage of the family's latest episode, or None before its first."""
    return Stage(family.episodes[-1].stage) if family.episodes else None


class CaseWriter:
    """The one path every change to a case takes: permission, the family's scope and stage,
    its version, the due list and the audit entry, all in one transaction."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def _change(
        self, actor: Actor, family_id: int, expected_version: int | None, action: CaseAction,
        audit_action: AuditAction, apply: Callable[[Session, Family], Change],
    ) -> Saved:
        require(actor, action.permission)
        with self._ctx.database.unit_of_work() as session:
            family = load_family(session, actor, family_id, expected_version)
            require_family_scope(actor, family.social_worker_id, family.team)
            require_action(actor, action, episode_stage(family))
            entity, row, before = apply(session, family)
            session.flush()
            touch(family)
            conn = session.connection()
            refresh_case_index(conn, self._ctx.settings(conn).timescales, [family.id])
            audit.record(session, actor, audit_action, entity, row.id,
                         family.id, before=before, after=audit.snapshot(row))
            return Saved(row.id, family.version)
