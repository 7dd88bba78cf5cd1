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
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Row, column, select, table

from .models import AuditChainHead

# The hash "before" the first entry.
GENESIS = "0" * 64
# Rows fetched at a time while verifying: few enough to keep memory small, many enough
# that fetching costs little next to hashing.
_BATCH = 5000


def _canonical_encoder() -> Callable[[list[object]], str]:
    """json.dumps(values, ensure_ascii=False, separators=(",", ":")), made once.

    json.dumps with options builds a new encoder, and the encoder its C part, on every
    call: over a million entries that costs more than the hashing. The same C encoder,
    made once, gives the same text (tests compare the two).
    """
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # a Python without the C accelerator
        return encoder.encode
    one_shot = make(None, encoder.default, json.encoder.encode_basestring, None, ":", ",",
                    False, False, True)
    return lambda values: "".join(one_shot(values, 0))


canonical_json = _canonical_encoder()
# How SQLite holds a time (SQLAlchemy's text form, always UTC). Its canonical text is the
# same characters with a T and a Z, so verifying need not parse a million dates.
_STORED_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}")
_FIELDS = ("id", "occurred_at", "user_id", "username", "action", "entity", "entity_id",
           "family_id", "before", "after", "entry_hash")
# The log's columns as the database gives them, with no conversion (verify reads millions).
_RAW = table("audit_entries", *(column(name) for name in _FIELDS))


def _utc_text(when: datetime) -> str:
    # Stored without a zone on SQLite and with one on PostgreSQL: both mean UTC.
    if when.tzinfo is None:
        return when.isoformat(timespec="microseconds") + "Z"
    # isoformat gives the same text as strftime("%Y-%m-%dT%H:%M:%S.%f") and is much faster.
    return when.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _stored_time_text(stored: str | datetime) -> str:
    """The canonical text of a time as the database returned it (text on SQLite)."""
    if isinstance(stored, datetime):
        return _utc_text(stored)
    if not isinstance(stored, str):
        return f"not a time: {stored!r}"  # cannot match the hash of a real time
    if _STORED_TIME.fullmatch(stored):
        return stored.replace(" ", "T") + "Z"
    try:
        return _utc_text(datetime.fromisoformat(stored))
    except ValueError:
        # Not a time at all (written by hand): it cannot match the hash of a real time.
        return "not a time: " + stored


def _stored_time(stored: object) -> datetime | None:
    if isinstance(stored, datetime):
        return stored
    if not isinstance(stored, str):
        return None
    try:
        return datetime.fromisoformat(stored).replace(tzinfo=UTC)
    except ValueError:
        return None


def _hash(previous: str, entry_id: int, when: str, user_id: int | None, username: str,
          action: str, entity: str, entity_id: int | None, family_id: int | None,
          before: str | None, after: str | None) -> str:
    canonical = canonical_json([previous, entry_id, when, user_id, username, action, entity,
                                entity_id, family_id, before, after])
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def entry_hash(previous: str, entry_id: int, occurred_at: datetime, user_id: int | None,
               username: str, action: str, entity: str, entity_id: int | None,
               family_id: int | None, before: str | None, after: str | None) -> str:
    """The hash of one entry, chained to the hash of the entry before it."""
    return _hash(previous, entry_id, _utc_text(occurred_at), user_id, username, action,
                 entity, entity_id, family_id, before, after)


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


def _problem(row: Row, expected: int, previous: str, head_last_id: int) -> BadEntry:
    """What is wrong with an entry that did not follow on from the one before."""
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
    return _bad(row, "does not match its hash: it was changed after it was written "
                     "(or moved, or the entry before it was replaced)")


def _bad(row: Row, problem: str) -> BadEntry:
    return BadEntry(row.id, _stored_time(row.occurred_at), row.action, problem)


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
    rows = conn.execution_options(yield_per=_BATCH).execute(
        select(_RAW).order_by(_RAW.c.id))
    previous, last_id, last_row, head_last_id = GENESIS, 0, None, head.last_entry_id
    # The loop runs once per entry, so it works on plain local names; what went wrong is
    # worked out (in _problem) only for the entry that breaks the chain.
    for row in rows:
        entry_id, when, user_id, username, action, entity, entity_id, family_id, before, \
            after, stored = row
        if entry_id != last_id + 1 or entry_id > head_last_id or stored != _hash(
                previous, entry_id, _stored_time_text(when), user_id, username, action,
                entity, entity_id, family_id, before, after):
            rows.close()
            return ChainResult(last_id, _problem(row, last_id + 1, previous, head_last_id))
        previous, last_id, last_row = stored, entry_id, row
    # Ids run 1, 2, 3… without a gap, so the last id is also how many entries were read.
    return ChainResult(last_id, _head_problem(last_id, previous, last_row, head))


def _head_problem(last_id: int, last_hash: str, last: Row | None,
                  head: Row) -> BadEntry | None:
    """Compare the end of the chain with the head kept apart from the rows."""
    if last_id < head.last_entry_id:
        return BadEntry(last_id + 1, None, None,
                        f"is missing: the log ends at entry {last_id} but the app wrote "
                        f"up to entry {head.last_entry_id} (the last entries were cut off)")
    if last_hash != head.last_hash or last_id != head.entries:
        what = ("its hash is not the one the chain's head holds"
                if last_hash != head.last_hash else
                f"the chain's head counts {head.entries} entries but the log holds {last_id}")
        return BadEntry(last_id, _stored_time(last.occurred_at) if last else None,
                        last.action if last else None,
                        f"is the last entry, and {what}: the head was changed")
    return None


def snapshot_options(conn: Connection) -> dict[str, str]:
    """Execution options that make ``conn`` read one snapshot for ``verify_chain``."""
    return {"isolation_level": "REPEATABLE READ"} if conn.dialect.name == "postgresql" else {}
