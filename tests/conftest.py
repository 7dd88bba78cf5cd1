"""Shared fixtures: Qt offscreen, an isolated data folder, table dumps and file hashes;
the database the tests run on (``--backend``, see tests/support/backends.py)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import hashlib  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

from tests.support import backends  # noqa: E402

# In CI the property tests draw the same examples every run, so a red build can be
# reproduced; on a developer's machine they keep exploring new ones.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


# Tests under these folders never open a database, so a PostgreSQL run leaves them out.
_NO_DATABASE = ("domain", "documents")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--backend", choices=(backends.SQLITE, backends.POSTGRESQL),
                     default=backends.SQLITE,
                     help="run the database tests on SQLite files (default) or on PostgreSQL "
                          "(the server in PLO_TRACKER_TEST_POSTGRES)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: about SQLite files themselves (pragmas, "
                                       "file copies, file permissions); not run on PostgreSQL")
    config.addinivalue_line("markers", "postgresql_only: needs a PostgreSQL server")
    chosen = config.getoption("--backend")
    worker = getattr(config, "workerinput", None)
    backends.configure(chosen, worker["testrunuid"] if worker else None,
                       worker["workerid"] if worker else None)
    if chosen == backends.POSTGRESQL:
        # A test that leaves its engine open (harmless with a SQLite file) leaves psycopg
        # connections for the garbage collector, which warns; the server database itself is
        # dropped when the run ends (pytest_sessionfinish).
        config.addinivalue_line(
            "filterwarnings", "ignore:.*was deleted while still open:ResourceWarning")
    if chosen == backends.POSTGRESQL and worker is None:
        problem = backends.server_problem()
        if problem and os.environ.get("CI"):
            pytest.exit(f"{problem}. CI must run the PostgreSQL tests.", returncode=3)
        if problem:
            pytest.exit(f"{problem}: the PostgreSQL tests were not run; {backends.GET_A_SERVER}.",
                        returncode=0)
        backends.drop_leftovers()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    postgresql = config.getoption("--backend") == backends.POSTGRESQL
    unwanted = "sqlite_only" if postgresql else "postgresql_only"
    root = Path(__file__).parent
    kept, left_out = [], []
    for item in items:
        folder = item.path.relative_to(root).parts[0]
        if item.get_closest_marker(unwanted) or (postgresql and folder in _NO_DATABASE):
            left_out.append(item)
        else:
            kept.append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


def pytest_sessionfinish(session: pytest.Session) -> None:
    if backends.backend == backends.POSTGRESQL:
        backends.drop_made_databases()


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
    """Every row of every table of a database (ours and Alembic's), as stored."""
    if engine.dialect.name == "postgresql":
        return _dump_postgresql(engine)
    with engine.connect() as conn:
        names = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").scalars().all()
        return {
            name: [tuple(row) for row in conn.exec_driver_sql(
                f'SELECT rowid, * FROM "{name}" ORDER BY rowid')]
            for name in names
        }


def _dump_postgresql(engine) -> dict[str, list[tuple]]:
    # In the order of each table's primary key (then of every column): PostgreSQL has no
    # rowid, and rows come back in no set order.
    from sqlalchemy import MetaData, select

    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as conn:
        return {
            name: [tuple(row) for row in conn.execute(
                select(table).order_by(*(table.primary_key.columns or table.columns)))]
            for name, table in sorted(metadata.tables.items())
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
