"""Which database the tests run on: a SQLite file each (the default), or a PostgreSQL
database each on a server (``pytest --backend=postgresql``).

On PostgreSQL every test database is a copy of a template database migrated once per
schema (``CREATE DATABASE ... TEMPLATE``, a file copy on the server: far quicker than
running the migrations again), named after this run and this xdist worker, so tests in
parallel and in any order never share one. The worker drops its databases when it ends.

The server is ``PLO_TRACKER_TEST_POSTGRES`` (a SQLAlchemy URL of a role that may create
databases), by default the one ``tests/support/postgres-server.sh`` sets up.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from plo_tracker.storage.engine import sqlite_url

SQLITE, POSTGRESQL = "sqlite", "postgresql"
DEFAULT_SERVER = "postgresql+psycopg://plo_test:plo_test@localhost:5439/plo_test"
GET_A_SERVER = ("start one with `sudo bash tests/support/postgres-server.sh` (Debian or "
                "Ubuntu: it installs PostgreSQL, starts it on localhost and makes the test "
                "role), or set PLO_TRACKER_TEST_POSTGRES to a URL of a role that may create "
                "databases")
_MIGRATIONS = Path(__file__).resolve().parents[2] / "plo_tracker" / "storage" / "migrations"

backend = SQLITE  # set once by tests/conftest.py from --backend
_run = uuid.uuid4().hex[:8]  # replaced by xdist's run id, shared by every worker
_worker = "main"
_numbers = itertools.count(1)
_made: list[str] = []


def server_url() -> URL:
    return make_url(os.environ.get("PLO_TRACKER_TEST_POSTGRES") or DEFAULT_SERVER)


def configure(chosen: str, run_id: str | None, worker: str | None) -> None:
    global backend, _run, _worker
    backend = chosen
    _run = (run_id or _run)[:8]
    _worker = worker or "main"


def server_problem() -> str | None:
    """None when the test server answers, else why not (in a sentence)."""
    engine = create_engine(server_url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - any failure to connect is the same answer
        return (f"No PostgreSQL server for the tests at "
                f"{server_url().render_as_string(hide_password=True)} ({type(error).__name__})")
    finally:
        engine.dispose()
    return None


def database_url(folder: Path, name: str) -> str:
    """The URL of a new, empty-of-data database of this test's own, at the current schema on
    PostgreSQL (a copy of the template) and not yet made on SQLite (the app makes it)."""
    if backend == SQLITE:
        folder.mkdir(parents=True, exist_ok=True)
        return sqlite_url(folder / f"{name}.sqlite3")
    database = f"plo_t_{_run}_{_worker}_{next(_numbers)}"
    _admin(f'CREATE DATABASE "{database}" TEMPLATE "{_template()}" STRATEGY FILE_COPY')
    _made.append(database)
    return server_url().set(database=database).render_as_string(hide_password=False)


def empty_database_url(folder: Path, name: str) -> str:
    """A database with no tables at all (the app creates and migrates it on first open)."""
    if backend == SQLITE:
        return database_url(folder, name)
    database = f"plo_t_{_run}_{_worker}_{next(_numbers)}"
    _admin(f'CREATE DATABASE "{database}"')
    _made.append(database)
    return server_url().set(database=database).render_as_string(hide_password=False)


def drop_made_databases() -> None:
    """Drop every database this worker made (connections still open are ended)."""
    while _made:
        _admin(f'DROP DATABASE IF EXISTS "{_made.pop()}" WITH (FORCE)')


def drop_leftovers() -> None:
    """Drop the databases an interrupted run left (none of its connections still open)."""
    engine = create_engine(server_url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            names = conn.execute(text(
                "SELECT datname FROM pg_database d WHERE datname LIKE 'plo\\_t\\_%' "
                "AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)"
            )).scalars().all()
            for name in names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    finally:
        engine.dispose()


def _schema_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(_MIGRATIONS.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


_template_name: str | None = None


def _template() -> str:
    """The migrated template for this schema, made once (workers take turns by a lock)."""
    global _template_name
    if _template_name is not None:
        return _template_name
    from plo_tracker.storage.schema import prepare_database

    name = f"plo_template_{_schema_digest()}"
    engine = create_engine(server_url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(90210)"))
            try:
                exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                      {"n": name}).first()
                if not exists:
                    building = f"{name}_building"
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{building}"'))
                    conn.execute(text(f'CREATE DATABASE "{building}"'))
                    url = server_url().set(database=building)
                    prepare_database(url.render_as_string(hide_password=False),
                                     Path("unused-backups")).dispose()
                    # Renamed only when whole, so an interrupted build is never used.
                    conn.execute(text(f'ALTER DATABASE "{building}" RENAME TO "{name}"'))
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(90210)"))
    finally:
        engine.dispose()
    _template_name = name
    return name


def _admin(statement: str) -> None:
    engine = create_engine(server_url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()
