"""Signing in: choose your name and type your password; the check is the user service's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.errors import DomainError
from plo_tracker.services.actor import Actor
from plo_tracker.services.registry import Services
from plo_tracker.services.sign_in import SignIn

from .icons import icon

_USERNAME_ROLE = Qt.ItemDataRole.UserRole + 1
NO_ACCOUNTS_TEXT = (
    "This database has no accounts yet. An administrator can add one with "
    "'plo-tracker users add'."
)


class SignInDialog(QDialog):
    """Lists the active accounts and asks for the password; Sign in (or Enter) checks it.

    Args:
        services: the open database's services.
        username: an account to have chosen already, for example the last one used.

    After ``exec()`` returns Accepted, ``signed_in`` says who signed in and whether they
    must choose a new password first (``typed_password`` is kept for that one step).
    """

    def __init__(self, services: Services, username: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.signed_in: SignIn | None = None
        self.typed_password = ""
        self.setWindowTitle("Sign in to PLO Tracker")

        prompt = QLabel("&Choose your name:")
        self.accounts = QListWidget()
        self.accounts.setAccessibleName("Accounts")
        prompt.setBuddy(self.accounts)
        for account in services.users.accounts():
            words = account.role.label + (f", {account.team} team" if account.team else "")
            item = QListWidgetItem(f"{account.display_name} ({words})")
            item.setData(_USERNAME_ROLE, account.username)
            self.accounts.addItem(item)
            if account.username == username:
                self.accounts.setCurrentItem(item)
        if self.accounts.count() == 1:
            self.accounts.setCurrentRow(0)
        self.accounts.itemDoubleClicked.connect(lambda _item: self.password.setFocus())
        password_label = QLabel("&Password:")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        password_label.setBuddy(self.password)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setAccessibleName("Sign-in problem")
        self._error_icon = QLabel()
        self._error_icon.setPixmap(icon("warning").pixmap(16, 16))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Sign in")
        ok.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.accounts, 1)
        layout.addWidget(password_label)
        layout.addWidget(self.password)
        # The message sits right under the password, the field it is about.
        error_row = QHBoxLayout()
        error_row.addWidget(self._error_icon, 0, Qt.AlignmentFlag.AlignTop)
        error_row.addWidget(self.error_label, 1)
        layout.addLayout(error_row)
        layout.addWidget(self.buttons)
        self.resize(420, 400)

        if self.accounts.count() == 0:
            ok.setEnabled(False)
            self.show_error(NO_ACCOUNTS_TEXT)
        else:
            self.show_error(None)
        (self.password if self.selected_username() else self.accounts).setFocus()

    @property
    def actor(self) -> Actor | None:
        return self.signed_in.actor if self.signed_in else None

    def selected_username(self) -> str | None:
        item = self.accounts.currentItem()
        return item.data(_USERNAME_ROLE) if item is not None else None

    def show_error(self, message: str | None) -> None:
        """Show a problem under the list, or hide it (None)."""
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))
        self._error_icon.setVisible(bool(message))

    def accept(self) -> None:
        username = self.selected_username()
        if username is None:
            self.show_error("Choose your name from the list.")
            return
        password = self.password.text()
        if not password and self._services.users.has_password(username):
            # Enter in the list with nothing typed yet: no attempt is counted.
            self.show_error("Type your password.")
            self.password.setFocus()
            return
        try:
            self.signed_in = self._services.users.sign_in(username, password)
        except DomainError as error:
            self.show_error(error.message)
            self.password.clear()
            self.password.setFocus()
            return
        self.typed_password = password
        super().accept()
