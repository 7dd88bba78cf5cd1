"""Every older schema kept under tests/fixtures upgrades to the current one, losing nothing."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from plo_tracker import __version__
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.services.health import HealthService
from plo_tracker.session import open_database
from plo_tracker.storage.audit_chain import GENESIS, entry_hash
from plo_tracker.storage.engine import sqlite_url
from plo_tracker.storage.schema import head_revision, inspect_database

# SQLite files of each released schema (a server: test_upgrade_on_postgresql.py).
pytestmark = pytest.mark.sqlite_only
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
OLD_SCHEMAS = sorted(FIXTURES.glob("schema-*.sqlite3"))


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def test_there_is_an_old_schema_to_upgrade_from():
    assert OLD_SCHEMAS, "keep a database of each released schema under tests/fixtures"


@pytest.mark.parametrize("fixture", OLD_SCHEMAS, ids=lambda p: p.stem)
def test_old_schema_upgrades_with_a_backup_and_every_row_kept(fixture, tmp_path):
    database = tmp_path / "cases.sqlite3"
    shutil.copy(fixture, database)
    before = _counts(database)
    old_revision = inspect_database(sqlite_url(database)).revision
    assert old_revision != head_revision()

    # Opened as the app opens it: migrated after a backup, and the due list rebuilt by the
    # current rules.
    services = open_database(sqlite_url(database), tmp_path / "backups")
    try:
        after = _counts(database)
        for table, count in before.items():
            if table != "due_items":  # worked out again by the current rules
                assert after[table] >= count, f"{table} lost rows in the upgrade"
        assert inspect_database(sqlite_url(database)).is_current
        findings = HealthService(services.context).check(inspect_database(sqlite_url(database)))
        assert all(f.ok for f in findings), [f.detail for f in findings if not f.ok]
    finally:
        services.context.database.dispose()

    backups = list((tmp_path / "backups").glob("*.sqlite3"))
    assert len(backups) == 1 and old_revision in backups[0].name
    assert _counts(backups[0]) == before


def _rows(path: Path, query: str) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


def test_0003_sets_who_receives_letters_and_the_decided_to_issue_stage(tmp_path):
    database = tmp_path / "cases.sqlite3"
    shutil.copy(FIXTURES / "schema-0002.sqlite3", database)
    before = _rows(database, "SELECT id, relationship, parental_responsibility FROM adults")
    waiting = _rows(database, "SELECT id FROM episodes WHERE stage = 'proceedings_issued' "
                              "AND court_application_date IS NULL")
    assert waiting, "the 0002 fixture holds a family decided to issue without an application"
    services = open_database(sqlite_url(database), tmp_path / "backups")
    services.context.database.dispose()
    receives = dict(_rows(database, "SELECT id, receives_letters FROM adults"))
    for adult_id, relationship, pr in before:
        parent = relationship.strip().lower() in ("mother", "father")
        assert receives[adult_id] == (1 if pr or parent else 0), relationship
    assert any(not pr and rel == "father" for _i, rel, pr in before), \
        "the fixture holds a father without parental responsibility"
    stages = dict(_rows(database, "SELECT id, stage FROM episodes"))
    assert {stages[episode_id] for (episode_id,) in waiting} == {"decided_to_issue"}
    acted = _rows(database, "SELECT count(*) FROM due_items WHERE act_by IS NULL OR "
                            "act_by > due_date")
    assert acted == [(0,)]


def test_the_entries_written_before_the_chain_are_sealed_by_the_upgrade(tmp_path):
    """Release 0.2.0 (schema 0004) wrote 19 entries with no hashes; the upgrade chains them,
    oldest first, and the head holds the last hash and the count."""
    database = tmp_path / "cases.sqlite3"
    shutil.copy(FIXTURES / "schema-0004.sqlite3", database)
    open_database(sqlite_url(database), tmp_path / "backups").context.database.dispose()
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT id, occurred_at, user_id, username, action, entity, entity_id, family_id, "
            "before, after, entry_hash FROM audit_entries ORDER BY id").fetchall()
        head = conn.execute("SELECT last_entry_id, last_hash, entries FROM audit_chain_head"
                            ).fetchone()
    finally:
        conn.close()
    # Opening it also gives it this release's shipped letter templates, each audited by
    # PLO Tracker after the 19 entries the old release wrote.
    upgraded = [row for row in rows[19:] if row[3:5] == ("system", "template.save")]
    assert len(upgraded) == len(rows) - 19 == len(
        [t for t in LetterType if t.template_version > 1])
    previous = GENESIS
    for entry_id, when, *fields, stored in rows:
        previous = entry_hash(previous, entry_id, datetime.fromisoformat(when), *fields)
        assert stored == previous, f"entry {entry_id} was not sealed in order"
    assert head == (rows[-1][0], previous, len(rows))


def test_0008_adds_supporters_and_translated_copies_and_the_new_shipped_letters(tmp_path):
    """Release 0.6.0 (schema 0007): every adult keeps their needs with no supporter named
    yet, the kept letters stay as they were, and the four letters that give the meeting
    get this release's shipped wording (naming who supports the reader), standard and
    Easy Read alike; the others keep the version they had."""
    database = tmp_path / "cases.sqlite3"
    shutil.copy(FIXTURES / "schema-0007.sqlite3", database)
    adults = _rows(database, "SELECT id, needs_advocate, needs_intermediary FROM adults "
                             "ORDER BY id")
    letters = _rows(database, "SELECT id, sha256, pdf FROM generated_letters ORDER BY id")
    assert letters and any(advocate or intermediary for _i, advocate, intermediary in adults)
    open_database(sqlite_url(database), tmp_path / "backups").context.database.dispose()

    assert _rows(database, "SELECT id, needs_advocate, needs_intermediary FROM adults "
                           "ORDER BY id") == adults
    assert _rows(database, "SELECT count(*) FROM adults WHERE advocate_name IS NOT NULL "
                           "OR intermediary_name IS NOT NULL") == [(0,)]
    assert _rows(database, "SELECT id, sha256, pdf FROM generated_letters ORDER BY id") == letters
    assert _rows(database, "SELECT count(*) FROM letter_translations") == [(0,)]
    newest = dict(_rows(database, "SELECT letter_type, max(version) FROM letter_templates "
                                  "GROUP BY letter_type"))
    assert newest == {
        "lbp": 3, "lbp-unborn": 3, "ppm-invite": 3, "review-invite": 3,
        "issue": 2, "step-down": 2, "extension": 2, "agreement": 1,
        "lbp-easy-read": 2, "lbp-unborn-easy-read": 2, "ppm-invite-easy-read": 2,
        "review-invite-easy-read": 2, "issue-easy-read": 1, "step-down-easy-read": 1,
        "extension-easy-read": 1}
    notes = _rows(database, "SELECT DISTINCT note FROM letter_templates WHERE version = 3")
    assert notes == [(f"New shipped default ({__version__}): shorter, plainer; names who "
                      "supports the reader at meetings.",)]
