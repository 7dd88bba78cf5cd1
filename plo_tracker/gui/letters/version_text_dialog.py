"""An earlier version of a letter template, read only, with the way to bring it back."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from plo_tracker.services.letter_templates import TemplateVersion

from ..case_tabs.case_data import local_time
from .template_text_edit import TemplateTextEdit


class VersionTextDialog(QDialog):
    """An earlier version's text, read only, with the way to bring it back."""

    restore_requested = Signal(object)

    def __init__(self, version: TemplateVersion, can_restore: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.version = version
        self.setWindowTitle(f"{version.title}: version {version.version}")
        about = QLabel(f"Version {version.version}, saved by {version.created_by} on "
                       f"{local_time(version.created_at)}: {version.note}")
        about.setWordWrap(True)
        self.text = TemplateTextEdit()
        self.text.setPlainText(version.source)
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton("Restore this version",
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setVisible(can_restore)
        self.restore_button.clicked.connect(lambda: self.restore_requested.emit(self.version))
        self.restore_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(720, 640)
