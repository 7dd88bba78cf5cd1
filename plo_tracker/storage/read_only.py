"""Opening a SQLite database that may only be read: a damaged file, a read-only file or folder.

Nothing is written to it, not even SQLite's WAL index (-shm) where the folder may not be
written: such a file is opened "immutable". engine.py's make_engine is for databases the
app may change; this is its read-only sibling, kept apart so each stays simple.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from .engine import sqlite_url
from .files import writable


def read_only_uri(path: Path) -> str:
    """The URI that opens a SQLite file read-only, making no file beside it if it can.

    With no -wal file beside it, the file holds every committed change and is opened
    "immutable", so not even an empty -wal or -shm is made; with one (changes not yet copied
    back, or another program at work), SQLite must read it, which needs the -shm index.
    """
    wal = path.with_name(path.name + "-wal").exists()
    query = "mode=ro" if wal and writable(path.parent) else "mode=ro&immutable=1"
    return f"{path.resolve().as_uri()}?{query}"


def read_only_engine(path: Path) -> Engine:
    """An engine on a SQLite file that SQLite itself will refuse to write."""
    uri = read_only_uri(path)

    def connect() -> sqlite3.Connection:
        # Background loads read on other threads; each connection is used by one at a time.
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA query_only = ON")
        conn.isolation_level = None  # SQLAlchemy's begin event below starts each transaction
        return conn

    # The URL names the file (for messages and backups); the creator opens it read-only.
    engine = create_engine(sqlite_url(path), creator=connect, poolclass=QueuePool)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
    return engine


def read_only_cause(path: Path) -> str | None:
    """Why a database file may only be read (the file or its folder is not writable), or None."""
    if not writable(path):
        return "the file is marked read-only"
    if not writable(path.parent):
        return "its folder cannot be written to"
    return None
