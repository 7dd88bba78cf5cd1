"""Administrators' accounts dialog: list every account, add one, reset a password,
disable or enable an account, and lift a lock-out."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.errors import DomainError, ValidationFailed
from plo_tracker.domain.vocabulary import Role
from plo_tracker.services.actor import Actor
from plo_tracker.services.registry import Services
from plo_tracker.services.users import NewUser

from .password_fields import NewPasswordFields, error_label

HEADINGS = ("Name", "User name", "Role", "Team", "State")


class AccountsDialog(QDialog):
    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._actor = services, actor
        self.setWindowTitle("Accounts")
        self.table = QTableWidget(0, len(HEADINGS))
        self.table.setHorizontalHeaderLabels(HEADINGS)
        self.table.setAccessibleName("Accounts")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Account problem")
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, slot in (
            ("add", "&Add account…", self.add_account),
            ("reset", "&Reset password…", self.reset_password),
            ("role", "Change r&ole…", self.change_role),
            ("disable", "&Disable", lambda: self._act(self._services.users.disable)),
            ("enable", "&Enable", lambda: self._act(self._services.users.enable)),
            ("unlock", "&Unlock", lambda: self._act(self._services.users.unlock)),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, run=slot: run())
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(close)
        self.table.itemSelectionChanged.connect(self._enable_buttons)
        self.resize(760, 420)
        self.refresh()

    def refresh(self) -> None:
        chosen = self.selected_username()
        self.statuses = self._services.users.all_accounts(self._actor)
        self.table.setRowCount(len(self.statuses))
        for row, status in enumerate(self.statuses):
            account = status.account
            for column, text in enumerate((account.display_name, account.username,
                                           account.role.label, account.team or "",
                                           status.state)):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if account.username == chosen:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        self._enable_buttons()

    def selected_username(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.statuses[rows[0].row()].account.username if rows else None

    def choose(self, username: str) -> None:
        for row, status in enumerate(self.statuses):
            if status.account.username == username:
                self.table.selectRow(row)

    def _enable_buttons(self) -> None:
        username = self.selected_username()
        status = next((s for s in self.statuses if s.account.username == username), None)
        self.buttons["reset"].setEnabled(status is not None)
        self.buttons["role"].setEnabled(status is not None)
        self.buttons["disable"].setEnabled(status is not None and status.account.active)
        self.buttons["enable"].setEnabled(status is not None and not status.account.active)
        self.buttons["unlock"].setEnabled(status is not None and (
            status.locked_until is not None or status.failed_sign_ins > 0))

    def _act(self, action: Callable[[Actor, str], None]) -> None:
        username = self.selected_username()
        if username is None:
            return
        try:
            action(self._actor, username)
        except DomainError as refused:
            self.problem.setText(refused.message)
            return
        self.problem.clear()
        self.refresh()

    def reset_password(self) -> None:
        username = self.selected_username()
        if username is not None:
            dialog = ResetPasswordDialog(self._services, self._actor, username, self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.refresh()

    def change_role(self) -> None:
        """Pick another role for the chosen account (the service keeps the last active
        administrator one, and says so under the buttons)."""
        username = self.selected_username()
        status = next((s for s in self.statuses if s.account.username == username), None)
        if status is None:
            return
        labels = [role.label for role in Role]
        label, chosen = QInputDialog.getItem(
            self, "Change role", f"Role for {status.account.display_name}:", labels,
            labels.index(status.account.role.label), False)
        if chosen:
            role = next(role for role in Role if role.label == label)
            self._act(lambda actor, name: self._services.users.change_role(actor, name, role))

    def add_account(self) -> None:
        dialog = AddAccountDialog(self._services, self._actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()


class ResetPasswordDialog(QDialog):
    """A new password for someone else, which they must change at their next sign-in."""

    def __init__(self, services: Services, actor: Actor, username: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._actor, self._username = services, actor, username
        self.setWindowTitle(f"New password for {username}")
        intro = QLabel(f"Give '{username}' a password to sign in with. They must choose "
                       "their own when they next sign in.")
        intro.setWordWrap(True)
        form = QFormLayout()
        self.fields = NewPasswordFields(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)

    def _save(self) -> None:
        password = self.fields.typed()
        if password is None:
            return
        try:
            self._services.users.reset_password(self._actor, self._username, password)
        except ValidationFailed as refused:
            self.fields.show_problem(refused.problems.get("new_password", refused.message))
            return
        self.accept()


class AddAccountDialog(QDialog):
    """A new account, with a first password its owner changes at their first sign-in."""

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._actor = services, actor
        self.setWindowTitle("Add an account")
        form = QFormLayout()
        self.full_name, self.username, self.team = QLineEdit(), QLineEdit(), QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.label, role)
        self.errors = {key: error_label() for key in ("display_name", "username", "role")}
        for label, widget, key in (("&Full name", self.full_name, "display_name"),
                                   ("&User name", self.username, "username"),
                                   ("&Role", self.role, "role")):
            widget.setAccessibleName(label.replace("&", ""))
            form.addRow(label, widget)
            form.addRow("", self.errors[key])
        form.addRow("&Team", self.team)
        self.password = NewPasswordFields(form, "First &password")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)

    def _save(self) -> None:
        for label in self.errors.values():
            label.clear()
        password = self.password.typed()
        if password is None:
            return
        try:
            self._services.users.create(self._actor, NewUser(
                self.username.text(), self.full_name.text(), self.role.currentData(),
                self.team.text().strip() or None), password)
        except ValidationFailed as refused:
            for key, message in refused.problems.items():
                if key == "password":
                    self.password.show_problem(message)
                elif key in self.errors:
                    self.errors[key].setText(message)
            return
        self.accept()
