"""`plo-tracker backup` and `restore`, run in-process as a user would type them, and the
modes of the files the app writes."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest

from plo_tracker.services.letter_files import write_letters
from plo_tracker.storage.backup import backups_in
from tests.storage.safety_helpers import copy_of, count_rows, damage, folder_state, make_demo_file
from tests.support.demo_cli import run_cli

# About SQLite files themselves (copies, raw SQL, damage, modes); the team server's
# own cases are in their PostgreSQL tests.
pytestmark = pytest.mark.sqlite_only


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_demo_file(tmp_path_factory.mktemp("cli-backup-template"))


@pytest.fixture
def db(template, tmp_path, plo_home):
    return copy_of(template, tmp_path / "office")


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, *argv)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _add_note(db: Path, text: str) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO notes (family_id, author_id, written_at, text) "
                     "SELECT id, 1, '2026-11-26 10:00:00', ? FROM families LIMIT 1", (text,))
    conn.close()


def _notes(db: Path, text: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM notes WHERE text = ?", (text,)).fetchone()[0]
    finally:
        conn.close()


def _last_audit(db: Path) -> tuple[str, str, str]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT action, username, after FROM audit_entries "
                            "ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        conn.close()


def _backup(capsys, db: Path) -> Path:
    code, out, err = _run(capsys, "--db", str(db), "--user", "admin", "backup")
    assert (code, err) == (0, ""), err
    made = backups_in(db.parent / "backups")[0].path
    documents = db.parent / f"{db.stem}-documents"
    assert out == (f"Backup written to {made} (readable by you only).\n"
                   f"Documents' files are not in the backup: back up the folder {documents} "
                   "too.\n")
    return made


def test_backup_then_restore_puts_the_backup_back_and_keeps_the_replaced_database(db, capsys):
    made = _backup(capsys, db)
    assert _mode(made) == 0o600 and _mode(made.parent) == 0o700
    assert _last_audit(db)[:2] == ("database.backup", "admin")
    _add_note(db, "Written after the backup")
    code, out, err = _run(capsys, "--db", str(db), "--user", "admin", "restore", str(made))
    assert (code, err) == (0, ""), err
    kept = next(db.parent.glob("cases-replaced-*.sqlite3"))
    assert out == (f"Restored cases.sqlite3 from {made.name}.\n"
                   f"The database it replaced is kept as {kept}.\n")
    assert _notes(db, "Written after the backup") == 0
    assert _notes(kept, "Written after the backup") == 1  # nothing is lost
    assert _mode(db) == 0o600 and _mode(kept) == 0o600
    action, who, after = _last_audit(db)
    assert (action, who) == ("database.restore", "admin")
    assert made.name in after and kept.name in after


def test_only_an_administrator_may_back_up_or_restore(db, capsys):
    made = _backup(capsys, db)
    before = folder_state(db.parent)
    for argv in (["backup"], ["restore", str(made)]):
        code, out, err = _run(capsys, "--db", str(db), "--user", "socialworker", *argv)
        assert code == 2 and out == ""
        assert "does not allow you to back up and restore the database" in err
    assert folder_state(db.parent).keys() == before.keys()


@pytest.mark.parametrize("spoil", ["damaged", "not ours", "newer", "not a database"])
def test_a_bad_backup_is_refused_before_anything_is_replaced(db, capsys, tmp_path, spoil):
    bad = copy_of(db, tmp_path / "bad", "cases-manual-20261126T100000Z.sqlite3")
    conn = sqlite3.connect(bad)
    if spoil == "not ours":
        conn.execute("PRAGMA application_id = 42")
    elif spoil == "newer":
        with conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    if spoil == "damaged":
        damage(bad)
    elif spoil == "not a database":
        bad.write_text("family names, one a line\n")
    before = folder_state(db.parent)
    code, out, err = _run(capsys, "--db", str(db), "--user", "admin", "restore", str(bad))
    assert code == 2 and out == ""
    assert err.startswith(f"plo-tracker: The backup {bad.name} cannot be restored: ")
    assert err.endswith("Nothing was changed.\n")
    assert {"damaged": "it is damaged (SQLite found: ", "not ours": "not a PLO Tracker",
            "newer": "newer version", "not a database": "not a PLO Tracker"}[spoil] in err
    assert folder_state(db.parent) == before  # byte for byte, and no copy left behind


def test_a_backup_whose_audit_log_was_edited_is_refused(db, capsys, tmp_path):
    bad = copy_of(db, tmp_path / "bad", "cases-manual-20261126T100000Z.sqlite3")
    conn = sqlite3.connect(bad)
    with conn:
        conn.execute("DROP TRIGGER IF EXISTS audit_entries_no_update")
        conn.execute("UPDATE audit_entries SET username = 'someone' WHERE id = 1")
    conn.close()
    before = folder_state(db.parent)
    code, _out, err = _run(capsys, "--db", str(db), "--user", "admin", "restore", str(bad))
    assert code == 2 and "audit log has been tampered with" in err
    assert folder_state(db.parent) == before


def test_a_database_in_use_is_not_replaced(db, capsys):
    made = _backup(capsys, db)
    window = sqlite3.connect(db)  # as the window holds it: WAL mode, a connection open
    window.execute("PRAGMA journal_mode = WAL")
    window.execute("SELECT count(*) FROM families").fetchone()
    try:
        code, _out, err = _run(capsys, "--db", str(db), "--user", "admin", "restore",
                               str(made))
    finally:
        window.close()
    assert code == 2
    assert "is in use" in err and "Nothing was changed" in err
    assert not list(db.parent.glob("cases-replaced-*"))
    assert not list(db.parent.glob(".*restoring"))


def test_a_damaged_database_is_restored_by_an_administrator_of_the_backup(db, capsys):
    made = _backup(capsys, db)
    damage(db)
    damaged = db.read_bytes()
    code, out, err = _run(capsys, "--db", str(db), "--user", "admin", "restore", str(made))
    assert (code, err) == (0, ""), err
    kept = next(db.parent.glob("cases-replaced-*.sqlite3"))
    assert kept.read_bytes() == damaged  # kept exactly as it was found
    assert count_rows(db, "families") == 30
    action, who, after = _last_audit(db)
    assert (action, who) == ("database.restore", "admin") and "the backup" in after
    code, _out, err = _run(capsys, "--db", str(db), "--user", "socialworker", "restore",
                           str(made))
    assert code == 2 and "does not allow you" in err


def test_the_daily_backup_command_takes_one_a_day(db, capsys):
    code, out, _err = _run(capsys, "--db", str(db), "backup", "--daily", "--keep", "2")
    assert code == 0 and out.startswith("Daily backup written to ")
    code, out, _err = _run(capsys, "--db", str(db), "backup", "--daily")
    assert out == "The newest daily backup is less than a day old; none was needed.\n"
    code, _out, err = _run(capsys, "--db", str(db), "backup", "--daily", "--keep", "0")
    assert code == 2 and "at least 1, not '0'" in err


def test_a_new_database_its_log_and_letters_are_readable_by_their_owner_only(
        tmp_path, capsys, plo_home, monkeypatch):
    db = tmp_path / "new" / "cases.sqlite3"
    monkeypatch.setenv("PLO_TRACKER_NEW_PASSWORD", "a long first password here")
    code, _out, err = _run(capsys, "--db", str(db), "users", "add", "--username", "admin",
                           "--name", "Ada Admin", "--role", "administrator")
    assert code == 0, err
    assert _mode(db) == 0o600 and _mode(db.parent) == 0o700
    for extra in ("-wal", "-shm"):
        made = db.with_name(db.name + extra)
        assert not made.exists() or _mode(made) == 0o600
    from plo_tracker.log import log_failure

    log = log_failure("a report with no personal data")
    assert _mode(log) == 0o600 and _mode(log.parent) == 0o700
    view = SimpleNamespace(file_name="lbp-letter.pdf", recipient_name="A Parent", pages=1)
    (tmp_path / "letters").mkdir()
    written = write_letters(tmp_path / "letters", [(view, b"%PDF-1.7")])
    assert _mode(written[0].path) == 0o600
