"""The letters made for a family, in a window of their own: Add a letter… on the Documents
tab (to add one to the documents) and Letters made… on the Letters tab (to open one, record
it as sent, or keep the translated copy sent with it)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from plo_tracker.services.actor import Actor
from plo_tracker.services.registry import Services

from ..forms.form_dialog import heading_label
from ..letters.generated_letters_view import GeneratedLettersView

TITLE = "Add a letter to the documents"
LETTERS_TITLE = "Letters made for this family"


class KeptLettersDialog(QDialog):
    """Every letter kept for the family; Add to documents files the chosen one.

    ``changed`` is emitted once a letter is added (or recorded as sent).
    """

    changed = Signal()

    def __init__(self, services: Services, actor: Actor, family_id: int, family_name: str,
                 parent: QWidget | None = None, *, for_documents: bool = True) -> None:
        super().__init__(parent)
        title = TITLE if for_documents else LETTERS_TITLE
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        intro = QLabel(
            f"Letters made for family {family_name}. Choose one and press Add to documents: "
            "it goes in with the letter's date, in section F." if for_documents else
            f"Every letter made for family {family_name}, newest first. Open one exactly as "
            "it was made, record it as sent, or keep the translated copy sent with it.")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.letters = GeneratedLettersView(services, actor)
        self.letters.changed.connect(self.changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(title))
        layout.addWidget(intro)
        layout.addWidget(self.letters, 1)
        layout.addWidget(buttons)
        self.resize(1200, 520)  # every column of the letters, without scrolling
        self.letters.set_family(family_id)
