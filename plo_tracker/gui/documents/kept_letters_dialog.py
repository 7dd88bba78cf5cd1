"""Add a letter… on the Documents tab: the letters made for the family, to add one to them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from plo_tracker.services.actor import Actor
from plo_tracker.services.registry import Services

from ..forms.form_dialog import heading_label
from ..letters.generated_letters_view import GeneratedLettersView

TITLE = "Add a letter to the documents"


class KeptLettersDialog(QDialog):
    """Every letter kept for the family; Add to documents files the chosen one.

    ``changed`` is emitted once a letter is added (or recorded as sent).
    """

    changed = Signal()

    def __init__(self, services: Services, actor: Actor, family_id: int, family_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        intro = QLabel(f"Letters made for family {family_name}. Choose one and press Add to "
                       "documents: it goes in with the letter's date, in section F.")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.letters = GeneratedLettersView(services, actor)
        self.letters.changed.connect(self.changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(TITLE))
        layout.addWidget(intro)
        layout.addWidget(self.letters, 1)
        layout.addWidget(buttons)
        self.resize(1200, 520)  # every column of the letters, without scrolling
        self.letters.set_family(family_id)
