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
from datetime import UTC, datetime

# The hash "before" the first entry.
GENESIS = "0" * 64


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
