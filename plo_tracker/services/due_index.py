"""Keeping the stored due items true to the rules, in the same transaction as each change."""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select

from plo_tracker.domain.due import DueItem, due_items
from plo_tracker.domain.timescales import Timescales
from plo_tracker.storage.models import DatabaseFact, DueItemRow

from .caseload_query import DUE_COLUMNS, _chunks, due_item, load_family_lines

# Raise this whenever the rules in domain/due.py change the items they give, so stored
# lists made by the earlier rules are rebuilt when a database is next opened.
DUE_RULES_VERSION = "2"
_RULES_KEY = "due_rules_version"


def compute_due(conn: Connection, rules: Timescales,
                family_ids: list[int] | None = None) -> list[DueItem]:
    """Work out every due item from the records, by the domain's rules."""
    items: list[DueItem] = []
    for line in load_family_lines(conn, family_ids):
        if line.episode is not None and line.episode.stage.is_open:
            items.extend(due_items(line.episode, rules))
    return items


def refresh_due(conn: Connection, rules: Timescales, family_ids: list[int] | None = None) -> int:
    """Rewrite the stored due items of the families named (all families if None).

    Returns:
        How many items are now stored for them.
    """
    items = compute_due(conn, rules, family_ids)
    if family_ids is None:
        conn.execute(delete(DueItemRow))
    else:
        for ids in _chunks(family_ids):
            conn.execute(delete(DueItemRow).where(DueItemRow.family_id.in_(ids)))
    if items:
        conn.execute(insert(DueItemRow), [
            {"family_id": i.family_id, "episode_id": i.episode_id, "rule": i.rule.name,
             "title": i.title, "due_date": i.due, "reason": i.reason, "act_by": i.act_by}
            for i in items
        ])
    return len(items)


def stored_due(conn: Connection, family_ids: list[int] | None = None) -> list[DueItem]:
    """Read the stored due items back as domain objects, earliest first."""
    query = select(*DUE_COLUMNS)
    if family_ids is not None:
        query = query.where(DueItemRow.family_id.in_(family_ids))
    return sorted(map(due_item, conn.execute(query)),
                  key=lambda i: (i.family_id, i.act_by, i.due, i.rule.value, i.title))


def rebuild_if_rules_changed(conn: Connection, rules: Timescales) -> bool:
    """Rebuild every family's stored due items when they were made by other rules.

    The stored list records which version of the rules made it (DUE_RULES_VERSION, raised
    whenever domain/due.py changes what it gives). A database made by an older version of
    the app is rebuilt once, when it is opened, like a migration.

    Returns:
        True if the list was rebuilt.
    """
    stored = conn.execute(select(DatabaseFact.value).where(
        DatabaseFact.key == _RULES_KEY)).scalar()
    if stored == DUE_RULES_VERSION:
        return False
    refresh_due(conn, rules)
    conn.execute(delete(DatabaseFact).where(DatabaseFact.key == _RULES_KEY))
    conn.execute(insert(DatabaseFact).values(key=_RULES_KEY, value=DUE_RULES_VERSION))
    return True


def rules_are_current(conn: Connection) -> bool:
    """True when the stored due items were made by this version's rules."""
    return conn.execute(select(DatabaseFact.value).where(
        DatabaseFact.key == _RULES_KEY)).scalar() == DUE_RULES_VERSION
