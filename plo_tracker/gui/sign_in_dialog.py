"""Choosing who is signing in; the check itself stays behind the user service."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.errors import DomainError
from plo_tracker.services.actor import Actor
from plo_tracker.services.registry import Services

from .theme import standard_icon

_USERNAME_ROLE = Qt.ItemDataRole.UserRole + 1
NO_ACCOUNTS_TEXT = (
    "This database has no accounts yet. An administrator can add one with "
    "'plo-tracker users add'."
)


class SignInDialog(QDialog):
    """Lists the active accounts; OK (or Enter, or a double-click) signs in as the chosen one.

    Args:
        services: the open database's services.
        username: an account to have chosen already, for example the last one used.

    After ``exec()`` returns Accepted, ``actor`` is the person signed in.
    """

    def __init__(self, services: Services, username: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.actor: Actor | None = None
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
        self.accounts.itemDoubleClicked.connect(lambda _item: self.accept())

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setAccessibleName("Sign-in problem")
        self._error_icon = QLabel()
        icon = standard_icon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._error_icon.setPixmap(icon.pixmap(16, 16))

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
        error_row = QHBoxLayout()
        error_row.addWidget(self._error_icon, 0, Qt.AlignmentFlag.AlignTop)
        error_row.addWidget(self.error_label, 1)
        layout.addLayout(error_row)
        layout.addWidget(self.buttons)
        self.resize(420, 340)

        if self.accounts.count() == 0:
            ok.setEnabled(False)
            self.show_error(NO_ACCOUNTS_TEXT)
        else:
            self.show_error(None)
        self.accounts.setFocus()

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
        try:
            self.actor = self._services.users.sign_in(username)
        except DomainError as error:
            self.show_error(error.message)
            return
        super().accept()
