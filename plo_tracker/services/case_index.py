"""The stored indexes of the caseload: the due list and the families list, each rewritten for a
family in the same transaction as any change to it.

Both are worked out by the domain's rules from the records, and kept so the due list and the
families list of a whole council are one quick query each. None of the rules depend on today,
so what is stored never goes stale with time; a change of the timescale settings, or of the
rules themselves (INDEX_VERSION), rebuilds both for every family, and `plo-tracker check`
compares them with a fresh computation.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, insert, select

from plo_tracker.domain.due import DueItem, due_items
from plo_tracker.domain.timescales import Timescales
from plo_tracker.domain.week_count import target_end
from plo_tracker.storage.models import DatabaseFact, DueItemRow, FamilyListRow

from .caseload_query import DUE_COLUMNS, FamilyLine, _chunks, due_item, load_family_lines

# Raise this whenever the rules in domain/due.py (or what the families list keeps) change,
# so indexes made by the earlier rules are rebuilt when a database is next opened.
INDEX_VERSION = "5"  # 5: check-ins after a step-down
_VERSION_KEY = "case_index_version"
_OLD_KEYS = ("due_rules_version",)  # what earlier versions called it

# The families list keeps its people as text split by these separators: plain splitting is
# several times quicker than JSON when 10,000 families are read. Neither can be typed (the
# text rules refuse control characters), and older text has them taken out when indexed.
RECORD, FIELD = "\x1e", "\x1f"
_SEPARATORS = str.maketrans({RECORD: " ", FIELD: " "})


def compute_due(conn: Connection, rules: Timescales,
                family_ids: list[int] | None = None) -> list[DueItem]:
    """Work out every due item from the records, by the domain's rules."""
    return _compute(conn, rules, family_ids)[0]


def compute_family_list(conn: Connection, rules: Timescales,
                        family_ids: list[int] | None = None) -> list[dict[str, Any]]:
    """Work out the families list's rows from the records."""
    return _compute(conn, rules, family_ids)[1]


def _compute(conn: Connection, rules: Timescales, family_ids: list[int] | None,
             ) -> tuple[list[DueItem], list[dict[str, Any]]]:
    items: list[DueItem] = []
    rows: list[dict[str, Any]] = []
    for line in load_family_lines(conn, family_ids):
        facts = line.episode
        # An ended episode has nothing due but a step-down's check-ins (due_items says so).
        own = due_items(facts, rules) if facts is not None else []
        items.extend(own)
        rows.append(_family_row(line, own[0] if own else None, rules))
    return items, rows


def _family_row(line: FamilyLine, first: DueItem | None, rules: Timescales) -> dict[str, Any]:
    facts = line.episode
    return {
        "family_id": line.family_id, "plo_family_id": line.plo_family_id,
        "surname": line.surname, "team": line.team,
        "social_worker_id": line.social_worker_id,
        "children": RECORD.join(FIELD.join((
            _plain(c.first_name), _plain(c.last_name),
            c.date_of_birth.isoformat() if c.date_of_birth else "",
            c.expected.isoformat() if c.expected else "")) for c in line.children),
        "adults": RECORD.join(_plain(name) for name in line.adult_names),
        "stage": facts.stage.value if facts else None,
        "start": facts.start if facts else None,
        "end": target_end(facts, rules) if facts else None,
        "extended": line.extended,
        "episode_id": first.episode_id if first else None,
        "next_rule": first.rule.name if first else None,
        "next_title": first.title if first else None,
        "next_due": first.due if first else None,
        "next_reason": first.reason if first else None,
        "next_act_by": first.act_by if first else None,
    }


def _plain(text: str) -> str:
    return text.translate(_SEPARATORS)


def refresh_case_index(conn: Connection, rules: Timescales,
                       family_ids: list[int] | None = None) -> int:
    """Rewrite the stored due items and families list rows of the families named (all if None).

    Returns:
        How many due items are now stored for them.
    """
    items, rows = _compute(conn, rules, family_ids)
    if family_ids is None:
        conn.execute(delete(DueItemRow))
        conn.execute(delete(FamilyListRow))
    else:
        for ids in _chunks(family_ids):
            conn.execute(delete(DueItemRow).where(DueItemRow.family_id.in_(ids)))
            conn.execute(delete(FamilyListRow).where(FamilyListRow.family_id.in_(ids)))
    if items:
        conn.execute(insert(DueItemRow), [
            {"family_id": i.family_id, "episode_id": i.episode_id, "rule": i.rule.name,
             "title": i.title, "due_date": i.due, "reason": i.reason, "act_by": i.act_by}
            for i in items
        ])
    if rows:
        # Every row has every column (None where empty), so one statement inserts them all.
        conn.execute(insert(FamilyListRow), rows)
    return len(items)


def stored_due(conn: Connection, family_ids: list[int] | None = None) -> list[DueItem]:
    """Read the stored due items back as domain objects, earliest first."""
    query = select(*DUE_COLUMNS)
    if family_ids is not None:
        query = query.where(DueItemRow.family_id.in_(family_ids))
    return sorted(map(due_item, conn.execute(query)),
                  key=lambda i: (i.family_id, i.act_by, i.due, i.rule.value, i.title))


def stored_family_list(conn: Connection) -> list[dict[str, Any]]:
    """The stored families list's rows, as compute_family_list gives them, by family."""
    return [dict(row._mapping) for row in conn.execute(
        select(FamilyListRow.__table__).order_by(FamilyListRow.family_id))]


def rebuild_if_outdated(conn: Connection, rules: Timescales) -> bool:
    """Rebuild every family's due items and list row when older rules made them.

    A database made by an older version of the app is rebuilt once, when it is opened,
    like a migration.

    Returns:
        True if the indexes were rebuilt.
    """
    if index_is_current(conn):
        return False
    refresh_case_index(conn, rules)
    conn.execute(delete(DatabaseFact).where(DatabaseFact.key.in_((_VERSION_KEY, *_OLD_KEYS))))
    conn.execute(insert(DatabaseFact).values(key=_VERSION_KEY, value=INDEX_VERSION))
    return True


def index_is_current(conn: Connection) -> bool:
    """True when the stored indexes were made by this version's rules."""
    return conn.execute(select(DatabaseFact.value).where(
        DatabaseFact.key == _VERSION_KEY)).scalar() == INDEX_VERSION
