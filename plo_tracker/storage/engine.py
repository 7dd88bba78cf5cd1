"""Engine factory: SQLite with safe pragmas by default, any SQLAlchemy URL for a team server
(PostgreSQL through psycopg 3: ``postgresql+psycopg://...``)."""

from __future__ import annotations

import sqlite3
import time
from functools import partial
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from . import lock_wait
from .errors import DatabaseBusy

# "PLOT" in ASCII: marks a SQLite file as ours, so a stranger's file is never touched.
APPLICATION_ID = 0x504C4F54


def sqlite_url(path: Path) -> str:
    """Return the SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{path}"


def sqlite_path(url: str) -> Path | None:
    """Return the file of a SQLite URL, or None for another database or an in-memory one."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


# How long a change waits for another user's write to finish before it is refused. A
# module setting, read when an engine is made, so a test can shorten it.
LOCK_WAIT_SECONDS = 20.0
# A change first tries this long without telling anyone (most waits end sooner); after
# that the window says it is waiting (lock_wait.WAITING).
QUIET_WAIT_MS = 300


def make_engine(url: str, lock_wait_seconds: float | None = None) -> Engine:
    """Create an engine; for SQLite, turn on foreign keys, WAL and a busy timeout; for
    PostgreSQL, a lock timeout. Either way a change waits at most ``lock_wait_seconds``
    (LOCK_WAIT_SECONDS) for another user's write, then is refused (DatabaseBusy)."""
    wait = LOCK_WAIT_SECONDS if lock_wait_seconds is None else lock_wait_seconds
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", partial(_sqlite_pragmas, wait_ms=int(wait * 1000)))
        event.listen(engine, "begin", partial(_sqlite_begin, wait=wait))
    elif engine.dialect.name == "postgresql":
        # A row another user keeps locked (the audit log's head, a family being saved)
        # is waited for this long, then the statement fails and is explained as busy.
        event.listen(engine, "connect", partial(_postgresql_settings, wait_ms=int(wait * 1000)))
    return engine


def _postgresql_settings(dbapi_connection, _record, wait_ms: int) -> None:
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True  # a SET outside any transaction lasts the session
    with dbapi_connection.cursor() as cursor:
        cursor.execute(f"SET lock_timeout = {wait_ms}")
        # Stored times are UTC; the session's zone only shapes how times are sent back.
        cursor.execute("SET TIME ZONE 'UTC'")
    dbapi_connection.autocommit = autocommit


WRITES = "plo_tracker_writes"  # execution option: this connection's transactions may write


def _sqlite_begin(conn, wait: float) -> None:
    # Emit BEGIN ourselves so schema changes are inside the transaction too: a
    # migration that fails part-way then leaves the file exactly as it was.
    # A transaction that may write takes the write lock at once (IMMEDIATE): one that
    # read first and wrote later would fail with "database is locked" when another
    # writer got in between, and SQLite's busy timeout cannot help a reader upgrade.
    if conn.get_execution_options().get(WRITES, False):
        _begin_immediate(conn.connection.dbapi_connection, wait)
    else:
        conn.exec_driver_sql("BEGIN")


def _begin_immediate(raw: sqlite3.Connection, wait: float) -> None:
    """Take the write lock: quietly for a moment, then telling the window it is waiting,
    and refusing in words once ``wait`` seconds have passed (never a raw "locked" error)."""
    started = time.monotonic()
    quiet_ms = min(QUIET_WAIT_MS, int(wait * 1000))
    raw.execute(f"PRAGMA busy_timeout = {quiet_ms}")
    try:
        raw.execute("BEGIN IMMEDIATE")
        return
    except sqlite3.OperationalError as error:
        if "locked" not in str(error) and "busy" not in str(error):
            raise
    finally:
        raw.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
    lock_wait.notify(True)
    try:
        left_ms = max(0, int((wait - (time.monotonic() - started)) * 1000))
        raw.execute(f"PRAGMA busy_timeout = {left_ms}")
        try:
            raw.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            raise DatabaseBusy(round(wait)) from error
        finally:
            raw.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
    finally:
        lock_wait.notify(False)


def _sqlite_pragmas(dbapi_connection, _record, wait_ms: int) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    # WAL lets the window read while a background job writes.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute(f"PRAGMA busy_timeout = {wait_ms}")
    cursor.close()
    # Hand transaction control to SQLAlchemy (see _sqlite_begin); the driver's own
    # handling would commit before every CREATE or ALTER.
    dbapi_connection.isolation_level = None
