"""The History tab: the family's audit trail in words, newest first, times in UK local time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.followups import Finding
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.panel import AgendaReason, PanelDecision, PanelRole
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.vocabulary import (
    AssessmentKind,
    CpPlanStatus,
    GatewayDecision,
    LabelledEnum,
    MeetingKind,
    Outcome,
    PlanItemKind,
    SendMethod,
    Sex,
    StepDownPlan,
)
from plo_tracker.services.audit import AuditView

from .case_data import CaseData, local_time
from .case_tab import CaseTab
from .record_table import Column, RecordTable, RecordTableModel

EMPTY = "Nothing has been recorded for this family yet."
VIEW_ACTION = AuditAction.FAMILY_VIEW.code

# Stored codes and their words, by field, or by field and entity where the field's name
# means other things elsewhere (a panel item's "reason" is a code, a legal hold's is text);
# "kind" by the entity it belongs to.
_CODES: dict[str | tuple[str, str], type[LabelledEnum]] = {
    "stage": Stage, "gateway_decision": GatewayDecision, "outcome": Outcome,
    "step_down_plan": StepDownPlan, "method": SendMethod, "sex": Sex,
    "cp_plan_status": CpPlanStatus, "finding": Finding,
    ("reason", "panel_item"): AgendaReason, ("decision", "panel_item"): PanelDecision,
    "panel_role": PanelRole,
}
_KINDS: dict[str, type[LabelledEnum]] = {
    "assessment": AssessmentKind, "meeting": MeetingKind, "letter": LetterType,
    "plan_item": PlanItemKind,
}
_FIELDS: dict[str | tuple[str, str], str] = {
    ("text", "note"): "Note", ("text", "plan_item"): "What", ("text", "plan_progress"): "Progress",
    "fgdm_offered": "FGDM offered", "fgdm_held": "FGDM held", "plo_family_id": "PLO family id",
    "la_solicitor": "Local authority solicitor", "text": "Text", "new_end_date": "New end date",
    "parents_solicitors_present": "Parents' solicitors present",
    "for_chronology": "In the chronology",
    "months": "Months after the step-down", "checked_on": "Checked on",
}
# Values that say nothing when a record is added: a note not marked for the chronology is
# every note, so "In the chronology: no" would only push the note's words aside.
_UNREMARKABLE_WHEN_ADDED = {"for_chronology": False}
# Bookkeeping that says nothing to a reader (a note's time is the entry's own time); other
# "..._id" fields are database ids too.
_SKIP = {"id", "version", "created_at", "written_at"}
_KEEP_IDS = {"plo_family_id", "local_child_id"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_TIME = re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d+)?)?")  # a meeting's start time
_LONG = 120


def field_name(key: str, entity: str = "") -> str:
    """A stored field's name for people: "due_date" becomes "Due date"."""
    return (_FIELDS.get((key, entity)) or _FIELDS.get(key)
            or key.replace("_", " ").capitalize())


def value_text(key: str, value: Any, entity: str) -> str:
    """A stored value for people: dates with the month's name, codes as their words."""
    if value is None or value == "":
        return "blank"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        codes = (_KINDS.get(entity) if key == "kind"
                 else _CODES.get((key, entity)) or _CODES.get(key))
        if codes is not None:
            try:
                return codes(value).label
            except ValueError:
                return value
        if _ISO_DATE.fullmatch(value):
            return short_date(date.fromisoformat(value))
        if _ISO_TIME.fullmatch(value):
            return value[:5]
        if _ISO_DATE.match(value) and "T" in value:
            try:
                return local_time(datetime.fromisoformat(value))
            except ValueError:
                return value
        return value if len(value) <= _LONG else value[:_LONG - 1] + "…"
    return str(value)


def _shown(key: str, value: Any) -> bool:
    if key in _SKIP or (key.endswith("_id") and key not in _KEEP_IDS):
        return False
    return not isinstance(value, (dict, list))


def changes_text(entry: AuditView) -> str:
    """What changed, one field a line: "Stage: Pre-proceedings → Stepped down"."""
    before, after = entry.before or {}, entry.after or {}
    lines = []
    if entry.before is None:
        for key, value in after.items():
            quiet = key in _UNREMARKABLE_WHEN_ADDED and _UNREMARKABLE_WHEN_ADDED[key] == value
            if _shown(key, value) and value not in (None, "") and not quiet:
                lines.append(f"{field_name(key, entry.entity)}: "
                             f"{value_text(key, value, entry.entity)}")
    else:
        for key in dict.fromkeys([*before, *after]):
            old, new = before.get(key), after.get(key)
            if old != new and _shown(key, new if key in after else old):
                lines.append(f"{field_name(key, entry.entity)}: "
                             f"{value_text(key, old, entry.entity)} → "
                             f"{value_text(key, new, entry.entity)}")
    return "\n".join(lines)


@dataclass(frozen=True)
class HistoryRow:
    entry: AuditView
    changes: str


def _who_tip(row: HistoryRow) -> str:
    entry = row.entry
    if entry.full_name and entry.full_name != entry.username:
        return f"{entry.full_name}, user name {entry.username}"
    return f"User name {entry.username}"


COLUMNS: tuple[Column[HistoryRow], ...] = (
    Column("When", "UK local time", lambda r: local_time(r.entry.occurred_at),
           "Wed 30 Sep 2026 23:59"),
    Column("Who", "The person who did it (their user name is in the tooltip)",
           lambda r: r.entry.full_name or r.entry.username, "Georgina Middleton",
           tooltip=_who_tip),
    Column("What", "What was done", lambda r: r.entry.action_words,
           "Recorded the family group decision-making offer"),
    # One line a row, so a long history stays quick to lay out; the tooltip has a line a field.
    Column("Changes", "The fields recorded or changed: before → after",
           lambda r: r.changes.replace("\n", " · "), tooltip=lambda r: r.changes or None),
)
COL_WHEN, COL_WHO, COL_WHAT, COL_CHANGES = range(4)


class HistoryTab(CaseTab):
    """Every audit entry of the family, newest first; views can be left out."""

    title = "History"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_views = QCheckBox("Include each time someone looked at the family")
        self.show_views.setChecked(True)
        self.show_views.toggled.connect(self._refill)
        self.table = RecordTable(RecordTableModel(COLUMNS), "History", EMPTY)
        layout = QVBoxLayout(self)
        layout.addWidget(self.show_views)
        layout.addWidget(self.table)
        self._rows: list[HistoryRow] = []

    def show_case(self, data: CaseData) -> None:
        self._rows = [HistoryRow(entry, changes_text(entry)) for entry in data.history]
        self._refill()

    def count(self) -> int:
        return len(self._rows)

    def _refill(self) -> None:
        views = self.show_views.isChecked()
        self.table.set_records([r for r in self._rows
                                if views or r.entry.action != VIEW_ACTION])
