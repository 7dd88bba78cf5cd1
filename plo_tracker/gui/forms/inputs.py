"""Small inputs the forms share: a list to choose from, yes/no/not recorded, radio choices."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.vocabulary import LabelledEnum

# A choice is the words shown and the value a service is given.
Choice = tuple[str, Any]


def enum_choices(members: Iterable[LabelledEnum]) -> list[Choice]:
    """Choices made from vocabulary members, shown by their labels."""
    return [(member.label, member) for member in members]


class ChoiceBox(QComboBox):
    """A drop-down list whose items carry values; empty (index -1) until something is chosen.

    Args:
        choices: the words and values, in the order shown.
        placeholder: shown while nothing is chosen.
    """

    def __init__(self, choices: Iterable[Choice] = (), placeholder: str = "Choose…",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.set_choices(choices)

    def set_choices(self, choices: Iterable[Choice]) -> None:
        """Replace the items, keeping the chosen value if it is still offered."""
        kept = self.value()
        self.blockSignals(True)
        self.clear()
        for text, value in choices:
            self.addItem(text, value)
        self.setCurrentIndex(-1)
        self.blockSignals(False)
        self.set_value(kept)

    def value(self) -> Any:
        return self.currentData() if self.currentIndex() >= 0 else None

    def set_value(self, value: Any) -> None:
        """Choose the item carrying ``value`` (nothing chosen when it is not offered)."""
        index = next((i for i in range(self.count()) if self.itemData(i) == value), -1)
        if value is None:
            index = next((i for i in range(self.count()) if self.itemData(i) is None), -1)
        self.setCurrentIndex(index)

    def is_empty(self) -> bool:
        return self.currentIndex() < 0

    def form_state(self) -> Any:
        # The value, not the row: a list refilled after a reload keeps its choice unchanged.
        return (self.currentIndex() >= 0, self.value())


class YesNoBox(ChoiceBox):
    """Yes, no, or not recorded (None): for facts a form may not know yet."""

    def __init__(self, unknown: str = "Not recorded", parent: QWidget | None = None) -> None:
        super().__init__([("Yes", True), ("No", False), (unknown, None)], parent=parent)
        self.set_value(None)


class RadioChoice(QWidget):
    """A few options as radio buttons, for choices worth seeing all at once.

    ``changed`` is emitted when the choice changes; ``value()`` is None until one is chosen.
    """

    changed = Signal()

    def __init__(self, choices: Iterable[Choice], vertical: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._group = QButtonGroup(self)
        self._values: list[Any] = []
        layout: QBoxLayout = QVBoxLayout(self) if vertical else QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for number, (text, value) in enumerate(choices):
            button = QRadioButton(text)
            button.setAccessibleName(text)
            self._group.addButton(button, number)
            self._values.append(value)
            layout.addWidget(button)
        if not vertical:
            layout.addStretch(1)
        self._group.idToggled.connect(lambda _id, checked: checked and self.changed.emit())

    def buttons(self) -> list[QRadioButton]:
        return [self._group.button(n) for n in range(len(self._values))]

    def value(self) -> Any:
        number = self._group.checkedId()
        return self._values[number] if number >= 0 else None

    def set_value(self, value: Any) -> None:
        if value in self._values:
            self._group.button(self._values.index(value)).setChecked(True)

    def button_for(self, value: Any) -> QRadioButton:
        return self._group.button(self._values.index(value))

    def is_empty(self) -> bool:
        return self._group.checkedId() < 0

    def form_state(self) -> int:
        return self._group.checkedId()

    def focus_chain(self) -> list[QWidget]:
        return list(self.buttons())

    def set_accessible_name(self, name: str) -> None:
        self.setAccessibleName(name)
        for button in self.buttons():
            button.setAccessibleDescription(name)


class LongText(QPlainTextEdit):
    """Several lines of text; Tab moves on to the next field rather than typing a tab."""

    def __init__(self, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMinimumWidth(320)
        height = self.fontMetrics().lineSpacing() * lines
        self.setFixedHeight(height + 2 * self.frameWidth() + 8)
