"""The Letters tab: each letter recorded as sent, to whom and how, and those still to send."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QVBoxLayout, QWidget

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.due import Rule
from plo_tracker.services.case_detail import LetterView

from .case_data import CaseData, due_text, episode_label
from .case_tab import CaseTab
from .record_table import Column, Entry, RecordTable, RecordTableModel, notice, set_notice

EMPTY = "No letters recorded as sent yet."

COLUMNS: tuple[Column[LetterView], ...] = (
    Column("Letter", "The kind of letter", lambda x: x.kind.label,
           "Letter before proceedings (unborn baby)"),
    Column("To", "Who it was sent to", lambda x: x.recipient, "Georgina Middleton"),
    Column("Sent", "The date it was sent",
           lambda x: short_date(x.sent_date) if x.sent_date else "Not sent", "Wed 30 Sep 2026"),
    Column("How", "How it was sent", lambda x: x.method.label if x.method else ""),
)
COL_LETTER, COL_TO, COL_SENT, COL_HOW = range(4)


class LettersTab(CaseTab):
    """Letters in the order they were sent, with the ones still due above them."""

    title = "Letters"
    empty_text = EMPTY
    hint_action = "letter"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = notice()
        self.table = RecordTable(RecordTableModel(COLUMNS, with_episode=True), "Letters", EMPTY)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.table)

    def show_case(self, data: CaseData) -> None:
        detail = data.detail
        set_notice(self.notice, [f"Still to do: {due_text(item, data.today)}"
                                 for item in data.due_for(Rule.LETTER)])
        self.table.set_entries([
            Entry(letter, episode_label(detail, episode))
            for episode in reversed(detail.episodes)
            for letter in sorted(episode.letters,
                                 key=lambda x: (x.sent_date or date.max, x.letter_id))
        ])

    def count(self) -> int:
        return self.table.model.rowCount()
