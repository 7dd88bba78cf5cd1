"""Rows a form can add to and take away from (a meeting's members, a decision's actions),
each with its problem in plain words directly under it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..forms.fields import ProblemLabel, _watch


class EditableRow:
    """One row's inputs. A subclass makes ``widgets`` (left to right) and reads them back;
    ``changed`` is called whenever one of them changes."""

    def __init__(self, widgets: Sequence[QWidget]) -> None:
        self.widgets = list(widgets)

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for widget in self.widgets:
            chain.extend(widget.focus_chain() if hasattr(widget, "focus_chain") else [widget])
        return chain

    def state(self) -> tuple:
        """What the row holds, to tell whether anything was typed."""
        raise NotImplementedError


class RowList(QWidget):
    """A grid of rows under column headings, Remove at the end of each, and an Add button.

    Args:
        headings: one per input of a row.
        make_row: a new empty row.
        add_text: the Add button's words ("&Add a member").
        what: a row in words, for Remove's accessible name ("member").
        empty_text: shown while there are no rows.

    ``changed`` whenever a row is added, removed or edited.
    """

    changed = Signal()

    def __init__(self, headings: Sequence[str], make_row: Callable[[], EditableRow], add_text: str,
                 what: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make_row = make_row
        self._what = what
        self._headings = list(headings)
        self.rows: list[EditableRow] = []
        self._removes: list[QPushButton] = []
        self._problems: list[ProblemLabel] = []
        self.grid = QGridLayout()
        self._heading_labels = [QLabel(heading) for heading in headings]
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel(empty_text)
        self.empty.setWordWrap(True)
        self.problem = ProblemLabel(what + "s")  # about the rows as a whole
        self.add_button = QPushButton(add_text)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_row)
        add_line = QHBoxLayout()
        add_line.addWidget(self.add_button)
        add_line.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.grid)
        layout.addWidget(self.empty)
        layout.addWidget(self.problem)
        layout.addLayout(add_line)
        self._relayout()

    # -- editing --------------------------------------------------------------------------
    def add_row(self, row: EditableRow | None = None) -> EditableRow:
        """Add a row (a new empty one if none is given) and put the cursor in it."""
        row = row or self._make_row()
        number = len(self.rows) + 1
        remove = QPushButton("Remove")
        remove.setAutoDefault(False)
        remove.setAccessibleName(f"Remove {self._what} {number}")
        remove.clicked.connect(lambda _checked=False, r=row: self.remove_row(r))
        self.rows.append(row)
        self._removes.append(remove)
        self._problems.append(ProblemLabel(f"{self._what} {number}"))
        for heading, widget in zip(self._headings, row.widgets, strict=False):
            _name(widget, f"{heading}, {self._what} {number}")
            _watch(widget, lambda r=row: self._row_edited(r))
        self._relayout()
        if self.sender() is self.add_button:
            row.focus_chain()[0].setFocus()
        self.changed.emit()
        return row

    def remove_row(self, row: EditableRow) -> None:
        index = self.rows.index(row)
        self.rows.pop(index)
        for widget in (*row.widgets, self._removes.pop(index), self._problems.pop(index)):
            widget.hide()
            widget.deleteLater()
        self._relayout()
        self.add_button.setFocus()
        self.changed.emit()

    def clear_rows(self) -> None:
        for row in list(self.rows):
            self.remove_row(row)

    def _row_edited(self, row: EditableRow) -> None:
        # What the service said about the row no longer holds once it is changed.
        if row in self.rows:
            self._problems[self.rows.index(row)].set_problem(None)
            self.changed.emit()

    # -- problems -------------------------------------------------------------------------
    def set_problems(self, problems: dict[str, str], prefix: str) -> dict[str, str]:
        """Put each "prefix.N.field" problem under row N and "prefix" under the rows; returns
        the problems that are not about these rows."""
        per_row: dict[int, list[str]] = {}
        rest = {}
        for key, message in problems.items():
            parts = key.split(".")
            if key == prefix:
                continue
            if parts[0] == prefix and len(parts) >= 2 and parts[1].isdigit() \
                    and int(parts[1]) < len(self.rows):
                per_row.setdefault(int(parts[1]), []).append(message)
            else:
                rest[key] = message
        self.problem.set_problem(problems.get(prefix))
        for number, label in enumerate(self._problems):
            label.set_problem(" ".join(per_row.get(number, [])) or None)
        return rest

    def clear_problems(self) -> None:
        self.set_problems({}, "")

    def problem_texts(self) -> list[str]:
        return [label.text() for label in (self.problem, *self._problems) if label.text()]

    def first_with_problem(self) -> QWidget | None:
        for row, label in zip(self.rows, self._problems, strict=True):
            if label.text():
                return row.focus_chain()[0]
        return None

    # -- reading --------------------------------------------------------------------------
    def state(self) -> tuple:
        return tuple(row.state() for row in self.rows)

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for row, remove in zip(self.rows, self._removes, strict=True):
            chain += [*row.focus_chain(), remove]
        return [*chain, self.add_button]

    # -- inside ---------------------------------------------------------------------------
    def _relayout(self) -> None:
        # Rebuilt whole: rows are few (members of a panel, actions of one decision).
        while self.grid.count():
            self.grid.takeAt(0)
        for column, label in enumerate(self._heading_labels):
            label.setVisible(bool(self.rows))
            self.grid.addWidget(label, 0, column)
        for number, row in enumerate(self.rows):
            line = 1 + 2 * number
            for column, widget in enumerate(row.widgets):
                self.grid.addWidget(widget, line, column)
            self.grid.addWidget(self._removes[number], line, len(self._headings))
            self.grid.addWidget(self._problems[number], line + 1, 0, 1, len(self._headings))
            self._removes[number].setAccessibleName(f"Remove {self._what} {number + 1}")
        self.grid.setColumnStretch(0, 3)  # the first input (a name, an action) takes the room
        self.grid.setColumnStretch(1, 1)
        self.empty.setVisible(not self.rows)


def _name(widget: QWidget, name: str) -> None:
    if hasattr(widget, "set_accessible_name"):
        widget.set_accessible_name(name)
    else:
        widget.setAccessibleName(name)
