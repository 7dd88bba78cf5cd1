"""A new password typed twice, with the reason beside it when it cannot be used."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from plo_tracker.domain.due import DueStatus
from plo_tracker.domain.password_rules import MIN_LENGTH

from .theme import STATUS_COLOURS

NOT_THE_SAME = "The two passwords are not the same. Type the new one again in both boxes."
_ERROR_LINES = 2  # room kept under a field, so a message never moves the fields


def password_edit(accessible_name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(accessible_name)
    return edit


def error_label(lines: int = _ERROR_LINES) -> QLabel:
    """A message under a field: red-purple, and the words say what is wrong."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(f"color: {STATUS_COLOURS[DueStatus.OVERDUE].name()};")
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setFixedHeight(label.fontMetrics().lineSpacing() * lines)
    return label


class NewPasswordFields:
    """Adds "New password", "Type it again" and a message row to a form layout."""

    def __init__(self, form: QFormLayout, label: str = "&New password") -> None:
        self.new = password_edit("New password")
        self.new.setPlaceholderText(f"at least {MIN_LENGTH} characters; a few words work well")
        self.again = password_edit("New password again")
        self.error = error_label(3)  # the rules' messages say how to put it right too
        self.error.setAccessibleName("Password problem")
        form.addRow(label, self.new)
        form.addRow("Type it &again", self.again)
        form.addRow("", self.error)

    def typed(self) -> str | None:
        """The new password if both boxes agree; otherwise says so and returns None."""
        if self.new.text() != self.again.text():
            self.show_problem(NOT_THE_SAME)
            return None
        self.show_problem(None)
        return self.new.text()

    def show_problem(self, message: str | None) -> None:
        self.error.setText(message or "")
        if message:
            self.again.clear()
            self.new.setFocus(Qt.FocusReason.OtherFocusReason)
            self.new.selectAll()

    def widgets(self) -> tuple[QWidget, ...]:
        return self.new, self.again, self.error
