"""Shared fixtures: Qt offscreen, an isolated data folder, table dumps and file hashes."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import hashlib  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# In CI the property tests draw the same examples every run, so a red build can be
# reproduced; on a developer's machine they keep exploring new ones.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def plo_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data folder (PLO_TRACKER_HOME), with no database or user chosen by env."""
    home = tmp_path / "plo-home"
    monkeypatch.setenv("PLO_TRACKER_HOME", str(home))
    monkeypatch.delenv("PLO_TRACKER_DB", raising=False)
    monkeypatch.delenv("PLO_TRACKER_USER", raising=False)
    monkeypatch.delenv("PLO_TRACKER_PASSWORD", raising=False)
    monkeypatch.delenv("PLO_TRACKER_NEW_PASSWORD", raising=False)
    return home


def dump_tables(engine) -> dict[str, list[tuple]]:
    """Every row of every table of a SQLite database (ours and Alembic's), as stored."""
    with engine.connect() as conn:
        names = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").scalars().all()
        return {
            name: [tuple(row) for row in conn.exec_driver_sql(
                f'SELECT rowid, * FROM "{name}" ORDER BY rowid')]
            for name in names
        }


@pytest.fixture(scope="session")
def dump_database() -> Callable[..., dict[str, list[tuple]]]:
    """A function returning every row of every table of an engine's database."""
    return dump_tables


@pytest.fixture(scope="session")
def file_hash() -> Callable[[Path], str]:
    """A function returning the SHA-256 of a file's bytes."""
    return lambda path: hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(autouse=True)
def cheap_password_hashing():
    """Hash passwords at the lowest argon2id cost: the real one takes a quarter of a second
    a hash (tests/services/test_passwords.py checks the real cost on its own)."""
    from plo_tracker.services import passwords

    passwords.use_cost(passwords.HashCost(time_cost=1, memory_kib=8, parallelism=1))
    yield
    passwords.use_cost(passwords.TUNED)
