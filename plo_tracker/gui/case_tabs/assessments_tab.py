"""The Assessments tab: what was commissioned, of whom, when it is due, and what it concluded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QVBoxLayout, QWidget

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.due import DueStatus
from plo_tracker.services.case_detail import AssessmentView

from ..theme import status_icon
from .case_data import CaseData, days_text, episode_label
from .case_tab import CaseTab
from .record_table import Column, Entry, RecordTable, RecordTableModel

EMPTY = "No assessments commissioned yet."


@dataclass(frozen=True)
class AssessmentRow:
    """An assessment with where it stands on the day the case was read."""

    assessment: AssessmentView
    status: DueStatus
    status_text: str


def assessment_row(assessment: AssessmentView, today: date, soon_days: int) -> AssessmentRow:
    """Completed, overdue, due soon or on time, in words as well as the status's icon."""
    due = assessment.due_date
    if assessment.completed_date is not None:
        return AssessmentRow(assessment, DueStatus.CLOSED,
                             f"Completed {short_date(assessment.completed_date)}")
    if due is None:
        return AssessmentRow(assessment, DueStatus.ON_TIME, "No due date")
    if due < today:
        return AssessmentRow(assessment, DueStatus.OVERDUE,
                             f"Overdue by {days_text((today - due).days)}")
    soon = DueStatus.DUE_SOON if due <= today + timedelta(days=soon_days) else DueStatus.ON_TIME
    if due == today:
        return AssessmentRow(assessment, soon, "Due today")
    return AssessmentRow(assessment, soon, f"Due in {days_text((due - today).days)}")


def _date(day: date | None) -> str:
    return short_date(day) if day else ""


def _icon(row: AssessmentRow) -> QIcon:
    return status_icon(row.status)


COLUMNS: tuple[Column[AssessmentRow], ...] = (
    Column("Assessment", "The kind of assessment", lambda r: r.assessment.kind.label,
           "Drug and alcohol testing"),
    Column("Of", "Who is being assessed", lambda r: r.assessment.subject, "Maternal aunt"),
    Column("Status", "When it was completed, or how long until (or since) it is due",
           lambda r: r.status_text, "Overdue by 100 calendar days", icon=_icon),
    Column("Commissioned", "The date it was commissioned",
           lambda r: _date(r.assessment.commissioned_date), "Wed 30 Sep 2026"),
    Column("Due", "The date it is due", lambda r: _date(r.assessment.due_date),
           "Wed 30 Sep 2026"),
    Column("Author", "Who wrote it", lambda r: r.assessment.author or "", "Dr Hannah Lowe"),
    Column("Conclusion", "What it concluded", lambda r: r.assessment.conclusion or "",
           wrap=True),
)
COL_KIND, COL_SUBJECT, COL_STATUS, COL_COMMISSIONED, COL_DUE, COL_AUTHOR, COL_CONCLUSION = range(7)


class AssessmentsTab(CaseTab):
    """Assessments, the ones still open first, each by its due date."""

    title = "Assessments"
    empty_text = EMPTY
    hint_action = "commission_assessment"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = RecordTable(RecordTableModel(COLUMNS, with_episode=True), "Assessments",
                                 EMPTY)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def show_case(self, data: CaseData) -> None:
        detail = data.detail
        entries = []
        for episode in reversed(detail.episodes):
            rows = [assessment_row(a, data.today, data.due_soon_days)
                    for a in episode.assessments]
            rows.sort(key=lambda r: (r.assessment.completed_date is not None,
                                     r.assessment.due_date or date.max,
                                     r.assessment.assessment_id))
            label = episode_label(detail, episode)
            entries += [Entry(row, label) for row in rows]
        self.table.set_entries(entries)

    def count(self) -> int:
        return self.table.model.rowCount()
