"""The Notes tab: case notes, newest first, with who wrote them and when (UK time)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from plo_tracker.services.case_detail import NoteView

from .case_data import CaseData, local_time
from .case_tab import CaseTab
from .record_table import Column, RecordTable, RecordTableModel

EMPTY = "No notes yet."

COLUMNS: tuple[Column[NoteView], ...] = (
    Column("Written", "When the note was written, UK time", lambda n: local_time(n.written_at),
           "Wed 30 Sep 2026 23:59"),
    Column("By", "Who wrote it", lambda n: n.author, "Georgina Middleton"),
    Column("Note", "What was written", lambda n: n.text, wrap=True),
)
COL_WRITTEN, COL_BY, COL_NOTE = range(3)


class NotesTab(CaseTab):
    """The family's notes, as the service gives them: newest first."""

    title = "Notes"
    empty_text = EMPTY
    hint_action = "note"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = RecordTable(RecordTableModel(COLUMNS), "Notes", EMPTY)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def show_case(self, data: CaseData) -> None:
        self.table.set_records(data.detail.notes)

    def count(self) -> int:
        return self.table.model.rowCount()
