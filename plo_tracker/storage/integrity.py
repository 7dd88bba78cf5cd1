"""Checks of the database file itself: integrity, foreign keys, the audit log's protection."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text


@dataclass(frozen=True)
class Finding:
    """One check's result: ``ok`` and a sentence for the person running it."""

    check: str
    ok: bool
    detail: str


def storage_findings(conn: Connection) -> list[Finding]:
    """Run the checks this kind of database supports."""
    if conn.dialect.name == "postgresql":
        return _postgresql_findings(conn)
    if conn.dialect.name != "sqlite":
        return [Finding("integrity", True, "Server database: integrity is the server's job.")]
    found = []
    result = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    found.append(Finding(
        "integrity", result == ["ok"],
        "The database file is sound." if result == ["ok"]
        else "The database file is damaged: " + "; ".join(result[:5]),
    ))
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    found.append(Finding(
        "links", not broken,
        "Every record points to records that exist." if not broken
        else f"{len(broken)} records point to records that do not exist.",
    ))
    triggers = set(conn.execute(text(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entries'"
    )).scalars())
    protected = {"audit_entries_no_update", "audit_entries_no_delete"} <= triggers
    found.append(Finding(
        "audit log", protected,
        "The audit log is protected against changes." if protected
        else "The audit log's protection against changes is missing.",
    ))
    return found


def _postgresql_findings(conn: Connection) -> list[Finding]:
    # The server checks its own pages and always enforces links, unless someone with the
    # owner's rights switched a link's check off (ALTER TABLE ... DISABLE TRIGGER ALL, or a
    # constraint added NOT VALID): that, and the audit log's trigger, are what is looked at.
    unchecked = conn.execute(text(
        "SELECT count(*) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
        "WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace "
        "AND (NOT c.convalidated OR EXISTS (SELECT 1 FROM pg_trigger g "
        "WHERE g.tgconstraint = c.oid AND g.tgenabled = 'D'))")).scalar_one()
    enabled = conn.execute(text(
        "SELECT tgenabled <> 'D' FROM pg_trigger WHERE tgname = 'audit_entries_append_only' "
        "AND tgrelid = 'audit_entries'::regclass")).scalar()
    return [
        Finding("integrity", True, "Server database: the server keeps its files sound."),
        Finding("links", unchecked == 0,
                "Every link between records is enforced by the server." if unchecked == 0
                else f"{unchecked} links between records are no longer checked by the server."),
        Finding("audit log", bool(enabled),
                "The audit log is protected against changes." if enabled
                else "The audit log's protection against changes is missing."),
    ]
