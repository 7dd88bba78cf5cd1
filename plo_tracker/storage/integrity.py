"""Checks of the database itself: the file's integrity, links, the audit log, kept letters.

Each check returns a ``Finding``; none of them changes anything.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, select, text
from sqlalchemy.exc import DBAPIError

from plo_tracker.domain.audit_actions import AuditAction

from .audit_chain import ChainResult, verify_chain
from .models import AuditEntry, Family, GeneratedLetter
from .read_only import read_only_uri


@dataclass(frozen=True)
class Finding:
    """One check's result: ``ok`` and a sentence for the person running it."""

    check: str
    ok: bool
    detail: str


def storage_findings(conn: Connection) -> list[Finding]:
    """The file's integrity and links, and the audit log's protection (its triggers)."""
    if conn.dialect.name == "postgresql":
        found = _postgresql_findings(conn)
    else:
        found = _file_findings(conn)
    if found[0].ok:  # a file too damaged to walk has nothing more to say
        found.append(trigger_finding(conn))
    return found


def _file_findings(conn: Connection) -> list[Finding]:
    # SQLite: the file itself. A server looks after its own files (_postgresql_findings).
    if conn.dialect.name != "sqlite":
        return [Finding("integrity", True, "Server database: integrity is the server's job.")]
    damaged = ("The database file is damaged, so none of it can be trusted: put back the "
               "latest backup. SQLite found: ")
    try:
        result = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check(3)")]
    except DBAPIError as error:  # so damaged that SQLite cannot even walk it
        return [Finding("integrity", False, f"{damaged}{error.orig}.")]
    if result != ["ok"]:
        # Links read through damaged pages may fail or mislead: the damage is the news.
        lines = [" ".join(line.split()) for text in result for line in text.splitlines()]
        said = "; ".join(line for line in lines if line and not line.startswith("***"))
        return [Finding("integrity", False, f"{damaged}{said}.")]
    found = [Finding("integrity", True, "The database file is sound.")]
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    found.append(Finding(
        "links", not broken,
        "Every record points to records that exist." if not broken
        else f"{len(broken)} records point to records that do not exist.",
    ))
    return found


# The append-only triggers as the migrations made them, whitespace aside. A trigger of the
# right name that does nothing (or any other trigger on the log) is as bad as none.
_REFUSAL = "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
SQLITE_TRIGGERS = {
    name: f"CREATE TRIGGER {name} BEFORE {event} ON audit_entries {_REFUSAL}"
    for name, event in (("audit_entries_no_update", "UPDATE"),
                        ("audit_entries_no_delete", "DELETE"))
}
POSTGRESQL_FUNCTION = "BEGIN RAISE EXCEPTION 'the audit log is append-only'; END"


def _plain(sql: str | None) -> str:
    return " ".join((sql or "").split())


