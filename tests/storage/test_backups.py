"""Backups: consistent copies while in use, in the backups folder beside the database, kept
under a count per kind, and readable by their owner only."""

from __future__ import annotations

import gzip
import json
import sqlite3
import stat
from datetime import UTC, datetime, timedelta

import pytest

from plo_tracker import paths
from plo_tracker.session import choose_location, daily_backups_kept, open_database
from plo_tracker.storage import backup
from plo_tracker.storage.engine import sqlite_url
from plo_tracker.storage.restore import verify_sqlite_backup

from .safety_helpers import copy_of, count_rows, make_demo_file

# About SQLite files themselves (copies, raw SQL, damage, modes); the team server's
# own cases are in their PostgreSQL tests.
pytestmark = pytest.mark.sqlite_only


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_demo_file(tmp_path_factory.mktemp("backup-template"))


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_backup_taken_while_a_write_is_open_holds_what_was_committed_and_opens(
        template, tmp_path):
    db = copy_of(template, tmp_path / "data")
    services = open_database(sqlite_url(db), tmp_path / "data" / "backups")
    families = count_rows(db, "families")
    # The window has it open, and another program is part-way through a change.
    writer = sqlite3.connect(db)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM notes")
    try:
        made = backup.backup_sqlite(db, tmp_path / "data" / "backups", backup.MANUAL)
    finally:
        writer.rollback()
        writer.close()
        services.context.database.dispose()
    assert made.parent == tmp_path / "data" / "backups"
    assert made.name.startswith("cases-manual-") and made.suffix == ".sqlite3"
    assert verify_sqlite_backup(made, made)  # sound, ours, a revision we know
    assert count_rows(made, "families") == families
    assert count_rows(made, "notes") == count_rows(db, "notes") > 0
    assert count_rows(made, "generated_letters") == count_rows(db, "generated_letters")
    assert not list(made.parent.glob(".*partial"))


def test_backups_are_readable_by_their_owner_only(template, tmp_path):
    db = copy_of(template, tmp_path / "data")
    folder = tmp_path / "data" / "new-backups"
    made = backup.backup_sqlite(db, folder, backup.MANUAL)
    assert _mode(folder) == 0o700
    assert _mode(made) == 0o600


def test_the_backups_folder_is_the_one_beside_the_database(plo_home, tmp_path):
    assert choose_location(None, False).backups == paths.data_dir() / "backups"
    assert choose_location(None, True).backups == paths.demo_database().parent / "backups"
    elsewhere = tmp_path / "shared" / "cases.sqlite3"
    assert choose_location(str(elsewhere), False).backups == tmp_path / "shared" / "backups"


def test_daily_backups_are_taken_when_a_day_old_and_kept_to_their_count(template, tmp_path):
    db = copy_of(template, tmp_path / "data")
    folder = tmp_path / "data" / "backups"
    services = open_database(sqlite_url(db), folder)
    try:
        first = services.backups.daily(folder, keep=3)
        assert first.made is not None and first.removed == ()
        again = services.backups.daily(folder, keep=3)
        assert again.made is None  # the newest is less than a day old
        # Five older daily backups, a day apart, and one before an upgrade and one by hand.
        now = datetime.now(UTC)
        for days in range(2, 7):
            stamp = (now - timedelta(days=days)).strftime("%Y%m%dT%H%M%SZ")
            (folder / f"cases-daily-{stamp}.sqlite3").write_bytes(first.made.read_bytes())
        (folder / "cases-manual-20200101T000000Z.sqlite3").write_bytes(b"kept")
        (folder / "cases-before-upgrade-from-0004-20200101T000000Z.sqlite3").write_bytes(b"k")
        later = services.backups.daily(folder, keep=3, now=now + timedelta(days=1, minutes=1))
    finally:
        services.context.database.dispose()
    assert later.made is not None
    dailies = backup.backups_in(folder, backup.DAILY)
    assert [d.path for d in dailies][:2] == [later.made, first.made]
    assert len(dailies) == 3 and len(later.removed) == 4
    assert (folder / "cases-manual-20200101T000000Z.sqlite3").exists()
    assert (folder / "cases-before-upgrade-from-0004-20200101T000000Z.sqlite3").exists()


def test_upgrade_backups_are_kept_to_their_own_count(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in range(1, 9):
        (folder / f"cases-before-upgrade-from-0003-202601{day:02d}T000000Z.sqlite3").touch()
    (folder / "cases-daily-20260101T000000Z.sqlite3").touch()
    removed = backup.remove_old(folder, backup.UPGRADE, backup.UPGRADE_KEPT)
    assert sorted(p.name for p in removed) == [
        f"cases-before-upgrade-from-0003-202601{day:02d}T000000Z.sqlite3" for day in (1, 2, 3)]
    assert len(backup.backups_in(folder, backup.UPGRADE)) == 5
    assert (folder / "cases-daily-20260101T000000Z.sqlite3").exists()


def test_the_daily_count_comes_from_the_option_then_the_variable(monkeypatch):
    monkeypatch.delenv("PLO_TRACKER_DAILY_BACKUPS", raising=False)
    assert daily_backups_kept() == 14
    monkeypatch.setenv("PLO_TRACKER_DAILY_BACKUPS", "30")
    assert daily_backups_kept() == 30
    assert daily_backups_kept(7) == 7
    monkeypatch.setenv("PLO_TRACKER_DAILY_BACKUPS", "none")
    with pytest.raises(ValueError, match="whole number of at least 1, not 'none'"):
        daily_backups_kept()


def test_a_read_only_database_gets_no_daily_backup(template, tmp_path):
    db = copy_of(template, tmp_path / "data")
    db.chmod(0o444)
    services = open_database(sqlite_url(db), tmp_path / "data" / "backups")
    try:
        assert services.context.database.read_only
        assert services.backups.daily(tmp_path / "data" / "backups").made is None
    finally:
        services.context.database.dispose()
    assert not (tmp_path / "data" / "backups").exists()


def test_the_server_backup_writes_kept_letters_and_dates_as_text(template, tmp_path):
    db = copy_of(template, tmp_path / "data")
    _keep_a_letter(db, b"%PDF-1.7 \x00\xff")
    services = open_database(sqlite_url(db), tmp_path / "data" / "backups")
    try:
        made = backup.backup_tables(services.context.database.engine, tmp_path / "dump",
                                    backup.MANUAL)
    finally:
        services.context.database.dispose()
    assert _mode(made) == 0o600
    with gzip.open(made, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    tables = {r["table"] for r in rows}
    assert {"families", "audit_entries", "alembic_version", "generated_letters"} <= tables
    letters = [r["row"] for r in rows if r["table"] == "generated_letters"]
    assert [r["pdf"] for r in letters] == [{"base64": "JVBERi0xLjcgAP8="}]
    assert letters[0]["letter_date"] == "2026-11-26"


def _keep_a_letter(db, pdf: bytes) -> None:
    """A kept letter's row, written as the letters service stores one (PDF bytes and all)."""
    conn = sqlite3.connect(db)
    with conn:
        family, episode = conn.execute("SELECT family_id, id FROM episodes LIMIT 1").fetchone()
        conn.execute(
            "INSERT INTO generated_letters (family_id, episode_id, letter_type, "
            "template_version, recipient_name, letter_date, created_by, created_at, sha256, "
            "pages, pdf) VALUES (?, ?, 'lbp', 1, 'A Parent', '2026-11-26', 'admin', "
            "'2026-11-26 10:00:00.000000', ?, 1, ?)", (family, episode, "0" * 64, pdf))
    conn.close()
