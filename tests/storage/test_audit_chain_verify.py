"""The audit chain's verifier finds each kind of tampering and names the first bad entry.

Each test tampers with a copy of one chained database through raw SQL, as someone with the
file and the sqlite3 tool could, dropping the append-only triggers first where they would
refuse the change.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime

import pytest

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.services import audit
from plo_tracker.services.actor import SYSTEM
from plo_tracker.storage.audit_chain import GENESIS, entry_hash, verify_chain
from plo_tracker.storage.engine import make_engine, sqlite_url
from tests.support import open_test_database

# About SQLite files themselves (copies, raw SQL, damage, modes); the team server's
# own cases are in their PostgreSQL tests.
pytestmark = pytest.mark.sqlite_only

ENTRIES = 10
ACTIONS = [AuditAction.FAMILY_VIEW, AuditAction.NOTE, AuditAction.LETTER_OPEN,
           AuditAction.EXPORT, AuditAction.SETTINGS_SAVE]


@pytest.fixture(scope="module")
def chained(tmp_path_factory):
    """A database whose log holds exactly ENTRIES chained entries (ids 1 to 10)."""
    folder = tmp_path_factory.mktemp("chained")
    services = open_test_database(folder)
    with services.context.database.unit_of_work() as session:
        for number in range(ENTRIES):
            audit.record(session, SYSTEM, ACTIONS[number % len(ACTIONS)], "family",
                         number, number, after={"number": number})
    services.context.database.dispose()
    return folder / "tracker.sqlite3"


@pytest.fixture
def copy(chained, tmp_path):
    path = tmp_path / "copy.sqlite3"
    shutil.copyfile(chained, path)
    return path


def _tamper(path, *statements: str, params: tuple = ()) -> None:
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER IF EXISTS audit_entries_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_entries_no_delete")
    for statement in statements:
        conn.execute(statement, params if "?" in statement else ())
    conn.commit()
    conn.close()


def _verify(path):
    engine = make_engine(sqlite_url(path))
    try:
        with engine.connect() as conn:
            return verify_chain(conn)
    finally:
        engine.dispose()


def _row(path, entry_id: int) -> tuple:
    conn = sqlite3.connect(path)
    row = conn.execute("SELECT id, occurred_at, user_id, username, action, entity, entity_id, "
                       "family_id, before, after, entry_hash FROM audit_entries WHERE id = ?",
                       (entry_id,)).fetchone()
    conn.close()
    return row


def _hash_of(previous: str, row: tuple) -> str:
    when = datetime.fromisoformat(row[1]).replace(tzinfo=UTC)
    return entry_hash(previous, row[0], when, *row[2:10])


def test_an_untouched_log_is_intact(copy):
    result = _verify(copy)
    assert (result.intact, result.entries, result.bad) == (True, ENTRIES, None)


def test_an_empty_log_is_intact(tmp_path):
    services = open_test_database(tmp_path)
    with services.context.database.reading() as conn:
        result = verify_chain(conn)
    services.context.database.dispose()
    assert (result.intact, result.entries) == (True, 0)


def test_an_edited_field_is_named(copy):
    _tamper(copy, "UPDATE audit_entries SET username = 'someone' WHERE id = 4")
    result = _verify(copy)
    assert not result.intact
    assert result.bad.entry_id == 4
    assert result.bad.action == AuditAction.EXPORT.code  # the fourth entry recorded
    assert "changed after it was written" in result.bad.problem
    assert result.entries == 3  # entries 1 to 3 verified before it


def test_an_edited_time_is_named(copy):
    _tamper(copy, "UPDATE audit_entries SET occurred_at = '2020-01-01 09:00:00.000000' "
                  "WHERE id = 7")
    bad = _verify(copy).bad
    assert bad.entry_id == 7
    assert bad.occurred_at == datetime(2020, 1, 1, 9, 0, tzinfo=UTC)


def test_an_entry_deleted_from_the_middle_is_named(copy):
    _tamper(copy, "DELETE FROM audit_entries WHERE id = 5")
    bad = _verify(copy).bad
    assert bad.entry_id == 5
    assert (bad.occurred_at, bad.action) == (None, None)
    assert "Entry 5 is gone from before entry 6" in bad.problem


def test_two_entries_reordered_are_named(copy):
    _tamper(copy, "UPDATE audit_entries SET id = -1 WHERE id = 3",
            "UPDATE audit_entries SET id = 3 WHERE id = 6",
            "UPDATE audit_entries SET id = 6 WHERE id = -1")
    bad = _verify(copy).bad
    assert bad.entry_id == 3
    assert "moved" in bad.problem


def test_the_tail_cut_off_is_found(copy):
    _tamper(copy, "DELETE FROM audit_entries WHERE id > 7")
    result = _verify(copy)
    assert result.bad.entry_id == 8
    assert "ends at entry 7 but the app wrote up to entry 10" in result.bad.problem
    assert result.entries == 7


def test_an_entry_forged_in_the_middle_is_named(copy):
    # The real entry 6 is replaced by one saying something else, with a made-up hash.
    _tamper(copy, "DELETE FROM audit_entries WHERE id = 6",
            "INSERT INTO audit_entries (id, occurred_at, user_id, username, action, entity, "
            "entity_id, family_id, before, after, entry_hash) VALUES (6, "
            "'2026-12-01 10:00:00.000000', NULL, 'system', 'export', 'families', NULL, NULL, "
            "NULL, NULL, ?)", params=("ab" * 32,))
    assert _verify(copy).bad.entry_id == 6


def test_a_forgery_with_a_well_made_hash_breaks_the_link_to_the_next(copy):
    # A forger who knows the hash function chains entry 6 to entry 5 correctly; entry 7
    # then no longer follows from it, and the break is named there.
    previous = _row(copy, 5)[10]
    forged = (6, "2026-12-01 10:00:00.000000", None, "system", "export", "families", None,
              None, None, None)
    _tamper(copy, "DELETE FROM audit_entries WHERE id = 6",
            "INSERT INTO audit_entries (id, occurred_at, user_id, username, action, entity, "
            "entity_id, family_id, before, after, entry_hash) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", params=(*forged, _hash_of(previous, forged)))
    bad = _verify(copy).bad
    assert bad.entry_id == 7
    assert "the entry before it was replaced" in bad.problem


def test_an_entry_appended_by_hand_is_named(copy):
    # Even with a hash chained correctly to the last entry: the head still ends at 10.
    previous = _row(copy, ENTRIES)[10]
    extra = (11, "2026-12-01 10:00:00.000000", None, "admin", "family.view", "family", 1, 1,
             None, None)
    _tamper(copy, "INSERT INTO audit_entries (id, occurred_at, user_id, username, action, "
                  "entity, entity_id, family_id, before, after, entry_hash) VALUES "
                  "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", params=(*extra, _hash_of(previous, extra)))
    bad = _verify(copy).bad
    assert (bad.entry_id, bad.action) == (11, "family.view")
    assert "added after entry 10" in bad.problem


@pytest.mark.parametrize("change", [
    "UPDATE audit_chain_head SET last_hash = '" + "f" * 64 + "'",
    "UPDATE audit_chain_head SET entries = entries + 1",
], ids=["hash", "count"])
def test_an_edited_head_is_found(copy, change):
    _tamper(copy, change)
    bad = _verify(copy).bad
    assert bad.entry_id == ENTRIES
    assert "the head was changed" in bad.problem


def test_the_head_and_the_tail_cut_together_are_found(copy):
    # Cutting the tail and moving the head back to match needs the last kept hash too.
    _tamper(copy, "DELETE FROM audit_entries WHERE id > 8",
            "UPDATE audit_chain_head SET last_entry_id = 8, entries = 8")
    bad = _verify(copy).bad
    assert bad.entry_id == 8 and "not the one the chain's head holds" in bad.problem


def test_triggers_that_do_nothing_do_not_hide_an_edit(copy):
    conn = sqlite3.connect(copy)
    conn.executescript("""
        DROP TRIGGER audit_entries_no_update;
        DROP TRIGGER audit_entries_no_delete;
        CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
            BEGIN SELECT 1; END;
        CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
            BEGIN SELECT 1; END;
    """)
    conn.execute("UPDATE audit_entries SET after = NULL WHERE id = 2")
    conn.commit()
    conn.close()
    assert _verify(copy).bad.entry_id == 2


def test_an_entry_with_no_hash_is_named(copy):
    _tamper(copy, "UPDATE audit_entries SET entry_hash = NULL WHERE id = 9")
    bad = _verify(copy).bad
    assert bad.entry_id == 9 and "has no hash" in bad.problem


def test_a_missing_head_is_found(copy):
    _tamper(copy, "DELETE FROM audit_chain_head")
    result = _verify(copy)
    assert not result.intact and "head" in result.bad.problem


def test_the_first_entry_chains_from_genesis(copy):
    first = _row(copy, 1)
    assert first[10] == _hash_of(GENESIS, first)


@pytest.mark.parametrize("values", [
    ["a" * 64, 1, "2026-12-01T09:00:00.000000Z", None, "sam", "family.view", "family", 3, 3,
     None, None],
    ["b", 2**40, "t", 7, "Zoë \u00e9\u4e2d \"quoted\" back\\slash\ttab\nline\x00\x1f\u2028",
     "x", "y", -1, 0, '{"a": "\u00a3"}', "{}"],
    [1.5, float("inf"), True, False, [], {}],
], ids=["usual", "awkward-text", "other-types"])
def test_the_canonical_text_is_json_dumps(values):
    import json

    from plo_tracker.storage.audit_chain import canonical_json

    assert canonical_json(values) == json.dumps(values, ensure_ascii=False,
                                                separators=(",", ":"))


@pytest.mark.parametrize("value", ["x'00ff'", "'not a time'", "12", "'2026-12-01 09:00:00'"])
def test_a_time_changed_to_anything_is_named_not_a_crash(copy, value):
    _tamper(copy, f"UPDATE audit_entries SET occurred_at = {value} WHERE id = 5")
    assert _verify(copy).bad.entry_id == 5
