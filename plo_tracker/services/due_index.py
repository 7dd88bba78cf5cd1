"""Keeping the stored due items true to the rules, in the same transaction as each change."""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select

from plo_tracker.domain.due import DueItem, Rule, due_items
from plo_tracker.domain.timescales import Timescales
from plo_tracker.storage.models import DueItemRow

from .caseload_query import _chunks, load_family_lines


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
             "title": i.title, "due_date": i.due, "reason": i.reason}
            for i in items
        ])
    return len(items)


def stored_due(conn: Connection, family_ids: list[int] | None = None) -> list[DueItem]:
    """Read the stored due items back as domain objects, earliest first."""
    query = select(DueItemRow.family_id, DueItemRow.episode_id, DueItemRow.rule,
                   DueItemRow.title, DueItemRow.due_date, DueItemRow.reason)
    if family_ids is not None:
        query = query.where(DueItemRow.family_id.in_(family_ids))
    return sorted(
        (DueItem(fid, eid, Rule[rule], title, due, reason)
         for fid, eid, rule, title, due, reason in conn.execute(query)),
        key=lambda i: (i.family_id, i.due, i.rule.value, i.title),
    )
