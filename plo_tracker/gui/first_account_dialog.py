"""First run of a new database: create its first account, an administrator."""

from __future__ import annotations

import getpass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.vocabulary import Role
from plo_tracker.services.actor import SYSTEM
from plo_tracker.services.registry import Services
from plo_tracker.services.users import NewUser, UserAccount


class FirstAccountDialog(QDialog):
    """Asks for the name and user name of the first administrator; Save creates the account."""

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
        self.username = QLineEdit(_suggested_username())
        self.username.setAccessibleName("User name")
        self.name_error = _error_label()
        self.username_error = _error_label()
        form = QFormLayout()
        form.addRow("Full name", self.full_name)
        form.addRow("", self.name_error)
        form.addRow("User name", self.username)
        form.addRow("", self.username_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.full_name.setFocus()

    def _save(self) -> None:
        self.name_error.hide()
        self.username_error.hide()
        try:
            self.account = self._services.users.create(SYSTEM, NewUser(
                self.username.text(), self.full_name.text(), Role.ADMINISTRATOR))
        except ValidationFailed as refused:
            for field, label in (("display_name", self.name_error),
                                 ("username", self.username_error)):
                if field in refused.problems:
                    label.setText(refused.problems[field])
                    label.show()
            return
        self.accept()


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b0306a;")  # red-purple, and the words say what is wrong
    label.hide()
    return label


def _suggested_username() -> str:
    try:
        return "".join(ch for ch in getpass.getuser().lower() if ch.isalnum() or ch in "._-")
    except (OSError, KeyError):
        return ""
