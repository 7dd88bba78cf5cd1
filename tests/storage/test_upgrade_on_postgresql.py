"""A team server's database at release 0.2.0's schema (0004) upgrades like a file does: a
backup first, then migration 0005 seals the entries already written (switching the audit
log's append-only trigger off only while it does, and on again after)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, insert, select, text
from sqlalchemy.exc import DatabaseError

from plo_tracker.domain.letter_types import LetterType
from plo_tracker.services.health import HealthService
from plo_tracker.session import open_database
from plo_tracker.storage import schema
from plo_tracker.storage.audit_chain import GENESIS, entry_hash
from plo_tracker.storage.engine import make_engine
from plo_tracker.storage.schema import inspect_database
from plo_tracker.storage.sequences import advance_id_sequences
from tests.support.backends import empty_database_url

pytestmark = pytest.mark.postgresql_only
FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "schema-0004.sqlite3"


def _server_database_at_0004(url: str) -> None:
    """Migrate an empty server database to 0004, then copy the 0.2.0 fixture's rows in."""
    from alembic import command

    engine = make_engine(url)
    # immutable: the kept fixture is read as it is, leaving no -shm or -wal file beside it.
    old = create_engine(f"sqlite:///file:{FIXTURE}?mode=ro&immutable=1&uri=true")
    try:
        with engine.connect() as conn, conn.begin():
            config = schema._alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "0004")
        source, target = MetaData(), MetaData()
        source.reflect(old)
        target.reflect(engine)
        with old.connect() as reading, engine.begin() as writing:
            for table in target.sorted_tables:
                if table.name == "alembic_version":
                    continue
                rows = [dict(r) for r in reading.execute(
                    select(source.tables[table.name])).mappings()]
                if rows:
                    writing.execute(insert(table), rows)
            advance_id_sequences(writing, [t for t in target.sorted_tables if "id" in t.c])
    finally:
        old.dispose()
        engine.dispose()


def test_a_server_database_of_schema_0004_is_backed_up_then_sealed(tmp_path):
    url = empty_database_url(tmp_path, "council")
    _server_database_at_0004(url)
    assert inspect_database(url).revision == "0004"

    services = open_database(url, tmp_path / "backups")
    engine = services.context.database.engine
    try:
        with engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT id, occurred_at, user_id, username, action, entity, entity_id, "
                "family_id, before, after, entry_hash FROM audit_entries ORDER BY id")).all()
            head = tuple(conn.execute(text(
                "SELECT last_entry_id, last_hash, entries FROM audit_chain_head")).one())
        # The 19 entries release 0.2.0 wrote, then this release's shipped letter templates
        # given to the upgraded database, each audited by PLO Tracker.
        upgraded = [row for row in rows[19:] if tuple(row[3:5]) == ("system", "template.save")]
        assert len(upgraded) == len(rows) - 19 == len(
            [t for t in LetterType if t.template_version > 1])
        previous = GENESIS
        for entry_id, when, *fields, stored in rows:
            assert isinstance(when, datetime) and when.utcoffset().total_seconds() == 0
            previous = entry_hash(previous, entry_id, when, *fields)
            assert stored == previous, f"entry {entry_id} was not sealed in order"
        assert head == (rows[-1][0], previous, len(rows))

        # The trigger is on again: an entry cannot be changed after the upgrade.
        with pytest.raises(DatabaseError, match="append-only"), engine.begin() as conn:
            conn.execute(text("UPDATE audit_entries SET username = 'someone' WHERE id = 1"))
        findings = HealthService(services.context).check(inspect_database(url))
        assert all(f.ok for f in findings), [f for f in findings if not f.ok]
        backups = [p.name for p in (tmp_path / "backups").iterdir()]
        assert len(backups) == 1 and "before-upgrade-from-0004" in backups[0]
        assert backups[0].endswith(".jsonl.gz")
    finally:
        services.context.database.dispose()
