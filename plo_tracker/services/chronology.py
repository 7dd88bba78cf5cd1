"""The social work chronology of a family: drawn from the record, edited by the worker, kept,
and saved as a dated document for the court (section A of the bundle)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.chronology import (
    ChronologyFact,
    ChronologyLine,
    cleaned,
    line_problems,
    merge,
)
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.document_types import DocumentType, page_limit_warning
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.storage.models import ChronologyEntry, Family

from . import audit
from .actor import Actor
from .case_base import load_family as load_family_for_change
from .case_base import refuse_if
from .context import ServiceContext
from .errors import NotFound
from .family_access import NO_SUCH_FAMILY
from .family_record import load_family
from .permissions import Permission, require, require_family_scope

if TYPE_CHECKING:
    from .documents import DocumentService, DocumentView

TITLE = "Social work chronology"
SOURCE = "chronology"  # the documents' "source" for a chronology the app made


@dataclass(frozen=True)
class ChronologyView:
    """A family's chronology as it stands: the worker's entries with what is new in the
    record added in date order (not yet saved: ``entry_id`` None)."""

    family_id: int
    plo_family_id: str
    children: tuple[str, ...]  # "Ruby Testcase, born 2 Apr 2019"
    lines: tuple[ChronologyLine, ...]
    drawn: tuple[ChronologyFact, ...]  # every fact of the record, for drawing again
    removed: tuple[str, ...]  # origins of the entries the worker took out

    @property
    def unsaved(self) -> int:
        """How many entries are new from the record and not saved yet."""
        return sum(1 for line in self.lines if line.entry_id is None)


@dataclass(frozen=True)
class ChronologyDocument:
    """The chronology saved among the family's documents, and a warning if it is long."""

    document: DocumentView
    pages: int
    warning: str | None


def family_children(family: Family) -> tuple[str, ...]:
    """Each child's name with their date of birth (or expected date), for a record's heading."""
    def born(child) -> str:
        if child.date_of_birth:
            return f", born {short_date(child.date_of_birth)}"
        if child.expected_date_of_birth:
            return f", expected {short_date(child.expected_date_of_birth)}"
        return ""
    return tuple(f"{c.first_name} {c.last_name}{born(c)}" for c in family.children)


def _stored(session: Session, family_id: int) -> list[ChronologyEntry]:
    return list(session.scalars(select(ChronologyEntry)
                                .where(ChronologyEntry.family_id == family_id)
                                .order_by(ChronologyEntry.position, ChronologyEntry.id)))


def _line(row: ChronologyEntry) -> ChronologyLine:
    return ChronologyLine(row.entry_date, row.event, row.source, row.origin, row.id)


