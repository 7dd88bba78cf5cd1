"""A team server's backup (gzipped JSON lines) restored in one checked transaction.

These run against the PostgreSQL server named by PLO_TRACKER_TEST_POSTGRES_URL (an empty
database this test may fill and replace), and are skipped without one.
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text

from plo_tracker.services.demo_data import DemoDataService
from plo_tracker.session import open_database
from plo_tracker.storage.backup import MANUAL, backup_tables
from plo_tracker.storage.errors import DatabaseProblem
from plo_tracker.storage.restore import restore_tables

URL = os.environ.get("PLO_TRACKER_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not URL, reason="needs PLO_TRACKER_TEST_POSTGRES_URL")


@pytest.fixture
def server(tmp_path):
    engine = create_engine(URL)
    with engine.begin() as conn:  # a clean database for this test
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    services = open_database(URL, tmp_path / "backups")
    DemoDataService(services.context).make_demo_database(5, 1)
    yield services
    services.context.database.dispose()


def _add_note(services, words: str) -> None:
    # Written by hand: demo data hands out its own ids without moving the server's sequences.
    with services.context.database.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO notes (id, family_id, author_id, written_at, text) SELECT "
            "(SELECT COALESCE(MAX(id), 0) + 1 FROM notes), 1, 1, now(), :words"),
            {"words": words})


def _count(services, sql: str) -> int:
    with services.context.database.reading() as conn:
        return conn.execute(text(sql)).scalar()


def test_a_server_backup_is_restored_whole_and_the_data_before_is_kept(server, tmp_path):
    engine = server.context.database.engine
    dump = backup_tables(engine, tmp_path / "backups", MANUAL)
    families = _count(server, "SELECT count(*) FROM families")
    entries = _count(server, "SELECT count(*) FROM audit_entries")
    _add_note(server, "Written after the backup")
    kept = restore_tables(engine, dump, tmp_path / "backups")
    assert _count(server, "SELECT count(*) FROM notes WHERE text = 'Written after the "
                          "backup'") == 0
    assert _count(server, "SELECT count(*) FROM families") == families
    assert _count(server, "SELECT count(*) FROM audit_entries") == entries
    assert kept.exists() and kept.stat().st_mode & 0o777 == 0o600
    # New rows get new ids after the restore (the sequences were moved on).
    admin = server.users.trusted_actor("admin")
    family = server.caseload.families(admin)[0].family_id
    server.milestones.add_note(admin, family, "Written after the restore")


def test_a_server_backup_that_fails_its_check_changes_nothing(server, tmp_path):
    engine = server.context.database.engine
    dump = backup_tables(engine, tmp_path / "backups", MANUAL)
    _add_note(server, "Still here")
    with pytest.raises(DatabaseProblem, match="tampered with"):
        restore_tables(engine, dump, tmp_path / "backups", check=lambda _conn: "entry 3")
    assert _count(server, "SELECT count(*) FROM notes WHERE text = 'Still here'") == 1
