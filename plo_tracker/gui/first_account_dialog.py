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

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.vocabulary import Role
from plo_tracker.services.actor import SYSTEM
from plo_tracker.services.registry import Services
from plo_tracker.services.sign_in import SignIn
from plo_tracker.services.users import NewUser, UserAccount

from .password_fields import NewPasswordFields, error_label

_WIDTH_CHARS = 72


class FirstAccountDialog(QDialog):
    """Asks for the name, user name and password (twice) of the first administrator; Save
    creates the account and signs in as it (``signed_in``).

    Nothing is filled in for the person: a user name taken from the computer's login would
    name whoever installed the app, not the administrator who will use it. The room for
    each field's message is kept whether or not there is one, so the fields stay put.
    """

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.account: UserAccount | None = None
        self.signed_in: SignIn | None = None
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
        self.name_error = error_label()
        self.username_error = error_label()
        form = QFormLayout()
        form.addRow("&Full name", self.full_name)
        form.addRow("", self.name_error)
        form.addRow("&User name", self.username)
        form.addRow("", self.username_error)
        self.password = NewPasswordFields(form, "&Password")
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
        password = self.password.typed()
        if password is None:
            return
        try:
            self.account = self._services.users.create(SYSTEM, NewUser(
                self.username.text(), self.full_name.text(), Role.ADMINISTRATOR), password)
        except ValidationFailed as refused:
            for field, label in (("display_name", self.name_error),
                                 ("username", self.username_error)):
                if field in refused.problems:
                    label.setText(refused.problems[field])
            if "password" in refused.problems:
                self.password.show_problem(refused.problems["password"])
            if self.name_error.text() or self.username_error.text():
                focus = self.full_name if self.name_error.text() else self.username
                focus.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.signed_in = self._services.users.sign_in(self.account.username, password)
        self.accept()