class ChronologyService:
    """Reading needs VIEW_CASES; saving needs EDIT_CASES and the family's scope."""

    def __init__(self, context: ServiceContext,
                 documents: Callable[[], DocumentService]) -> None:
        self._ctx = context
        # The documents service (the registry's), asked for only when a document is saved.
        self._documents = documents

    def _view(self, session: Session, family: Family) -> ChronologyView:
        from .chronology_record import record_facts

        facts = tuple(record_facts(family))
        stored = _stored(session, family.id)
        removed = tuple(row.origin for row in stored if row.hidden and row.origin)
        kept = [_line(row) for row in stored if not row.hidden]
        return ChronologyView(family.id, family.plo_family_id, family_children(family),
                              tuple(merge(kept, facts, removed)), facts, removed)

    def draw(self, actor: Actor, family_id: int) -> ChronologyView:
        """The chronology: the entries kept, with each fact of the record not yet in it.

        Raises:
            NotFound: no such family (or a restricted one the actor is not named for).
        """
        require(actor, Permission.VIEW_CASES)
        with self._ctx.database.unit_of_work() as session:
            family = load_family(session, family_id, actor, with_notes=True)
            if family is None:
                raise NotFound(NO_SUCH_FAMILY)
            return self._view(session, family)

    def save_entries(self, actor: Actor, family_id: int, entries: Sequence[ChronologyLine],
                     removed: Sequence[ChronologyLine] = ()) -> ChronologyView:
        """Keep the chronology as the worker left it, in this order, in one transaction.

        ``removed`` are the entries the worker took out: one drawn from the record is kept
        hidden (so drawing again does not bring it back); one they added is deleted.

        Raises:
            ValidationFailed: under "entry N", what is wrong with each entry.
            PermissionDenied: the role, or whose family it is, does not allow it.
            NotFound: no such family.
        """
        require(actor, Permission.EDIT_CASES)
        lines = [cleaned(line) for line in entries]
        refuse_if(line_problems(lines))
        now = self._ctx.clock.now()
        with self._ctx.database.unit_of_work() as session:
            family = load_family_for_change(session, actor, family_id, None)
            require_family_scope(actor, family.social_worker_id, family.team)
            stored = {row.id: row for row in _stored(session, family.id)}
            before = sum(1 for row in stored.values() if not row.hidden)
            counts = {"added": 0, "changed": 0, "removed": 0}

            def put(line: ChronologyLine, position: int, hidden: bool) -> None:
                row = stored.pop(line.entry_id, None) if line.entry_id else None
                if row is None:
                    session.add(ChronologyEntry(
                        family_id=family.id, position=position, entry_date=line.entry_date,
                        event=line.event, source=line.source, origin=line.origin,
                        hidden=hidden, edited_by=actor.username, edited_at=now))
                    counts["removed" if hidden else "added"] += 1
                    return
                if (row.entry_date, row.event, row.source, row.hidden) != (
                        line.entry_date, line.event, line.source, hidden):
                    counts["removed" if hidden else "changed"] += 1
                    row.edited_by, row.edited_at = actor.username, now
                row.entry_date, row.event, row.source = (line.entry_date, line.event,
                                                         line.source)
                row.position, row.hidden = position, hidden

            for position, line in enumerate(lines):
                put(line, position, hidden=False)
            for line in removed:
                if line.origin:  # an entry of their own is deleted below
                    put(line, len(lines), hidden=True)
            # Rows the worker's list no longer mentions: hide drawn ones, delete their own.
            for row in stored.values():
                if row.origin:
                    counts["removed"] += not row.hidden
                    row.hidden = True
                else:
                    counts["removed"] += 1
                    session.delete(row)
            session.flush()
            audit.record(session, actor, AuditAction.CHRONOLOGY_SAVE, "chronology", family.id,
                         family.id, before={"entries": before},
                         after={"entries": len(lines), **counts})
            return self._view(session, family)

    def save_as_document(self, actor: Actor, family_id: int, as_of: date) -> ChronologyDocument:
        """Make the chronology PDF (the entries dated on or before ``as_of``) and keep it
        among the family's documents, dated ``as_of``; warns when it is over PD27A's limit.

        Raises:
            PermissionDenied / NotFound: as for saving the entries.
            ValidationFailed: the chronology has no entries on or before that date.
        """
        require(actor, Permission.EDIT_CASES)
        view = self.draw(actor, family_id)
        with self._ctx.database.unit_of_work() as session:
            family = load_family_for_change(session, actor, family_id, None)
            require_family_scope(actor, family.social_worker_id, family.team)
        # The PDF and documents code load when a chronology is first saved as a document.
        from plo_tracker.documents.chronology_pdf import ChronologyPrint, render_chronology

        from .documents import DocumentForm

        lines = tuple(line for line in view.lines if line.entry_date <= as_of)
        if not lines:
            raise ValidationFailed({"as_of": (
                "The chronology has no entries on or before that date: draw it from the "
                "record or add entries first.")})
        printed = render_chronology(ChronologyPrint(
            view.plo_family_id, view.children, lines, as_of, actor.display_name))
        form = DocumentForm(title=TITLE, document_date=as_of, author=actor.display_name,
                            doc_type=DocumentType.CHRONOLOGY)
        document = self._documents().add_generated(actor, family_id, printed.pdf, form,
                                                   source=SOURCE)
        return ChronologyDocument(document, printed.pages, page_limit_warning(
            DocumentType.CHRONOLOGY, TITLE, printed.pages))
