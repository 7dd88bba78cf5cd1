"""A team server's backup (gzipped JSON lines) restored in one checked transaction.

These run in the PostgreSQL half of the test line, each on a database of its own.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from plo_tracker.services.demo_data import DemoDataService
from plo_tracker.session import open_database
from plo_tracker.storage.backup import MANUAL, backup_tables
from plo_tracker.storage.errors import DatabaseProblem
from plo_tracker.storage.restore import restore_tables
from tests.support.backends import database_url

pytestmark = pytest.mark.postgresql_only


@pytest.fixture
def server(tmp_path):
    services = open_database(database_url(tmp_path, "server"), tmp_path / "backups")
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
