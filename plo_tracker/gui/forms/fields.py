"""Rows of labelled inputs, each with its problem in plain words directly under it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.text_rules import TextKind, text_problem

from ..icons import icon

# The red-purple of "overdue": safe for colour-blind readers, and the words always say why.
_PROBLEM_ON_LIGHT = "#a3285f"
_PROBLEM_ON_DARK = "#f08cbb"


def problem_colour(widget: QWidget) -> str:
    """Red-purple that stays readable on the palette's background, light or dark."""
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return _PROBLEM_ON_DARK if dark else _PROBLEM_ON_LIGHT


class ProblemLabel(QWidget):
    """A warning sign and the reason a value is refused; hidden while all is well."""

    def __init__(self, about: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icon = QLabel()
        self._icon.setPixmap(icon("warning").pixmap(16, 16))
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName(f"Problem with {about}")
        self.label.setStyleSheet(f"color: {problem_colour(self)};")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.hide()

    def text(self) -> str:
        return self.label.text() if not self.isHidden() else ""

    def set_problem(self, message: str | None) -> None:
        self.label.setText(message or "")
        self.setHidden(not message)


@dataclass
class _Row:
    name: str
    title: str
    label: QLabel
    widget: QWidget
    problem: ProblemLabel
    required: str | None
    text: TextKind | None = None  # the kind of typed text, for its length and characters
    touched: bool = False
    server: str | None = None  # what the service said, until the value changes
    shown: bool = True
    extra: list[QWidget] = field(default_factory=list)


def field_cell(widget: QWidget, title: str,
               note: str | None = None) -> tuple[QWidget, ProblemLabel]:
    """The input with any line of help and the place for its problem under it, as one cell
    of a form; every form in the app lays out a field this way."""
    problem = ProblemLabel(title[:1].lower() + title[1:])
    cell = QWidget()
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    if note:
        hint = QLabel(note)
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        column.addWidget(hint)
    column.addWidget(problem)
    return cell, problem


def _watch(widget: QWidget, slot: Callable[[], None]) -> None:
    """Call ``slot`` whenever the user (or the form) changes the widget's value."""
    changed = getattr(widget, "changed", None)
    if changed is not None:
        changed.connect(slot)
    elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(slot)
        if widget.isEditable():
            widget.editTextChanged.connect(slot)
    elif isinstance(widget, QAbstractButton):
        widget.toggled.connect(slot)
    else:
        raise TypeError(f"a form cannot watch a {type(widget).__name__}")


def state_of(widget: QWidget) -> Any:
    """What the widget holds, comparable before and after, to tell if anything changed."""
    if hasattr(widget, "form_state"):
        return widget.form_state()
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    if isinstance(widget, QComboBox):
        return widget.currentText().strip() if widget.isEditable() else widget.currentIndex()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    raise TypeError(f"a form cannot read a {type(widget).__name__}")


def _typed(widget: QWidget) -> str:
    """The text typed in an input, as the service will be given it."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def is_empty(widget: QWidget) -> bool:
    if hasattr(widget, "is_empty"):
        return widget.is_empty()
    if isinstance(widget, QComboBox):
        return not widget.currentText().strip() if widget.isEditable() \
            else widget.currentIndex() < 0
    if isinstance(widget, QAbstractButton):
        return False
    return not state_of(widget)


def _focus_chain(widget: QWidget) -> list[QWidget]:
    if hasattr(widget, "focus_chain"):
        return widget.focus_chain()
    return [widget]


def _name_for_readers(widget: QWidget, name: str) -> None:
    if hasattr(widget, "set_accessible_name"):
        widget.set_accessible_name(name)
    else:
        widget.setAccessibleName(name)


class FieldSet(QObject):
    """The inputs of one form (or one part of it) laid out in a QFormLayout.

    Every form (the milestone dialogs and each page of the new family wizard) lays out its
    inputs through a FieldSet, so they all check, show problems and track changes alike.

    Each field has a name (the key services use in ``ValidationFailed.problems``), a label
    left of it that wraps above when the window is narrow, and a problem label under it.
    A problem shows once the user has changed or left the field, or at once when the field
    holds something; a required field left empty is listed by ``missing()`` instead, so a
    fresh form is not a wall of red.

    ``changed`` is emitted after any field's value changes.
    """

    changed = Signal()

    def __init__(self, form: QFormLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.form = form
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._rows: dict[str, _Row] = {}
        self._watched: dict[QObject, _Row] = {}

    # -- building -------------------------------------------------------------------------
    def add(self, name: str, title: str, widget: QWidget, *, required: str | None = None,
            optional: bool = False, note: str | None = None,
            text: TextKind | None = None) -> Any:
        """Add a labelled field; returns the widget so a form can keep it in one line.

        Args:
            name: the field's key, as the service names it in its problems.
            title: the label, in sentence case; also the accessible name.
            widget: the input.
            required: the message shown when the field is left empty.
            optional: add "(optional)" to the label.
            note: a line of help shown under the input.
            text: the kind of text typed in it: the input takes no more than its limit
                (a QLineEdit stops there), and hidden control characters are refused.
        """
        label = QLabel(title + (" (optional)" if optional else ""))
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setBuddy(_focus_chain(widget)[0])
        _name_for_readers(widget, title)
        cell, problem = field_cell(widget, title, note)
        self.form.addRow(label, cell)
        if text is not None and isinstance(widget, QLineEdit):
            widget.setMaxLength(text.limit)
        row = _Row(name, title, label, widget, problem, required, text)
        self._rows[name] = row
        _watch(widget, lambda: self._value_changed(row))
        for part in _focus_chain(widget):
            part.installEventFilter(self)
            self._watched[part] = row
        return widget

    def add_check(self, name: str, widget: QAbstractButton) -> Any:
        """A check box that names itself: no label to its left, the box's text says it all."""
        self.add(name, widget.text(), widget)
        self._rows[name].label.setText("")
        return widget

    # -- reading --------------------------------------------------------------------------
    def widget(self, name: str) -> Any:
        return self._rows[name].widget

    def names(self) -> list[str]:
        return list(self._rows)

    def title(self, name: str) -> str:
        return self._rows[name].title

    def is_active(self, name: str) -> bool:
        """False for a field the form hides or disables: it is neither checked nor saved."""
        row = self._rows[name]
        return row.shown and row.widget.isEnabled()

    def local_problems(self) -> dict[str, str]:
        """Required fields left empty, dates that are not dates, text too long or with
        hidden characters."""
        found: dict[str, str] = {}
        for name, row in self._rows.items():
            if not self.is_active(name):
                continue
            message = row.required if row.required and is_empty(row.widget) else None
            if message is None and hasattr(row.widget, "problem"):
                message = row.widget.problem()
            if message is None and row.text is not None:
                message = text_problem(_typed(row.widget), row.text)
            if message:
                found[name] = message
        return found

    def snapshot(self) -> tuple:
        return tuple(state_of(row.widget) for row in self._rows.values())

    def focus_chain(self) -> list[QWidget]:
        return [part for row in self._rows.values() for part in _focus_chain(row.widget)]

    def shown_problems(self) -> dict[str, str]:
        """The problems on screen now, by field name."""
        return {name: row.problem.text() for name, row in self._rows.items()
                if row.problem.text()}

    # -- showing --------------------------------------------------------------------------
    def show_problems(self, problems: dict[str, str], reveal: bool = False) -> dict[str, str]:
        """Show each field's problem (the service's first); returns those with no field here.

        Args:
            problems: field name to message, from the form's own checks.
            reveal: show problems on fields the user has not reached yet, too.
        """
        for name, row in self._rows.items():
            message = row.server or problems.get(name)
            visible = row.server or reveal or row.touched or not is_empty(row.widget)
            active = self.is_active(name)
            row.problem.set_problem(message if message and visible and active else None)
            for part in _focus_chain(row.widget):
                part.setAccessibleDescription(row.problem.text())
        return {name: text for name, text in problems.items() if name not in self._rows}

    def missing(self, problems: dict[str, str]) -> list[str]:
        """Titles of fields with a problem not on screen yet (usually required and empty)."""
        return [row.title for name, row in self._rows.items()
                if name in problems and self.is_active(name) and not row.problem.text()]

    def set_server_problems(self, problems: dict[str, str]) -> dict[str, str]:
        """Put what the service refused under its fields; returns those with no field here."""
        placed = set()
        for name, row in self._rows.items():
            # A hidden or disabled field cannot show its problem: it goes with the loose ones.
            row.server = problems.get(name) if self.is_active(name) else None
            if row.server:
                placed.add(name)
        return {name: text for name, text in problems.items() if name not in placed}

    def has_server_problems(self) -> bool:
        return any(row.server for name, row in self._rows.items() if self.is_active(name))

    def first_with_problem(self) -> QWidget | None:
        for row in self._rows.values():
            if row.problem.text():
                return _focus_chain(row.widget)[0]
        return None

    def set_shown(self, name: str, shown: bool) -> None:
        """Show or hide a field's whole row (label, input and problem)."""
        row = self._rows[name]
        if row.shown != shown:
            row.shown = shown
            self.form.setRowVisible(row.label, shown)
            self.changed.emit()

    # -- events ---------------------------------------------------------------------------
    def _value_changed(self, row: _Row) -> None:
        row.server = None
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # A popup (the calendar) or another window taking focus is not the user moving on.
        if (event.type() == QEvent.Type.FocusOut and watched in self._watched
                and event.reason() not in _NOT_LEAVING):
            row = self._watched[watched]
            # Leaving the field for its own calendar button is not leaving the field.
            if not row.touched and not _focus_within(row.widget):
                row.touched = True
                self.changed.emit()
        return False


_NOT_LEAVING = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)


def _focus_within(widget: QWidget) -> bool:
    focused = widget.window().focusWidget() if widget.window() else None
    return focused is not None and (focused is widget or widget.isAncestorOf(focused))
