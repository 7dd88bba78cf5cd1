"""Killed in the middle of large writes (SIGKILL, many times): the database holds only whole
transactions, and is sound."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import insert

from plo_tracker.storage.engine import make_engine, sqlite_url
from plo_tracker.storage.models import Note
from plo_tracker.storage.unit_of_work import Database

from .safety_helpers import copy_of, make_demo_file

# About SQLite files themselves (copies, raw SQL, damage, modes); the team server's
# own cases are in their PostgreSQL tests.
pytestmark = pytest.mark.sqlite_only

ROWS = 400  # notes a transaction writes, about 1 KB each: 400 KB, many pages, one commit
KILLS = 20
_WHEN = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def _write_until_killed(url: str, round_number: int, ready_fd: int) -> None:
    """In the child: write transactions of ROWS notes, each tagged, until killed."""
    database = Database(make_engine(url))
    os.write(ready_fd, b"r")
    text = "x" * 1000
    for number in range(1_000_000):
        tag = f"round {round_number} transaction {number}:"
        with database.unit_of_work() as session:
            session.execute(insert(Note), [
                {"family_id": 1, "author_id": 1, "text": f"{tag}{row}:{text}",
                 "written_at": _WHEN} for row in range(ROWS)])


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork to start writers quickly")
def test_only_whole_transactions_survive_sigkill_at_random_moments(tmp_path):
    db = copy_of(make_demo_file(tmp_path / "template", families=1), tmp_path / "data")
    chance = random.Random(20261126)
    for round_number in range(KILLS):
        read_end, write_end = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - the child never returns: it is killed
            try:
                os.close(read_end)
                _write_until_killed(sqlite_url(db), round_number, write_end)
            finally:
                os._exit(0)
        os.close(write_end)
        assert os.read(read_end, 1) == b"r"
        os.close(read_end)
        time.sleep(chance.uniform(0.0, 0.12))  # mid-transaction, most times
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = conn.execute(
            "SELECT substr(text, 1, instr(text, ':')), count(*) FROM notes "
            "WHERE text LIKE 'round %' GROUP BY 1").fetchall()
    finally:
        conn.close()
    assert counts, "no transaction committed: the writers were killed too soon to test"
    assert {count for _tag, count in counts} == {ROWS}  # each one all there, or absent