def trigger_finding(conn: Connection) -> Finding:
    """Are the audit log's triggers the ones that refuse every change and deletion?"""
    if conn.dialect.name == "postgresql":
        intact = _postgresql_triggers_intact(conn)
    else:
        found = {name: _plain(sql) for name, sql in conn.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name = 'audit_entries'"))}
        intact = found == SQLITE_TRIGGERS
    return Finding(
        "audit log", intact,
        "The audit log's protection refuses every change and deletion." if intact else
        "The audit log's protection against changes is missing or was replaced: entries "
        "can be changed or deleted without the app.")


def _postgresql_triggers_intact(conn: Connection) -> bool:
    rows = {row.tgname: row for row in conn.execute(text(
        "SELECT t.tgname, t.tgenabled, t.tgtype, p.prosrc FROM pg_trigger t "
        "JOIN pg_proc p ON p.oid = t.tgfoid "
        "WHERE t.tgrelid = 'audit_entries'::regclass AND NOT t.tgisinternal"))}
    # tgtype bits: 1 row, 2 before, 8 delete, 16 update, 32 truncate (a statement trigger);
    # enabled 'O' (origin) or 'A' (always).
    wanted = {"audit_entries_append_only": (27, 27), "audit_entries_no_truncate": (35, 34)}
    return set(rows) == set(wanted) and all(
        rows[name].tgenabled in ("O", "A") and rows[name].tgtype & mask == bits
        and _plain(rows[name].prosrc) == POSTGRESQL_FUNCTION
        for name, (mask, bits) in wanted.items())


def chain_finding(conn: Connection) -> Finding:
    """Does every audit entry still match its hash, in order, up to the chain's head?"""
    return Finding("audit chain", (result := verify_chain(conn)).intact, chain_words(result))


def chain_words(result: ChainResult) -> str:
    """The result of verifying the chain in a sentence; a break names the first bad entry."""
    if result.bad is None:
        return ("The audit log's only entry is intact." if result.entries == 1
                else f"The audit log's {result.entries} entries are intact.")
    bad = result.bad
    known = ""
    if bad.occurred_at is not None:
        known = (f" ({bad.occurred_at:%d %b %Y %H:%M:%S} UTC, "
                 f"\"{AuditAction.words_for(bad.action or '')}\")")
    return (f"The audit log was changed outside the app: entry {bad.entry_id}{known} "
            f"{bad.problem}.")


# Letters compared a batch at a time, so a database of thousands of letters is not all read
# into memory at once.
_LETTER_BATCH = 200
_NAMED = 10


def letter_finding(conn: Connection) -> Finding:
    """Does every kept letter still hold the bytes it was made with (its SHA-256)?

    The SHA-256 kept beside the bytes is compared with the one the audit log (itself
    chained) recorded when the letter was made, so a letter whose bytes and stored hash
    were both changed is found too. Changed letters are named by letter id, the family's
    PLO id and the letter's date, never by the people in them.
    """
    recorded = _recorded_letter_hashes(conn)
    rows = conn.execution_options(yield_per=_LETTER_BATCH).execute(
        select(GeneratedLetter.id, Family.plo_family_id, GeneratedLetter.letter_date,
               GeneratedLetter.sha256, GeneratedLetter.pdf)
        .join(Family, Family.id == GeneratedLetter.family_id).order_by(GeneratedLetter.id))
    count, changed = 0, []
    for row in rows:
        count += 1
        if hashlib.sha256(row.pdf or b"").hexdigest() != row.sha256 or \
                recorded.get(row.id, row.sha256) != row.sha256:
            changed.append(f"letter {row.id} (family {row.plo_family_id}, "
                           f"{row.letter_date:%d %b %Y})")
    if not changed:
        return Finding("letters", True, "No letters are kept yet." if not count else
                       f"All {count} kept letters hold the bytes they were made with.")
    more = f" and {len(changed) - _NAMED} more" if len(changed) > _NAMED else ""
    return Finding("letters", False,
                   f"{len(changed)} kept letter{'s' if len(changed) > 1 else ''} changed "
                   f"since {'they were' if len(changed) > 1 else 'it was'} made: "
                   + ", ".join(changed[:_NAMED]) + more + ".")


def _recorded_letter_hashes(conn: Connection) -> dict[int, str]:
    """Each letter's SHA-256 as the audit entry of its making recorded it."""
    rows = conn.execute(select(AuditEntry.entity_id, AuditEntry.after).where(
        AuditEntry.action == AuditAction.LETTER_GENERATE.code))
    found = {}
    for letter_id, after in rows:
        try:
            sha256 = json.loads(after or "{}").get("sha256")
        except (ValueError, AttributeError):
            continue  # an entry changed by hand; verifying the chain names it
        if letter_id is not None and isinstance(sha256, str):
            found[letter_id] = sha256
    return found


def quick_check(path: Path) -> list[str]:
    """SQLite's quick check of a database file, opened read-only: [] when it is sound, else
    SQLite's first few findings. About 0.1 s for 10,000 families, so it runs at every start.

    A file SQLite cannot read at all counts as damaged, with its reason.
    """
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            found = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if found == ["ok"] else found


def _postgresql_findings(conn: Connection) -> list[Finding]:
    # The server checks its own pages and always enforces links, unless someone with the
    # owner's rights switched a link's check off (ALTER TABLE ... DISABLE TRIGGER ALL, or a
    # constraint added NOT VALID): that is what is looked at (the audit log's triggers are
    # trigger_finding's).
    unchecked = conn.execute(text(
        "SELECT count(*) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
        "WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace "
        "AND (NOT c.convalidated OR EXISTS (SELECT 1 FROM pg_trigger g "
        "WHERE g.tgconstraint = c.oid AND g.tgenabled = 'D'))")).scalar_one()
    return [
        Finding("integrity", True, "Server database: the server keeps its files sound."),
        Finding("links", unchecked == 0,
                "Every link between records is enforced by the server." if unchecked == 0
                else f"{unchecked} links between records are no longer checked by the server."),
    ]
