"""Reading the whole audit log (administrators and auditors): verify, filter, page, export.

The log can hold millions of entries, so it is read a page at a time, newest first, by
keyset (entries older than the last one shown), never all at once; an export streams.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Connection, Select, or_, select

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.clock import UK
from plo_tracker.domain.permissions import Permission
from plo_tracker.storage.audit_chain import ChainResult, snapshot_options, verify_chain
from plo_tracker.storage.errors import ReadOnlyDatabase
from plo_tracker.storage.models import AuditEntry, Family, User

from . import audit
from .actor import Actor
from .context import ServiceContext
from .family_access import visible
from .permissions import allows, require

PAGE = 200
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection); such a
# cell is written with a ' in front, which the spreadsheet shows as plain text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_HEADINGS = ("Entry", "When (UK time)", "User name", "Name", "What", "Action code",
                "Record", "Record id", "Family", "Before", "After")


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show; an empty field does not filter."""

    user_name: str | None = None
    plo_family_id: str | None = None
    action: str | None = None  # an AuditAction code
    date_from: date | None = None  # UK dates, both included
    date_to: date | None = None


@dataclass(frozen=True)
class AuditLine:
    """One entry of the whole log, as the viewer and the export show it."""

    entry_id: int
    plo_family_id: str | None
    view: audit.AuditView


def safe_cell(value: object) -> str:
    """A value as CSV text that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _uk_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), UK)


class AuditLogService:
    """The audit log for those allowed to read it all (Permission.VIEW_AUDIT)."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def verify(self) -> ChainResult:
        """Recompute the chain (see storage/audit_chain.py); the first bad entry, if any.

        Open to anyone who can open the database, like ``check``, which runs it too: it
        shows only entry numbers, times and action words, never a name or a family, and
        whoever can run it can already read the file, so a sign-in would protect nothing
        and would stop an auditor verifying a copy whose accounts they do not hold.
        """
        with self._ctx.database.engine.connect() as conn:
            conn = conn.execution_options(**snapshot_options(conn))
            return verify_chain(conn)

    def actions(self) -> list[tuple[str, str]]:
        """Every kind of entry, as (code, words), for a filter's choices."""
        return sorted(((a.code, a.words) for a in AuditAction), key=lambda pair: pair[1])

    def page(self, actor: Actor, wanted: AuditFilter, before_id: int | None = None,
             limit: int = PAGE) -> list[AuditLine]:
        """Up to ``limit`` entries matching ``wanted``, newest first, older than ``before_id``.

        Raises:
            PermissionDenied: the actor's role may not read the audit log.
        """
        require(actor, Permission.VIEW_AUDIT)
        query = self._query(actor, wanted)
        if before_id is not None:
            query = query.where(AuditEntry.id < before_id)
        with self._ctx.database.reading() as conn:
            return list(self._lines(actor, conn, query.limit(limit)))

    def export_csv(self, actor: Actor, wanted: AuditFilter, path: Path,
                   replace: bool = False) -> int:
        """Write every entry matching ``wanted`` to a CSV file; the export is audited.

        Args:
            replace: True once the person has agreed to replace a file of that name;
                otherwise an existing file is left alone (FileExistsError).

        Returns:
            The number of entries written.

        Raises:
            PermissionDenied: the actor's role may not read the audit log.
        """
        require(actor, Permission.VIEW_AUDIT)
        if self._ctx.database.read_only_reason is not None:
            # Every export is audited; refused before a file is made, not after.
            raise ReadOnlyDatabase(self._ctx.database.read_only_reason)
        count = 0
        with self._ctx.database.reading() as conn, path.open("w" if replace else "x",
                                                              newline="",
                                                              encoding="utf-8-sig") as file:
            writer = csv.writer(file)
            writer.writerow(CSV_HEADINGS)
            query = self._query(actor, wanted)
            for line in self._lines(actor, conn.execution_options(yield_per=2000), query):
                writer.writerow([safe_cell(value) for value in _csv_row(line)])
                count += 1
        try:
            self._record_export(actor, wanted, count)
        except BaseException:
            path.unlink(missing_ok=True)  # an export the log does not hold is not left behind
            raise
        return count

    def _record_export(self, actor: Actor, wanted: AuditFilter, count: int) -> None:
        filters = {key: value.isoformat() if isinstance(value, date) else value
                   for key, value in vars(wanted).items() if value}
        with self._ctx.database.unit_of_work() as session:
            audit.record(session, actor, AuditAction.EXPORT, "audit_log", None, None,
                         after={"records": count, **filters})

    def _query(self, actor: Actor, wanted: AuditFilter) -> Select:
        # Entries about a restricted family hold its people's names, so they are listed
        # only to those who may see the family, as every other list is; an auditor who must
        # check a restricted family is named for it (and that naming is itself audited).
        query = (select(AuditEntry, Family.plo_family_id, User.display_name)
                 .outerjoin(Family, Family.id == AuditEntry.family_id)
                 .outerjoin(User, User.id == AuditEntry.user_id)
                 .where(or_(AuditEntry.family_id.is_(None),
                            visible(AuditEntry.family_id, actor)))
                 .order_by(AuditEntry.id.desc()))
        if wanted.user_name:
            query = query.where(AuditEntry.username == wanted.user_name.strip())
        if wanted.action:
            query = query.where(AuditEntry.action == wanted.action)
        if wanted.plo_family_id:
            family_ids = select(Family.id).where(
                Family.plo_family_id == wanted.plo_family_id.strip()).scalar_subquery()
            query = query.where(AuditEntry.family_id == family_ids)
        if wanted.date_from:
            query = query.where(AuditEntry.occurred_at >= _uk_midnight(wanted.date_from))
        if wanted.date_to:
            query = query.where(
                AuditEntry.occurred_at < _uk_midnight(wanted.date_to + timedelta(days=1)))
        return query

    def _lines(self, actor: Actor, conn: Connection, query: Select) -> Iterator[AuditLine]:
        # Confidential addresses stay hidden from a role that may not see them (auditors).
        hide = not allows(actor, Permission.SEE_CONFIDENTIAL_ADDRESSES)
        for row in conn.execute(query):
            before = json.loads(row.before) if row.before else None
            after = json.loads(row.after) if row.after else None
            if hide:
                before, after = audit.hide_confidential(before, after)
            yield AuditLine(row.id, row.plo_family_id, audit.AuditView(
                row.occurred_at, row.username, row.action, row.entity, row.entity_id,
                row.family_id, before, after, row.display_name or row.username))


def _csv_row(line: AuditLine) -> tuple[object, ...]:
    view = line.view
    when = view.occurred_at.astimezone(UK)
    return (line.entry_id, f"{when:%Y-%m-%d %H:%M:%S}", view.username, view.full_name,
            view.action_words, view.action, view.entity, view.entity_id, line.plo_family_id,
            json.dumps(view.before, sort_keys=True) if view.before is not None else "",
            json.dumps(view.after, sort_keys=True) if view.after is not None else "")
