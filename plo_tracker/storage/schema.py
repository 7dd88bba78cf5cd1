"""Bringing a database to the current schema: inspect first, back up, then migrate.

Nothing is written to a database until it is known to be ours (or empty),
undamaged, and not newer than this version of the app.
"""

from __future__ import annotations

import ast
import logging
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from .backup import UPGRADE, UPGRADE_KEPT, backup_sqlite, backup_tables, backups_in, remove_old
from .engine import APPLICATION_ID, make_engine, sqlite_path
from .errors import DatabaseProblem
from .files import private_file, private_folder
from .integrity import quick_check
from .network_folder import network_file_system
from .read_only import read_only_cause, read_only_engine, read_only_uri
from .unit_of_work import Database

# Alembic is imported only to migrate (in the functions below that use it): it takes a
# noticeable part of a second to load, and a database already at the current revision,
# as it is on every start but the first after an upgrade, does not need it.
if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
_MIGRATIONS = Path(__file__).parent / "migrations"
# The first 16 bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"
_OUR_TABLES = {"families", "episodes", "users", "audit_entries"}


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


def _alembic_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _alembic_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


# A top-level `revision = "0004"` or `down_revision: str | None = "0003"` line.
_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=(.*)$", re.MULTILINE)


def _revision_links() -> dict[str, tuple[str, ...]] | None:
    """Each migration's revision id and the ids it follows, read from the files' text.

    Alembic runs every migration file to learn these; the ids are plain assignments at the
    top of each file (as script.py.mako writes them), so they are read without loading
    Alembic. None when a file is not in that shape: Alembic, the authority, is asked then.
    """
    links: dict[str, tuple[str, ...]] = {}
    for path in sorted((_MIGRATIONS / "versions").glob("*.py")):
        if path.name == "__init__.py" or path.name.startswith(".#"):
            continue  # the files Alembic itself skips
        found = _REVISION_LINE.findall(path.read_text(encoding="utf-8"))
        names = [name for name, _value in found]
        if sorted(names) != ["down_revision", "revision"]:
            return None  # missing, or said twice (perhaps in a docstring)
        try:
            values = {name: ast.literal_eval(value.strip()) for name, value in found}
        except (ValueError, TypeError, SyntaxError):
            return None  # not a plain literal, or a comment after it
        revision, down = values["revision"], values["down_revision"]
        follows = (down,) if isinstance(down, str) else () if down is None else down
        if (not isinstance(revision, str) or revision in links or not isinstance(follows, tuple)
                or not all(isinstance(d, str) for d in follows)):
            return None
        links[revision] = follows
    return links


def head_revision() -> str:
    """The schema revision this version of the app writes."""
    links = _revision_links()
    if links:
        followed = {d for follows in links.values() for d in follows}
        heads = set(links) - followed
        if len(heads) == 1 and followed <= set(links):
            return heads.pop()
    return _alembic_head()  # no head, several, or a missing link: Alembic says what is wrong


def _known_revisions() -> set[str]:
    links = _revision_links()
    return set(links) if links is not None else _alembic_revisions()


@dataclass(frozen=True)
class SchemaState:
    """Where a database stands: empty, or ours at a revision."""

    revision: str | None
    head: str

    @property
    def is_empty(self) -> bool:
        return self.revision is None

    @property
    def is_current(self) -> bool:
        return self.revision == self.head


def inspect_database(url: str) -> SchemaState:
    """Look at a database without writing to it.

    Raises:
        DatabaseProblem: if it is not ours, is damaged, or is newer than this app.
    """
    path = sqlite_path(url)
    if path is not None:
        return _inspect_sqlite_file(path)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return _state_from_tables(set(inspect(conn).get_table_names()), conn, url)
    except DatabaseProblem:
        raise
    except Exception as exc:  # driver errors differ by database; say it in one sentence
        raise DatabaseProblem(
            f"Could not open the database at {_describe(url)}: {type(exc).__name__}. "
            "Check the address and that the server is running."
        ) from exc
    finally:
        engine.dispose()


