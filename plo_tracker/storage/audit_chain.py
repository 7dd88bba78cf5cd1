"""The audit log's hash chain: each entry carries the hash of the one before.

An entry's hash covers its own id and every field, and the previous entry's hash, so an
entry edited, deleted, reordered or forged in the middle breaks the chain from that entry
on. The last hash and the number of entries are kept apart from the rows (the
``audit_chain_head`` table), so an entry cut off the end, or one added after it without
the app, no longer matches the head either.

The hash is SHA-256 over a canonical JSON text of the entry; the same function is used
when an entry is written, when the chain is verified, and by the migration that sealed the
entries written before the chain existed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Row, select

from .models import AuditChainHead, AuditEntry

# The hash "before" the first entry.
GENESIS = "0" * 64
# Rows fetched at a time while verifying: few enough to keep memory small, many enough
# that fetching costs little next to hashing.
_BATCH = 5000


def _utc_text(when: datetime) -> str:
    # Stored without a zone on SQLite and with one on PostgreSQL: both mean UTC.
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(previous: str, entry_id: int, occurred_at: datetime, user_id: int | None,
               username: str, action: str, entity: str, entity_id: int | None,
               family_id: int | None, before: str | None, after: str | None) -> str:
    """The hash of one entry, chained to the hash of the entry before it."""
    canonical = json.dumps(
        [previous, entry_id, _utc_text(occurred_at), user_id, username, action, entity,
         entity_id, family_id, before, after],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class BadEntry:
    """The first entry where the chain breaks, and what is wrong with it.

    ``occurred_at`` and ``action`` are None when the entry is not there to read (deleted).
    """

    entry_id: int
    occurred_at: datetime | None
    action: str | None
    problem: str


@dataclass(frozen=True)
class ChainResult:
    """What verifying the chain found: how many entries were read, and the first bad one."""

    entries: int
    bad: BadEntry | None = None

    @property
    def intact(self) -> bool:
        return self.bad is None


class _Walk:
    """The chain walked one entry at a time, in id order; ``bad`` is the first break."""

    def __init__(self) -> None:
        self.previous = GENESIS
        self.last_id = 0
        self.count = 0
        self.last_row: Row | None = None

    def step(self, row: Row, head_last_id: int) -> BadEntry | None:
        expected = self.last_id + 1
        if row.id > head_last_id:
            return _bad(row, f"was added after entry {head_last_id}, the last one the app "
                             "wrote (the chain's head ends there)")
        if row.id > expected:
            missing = (f"Entry {expected} is" if row.id == expected + 1
                       else f"Entries {expected} to {row.id - 1} are")
            return BadEntry(expected, None, None,
                            f"is missing: {missing} gone from before entry {row.id} "
                            "(deleted, or the entries renumbered)")
        if row.entry_hash is None:
            return _bad(row, "has no hash (it was written or changed outside the app)")
        computed = entry_hash(self.previous, row.id, row.occurred_at, row.user_id,
                              row.username, row.action, row.entity, row.entity_id,
                              row.family_id, row.before, row.after)
        if computed != row.entry_hash:
            return _bad(row, "does not match its hash: it was changed after it was written "
                             "(or moved, or the entry before it was replaced)")
        self.previous, self.last_id, self.count, self.last_row = (
            row.entry_hash, row.id, self.count + 1, row)
        return None


def _bad(row: Row, problem: str) -> BadEntry:
    return BadEntry(row.id, row.occurred_at, row.action, problem)


def verify_chain(conn: Connection) -> ChainResult:
    """Walk the audit log in id order, recompute each entry's hash and compare with the head.

    Finds an entry edited, deleted, moved (ids swapped), forged, added by hand after the
    last, the last entries cut off, an entry with no hash, and a head that was changed. It
    reads plain rows a few thousand at a time, so a million entries take seconds.

    The connection should read one snapshot (SQLite's read transactions do; on PostgreSQL
    use REPEATABLE READ, see ``snapshot_options``), or entries written while it reads
    would look like entries added by hand.
    """
    head = conn.execute(select(AuditChainHead.last_entry_id, AuditChainHead.last_hash,
                               AuditChainHead.entries)
                        .where(AuditChainHead.id == 1)).one_or_none()
    if head is None:
        return ChainResult(0, BadEntry(0, None, None, "the chain's head (the record of the "
                                       "last entry and how many there are) is missing"))
    columns = AuditEntry.__table__.c
    rows = conn.execution_options(yield_per=_BATCH).execute(
        select(columns.id, columns.occurred_at, columns.user_id, columns.username,
               columns.action, columns.entity, columns.entity_id, columns.family_id,
               columns.before, columns.after, columns.entry_hash).order_by(columns.id))
    walk = _Walk()
    for row in rows:
        bad = walk.step(row, head.last_entry_id)
        if bad is not None:
            rows.close()
            return ChainResult(walk.count, bad)
    return ChainResult(walk.count, _head_problem(walk, head))


def _head_problem(walk: _Walk, head: Row) -> BadEntry | None:
    """Compare the end of the chain with the head kept apart from the rows."""
    if walk.last_id < head.last_entry_id:
        return BadEntry(walk.last_id + 1, None, None,
                        f"is missing: the log ends at entry {walk.last_id} but the app wrote "
                        f"up to entry {head.last_entry_id} (the last entries were cut off)")
    if walk.previous != head.last_hash or walk.count != head.entries:
        last = walk.last_row
        what = ("its hash is not the one the chain's head holds"
                if walk.previous != head.last_hash else
                f"the chain's head counts {head.entries} entries but the log holds "
                f"{walk.count}")
        return BadEntry(walk.last_id, last.occurred_at if last else None,
                        last.action if last else None,
                        f"is the last entry, and {what}: the head was changed")
    return None


def snapshot_options(conn: Connection) -> dict[str, str]:
    """Execution options that make ``conn`` read one snapshot for ``verify_chain``."""
    return {"isolation_level": "REPEATABLE READ"} if conn.dialect.name == "postgresql" else {}
