"""Backups: a consistent copy of the database, taken on request, daily, or before a migration.

A SQLite database is copied with SQLite's online backup API, which is safe while the
window or another command is using the file; kept letters are stored in the database, so
they come with it. A server database is written out as gzipped JSON lines, one row a line.
Every backup is written under a temporary name and renamed when whole, so a backup that
was cut short is never mistaken for one, and is readable by its owner only.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Engine, MetaData, select

from .files import private_file, private_folder
from .read_only import read_only_uri

# Kinds of backup, each kept under its own count: "daily" backups are taken when the window
# opens (or by `plo-tracker backup --daily`), "before-upgrade-from-<revision>" ones before a
# migration, and "manual" ones by `plo-tracker backup`, which are never removed by the app.
DAILY = "daily"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"
UPGRADE = "before-upgrade-from-"
DAILY_KEPT = 14
UPGRADE_KEPT = 5
_STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
# name-label-20261201T090500Z[-2].sqlite3 or .jsonl.gz: the stamp says when it was taken.
_NAME = re.compile(r"^(?P<stem>.+)-(?P<label>daily|manual|before-restore|before-upgrade-from-\w+)"
                   r"-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<number>\d+))?\.(?:sqlite3|jsonl\.gz)$")


@dataclass(frozen=True)
class BackupFile:
    """One backup in a folder: its file, its kind (label) and when it was taken."""

    path: Path
    label: str
    taken_at: datetime


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).strftime(_STAMP_FORMAT)


def _free_name(folder: Path, stem: str, label: str, suffix: str) -> Path:
    """A new file name in the folder; two backups in one second get "-2", "-3"."""
    base = f"{stem}-{label}-{_stamp()}"
    target, number = folder / f"{base}{suffix}", 2
    while target.exists():
        target, number = folder / f"{base}-{number}{suffix}", number + 1
    return target


def backup_sqlite(source: Path, folder: Path, label: str) -> Path:
    """Copy a SQLite database with its online backup API (safe while it is open).

    Returns:
        The path of the copy, which opens as an ordinary PLO Tracker database.
    """
    private_folder(folder)
    target = _free_name(folder, source.stem, label, ".sqlite3")
    copy_sqlite(source, target)
    return target


def copy_sqlite(source: Path, target: Path) -> None:
    """Copy one SQLite file to a new file, consistently, whatever is writing to the source.

    The copy is made under a temporary name and renamed when whole; it uses the rollback
    journal, not WAL, so it is one self-contained file. The source is opened read-only.
    """
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(read_only_uri(source), uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            private_file(partial)
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    os.replace(partial, target)


def backup_tables(engine: Engine, folder: Path, label: str) -> Path:
    """Write every table to gzipped JSON lines: the backup for databases that are not files.

    Binary values (kept letters) are written in base64 and dates as ISO text; restore_tables
    turns them back by each column's type.
    """
    private_folder(folder)
    target = _free_name(folder, "plo-tracker", label, ".jsonl.gz")
    partial = target.with_name(f".{target.name}.partial")
    metadata = MetaData()
    metadata.reflect(engine)
    try:
        # One transaction, REPEATABLE READ on PostgreSQL, so every table is read as of
        # the same moment while people keep working.
        with engine.connect().execution_options(isolation_level=_snapshot(engine)) as conn, \
                gzip.open(partial, "wt", encoding="utf-8") as out:
            private_file(partial)
            for table in metadata.sorted_tables:
                for row in conn.execute(select(table)).mappings():
                    out.write(json.dumps({"table": table.name, "row": dict(row)},
                                         default=_plain))
                    out.write("\n")
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)
    return target


def _snapshot(engine: Engine) -> str:
    return "REPEATABLE READ" if engine.dialect.name == "postgresql" else "SERIALIZABLE"


def _plain(value: object) -> object:
    if isinstance(value, (date, datetime, time)):  # a meeting's start time is a time
        return value.isoformat()
    if isinstance(value, (bytes, memoryview)):  # a kept letter's PDF
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    raise TypeError(f"cannot back up a value of type {type(value).__name__}")


def backups_in(folder: Path, label: str | None = None) -> list[BackupFile]:
    """The backups in a folder (of one kind, or all), newest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match is None or (label is not None and not _kind_matches(match["label"], label)):
            continue
        taken = datetime.strptime(match["stamp"], _STAMP_FORMAT).replace(tzinfo=UTC)
        found.append((taken, int(match["number"] or 1), BackupFile(path, match["label"], taken)))
    # Two taken in one second are told apart by their number ("-2").
    return [b for _t, _n, b in sorted(found, key=lambda f: f[:2], reverse=True)]


def _kind_matches(found: str, wanted: str) -> bool:
    return found.startswith(wanted) if wanted.endswith("-") else found == wanted


def remove_old(folder: Path, label: str, keep: int) -> list[Path]:
    """Delete the backups of one kind beyond the newest ``keep``; return what was deleted."""
    removed = []
    for old in backups_in(folder, label)[max(keep, 1):]:
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    return removed


def daily_backup_due(folder: Path, now: datetime | None = None) -> bool:
    """True when there is no daily backup, or the newest is more than a day old."""
    newest = backups_in(folder, DAILY)
    now = now or datetime.now(UTC)
    return not newest or now - newest[0].taken_at > timedelta(days=1)
