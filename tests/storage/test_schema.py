"""Creating, migrating and refusing databases: nothing is written to a file that is not ours."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, Table, inspect, text

from plo_tracker.storage import schema
from plo_tracker.storage.engine import APPLICATION_ID, make_engine, sqlite_path, sqlite_url
from plo_tracker.storage.errors import DatabaseProblem
from plo_tracker.storage.models import Base
from plo_tracker.storage.schema import head_revision, inspect_database, prepare_database
from tests.support.backends import empty_database_url


@pytest.fixture
def migrated(tmp_path):
    """A database migrated from empty; yields (url, engine) and disposes the engine."""
    url = empty_database_url(tmp_path, "tracker")
    engine = prepare_database(url, tmp_path / "backups")
    yield url, engine
    engine.dispose()


def _revision_in_file(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def _table_names(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


# -- migrating from empty ----------------------------------------------------------------------

def test_migrating_from_empty_creates_every_table_of_the_models(migrated, tmp_path):
    url, engine = migrated
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    assert tables == set(Base.metadata.tables) | {"alembic_version"}
    assert {"families", "episodes", "audit_entries", "due_items", "users"} <= tables
    assert revision == head_revision()
    state = inspect_database(url)
    assert state.is_current and not state.is_empty
    # A brand-new database has nothing to back up.
    assert not (tmp_path / "backups").exists()


def test_autogenerate_finds_no_difference_between_migrations_and_models(migrated):
    _url, engine = migrated
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_autogenerate_comparison_would_notice_a_missing_table(migrated):
    # Guards the test above: the same comparison does report a difference when there is one.
    _url, engine = migrated
    extra = MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(extra)
    Table("not_migrated", extra, Column("id", Integer, primary_key=True))
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), extra)
    assert [d[0] for d in diff] == ["add_table"]
    assert diff[0][1].name == "not_migrated"


@pytest.mark.sqlite_only
def test_sqlite_file_is_marked_ours_with_foreign_keys_and_wal(migrated):
    url, engine = migrated
    path = sqlite_path(url)
    assert path is not None
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA application_id").scalar() == 0x504C4F54
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        # 20 seconds: how long a change waits for another user's write (lock_wait tests).
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 20_000
    # Once the last connection closes the WAL is checkpointed into the file's own header,
    # which is what another program (or inspect_database) reads first.
    engine.dispose()
    header = path.read_bytes()[:100]
    assert header[:16] == b"SQLite format 3\x00"
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID == 0x504C4F54
    assert header[18:20] == b"\x02\x02"  # file format versions 2 = WAL


def test_preparing_a_current_database_again_neither_migrates_nor_backs_up(migrated, tmp_path):
    url, engine = migrated
    engine.dispose()
    again = prepare_database(url, tmp_path / "backups")
    again.dispose()
    assert not (tmp_path / "backups").exists()
    assert inspect_database(url).is_current


@pytest.mark.sqlite_only
def test_a_missing_or_empty_file_counts_as_empty(tmp_path):
    missing = tmp_path / "none.sqlite3"
    assert inspect_database(sqlite_url(missing)).is_empty
    assert not missing.exists()  # looking does not create it
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    assert inspect_database(sqlite_url(empty)).is_empty


# -- refusing files that are not ours ----------------------------------------------------------

def _text_file(path: Path) -> None:
    path.write_text("Minutes of the legal gateway panel, 3 March 2026.\n" * 20, encoding="utf-8")


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(8192))


def _other_program(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, total REAL);
        INSERT INTO customers (name) VALUES ('Ada'), ('Grace');
    """)
    conn.close()


