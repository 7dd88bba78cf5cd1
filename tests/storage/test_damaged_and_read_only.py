"""A damaged database opens read-only and is never written to; reading never writes; a
read-only file (or folder) can be browsed."""

from __future__ import annotations

import shutil

import pytest

from plo_tracker.services.actor import SYSTEM
from plo_tracker.session import open_database
from plo_tracker.storage.engine import sqlite_url
from plo_tracker.storage.errors import DatabaseProblem, ReadOnlyDatabase
from plo_tracker.storage.integrity import quick_check
from tests.support.demo_cli import run_cli

from .safety_helpers import copy_of, damage, folder_state, make_demo_file

# About SQLite files themselves (copies, raw SQL, damage, modes); the team server's
# own cases are in their PostgreSQL tests.
pytestmark = pytest.mark.sqlite_only


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_demo_file(tmp_path_factory.mktemp("damage-template"), families=40)


def _families(db, backups):
    services = open_database(sqlite_url(db), backups)
    try:
        return services, services.caseload.families(SYSTEM)
    finally:
        services.context.database.dispose()


def test_opening_a_current_database_and_listing_families_writes_nothing(template, tmp_path):
    db = copy_of(template, tmp_path / "data")
    before = folder_state(db.parent)
    services, families = _families(db, db.parent / "backups")
    assert len(families) == 40 and not services.context.database.read_only
    assert folder_state(db.parent) == before  # the file, byte for byte, and no new files


def test_a_damaged_database_opens_read_only_and_nothing_is_written_to_it(template, tmp_path):
    db = copy_of(template, tmp_path / "data")
    good = copy_of(template, db.parent / "backups", "cases-daily-20261125T180000Z.sqlite3")
    damage(db)
    assert quick_check(db)  # SQLite sees the damage
    before = folder_state(db.parent)
    services = open_database(sqlite_url(db), db.parent / "backups")
    try:
        reason = services.context.database.read_only_reason
        assert reason is not None
        assert reason.startswith("The database cases.sqlite3 is damaged (SQLite found: ")
        assert "nothing was written to it" in reason
        assert f'plo-tracker restore "{good}"' in reason  # the way back, naming the backup
        with pytest.raises(ReadOnlyDatabase) as refused, \
                services.context.database.unit_of_work():
            pass  # every change is refused before it starts
        assert refused.value.message == reason
        assert services.backups.daily(db.parent / "backups").made is None
    finally:
        services.context.database.dispose()
    assert folder_state(db.parent) == before


def test_the_command_line_says_a_database_is_damaged_and_writes_nothing(template, tmp_path,
                                                                       capsys, plo_home):
    db = copy_of(template, tmp_path / "data")
    damage(db)
    before = folder_state(db.parent)
    code, out, err = run_cli(capsys, "--db", str(db), "--user", "admin", "families")
    assert "plo-tracker: The database cases.sqlite3 is damaged" in err
    assert "Traceback" not in out + err
    assert code == 0  # signing in on a read-only database checks the password, writes nothing
    assert folder_state(db.parent) == before


def test_a_damaged_database_that_needs_upgrading_is_refused_untouched(tmp_path):
    old = tmp_path / "old.sqlite3"
    shutil.copyfile("tests/fixtures/schema-0004.sqlite3", old)
    damage(old)
    assert quick_check(old)  # SQLite sees the damage
    before = folder_state(tmp_path)
    with pytest.raises(DatabaseProblem) as refused:
        open_database(sqlite_url(old), tmp_path / "backups")
    assert "is damaged" in refused.value.message and "Nothing was changed" in refused.value.message
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize("where", ["file", "folder"])
def test_a_read_only_file_or_folder_can_be_browsed_and_nothing_is_made_there(
        template, tmp_path, where):
    db = copy_of(template, tmp_path / "data")
    (db if where == "file" else db.parent).chmod(0o444 if where == "file" else 0o555)
    before = folder_state(db.parent)
    try:
        services, families = _families(db, db.parent / "backups")
        reason = services.context.database.read_only_reason
        assert len(families) == 40
        assert reason is not None and "can only be read" in reason
        assert ("marked read-only" if where == "file" else "folder cannot be written") in reason
        assert folder_state(db.parent) == before
    finally:
        db.parent.chmod(0o755)


def test_the_quick_check_passes_a_sound_file_and_makes_no_file_beside_it(template, tmp_path):
    # Its time on 10,000 families is benchmarks/bench_backup.py's to print.
    db = copy_of(template, tmp_path / "data")
    before = folder_state(db.parent)
    assert quick_check(db) == []
    assert folder_state(db.parent) == before


def test_families_and_due_can_be_listed_from_a_read_only_file(template, tmp_path, capsys,
                                                             plo_home):
    db = copy_of(template, tmp_path / "data")
    db.chmod(0o444)
    before = folder_state(db.parent)
    code, out, err = run_cli(capsys, "--db", str(db), "--user", "admin", "families")
    assert err.startswith("plo-tracker: The database cases.sqlite3 can only be read (the file "
                          "is marked read-only)")
    assert folder_state(db.parent) == before
    assert code == 0 and out.rstrip().endswith("40 families")
    code, out, _err = run_cli(capsys, "--db", str(db), "--user", "admin", "due")
    assert code == 0 and "items due or overdue" in out
    assert folder_state(db.parent) == before
