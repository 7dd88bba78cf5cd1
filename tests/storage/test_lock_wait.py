"""A change that meets another user's long write waits, says so, then is refused in words."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import create_engine, func, select, text

from plo_tracker.services.error_words import BUSY, words_for
from plo_tracker.storage import lock_wait
from plo_tracker.storage.engine import make_engine, sqlite_path
from plo_tracker.storage.errors import DatabaseBusy
from plo_tracker.storage.models import DatabaseFact
from plo_tracker.storage.schema import prepare_database
from plo_tracker.storage.unit_of_work import Database
from tests.support.backends import database_url

WAIT = 0.6  # seconds: the test's own wait, so it stays quick


@pytest.fixture
def url(tmp_path):
    url = database_url(tmp_path, "locked")
    prepare_database(url, tmp_path / "backups").dispose()
    return url


@pytest.fixture
def waits():
    """Every notice the engine gives the window (True: waiting, False: no longer)."""
    seen: list[bool] = []
    stop = lock_wait.listen(seen.append)
    yield seen
    stop()


def _write(database: Database, key: str) -> None:
    with database.unit_of_work() as session:
        session.add(DatabaseFact(key=key, value="x"))


def _facts(database: Database) -> set[str]:
    with database.reading() as conn:
        return set(conn.execute(select(DatabaseFact.key)).scalars())


@pytest.mark.sqlite_only
def test_a_change_waits_for_another_writer_then_is_refused_in_words(url, waits):
    other = sqlite3.connect(sqlite_path(url), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another user's long write holds the lock
    database = Database(make_engine(url, lock_wait_seconds=WAIT))
    try:
        with pytest.raises(DatabaseBusy) as refused:
            _write(database, "mine")
        assert waits == [True, False]  # the window was told, and told when it ended
        assert refused.value.message.startswith(
            "The database is busy with another user's large change, and it was still busy "
            "after 1 second. Nothing was changed.")
        assert words_for(refused.value) == refused.value.message
        other.execute("COMMIT")
        assert "mine" not in _facts(database)
        _write(database, "later")  # the lock is free: no wait, no notice
        assert waits == [True, False] and "later" in _facts(database)
    finally:
        other.close()
        database.dispose()


@pytest.mark.sqlite_only
def test_a_change_that_waited_goes_through_when_the_other_write_ends(url, waits):
    other = sqlite3.connect(sqlite_path(url), isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    database = Database(make_engine(url, lock_wait_seconds=30))

    def release(waiting: bool) -> None:
        if waiting:  # the other user finishes while this one waits
            threading.Timer(0.1, other.execute, ("COMMIT",)).start()

    stop = lock_wait.listen(release)
    try:
        _write(database, "mine")
        assert waits == [True, False] and "mine" in _facts(database)
    finally:
        stop()
        other.close()
        database.dispose()


@pytest.mark.postgresql_only
def test_a_change_held_up_by_a_lock_on_the_server_is_refused_in_words(url):
    # Every change takes the audit chain's head row FOR UPDATE; another user's long
    # write keeps it locked until that write commits.
    other = create_engine(url)
    database = Database(make_engine(url, lock_wait_seconds=WAIT))
    try:
        with other.connect() as holder, holder.begin():
            holder.execute(text("SELECT * FROM audit_chain_head WHERE id = 1 FOR UPDATE"))
            with pytest.raises(Exception) as refused, database.unit_of_work() as session:
                session.execute(text(
                    "SELECT * FROM audit_chain_head WHERE id = 1 FOR UPDATE"))
            assert words_for(refused.value) == BUSY
        with database.unit_of_work() as session:  # free again: the same change goes through
            session.execute(text("SELECT * FROM audit_chain_head WHERE id = 1 FOR UPDATE"))
            assert session.scalar(select(func.count()).select_from(DatabaseFact)) >= 0
    finally:
        other.dispose()
        database.dispose()
