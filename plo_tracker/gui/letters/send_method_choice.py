"""How a letter (or its translated copy) was sent: a radio button for each way, in a row."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QWidget

from plo_tracker.domain.vocabulary import SendMethod


class SendMethodChoice(QWidget):
    """One of SendMethod, or none chosen yet; ``changed`` when the choice changes.

    It reads like any form field (``form_state``, ``is_empty``), so a FieldSet can hold it.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for method in SendMethod:
            button = QRadioButton(method.label)
            button.setProperty("method", method.value)
            self.group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.group.buttonToggled.connect(lambda _button, _on: self.changed.emit())

    def method(self) -> SendMethod | None:
        button = self.group.checkedButton()
        return SendMethod(button.property("method")) if button else None

    def set_method(self, method: SendMethod) -> None:
        for button in self.group.buttons():
            button.setChecked(button.property("method") == method.value)

    # -- what forms read ------------------------------------------------------------------
    def form_state(self) -> str:
        method = self.method()
        return method.value if method else ""

    def is_empty(self) -> bool:
        return self.method() is None

    def focus_chain(self) -> list[QWidget]:
        return list(self.group.buttons())

    def set_accessible_name(self, name: str) -> None:
        for button in self.group.buttons():
            button.setAccessibleDescription(name)
