"""Backups: a consistent copy of the database taken before anything risky."""

from __future__ import annotations

import gzip
import json
import sqlite3
from datetime import UTC, date, datetime, time
from pathlib import Path

from sqlalchemy import Engine, MetaData, select


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def backup_sqlite(source: Path, folder: Path, label: str) -> Path:
    """Copy a SQLite database with its online backup API (safe while it is open).

    Returns:
        The path of the copy, which opens as an ordinary PLO Tracker database.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{source.stem}-{label}-{_stamp()}.sqlite3"
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


def backup_tables(engine: Engine, folder: Path, label: str) -> Path:
    """Write every table to gzipped JSON lines: the backup for databases that are not files."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"plo-tracker-{label}-{_stamp()}.jsonl.gz"
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as conn, gzip.open(target, "wt", encoding="utf-8") as out:
        for table in metadata.sorted_tables:
            for row in conn.execute(select(table)).mappings():
                out.write(json.dumps({"table": table.name, "row": dict(row)}, default=_plain))
                out.write("\n")
    return target


def _plain(value: object) -> str:
    if isinstance(value, (date, datetime, time)):  # time: a meeting's start, on PostgreSQL
        return value.isoformat()
    raise TypeError(f"cannot back up a value of type {type(value).__name__}")
