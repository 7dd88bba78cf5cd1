"""Choosing one's own password: forced after an administrator's reset or for an account
made before passwords, and from File > Change my password."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from plo_tracker.domain.errors import DomainError, ValidationFailed
from plo_tracker.services.registry import Services

from .password_fields import NewPasswordFields, error_label, password_edit

FORCED_AFTER_RESET = ("An administrator gave you this password. Choose your own now: only "
                      "you should know it.")
FORCED_NO_PASSWORD = ("Your account has no password yet (it was made before PLO Tracker had "
                      "passwords). Choose one now; you will sign in with it from now on.")


class ChangePasswordDialog(QDialog):
    """Args:
        username: whose password.
        current: the password just typed at sign-in, so it is not asked again; None asks
            for it, unless ``needs_current`` is False (an account with no password yet).
        reason: why the dialog opened by itself (None when the person chose it).
    """

    def __init__(self, services: Services, username: str, current: str | None = None,
                 needs_current: bool = True, reason: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._username = services, username
        self._current = current
        self.setWindowTitle("Choose a new password" if reason else "Change my password")
        layout = QVBoxLayout(self)
        if reason:
            intro = QLabel(reason)
            intro.setWordWrap(True)
            layout.addWidget(intro)
        form = QFormLayout()
        self.current_edit = password_edit("Current password")
        self.current_error = error_label()
        if needs_current and current is None:
            form.addRow("&Current password", self.current_edit)
            form.addRow("", self.current_error)
        else:
            self.current_edit.hide()
            self.current_error.hide()
        self.fields = NewPasswordFields(form)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Change password")
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        first = self.current_edit if self.current_edit.isVisibleTo(self) else self.fields.new
        first.setFocus()
        self._needs_current = needs_current

    def _save(self) -> None:
        self.current_error.clear()
        new = self.fields.typed()
        if new is None:
            return
        current = self._current if self._current is not None else (
            self.current_edit.text() if self._needs_current else None)
        try:
            self._services.users.change_password(self._username, current, new)
        except ValidationFailed as refused:
            self.fields.show_problem(refused.problems.get("new_password", refused.message))
            return
        except DomainError as refused:  # the current password is wrong, or locked out
            self.current_error.setText(refused.message)
            self.current_edit.clear()
            self.current_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.current_edit.isVisibleTo(self):
                self.fields.show_problem(refused.message)
            return
        self.accept()
