"""Putting a backup back: checked whole before anything is replaced, the replaced one kept.

A SQLite backup is first copied beside the database under a temporary name and checked
there (SQLite's integrity check, our application id, a schema revision this version knows,
the audit log's chain); only then is the database moved aside, named with the time, and
the checked copy put in its place. A server backup (gzipped JSON lines) is loaded in one
transaction that is checked before it commits, after the server's data was written out.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path

from sqlalchemy import Connection, Engine, MetaData, insert, text
from sqlalchemy import types as sqltypes

from .backup import BEFORE_RESTORE, backup_tables, copy_sqlite
from .engine import APPLICATION_ID
from .errors import DatabaseProblem
from .files import private_file
from .integrity import quick_check
from .read_only import read_only_engine, read_only_uri
from .schema import SQLITE_HEADER, _known_revisions, head_revision


def _refused(backup: Path, why: str) -> DatabaseProblem:
    return DatabaseProblem(f"The backup {backup.name} cannot be restored: {why}. Nothing was "
                           "changed.")


def is_table_dump(backup: Path) -> bool:
    """True for a server database's backup (gzipped JSON lines), False for a SQLite file."""
    return backup.name.endswith(".jsonl.gz")


# -- SQLite ---------------------------------------------------------------------------------

def stage_sqlite_backup(backup: Path, target: Path) -> Path:
    """Copy a backup beside the database it will replace, and check the copy.

    Returns:
        The checked copy, under a temporary name in the target's folder (so the final
        rename cannot fail half-way across disks).

    Raises:
        DatabaseProblem: the backup is missing, not ours, damaged, too new, or its audit
            log was changed; nothing was changed and no copy is left.
    """
    if not backup.is_file():
        raise _refused(backup, "there is no such file")
    with backup.open("rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise _refused(backup, "it is not a PLO Tracker database")
    stage = target.with_name(f".{target.name}.restoring")
    stage.unlink(missing_ok=True)
    try:
        copy_sqlite(backup, stage)
        verify_sqlite_backup(stage, backup)
    except sqlite3.DatabaseError as exc:
        stage.unlink(missing_ok=True)
        raise _refused(backup, f"it is damaged (SQLite found: {exc})") from exc
    except BaseException:
        stage.unlink(missing_ok=True)
        raise
    return stage


def verify_sqlite_backup(copy: Path, named: Path) -> str:
    """Check a backup file whole; return its schema revision.

    Raises:
        DatabaseProblem: naming the first check that failed (``named`` is the file the
            person gave).
    """
    conn = sqlite3.connect(read_only_uri(copy), uri=True)
    try:
        found = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
        if found != ["ok"]:
            raise _refused(named, "it is damaged (SQLite found: " + "; ".join(found) + ")")
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise _refused(named, "it is not a PLO Tracker database")
        try:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        except (sqlite3.DatabaseError, TypeError):
            raise _refused(named, "it holds no schema revision") from None
    finally:
        conn.close()
    if revision not in _known_revisions():
        raise _refused(named, "it was written by a newer version of PLO Tracker; install the "
                       "latest version first")
    if revision == head_revision():
        engine = read_only_engine(copy)
        try:
            with engine.connect() as sa_conn:
                problem = audit_chain_problem(sa_conn)
        finally:
            engine.dispose()
        if problem:
            raise _refused(named, f"its audit log has been tampered with ({problem})")
    # An older revision's entries are sealed into the chain when the app upgrades it.
    return revision


def audit_chain_problem(conn: Connection) -> str | None:
    """What is wrong with the audit log's hash chain (naming the first bad entry), or None
    when it is whole."""
    from .audit_chain import verify_chain
    from .integrity import chain_words

    result = verify_chain(conn)
    return None if result.intact else chain_words(result)


def kept_name(target: Path, now: datetime | None = None) -> Path:
    """Where the replaced database is kept: beside it, named with the time."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return target.with_name(f"{target.stem}-replaced-{stamp}{target.suffix}")


def refuse_if_in_use(target: Path) -> None:
    """Refuse when another program has the database open (SQLite can tell for a healthy
    file in WAL mode: leaving WAL mode needs every other connection closed). A damaged file
    is not asked, so it is kept exactly as it was found.

    Raises:
        DatabaseProblem: the database is in use.
    """
    if quick_check(target):
        return
    try:
        conn = sqlite3.connect(target, timeout=0)
    except sqlite3.DatabaseError:
        return  # unreadable: no one can be using it to any purpose
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseProblem(
                f"The database {target.name} is in use (PLO Tracker is open on it, here or on "
                "another computer). Nothing was changed. Close it everywhere, then restore "
                "again.") from exc
        return  # damaged: SQLite cannot tell, and a damaged file is what is being replaced
    except sqlite3.DatabaseError:
        return
    finally:
        conn.close()
    if mode != "delete":
        raise DatabaseProblem(
            f"The database {target.name} is in use. Nothing was changed. Close PLO Tracker "
            "everywhere, then restore again.")


def replace_sqlite(stage: Path, target: Path) -> Path | None:
    """Move the database aside (with its -wal and -shm, if a damaged one left them) and put
    the checked copy in its place; return where the replaced one is kept (None if there
    was none)."""
    kept = None
    if target.exists():
        kept = kept_name(target)
        os.replace(target, kept)
        private_file(kept)
    for extra in ("-wal", "-shm", "-journal"):
        leftover = target.with_name(target.name + extra)
        if leftover.exists():
            # Never left for the restored file to read: it belongs to the replaced one.
            os.replace(leftover, (kept or target).with_name((kept or target).name + extra))
    os.replace(stage, target)
    private_file(target)
    return kept


# -- server databases ----------------------------------------------------------------------

def restore_tables(engine: Engine, dump: Path, backup_folder: Path,
                   check: Callable[[Connection], str | None] = audit_chain_problem) -> Path:
    """Replace a server database's rows with a backup's, in one checked transaction.

    The server's data is written out first (to ``backup_folder``); the backup must be of
    this version's schema; the loaded rows' audit chain is checked before the transaction
    commits, so a bad backup leaves the server as it was.

    Returns:
        The backup of the server's data as it was before.

    Raises:
        DatabaseProblem: the backup cannot be read, is of another schema, or fails its check.
    """
    rows = _read_dump(dump)
    revision = [r["version_num"] for r in rows.pop("alembic_version", [])]
    if revision != [head_revision()]:
        raise _refused(dump, "it is of another version of PLO Tracker's schema; restore it "
                       "with the version that wrote it")
    metadata = MetaData()
    metadata.reflect(engine)
    unknown = set(rows) - set(metadata.tables)
    if unknown:
        raise _refused(dump, "it holds tables this database does not have")
    kept = backup_tables(engine, backup_folder, BEFORE_RESTORE)
    tables = [t for t in metadata.sorted_tables if t.name != "alembic_version"]
    with engine.begin() as conn:
        names = ", ".join(f'"{t.name}"' for t in tables)
        # The whole log is replaced by the backup's, whose chain is checked below: the
        # trigger that refuses a TRUNCATE of the log is off for this transaction only (the
        # restore is run by the tables' owner; ALTER TABLE rolls back with the rest).
        conn.exec_driver_sql("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_truncate")
        conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        conn.exec_driver_sql("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_truncate")
        for table in tables:
            values = [_typed(table, row) for row in rows.get(table.name, [])]
            if values:
                conn.execute(insert(table), values)
            if "id" in table.c and isinstance(table.c.id.type, sqltypes.Integer):
                conn.execute(text(
                    "SELECT setval(pg_get_serial_sequence(:t, 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false) '
                    "WHERE pg_get_serial_sequence(:t, 'id') IS NOT NULL"), {"t": table.name})
        problem = check(conn)
        if problem:
            raise _refused(dump, f"its audit log has been tampered with ({problem})")
    return kept


def _read_dump(dump: Path) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = defaultdict(list)
    try:
        with gzip.open(dump, "rt", encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                rows[record["table"]].append(record["row"])
    except FileNotFoundError:
        raise _refused(dump, "there is no such file") from None
    except (OSError, EOFError, ValueError, KeyError, TypeError) as exc:
        raise _refused(dump, f"it is not whole ({type(exc).__name__})") from exc
    return rows


def _typed(table, row: dict) -> dict:
    """A dumped row with its dates, times and bytes turned back into values."""
    out = {}
    for name, value in row.items():
        kind = table.c[name].type if name in table.c else None
        if value is not None and kind is not None:
            if isinstance(kind, sqltypes.LargeBinary):
                value = base64.b64decode(value["base64"])
            elif isinstance(kind, sqltypes.DateTime):
                value = datetime.fromisoformat(value)
            elif isinstance(kind, sqltypes.Date):
                value = date.fromisoformat(value)
            elif isinstance(kind, sqltypes.Time):
                value = time.fromisoformat(value)
        out[name] = value
    return out