def _other_program_with_a_users_table(path: Path) -> None:
    # A table name we also use must not make a stranger's file look like ours.
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE users (id INTEGER PRIMARY KEY, login TEXT);
        CREATE TABLE posts (id INTEGER PRIMARY KEY, body TEXT);
        INSERT INTO users (login) VALUES ('ada');
    """)
    conn.close()


def _other_application_id(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 305419896")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()


def _damaged(path: Path) -> None:
    _other_program(path)
    data = bytearray(path.read_bytes())
    data[100:] = random.Random(3).randbytes(len(data) - 100)  # keep only the header
    path.write_bytes(bytes(data))


def _newer_version(path: Path) -> None:
    engine = prepare_database(sqlite_url(path), path.parent / "setup-backups")
    engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff9999newer'")
    conn.commit()
    conn.close()


REFUSED = [
    pytest.param(_text_file, "is not a PLO Tracker database", id="text-file"),
    pytest.param(_random_bytes, "is not a PLO Tracker database", id="random-bytes"),
    pytest.param(_other_program, "belongs to another program", id="other-program"),
    pytest.param(_other_program_with_a_users_table, "belongs to another program",
                 id="other-program-users-table"),
    pytest.param(_other_application_id, "belongs to another program", id="other-application-id"),
    pytest.param(_damaged, "is damaged", id="damaged"),
    pytest.param(_newer_version, "newer version of PLO Tracker", id="unknown-revision"),
]


@pytest.mark.sqlite_only
@pytest.mark.parametrize(("make", "says"), REFUSED)
def test_a_file_that_is_not_ours_is_refused_and_left_byte_for_byte(tmp_path, file_hash, make,
                                                                  says):
    path = tmp_path / "chosen.sqlite3"
    make(path)
    before = file_hash(path)
    url = sqlite_url(path)

    with pytest.raises(DatabaseProblem) as looked:
        inspect_database(url)
    with pytest.raises(DatabaseProblem) as opened:
        prepare_database(url, tmp_path / "backups")

    for problem in (looked.value, opened.value):
        assert says in problem.message
        assert "Nothing was changed" in problem.message
        assert path.name in problem.message
        assert str(tmp_path) not in problem.message  # names the file, not the folder
    assert file_hash(path) == before
    assert not (tmp_path / "backups").exists()


@pytest.mark.postgresql_only
def test_a_server_database_holding_another_programs_tables_is_refused_untouched(tmp_path):
    url = empty_database_url(tmp_path, "theirs")
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE users (id integer PRIMARY KEY, email text)"))
        with pytest.raises(DatabaseProblem) as refused:
            prepare_database(url, tmp_path / "backups")
        assert "holds tables of another program" in refused.value.message
        assert "plo_test:plo_test" not in refused.value.message  # never the password
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) == {"users"}
    finally:
        engine.dispose()
    assert not (tmp_path / "backups").exists()


# -- backups -----------------------------------------------------------------------------------

def _add_fact(engine, key: str, value: str) -> None:
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO database_facts (key, value) VALUES (:k, :v)"),
                     {"k": key, "v": value})


@pytest.mark.sqlite_only
def test_backup_sqlite_copies_an_open_database_including_uncheckpointed_writes(
    migrated, tmp_path, dump_database
):
    url, engine = migrated
    _add_fact(engine, "marker", "written before the backup")
    path = sqlite_path(url)
    assert path is not None
    # The engine still holds its connection, so the write may be only in the WAL file.
    copy = schema.backup_sqlite(path, tmp_path / "copies", "by-hand")

    assert copy.parent == tmp_path / "copies"
    assert copy.name.startswith("tracker-by-hand-") and copy.suffix == ".sqlite3"
    backup_engine = make_engine(sqlite_url(copy))
    try:
        assert dump_database(backup_engine) == dump_database(engine)
        assert (1, "marker", "written before the backup") in dump_database(backup_engine)[
            "database_facts"]
    finally:
        backup_engine.dispose()
    assert inspect_database(sqlite_url(copy)).is_current  # opens as one of ours


def test_backup_tables_writes_every_row_as_json_lines(migrated, tmp_path):
    import gzip
    import json

    _url, engine = migrated
    _add_fact(engine, "demo", "true")
    target = schema.backup_tables(engine, tmp_path / "copies", "server")
    with gzip.open(target, "rt", encoding="utf-8") as handle:
        lines = [json.loads(line) for line in handle]
    assert {"table": "database_facts", "row": {"key": "demo", "value": "true"}} in lines
    assert {"table": "alembic_version", "row": {"version_num": head_revision()}} in lines


_NEXT_REVISION = '''"""Test only: a revision after the shipped head, for an upgrade to run."""

import sqlalchemy as sa
from alembic import op

revision = "0002test"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("upgrade_marker", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("upgrade_marker")
'''


@pytest.mark.sqlite_only
def test_an_older_database_is_backed_up_before_it_is_migrated(
    tmp_path, monkeypatch, dump_database
):
    """Real path: a database at the shipped head meets an app whose head is one revision on.

    The app's migrations are copied and given a test-only revision after the shipped head,
    so prepare_database really backs up and really migrates.
    """
    url = sqlite_url(tmp_path / "tracker.sqlite3")
    engine = prepare_database(url, tmp_path / "backups")
    shipped_head = head_revision()
    _add_fact(engine, "marker", "from the old version")
    old_rows = dump_database(engine)
    engine.dispose()

    newer = tmp_path / "newer-migrations"
    shutil.copytree(schema._MIGRATIONS, newer, ignore=shutil.ignore_patterns("__pycache__"))
    (newer / "versions" / "0002_test_only.py").write_text(
        _NEXT_REVISION.format(down=shipped_head), encoding="utf-8")
    monkeypatch.setattr(schema, "_MIGRATIONS", newer)

    state = inspect_database(url)
    assert (state.revision, state.head) == (shipped_head, "0002test")
    assert not state.is_current and not state.is_empty

    engine = prepare_database(url, tmp_path / "backups")
    engine.dispose()

    path = sqlite_path(url)
    assert path is not None
    assert _revision_in_file(path) == "0002test"
    assert "upgrade_marker" in _table_names(path)
    copies = list((tmp_path / "backups").iterdir())
    assert len(copies) == 1
    assert f"before-upgrade-from-{shipped_head}" in copies[0].name
    # The copy is the database as it was before the upgrade.
    assert _revision_in_file(copies[0]) == shipped_head
    assert "upgrade_marker" not in _table_names(copies[0])
    backup_engine = make_engine(sqlite_url(copies[0]))
    try:
        assert dump_database(backup_engine) == old_rows
    finally:
        backup_engine.dispose()


@pytest.mark.sqlite_only
def test_a_migration_is_not_run_when_the_backup_fails(tmp_path, monkeypatch, file_hash):
    url = sqlite_url(tmp_path / "tracker.sqlite3")
    prepare_database(url, tmp_path / "backups").dispose()
    monkeypatch.setattr(schema, "head_revision", lambda: "0002test")

    def refuse(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(schema, "backup_sqlite", refuse)
    path = sqlite_path(url)
    assert path is not None
    before = file_hash(path)
    with pytest.raises(OSError, match="disk full"):
        prepare_database(url, tmp_path / "backups")
    assert file_hash(path) == before
    assert _revision_in_file(path) != "0002test"
