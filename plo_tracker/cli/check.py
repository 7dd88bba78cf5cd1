"""plo-tracker check: the database's integrity and migration state."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .common import UsageError

if TYPE_CHECKING:
    from plo_tracker.session import Location
    from plo_tracker.storage.schema import SchemaState
    from plo_tracker.storage.unit_of_work import Database


def add_parsers(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser("check", help="check the database's integrity and migration state")
    check.set_defaults(run=run)


def for_checking(location: Location) -> tuple[SchemaState, Database]:
    """The database's schema state, and the database opened as it is (never migrated: a
    check must not change what it checks).

    Raises:
        UsageError: there is no database there yet.
    """
    from plo_tracker.storage.engine import make_engine, sqlite_path
    from plo_tracker.storage.schema import inspect_database
    from plo_tracker.storage.unit_of_work import Database

    path = sqlite_path(location.url)
    if path is not None and not path.exists():
        raise UsageError(f"There is no database at {path.name} yet; it is made on first start.")
    state = inspect_database(location.url)
    return state, Database(make_engine(location.url))


def run(args: argparse.Namespace, location: Location) -> int:
    from plo_tracker.services.context import ServiceContext
    from plo_tracker.services.health import HealthService

    state, database = for_checking(location)
    try:
        context = ServiceContext(database, documents_beside=location.documents_beside)
        findings = HealthService(context).check(state)
    finally:
        database.dispose()
    for finding in findings:
        print(f"{'ok' if finding.ok else 'PROBLEM':<8} {finding.check:<13} {finding.detail}")
    return 0 if all(f.ok for f in findings) else 1
