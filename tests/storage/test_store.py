"""The append-only audit log, the integrity checks and the unit of work."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import DatabaseError, IntegrityError

from plo_tracker.storage.engine import sqlite_path
from plo_tracker.storage.integrity import storage_findings
from plo_tracker.storage.models import AuditEntry, Child, DatabaseFact, User
from plo_tracker.storage.schema import prepare_database
from plo_tracker.storage.unit_of_work import Database
from tests.support.backends import database_url

WHEN = datetime(2026, 11, 26, 12, tzinfo=UTC)


@pytest.fixture
def database(tmp_path):
    url = database_url(tmp_path, "tracker")
    db = Database(prepare_database(url, tmp_path / "backups"))
    yield db
    db.dispose()


def _audit_entry(db: Database) -> int:
    with db.unit_of_work() as session:
        entry = AuditEntry(occurred_at=WHEN, user_id=None, username="system",
                           action="user.create", entity="user", entity_id=1, family_id=None,
                           before=None, after='{"username": "admin"}')
        session.add(entry)
        session.flush()
        return entry.id


def _audit_rows(db: Database) -> list[tuple]:
    with db.reading() as conn:
        return [tuple(r) for r in conn.execute(select(AuditEntry.__table__))]


# -- the audit log -----------------------------------------------------------------------------

def test_audit_entries_cannot_be_updated(database):
    entry_id = _audit_entry(database)
    before = _audit_rows(database)
    with pytest.raises(DatabaseError, match="append-only"), database.engine.begin() as conn:
        conn.execute(update(AuditEntry).where(AuditEntry.id == entry_id)
                     .values(username="someone-else"))
    assert _audit_rows(database) == before


def test_audit_entries_cannot_be_deleted(database):
    _audit_entry(database)
    before = _audit_rows(database)
    with pytest.raises(DatabaseError, match="append-only"), database.engine.begin() as conn:
        conn.execute(delete(AuditEntry))
    assert _audit_rows(database) == before


@pytest.mark.postgresql_only
def test_the_audit_log_cannot_be_truncated_on_a_server(database):
    # TRUNCATE fires no row trigger; a statement trigger of its own refuses it.
    with pytest.raises(DatabaseError, match="append-only"), database.engine.begin() as conn:
        conn.exec_driver_sql("TRUNCATE audit_entries")


def test_audit_entries_cannot_be_changed_through_the_orm_either(database):
    entry_id = _audit_entry(database)
    before = _audit_rows(database)
    with pytest.raises(DatabaseError, match="append-only"), \
            database.unit_of_work() as session:
        session.get(AuditEntry, entry_id).action = "user.delete"
    assert _audit_rows(database) == before


def test_audit_entries_can_be_appended(database):
    _audit_entry(database)
    _audit_entry(database)
    assert len(_audit_rows(database)) == 2


# -- integrity findings ------------------------------------------------------------------------

def test_a_fresh_database_passes_every_check(database):
    with database.reading() as conn:
        findings = storage_findings(conn)
    assert [f.check for f in findings] == ["integrity", "links", "audit log"]
    assert all(f.ok for f in findings), findings


def _raw(db: Database) -> sqlite3.Connection:
    path = sqlite_path(str(db.engine.url))
    assert path is not None
    return sqlite3.connect(path)


@pytest.mark.sqlite_only
def test_a_broken_link_is_reported(database):
    database.engine.dispose()
    raw = _raw(database)
    try:
        raw.execute("PRAGMA foreign_keys = OFF")  # as a careless tool would
        raw.execute("INSERT INTO children (family_id, first_name, last_name, sex, "
                    "cp_plan_status, cp_plan_count) VALUES (999, 'Ada', 'Stone', 'female', "
                    "'none', 0)")
        raw.commit()
    finally:
        raw.close()
    with database.reading() as conn:
        findings = {f.check: f for f in storage_findings(conn)}
    assert not findings["links"].ok
    assert findings["links"].detail == "1 records point to records that do not exist."
    assert findings["integrity"].ok and findings["audit log"].ok


@pytest.mark.sqlite_only
def test_missing_audit_protection_is_reported(database):
    with database.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_entries_no_delete")
    with database.reading() as conn:
        findings = {f.check: f for f in storage_findings(conn)}
    assert not findings["audit log"].ok
    assert "protection against changes is missing" in findings["audit log"].detail


@pytest.mark.postgresql_only
@pytest.mark.parametrize(("switch_off", "check", "detail"), [
    ("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only", "audit log",
     "The audit log's protection against changes is missing or was replaced: entries can be "
     "changed or deleted without the app."),
    ("DROP TRIGGER audit_entries_no_truncate ON audit_entries", "audit log",
     "The audit log's protection against changes is missing or was replaced: entries can be "
     "changed or deleted without the app."),
    ("ALTER TABLE children DROP CONSTRAINT fk_children_family_id_families, "
     "ADD CONSTRAINT fk_children_family_id_families FOREIGN KEY (family_id) "
     "REFERENCES families (id) NOT VALID", "links",
     "1 links between records are no longer checked by the server."),
])
def test_protection_switched_off_on_the_server_is_reported(database, switch_off, check,
                                                          detail):
    with database.engine.begin() as conn:
        conn.exec_driver_sql(switch_off)
    with database.reading() as conn:
        findings = {f.check: f for f in storage_findings(conn)}
    assert (findings[check].ok, findings[check].detail) == (False, detail)
    assert all(f.ok for name, f in findings.items() if name != check)


def test_foreign_keys_are_enforced_through_the_engine(database):
    with pytest.raises(IntegrityError), database.engine.begin() as conn:
        conn.execute(insert(Child).values(
            family_id=999, first_name="Ada", last_name="Stone", sex="female",
            cp_plan_status="none", cp_plan_count=0))
    with database.reading() as conn:
        assert conn.execute(select(func.count(Child.id))).scalar() == 0


# -- the unit of work --------------------------------------------------------------------------

def _facts(db: Database) -> dict[str, str]:
    with db.reading() as conn:
        return dict(conn.execute(select(DatabaseFact.key, DatabaseFact.value)).all())


def test_unit_of_work_commits_on_success(database):
    with database.unit_of_work() as session:
        session.add(DatabaseFact(key="demo", value="true"))
    assert _facts(database) == {"demo": "true"}


def test_unit_of_work_rolls_back_everything_on_an_exception(database):
    with pytest.raises(RuntimeError, match="stop"), database.unit_of_work() as session:
        session.add(DatabaseFact(key="demo", value="true"))
        session.add(User(username="ada", display_name="Ada Stone", role="administrator",
                         active=True, created_at=WHEN))
        session.flush()  # the rows reach the database inside the transaction
        raise RuntimeError("stop")
    assert _facts(database) == {}
    with database.reading() as conn:
        assert conn.execute(select(func.count(User.id))).scalar() == 0


def test_unit_of_work_rolls_back_earlier_writes_when_a_later_one_fails(database):
    with database.unit_of_work() as session:
        session.add(DatabaseFact(key="demo", value="true"))
    with pytest.raises(IntegrityError), database.unit_of_work() as session:
        session.add(DatabaseFact(key="seed", value="1"))
        session.flush()
        session.add(DatabaseFact(key="demo", value="again"))  # duplicate key
    assert _facts(database) == {"demo": "true"}
