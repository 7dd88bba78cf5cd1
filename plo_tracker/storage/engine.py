"""Engine factory: SQLite with safe pragmas by default, any SQLAlchemy URL for a team server."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

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


def make_engine(url: str) -> Engine:
    """Create an engine; for SQLite, turn on foreign keys, WAL and a busy timeout."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


WRITES = "plo_tracker_writes"  # execution option: this connection's transactions may write


def _sqlite_begin(conn) -> None:
    # Emit BEGIN ourselves so schema changes are inside the transaction too: a
    # migration that fails part-way then leaves the file exactly as it was.
    # A transaction that may write takes the write lock at once (IMMEDIATE): one that
    # read first and wrote later would fail with "database is locked" when another
    # writer got in between, and SQLite's busy timeout cannot help a reader upgrade.
    immediate = conn.get_execution_options().get(WRITES, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    # WAL lets the window read while a background job writes.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()
    # Hand transaction control to SQLAlchemy (see _sqlite_begin); the driver's own
    # handling would commit before every CREATE or ALTER.
    dbapi_connection.isolation_level = None
