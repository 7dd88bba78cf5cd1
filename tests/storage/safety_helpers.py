"""Databases for the tests of backups, restores, damage and read-only files."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from plo_tracker.services.demo_data import DemoDataService
from tests.support import open_test_database


def make_demo_file(folder: Path, families: int = 30, seed: int = 1) -> Path:
    """A closed database file of demo families (with the demo accounts), in ``folder``."""
    services = open_test_database(folder, "demo")
    DemoDataService(services.context).make_demo_database(families, seed)
    services.context.database.dispose()
    path = folder / "demo.sqlite3"
    # Packed, as a database in use for a while is: its schema at the front, the families'
    # rows in the middle (a fresh small one has the migrations' schema pages there).
    conn = sqlite3.connect(path)
    conn.execute("VACUUM")
    conn.close()
    return path


def copy_of(template: Path, folder: Path, name: str = "cases.sqlite3") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(template, target)
    return target


def damage(path: Path, seed: int = 9) -> None:
    """Write 8 KiB of random bytes into the middle of a file."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(os.urandom(8192) if seed is None else _random_bytes(seed, 8192))


def _random_bytes(seed: int, count: int) -> bytes:
    import random

    return random.Random(seed).randbytes(count)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    """Every file in a folder (not below it) with its SHA-256."""
    return {p.name: sha256(p) for p in sorted(folder.iterdir()) if p.is_file()}


def count_rows(path: Path, table: str) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        conn.close()


def fill_the_disk(engine) -> Callable[[], None]:
    """Make the database's disk full for every new connection of ``engine`` (SQLite's
    max_page_count: the file may not grow by a page); returns the function that frees it."""
    from sqlalchemy import event

    path = Path(engine.url.database)
    engine.dispose()
    packed = sqlite3.connect(path, isolation_level=None)
    packed.execute("VACUUM")  # no free pages left inside the file to grow into
    pages = packed.execute("PRAGMA page_count").fetchone()[0]
    packed.close()

    def limit(dbapi_connection, _record) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(engine, "connect", limit)

    def free() -> None:
        event.remove(engine, "connect", limit)
        engine.dispose()

    return free
