"""Keeping PostgreSQL's id sequences ahead of ids that the app handed out itself.

Bulk inserts (demo data) choose their primary keys in Python so rows can be linked before
they are written. SQLite finds the next id from the rows; PostgreSQL takes it from a
sequence, which such inserts do not move, so the next ordinary insert would reuse an id.
"""

from __future__ import annotations

from sqlalchemy import Connection, Table, text


def advance_id_sequences(conn: Connection, tables: list[Table]) -> None:
    """Move each table's id sequence past the largest id in it (PostgreSQL only)."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"GREATEST((SELECT max(id) FROM {table.name}), 1))"))
