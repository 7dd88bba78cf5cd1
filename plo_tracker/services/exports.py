"""Lists of families and due items as plain records for other programs (JSON), audited.

The command line writes these; a window that offers an export uses the same records,
so both give the same fields under the same names.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from plo_tracker.domain.audit_actions import AuditAction

from . import audit
from .actor import Actor
from .caseload import CaseloadService, DueEntry, FamilySummary
from .context import ServiceContext


def family_record(summary: FamilySummary) -> dict[str, Any]:
    """One family as an exported record."""
    due = summary.next_due
    week = summary.week
    return {
        "id": summary.family_id,
        "plo_family_id": summary.plo_family_id,
        "surname": summary.surname,
        "stage": summary.stage.value if summary.stage else None,
        "stage_label": summary.stage_label,
        "children": [{"name": c.name, "age": c.age_text} for c in summary.children],
        "social_worker": summary.social_worker,
        "team": summary.team,
        "start_date": summary.start.isoformat() if summary.start else None,
        "day_of_pre_proceedings": week.day if week else None,
        "week": None if week is None else {
            "number": week.week, "of": week.total_weeks, "days_past_end": week.days_past,
            "text": week.text(),
        },
        "status": summary.status.value,
        "next_due": None if due is None else due_record(due),
    }


def due_record(item) -> dict[str, Any]:
    """A due item's date, the working day to act by, its rule and the reason."""
    return {
        "title": item.title, "due": item.due.isoformat(), "act_by": item.act_by.isoformat(),
        "deadline_note": item.deadline_note, "rule": item.rule.value, "reason": item.reason,
    }


def due_entry_record(entry: DueEntry) -> dict[str, Any]:
    """One line of the due list as an exported record."""
    return {
        "family_id": entry.item.family_id, "plo_family_id": entry.plo_family_id,
        "surname": entry.surname, "social_worker": entry.social_worker,
        "status": entry.status.value, **due_record(entry.item),
    }


class ExportService:
    """Records for export; each export is written to the audit log (what, how many, by whom)."""

    def __init__(self, context: ServiceContext, caseload: CaseloadService) -> None:
        self._ctx = context
        self._caseload = caseload

    def families(self, actor: Actor, on: date | None = None) -> list[dict[str, Any]]:
        """Every family the actor may see, as records."""
        records = [family_record(s) for s in self._caseload.families(actor, on)]
        self._record(actor, "families", len(records))
        return records

    def due(self, actor: Actor, on: date | None = None) -> list[dict[str, Any]]:
        """Everything overdue or due soon, as records."""
        records = [due_entry_record(e) for e in self._caseload.due(actor, on)]
        self._record(actor, "due", len(records))
        return records

    def _record(self, actor: Actor, what: str, count: int) -> None:
        with self._ctx.database.unit_of_work() as session:
            audit.record(session, actor, AuditAction.EXPORT, what, None,
                         None, after={"records": count})
