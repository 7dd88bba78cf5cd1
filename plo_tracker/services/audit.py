"""Writing audit entries in the same transaction as the change they record."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.storage.audit_chain import entry_hash
from plo_tracker.storage.models import AuditChainHead, AuditEntry, User
from plo_tracker.storage.unit_of_work import Database

from .actor import Actor

_HEAD = AuditChainHead.__table__
# Built once: made afresh, the statements cost more than the hashing on every change.
_ADVANCE_HEAD = (
    update(_HEAD).where(_HEAD.c.id == 1)
    .values(last_entry_id=_HEAD.c.last_entry_id + 1, entries=_HEAD.c.entries + 1)
    .returning(_HEAD.c.last_entry_id, _HEAD.c.last_hash))
_SEAL_HEAD = update(_HEAD).where(_HEAD.c.id == 1).values(last_hash=bindparam("sealed"))


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
    action: AuditAction,
    entity: str,
    entity_id: int | None,
    family_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Add an audit entry, chained to the last one; it commits or rolls back with the change.

    The time is the computer's clock, never the clock a command was told to work on
    (``--on``): an audit entry says when something really happened.

    The chain's head is read with a row lock, so two writers on a team server append one
    after the other (on SQLite the write transaction already holds the database's lock).
    """
    when = datetime.now(UTC)
    # Moving the head on first takes its row lock (on SQLite the write transaction holds
    # the database's), and hands back the new id and the hash to chain to, in one plain
    # statement: reading the head as an ORM object and flushing it costs more than the
    # hashing, on every change.
    conn = session.connection()  # plain statements: the head is never an ORM object here
    entry_id, previous = conn.execute(_ADVANCE_HEAD).one()
    # The id is given here, not by the database, because it is part of the hash and the
    # log refuses the UPDATE that filling the hash in after the insert would need.
    entry = AuditEntry(
        id=entry_id, occurred_at=when, user_id=actor.user_id,
        username=actor.username, action=action.code, entity=entity, entity_id=entity_id,
        family_id=family_id, before=_json(before), after=_json(after),
    )
    entry.entry_hash = entry_hash(
        previous, entry.id, when, entry.user_id, entry.username, entry.action,
        entry.entity, entry.entity_id, entry.family_id, entry.before, entry.after)
    session.add(entry)
    conn.execute(_SEAL_HEAD, {"sealed": entry.entry_hash})


# Marks a session of ``viewing`` on a database that may only be read.
_READS_ONLY = "plo_tracker_reads_only"


@contextmanager
def viewing(database: Database) -> Iterator[Session]:
    """A session for looking at records, where looking is audited (``record_view``).

    On a database opened read-only (a damaged file, a read-only copy) the session only
    reads and nothing is recorded: reading never writes, and browsing such a copy must not
    fail. Anyone who can open a read-only file can read it with other tools anyway, so the
    entry left out would not have protected anything.
    """
    if not database.read_only:
        with database.unit_of_work() as session:
            yield session
        return
    with Session(database.engine) as session:
        session.info[_READS_ONLY] = True
        yield session


def record_view(session: Session, actor: Actor, action: AuditAction, entity: str,
                entity_id: int | None, family_id: int | None,
                after: dict[str, Any] | None = None) -> None:
    """Record that someone looked at (or printed) a record, unless the database is read-only."""
    if not session.info.get(_READS_ONLY):
        record(session, actor, action, entity, entity_id, family_id, after=after)


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
    # The account's full name now ("Sam Okafor"); the user name if the account is gone.
    full_name: str = ""

    @property
    def action_words(self) -> str:
        return AuditAction.words_for(self.action)


HIDDEN = "hidden (confidential)"


def entries_for_family(session: Session, family_id: int,
                       show_confidential: bool = True) -> list[AuditView]:
    """The audit entries of one family, newest first, with each person's full name.

    Args:
        show_confidential: False for a role that may not see confidential addresses:
            an address recorded as confidential is then replaced by "hidden".
    """
    rows = session.execute(
        select(AuditEntry, User.display_name).outerjoin(User, User.id == AuditEntry.user_id)
        .where(AuditEntry.family_id == family_id).order_by(AuditEntry.id.desc())
    )
    views = []
    for r, name in rows:
        before = json.loads(r.before) if r.before else None
        after = json.loads(r.after) if r.after else None
        if not show_confidential:
            before, after = hide_confidential(before, after)
        views.append(AuditView(r.occurred_at, r.username, r.action, r.entity, r.entity_id,
                               r.family_id, before, after, name or r.username))
    return views


def hide_confidential(before: dict[str, Any] | None, after: dict[str, Any] | None,
                      ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """A change's before and after with the address hidden, if either side was confidential."""
    if (before or {}).get("address_confidential") or (after or {}).get("address_confidential"):
        return _hide_address(before), _hide_address(after)
    return before, after


def _hide_address(values: dict[str, Any] | None) -> dict[str, Any] | None:
    # Both sides of a change lose the address once either side was confidential: the old
    # value of an address made confidential today is where the person lived until today.
    if values and values.get("address"):
        return {**values, "address": HIDDEN}
    return values
