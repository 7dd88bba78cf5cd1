"""`plo-tracker check`: is the database sound, current, and its due list true to the rules?"""

from __future__ import annotations

from plo_tracker.storage.integrity import Finding, storage_findings
from plo_tracker.storage.schema import SchemaState

from .case_index import (
    compute_due,
    compute_family_list,
    index_is_current,
    stored_due,
    stored_family_list,
)
from .context import ServiceContext


def _key(item):
    return (item.family_id, item.episode_id, item.rule.name, item.title, item.due, item.reason,
            item.act_by)


class HealthService:
    """Read-only checks; they never change the database."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def check(self, state: SchemaState) -> list[Finding]:
        """Run every check; a finding that is not ok says what is wrong."""
        found = [Finding(
            "schema", state.is_current,
            f"The database is at the current version ({state.head})." if state.is_current
            else f"The database is at version {state.revision}; this app uses {state.head}. "
                 "It will be upgraded, after a backup, the next time the app opens it.",
        )]
        with self._ctx.database.reading() as conn:
            found.extend(storage_findings(conn))
            if state.is_current and not index_is_current(conn):
                found.append(Finding(
                    "due list", False,
                    "The stored due list was made by an older version's rules; it is rebuilt "
                    "the next time the app opens the database.",
                ))
            elif state.is_current:
                rules = self._ctx.settings(conn).timescales
                expected = sorted(map(_key, compute_due(conn, rules)))
                stored = sorted(map(_key, stored_due(conn)))
                found.append(Finding(
                    "due list", expected == stored,
                    f"The due list holds all {len(stored)} items the rules give." if
                    expected == stored else
                    "The stored due list differs from the rules; it is rebuilt when the "
                    "timescale settings are saved.",
                ))
                listed = compute_family_list(conn, rules) == stored_family_list(conn)
                found.append(Finding(
                    "families list", listed,
                    "The families list matches every family's record." if listed else
                    "The stored families list differs from the records; it is rebuilt when "
                    "the timescale settings are saved.",
                ))
        return found
