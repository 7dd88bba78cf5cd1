"""Writing audit entries in the same transaction as the change they record."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import Session

from plo_tracker.storage.models import AuditEntry

from .actor import Actor


def snapshot(row: Any) -> dict[str, Any]:
    """The column values of an ORM row, for the before and after of an audit entry."""
    return {attr.key: getattr(row, attr.key) for attr in sa_inspect(row).mapper.column_attrs}


def _json(values: dict[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(values, default=_plain, sort_keys=True)


def _plain(value: object) -> object:
    if isinstance(value, (date, datetime, time)):  # a meeting's start time is a time
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    raise TypeError(f"cannot audit a value of type {type(value).__name__}")


def record(
    session: Session,
    actor: Actor,
    when: datetime,
    action: str,
    entity: str,
    entity_id: int | None,
    family_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Add an audit entry to the session; it commits or rolls back with the change."""
    session.add(AuditEntry(
        occurred_at=when, user_id=actor.user_id, username=actor.username, action=action,
        entity=entity, entity_id=entity_id, family_id=family_id,
        before=_json(before), after=_json(after),
    ))


@dataclass(frozen=True)
class AuditView:
    """One audit entry as the history tab and exports show it."""

    occurred_at: datetime
    username: str
    action: str
    entity: str
    entity_id: int | None
    family_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def entries_for_family(session: Session, family_id: int) -> list[AuditView]:
    """The audit entries of one family, newest first."""
    rows = session.scalars(
        select(AuditEntry).where(AuditEntry.family_id == family_id)
        .order_by(AuditEntry.id.desc())
    )
    return [
        AuditView(
            r.occurred_at, r.username, r.action, r.entity, r.entity_id, r.family_id,
            json.loads(r.before) if r.before else None, json.loads(r.after) if r.after else None,
        )
        for r in rows
    ]
