"""`plo-tracker check`: is the database sound, current, its audit log and letters untouched,
and its due list true to the rules?"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from plo_tracker.storage.audit_chain import snapshot_options
from plo_tracker.storage.document_check import document_findings
from plo_tracker.storage.integrity import (
    Finding,
    chain_finding,
    letter_finding,
    storage_findings,
)
from plo_tracker.storage.schema import SchemaState

from .case_index import (
    compute_due,
    compute_family_list,
    index_is_current,
    stored_due,
    stored_family_list,
)
from .context import ServiceContext

# What a damaged file raises while it is read: SQLite's own errors, or values that no longer
# parse (a date, a text, a number) where the bytes were overwritten.
DAMAGE = (DBAPIError, ValueError, TypeError, UnicodeError, OverflowError)


def _key(item):
    return (item.family_id, item.episode_id, item.rule.name, item.title, item.due, item.reason,
            item.act_by)


class HealthService:
    """Read-only checks; they never change the database."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def check(self, state: SchemaState) -> list[Finding]:
        """Run every check; a finding that is not ok says what is wrong.

        A check that cannot read the database (a damaged file) is itself a finding, and the
        checks after it still run, each on a connection of its own: a damaged database is
        reported, never a crash.
        """
        found = [Finding(
            "schema", state.is_current,
            f"The database is at the current version ({state.head})." if state.is_current
            else f"The database is at version {state.revision}; this app uses {state.head}. "
                 "It will be upgraded, after a backup, the next time the app opens it.",
        )]
        checks: list[tuple[str, Callable[[Connection], list[Finding]]]] = [
            ("integrity", storage_findings),
            ("audit chain", lambda conn: [chain_finding(conn)]),
        ]
        if state.is_current:
            checks += [("letters", lambda conn: [letter_finding(conn)]),
                       ("documents", lambda conn: document_findings(
                           conn, self._ctx.document_store(conn))),
                       ("due list", self._index_findings)]
        for name, run in checks:
            found.extend(self._safely(name, run))
        return found

    def _safely(self, name: str, run: Callable[[Connection], list[Finding]]) -> list[Finding]:
        try:
            with self._ctx.database.reading() as conn:
                # One snapshot per check (REPEATABLE READ on a team server): an entry
                # written while the chain is read must not look like one added by hand.
                return run(conn.execution_options(**snapshot_options(conn)))
        except DAMAGE as error:
            reason = str(getattr(error, "orig", None) or type(error).__name__)
            return [Finding(name, False, "This could not be checked: the database could not "
                            f"be read ({reason}). The file may be damaged: put back the "
                            "latest backup.")]

    def _index_findings(self, conn: Connection) -> list[Finding]:
        if not index_is_current(conn):
            return [Finding(
                "due list", False,
                "The stored due list was made by an older version's rules; it is rebuilt "
                "the next time the app opens the database.",
            )]
        rules = self._ctx.settings(conn).timescales
        expected = sorted(map(_key, compute_due(conn, rules)))
        stored = sorted(map(_key, stored_due(conn)))
        listed = compute_family_list(conn, rules) == stored_family_list(conn)
        return [
            Finding("due list", expected == stored,
                    f"The due list holds all {len(stored)} items the rules give." if
                    expected == stored else
                    "The stored due list differs from the rules; it is rebuilt when the "
                    "timescale settings are saved."),
            Finding("families list", listed,
                    "The families list matches every family's record." if listed else
                    "The stored families list differs from the records; it is rebuilt when "
                    "the timescale settings are saved."),
        ]
