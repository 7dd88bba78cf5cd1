"""Every older schema kept under tests/fixtures upgrades to the current one, losing nothing."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from plo_tracker.services.context import ServiceContext
from plo_tracker.services.health import HealthService
from plo_tracker.storage.engine import sqlite_url
from plo_tracker.storage.schema import head_revision, inspect_database, prepare_database
from plo_tracker.storage.unit_of_work import Database

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

    engine = prepare_database(sqlite_url(database), tmp_path / "backups")
    try:
        after = _counts(database)
        for table, count in before.items():
            assert after[table] == count, f"{table} lost rows in the upgrade"
        assert inspect_database(sqlite_url(database)).is_current
        findings = HealthService(ServiceContext(Database(engine))).check(
            inspect_database(sqlite_url(database)))
        assert all(f.ok for f in findings), [f.detail for f in findings if not f.ok]
    finally:
        engine.dispose()

    backups = list((tmp_path / "backups").glob("*.sqlite3"))
    assert len(backups) == 1 and old_revision in backups[0].name
    assert _counts(backups[0]) == before