def _describe(url: str) -> str:
    """Name a database without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _inspect_sqlite_file(path: Path) -> SchemaState:
    _refuse_network_folder(path)
    if not path.exists() or path.stat().st_size == 0:
        return SchemaState(None, head_revision())
    with path.open("rb") as handle:
        header = handle.read(16)
    if header != SQLITE_HEADER:
        raise DatabaseProblem(
            f"The file {path.name} is not a PLO Tracker database (it is not a database at all). "
            "Nothing was changed. Choose another file, or start without --db to use your own."
        )
    try:
        # Read-only, so a stranger's file is never changed by looking at it.
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(
            f"The database {path.name} is damaged and cannot be read ({exc}). Nothing was "
            "changed. Put back the latest backup from the backups folder beside it (plo-tracker "
            "restore BACKUP-FILE), or ask your IT support for help."
        ) from exc
    # Tables without our Alembic stamp are a stranger's, even if one shares a name with ours.
    unstamped = bool(tables) and ("alembic_version" not in tables or not tables & _OUR_TABLES)
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and unstamped):
        raise DatabaseProblem(
            f"The file {path.name} belongs to another program, not PLO Tracker. Nothing was "
            "changed. Choose another file."
        )
    return _check_revision(revision, path.name)


def _refuse_network_folder(path: Path) -> None:
    """A refusal, not a warning: a shared SQLite file is damaged the first time two
    computers write at once (see network_folder.py), and these records cannot be lost."""
    where = network_file_system(path)
    if where is not None:
        raise DatabaseProblem(
            f"The database {path.name} is in a network folder ({where}). A database file "
            "cannot be shared safely over a network: two computers saving at once can damage "
            "it. Nothing was changed. For a team, use the team server (PostgreSQL: see "
            "\"Team server\" in the README); for yourself, move the file to this computer "
            "and open it there."
        )


def _state_from_tables(tables: set[str], conn, url: str) -> SchemaState:
    if not tables:
        return SchemaState(None, head_revision())
    if "alembic_version" not in tables or not tables & _OUR_TABLES:
        raise DatabaseProblem(
            f"The database at {_describe(url)} holds tables of another program, not PLO Tracker. "
            "Nothing was changed. Point PLO Tracker at an empty database or one of its own."
        )
    revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return _check_revision(revision, _describe(url))


def _check_revision(revision: str | None, name: str) -> SchemaState:
    if revision is not None and revision not in _known_revisions():
        raise DatabaseProblem(
            f"The database {name} was written by a newer version of PLO Tracker. Nothing was "
            "changed. Install the latest version of PLO Tracker to open it."
        )
    return SchemaState(revision, head_revision())


def open_for_use(url: str, backup_folder: Path) -> Database:
    """Open a database: ready to change (created or migrated as prepare_database does), or,
    when it is damaged or may not be written, read-only with the reason and what to do.

    A SQLite file gets SQLite's quick check first (about 0.1 s for 10,000 families): a
    damaged file is never written to, not even by a migration or a daily backup's clean-up.

    Raises:
        DatabaseProblem: when the database cannot be used at all; nothing was written to it.
    """
    state = inspect_database(url)
    path = sqlite_path(url)
    reason = None if path is None or state.is_empty else _read_only_reason(path, state,
                                                                          backup_folder)
    if reason is None:
        return Database(prepare_database(url, backup_folder, state))
    return Database(read_only_engine(path), read_only_reason=reason)


def _read_only_reason(path: Path, state: SchemaState, backup_folder: Path) -> str | None:
    cause = read_only_cause(path)
    problems = quick_check(path)
    if problems:
        log.info("The database failed its quick check (%d findings)", len(problems))
        first = problems[0]
        if not state.is_current:
            raise DatabaseProblem(
                f"The database {path.name} is damaged (SQLite found: {first}), and it must be "
                f"upgraded before this version can open it. Nothing was changed. "
                f"{how_to_restore(backup_folder)}")
        return (f"The database {path.name} is damaged (SQLite found: {first}). It was opened "
                "read-only: you can look at it, but nothing can be changed, and nothing was "
                f"written to it. {how_to_restore(backup_folder)}")
    if cause is None:
        return None
    if not state.is_current:
        raise DatabaseProblem(
            f"The database {path.name} can only be read ({cause}), and it was written by an "
            "older version of PLO Tracker, which must upgrade it first. Nothing was changed. "
            "Copy it to a folder of your own, or ask your IT support for write access.")
    return (f"The database {path.name} can only be read ({cause}): you can look at families "
            "and what is due, but nothing can be changed. To work on it, copy it to a folder "
            "of your own, or ask your IT support for write access.")


def how_to_restore(backup_folder: Path) -> str:
    """The sentence saying how to put the latest backup back, naming it when there is one."""
    newest = backups_in(backup_folder)
    if not newest:
        return (f"There is no backup in {backup_folder}: keep this file as it is and ask your "
                "IT support for help.")
    return (f"To put back the latest backup (taken {newest[0].taken_at:%d/%m/%Y %H:%M} UTC), "
            f'close PLO Tracker and run: plo-tracker restore "{newest[0].path}"')


def prepare_database(url: str, backup_folder: Path, state: SchemaState | None = None) -> Engine:
    """Open a database for use, creating or migrating it, with a backup before a migration.

    Args:
        state: what inspect_database found, when the caller has just looked.

    Returns:
        An engine on a database at the current schema.

    Raises:
        DatabaseProblem: when the database cannot be used; nothing has been written to it.
    """
    state = state or inspect_database(url)
    path = sqlite_path(url)
    if path is not None:
        private_folder(path.parent)
    engine = make_engine(url)
    if state.is_current:
        return engine
    try:
        if not state.is_empty:
            label = f"{UPGRADE}{state.revision}"
            if path is not None:
                copy = backup_sqlite(path, backup_folder, label)
            else:
                copy = backup_tables(engine, backup_folder, label)
            log.info("Backed up the database to %s before migrating it", copy.name)
            # Each upgrade's backup is kept under its own count, apart from the daily ones.
            remove_old(backup_folder, UPGRADE, UPGRADE_KEPT)
        _upgrade(engine)
        if path is not None:
            for made in (path, path.with_name(path.name + "-wal"),
                         path.with_name(path.name + "-shm")):
                if made.exists():
                    private_file(made)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _upgrade(engine: Engine) -> None:
    from alembic import command

    config = _alembic_config()
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations copy and drop whole tables; with foreign keys enforced the
            # drop would fail. Links are checked instead before the migration commits.
            conn.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                if sqlite:
                    conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise DatabaseProblem(
                        "Upgrading the database would break links between records, so it "
                        "was not upgraded. Nothing was changed. Ask your IT support for help."
                    )
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys = ON")
