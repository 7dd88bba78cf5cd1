"""First run of a new database: create its first account, an administrator."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.due import DueStatus
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.vocabulary import Role
from plo_tracker.services.actor import SYSTEM
from plo_tracker.services.registry import Services
from plo_tracker.services.users import NewUser, UserAccount

from .theme import STATUS_COLOURS

_ERROR_LINES = 2  # room kept under each field, so a message never moves the fields
_WIDTH_CHARS = 72


class FirstAccountDialog(QDialog):
    """Asks for the name and user name of the first administrator; Save creates the account.

    Nothing is filled in for the person: a user name taken from the computer's login would
    name whoever installed the app, not the administrator who will use it. The room for
    each field's message is kept whether or not there is one, so the fields stay put.
    """

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.account: UserAccount | None = None
        self.setWindowTitle("Welcome to PLO Tracker")
        intro = QLabel(
            "This database is new. Create the first account: it will be an administrator, "
            "who can then add everyone else."
        )
        intro.setWordWrap(True)
        self.full_name = QLineEdit()
        self.full_name.setAccessibleName("Full name")
        self.username = QLineEdit()
        self.username.setAccessibleName("User name")
        self.username.setPlaceholderText("for example a.byrne")
        self.name_error = _error_label()
        self.username_error = _error_label()
        form = QFormLayout()
        form.addRow("&Full name", self.full_name)
        form.addRow("", self.name_error)
        form.addRow("&User name", self.username)
        form.addRow("", self.username_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        # Wide enough for the longest message in its two lines, at any font size.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * _WIDTH_CHARS)
        self.full_name.setFocus()

    def _save(self) -> None:
        self.name_error.clear()
        self.username_error.clear()
        try:
            self.account = self._services.users.create(SYSTEM, NewUser(
                self.username.text(), self.full_name.text(), Role.ADMINISTRATOR))
        except ValidationFailed as refused:
            for field, label in (("display_name", self.name_error),
                                 ("username", self.username_error)):
                if field in refused.problems:
                    label.setText(refused.problems[field])
            focus = self.full_name if self.name_error.text() else self.username
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.accept()


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    # Red-purple, and the words say what is wrong.
    label.setStyleSheet(f"color: {STATUS_COLOURS[DueStatus.OVERDUE].name()};")
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setFixedHeight(label.fontMetrics().lineSpacing() * _ERROR_LINES)
    return label
