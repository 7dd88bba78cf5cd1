"""The Settings dialog's "National returns" group: the census's outcome code for each of the
app's outcomes (settings.ReturnSettings), each with its problem under it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from plo_tracker.settings import ReturnSettings

# Each code's field: label and what it means.
RETURN_FIELDS = (
    ("outcome_step_down", "Stepped &down", "PPOutcome when the family stepped down"),
    ("outcome_issue_proceedings", "Care proceedings &issued",
     "PPOutcome when the panel decided to issue care proceedings"),
    ("outcome_other", "Ended &otherwise", "PPOutcome when pre-proceedings ended another way"),
)
NOTE = ("The census's PPOutcome codes (CIN census module 5). Check them against the "
        "Department for Education's specification for the year before sending a return.")


class ReturnSettingsBox(QGroupBox):
    """Three short codes; ``changed`` when one is typed."""

    changed = Signal()

    def __init__(self, error_label: Callable[[], QLabel], hint_label: Callable[[str], QLabel],
                 parent: QWidget | None = None) -> None:
        super().__init__("National returns", parent)
        self.codes = {name: QLineEdit() for name, _label, _tip in RETURN_FIELDS}
        self.errors = {name: error_label() for name, _label, _tip in RETURN_FIELDS}
        form = QFormLayout(self)
        note = hint_label(NOTE)
        note.setWordWrap(True)
        form.addRow(note)
        for name, label, tip in RETURN_FIELDS:
            edit = self.codes[name]
            edit.setMaxLength(8)  # room to type one too long and be told why
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("MMMMMMMM") + 20)
            edit.setAccessibleName(label.replace("&", "") + ": census outcome code")
            edit.setToolTip(tip)
            edit.textChanged.connect(self.changed)
            words = QLabel(label)
            words.setBuddy(edit)
            form.addRow(words, edit)
            form.addRow("", self.errors[name])

    def show_settings(self, settings: ReturnSettings) -> None:
        for name, edit in self.codes.items():
            edit.setText(getattr(settings, name))

    def value(self) -> ReturnSettings:
        return ReturnSettings(**{name: edit.text().strip().upper()
                                 for name, edit in self.codes.items()})

    def show_problems(self, problems: dict[str, str]) -> None:
        """Show under each code why it is refused (keys "returns.name")."""
        for name, label in self.errors.items():
            message = problems.get(f"returns.{name}")
            label.setText(message or "")
            label.setVisible(bool(message))

    def set_read_only(self) -> None:
        for edit in self.codes.values():
            edit.setReadOnly(True)
