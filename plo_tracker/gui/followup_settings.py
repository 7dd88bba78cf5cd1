"""The Settings dialog's group for the check-ins after a step-down: "3, 6 months"."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit, QWidget

from plo_tracker.settings import FollowUpSettings, Settings

HEADING = "Follow-up after step-down"
LABEL = "Check &in after"
UNIT = "months"
NOTE = ("When a family steps down, a check-in is set for each of these months after the "
        "decision, and shows in the due list until what was found is recorded. A change "
        "applies to step-downs recorded after it; check-ins already set keep their dates. "
        "Leave empty to set none.")
KEY = "followups.months"
_NOT_A_NUMBER = -1  # stands for a word typed where a number goes: the settings refuse it


def months_text(months: tuple[int, ...]) -> str:
    """(3, 6) as "3, 6"."""
    return ", ".join(str(m) for m in months)


def parse_months(text: str) -> tuple[int, ...]:
    """"3, 6" (or "3 6") as (3, 6); anything not a whole number becomes a value the
    settings' own check refuses, so the message under the field says what to type."""
    return tuple(int(part) if part.isdigit() else _NOT_A_NUMBER
                 for part in re.split(r"[,;\s]+", text.strip()) if part)


class FollowUpSettingsBox(QGroupBox):
    """The months after a step-down at which check-ins are set, with its message."""

    changed = Signal()

    def __init__(self, quiet_label: Callable[[str], QLabel] = QLabel,
                 parent: QWidget | None = None) -> None:
        """``quiet_label`` makes the dialog's quieter labels, for the default and the note."""
        super().__init__(HEADING, parent)
        self.months = QLineEdit()
        self.months.setAccessibleName("Follow-up check-ins after a step-down, in months")
        self.months.setPlaceholderText("3, 6")
        self.months.setToolTip("Months after the step-down decision, separated by commas")
        self.months.setMaximumWidth(self.fontMetrics().horizontalAdvance("00, 00, 00, 00") + 24)
        words = QLabel(LABEL)
        words.setBuddy(self.months)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        note = quiet_label(NOTE)
        note.setWordWrap(True)
        grid = QGridLayout(self)
        grid.setColumnStretch(3, 1)
        grid.setHorizontalSpacing(10)
        grid.addWidget(words, 0, 0)
        grid.addWidget(self.months, 0, 1)
        grid.addWidget(QLabel(UNIT), 0, 2)
        grid.addWidget(quiet_label(f"Default: {months_text(FollowUpSettings().months)} {UNIT}"),
                       0, 3)
        grid.addWidget(self.error, 1, 1, 1, 3)
        grid.addWidget(note, 2, 0, 1, 4)
        self.months.textChanged.connect(self.changed)

    def show_settings(self, settings: Settings) -> None:
        self.months.setText(months_text(settings.followups.months))

    def applied_to(self, settings: Settings) -> Settings:
        """``settings`` with the months the field shows."""
        return replace(settings, followups=replace(settings.followups,
                                                   months=parse_months(self.months.text())))

    def show_problems(self, problems: dict[str, str], colour: str) -> None:
        message = problems.get(KEY)
        self.error.setStyleSheet(f"color: {colour};")
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def set_read_only(self) -> None:
        self.months.setReadOnly(True)
