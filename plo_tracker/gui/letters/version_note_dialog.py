"""The question asked before a template is saved: what changed, and why."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class VersionNoteDialog(QDialog):
    """Asks what changed: the note is kept with the new version for everyone to read."""

    def __init__(self, title: str, note: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        ask = QLabel("What did you change, and why? The note is kept with this version so "
                     "others can see it.")
        ask.setWordWrap(True)
        self.note = QPlainTextEdit(note)
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName("What changed")
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 4 + 12)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Save as a new version")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(ask)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.note.textChanged.connect(self._check)
        self._check()
        self.resize(460, 200)

    def text(self) -> str:
        return self.note.toPlainText().strip()

    def _check(self) -> None:
        self.save_button.setEnabled(bool(self.text()))
