"""The council's details as letters print them, read only: they are changed in Settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from plo_tracker.settings import CouncilDetails

# The settings dialog is the one place these are edited; this says where it is.
WHERE_TO_CHANGE = ("The council's details are changed in Settings > Timescales and council "
                   "details.")
NOT_GIVEN = "Not given yet"
_FIELDS = (("name", "Council name"), ("service", "Service"), ("address", "Postal address"),
           ("phone", "Phone"), ("email", "Email"))


class CouncilDetailsBox(QGroupBox):
    """The council's name, service, address, phone and email, read only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("The council", parent)
        self._values: dict[str, QLabel] = {}
        form = QFormLayout()
        for field, title in _FIELDS:
            value = QLabel()
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            value.setAccessibleName(title)
            form.addRow(title, value)
            self._values[field] = value
        self.where_to_change = QLabel(WHERE_TO_CHANGE)
        self.where_to_change.setWordWrap(True)
        self.where_to_change.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.where_to_change)

    def show_council(self, council: CouncilDetails) -> None:
        for field, value in self._values.items():
            text = getattr(council, field).strip()
            value.setText(text or NOT_GIVEN)
            # A missing detail reads quieter than a real one, and its words say it is missing.
            value.setForegroundRole(QPalette.ColorRole.WindowText if text
                                    else QPalette.ColorRole.PlaceholderText)

    def shown(self, field: str) -> str:
        """The text shown for one detail ("name", "service", "address", "phone", "email")."""
        return self._values[field].text()

