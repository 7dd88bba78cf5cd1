"""The Letters tab: each letter recorded as sent, to whom and how, and those still to send;
Letters made… opens every letter made for the family (to open, record as sent, or keep a
translated copy)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.due import Rule
from plo_tracker.services.actor import Actor
from plo_tracker.services.case_detail import LetterView
from plo_tracker.services.registry import Services

from ..icons import icon
from .case_data import CaseData, due_text, episode_label, family_title
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

if TYPE_CHECKING:
    from ..documents.kept_letters_dialog import KeptLettersDialog


class LettersTab(CaseTab):
    """Letters in the order they were sent, with the ones still due above them.

    ``changed`` is emitted after a letter made here is recorded as sent or given a
    translated copy (the workspace reloads the family).
    """

    title = "Letters"
    empty_text = EMPTY
    hint_action = "letter"
    changed = Signal()

    def __init__(self, services: Services, actor: Actor, family_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._family_id = family_id
        self._family_name = ""
        self.notice = notice()
        self.table = RecordTable(RecordTableModel(COLUMNS, with_episode=True), "Letters", EMPTY)
        self.made_button = QPushButton("Letters made…")
        self.made_button.setIcon(icon("write-letters"))
        self.made_button.setToolTip("Every letter made for this family: open it as it was "
                                    "made, record it as sent, or add the translated copy "
                                    "sent with it")
        self.made_button.clicked.connect(self.letters_made)
        buttons = QHBoxLayout()
        buttons.addWidget(self.made_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def letters_made(self) -> KeptLettersDialog:
        """Open the letters made for the family (window-modal, as the documents' is)."""
        # The letters' code and the PDF viewer (QtPdf) load when first used.
        from ..documents.kept_letters_dialog import KeptLettersDialog

        dialog = KeptLettersDialog(self._services, self._actor, self._family_id,
                                   self._family_name, self.window(), for_documents=False)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.changed)
        dialog.open()
        return dialog

    def show_case(self, data: CaseData) -> None:
        detail = data.detail
        self._family_name = family_title(detail)
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
