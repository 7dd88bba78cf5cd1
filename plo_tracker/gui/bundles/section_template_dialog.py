"""Administrators: the sections every new bundle starts with (lettering and title of each).

The rules (one to three letters, each used once, every section titled) are the domain's
``check_sections``; each problem is shown under its row as the administrator types. A
bundle already made keeps the sections it was made with.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.bundle_sections import DEFAULT_SECTIONS, SectionTemplate, check_sections
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.services.actor import Actor
from plo_tracker.services.registry import Services

from ..forms.fields import ProblemLabel
from ..forms.form_dialog import heading_label, save_and_cancel
from ..problem_text import problem_text

INTRO = ("New court bundles start with these sections, in this order. Pages are numbered "
         "with each section's lettering (A1, A2 … C12). Bundles already made keep their "
         "sections.")


class _SectionRow:
    """One section's widgets: a choice button (for Remove and the moves), letter, title and
    the problem under them."""

    def __init__(self, section: SectionTemplate, changed: Callable[[], None]) -> None:
        self.chosen = QRadioButton()
        self.letter = QLineEdit(section.letter)
        self.letter.setMaxLength(3)
        self.letter.setMaximumWidth(self.letter.fontMetrics().horizontalAdvance("WWWW") + 16)
        self.title = QLineEdit(section.title)
        self.problem = ProblemLabel("this section")
        for signal in (self.letter.textChanged, self.title.textChanged, self.chosen.toggled):
            signal.connect(changed)

    def section(self) -> SectionTemplate:
        return SectionTemplate(self.letter.text(), self.title.text())

    def widgets(self) -> list[QWidget]:
        return [self.chosen, self.letter, self.title, self.problem]


class SectionTemplateDialog(QDialog):
    """Add, remove, reorder and rename the template's sections; Save stores them."""

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.saved = False
        self.setWindowTitle("Bundle sections")
        self.rows: list[_SectionRow] = []
        self.grid = QGridLayout()
        self.grid.setColumnStretch(2, 1)
        self.general_problem = ProblemLabel("the sections")
        self.add_button = QPushButton("&Add a section")
        self.remove_button = QPushButton("&Remove")
        self.up_button = QPushButton("Move &up")
        self.down_button = QPushButton("Move &down")
        self.default_button = QPushButton("Use PD27A's A to F")
        self.default_button.setToolTip("Put back the sections of Practice Direction 27A; "
                                       "nothing is saved until you press Save")
        self.buttons, self.save_button, self.cancel_button = save_and_cancel(self, self.save)
        self.add_button.clicked.connect(self.add_section)
        self.remove_button.clicked.connect(self.remove_chosen)
        self.up_button.clicked.connect(lambda: self.move_chosen(-1))
        self.down_button.clicked.connect(lambda: self.move_chosen(1))
        self.default_button.clicked.connect(lambda: self.set_sections(DEFAULT_SECTIONS))

        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        edits = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setAutoDefault(False)
            edits.addWidget(button)
        edits.addStretch(1)
        edits.addWidget(self.default_button)
        self.default_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label("Bundle sections"))
        layout.addWidget(intro)
        layout.addLayout(self.grid)
        layout.addWidget(self.general_problem)
        layout.addLayout(edits)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)
        self.set_sections(services.settings.current().bundles.sections)

    # Public ----------------------------------------------------------------------------------

    def sections(self) -> list[SectionTemplate]:
        return [row.section() for row in self.rows]

    def set_sections(self, sections) -> None:
        self.rows = [_SectionRow(section, self.revalidate) for section in sections]
        self._show_rows(0)

    def add_section(self) -> None:
        used = {row.letter.text().strip().upper() for row in self.rows}
        letter = next((c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c not in used), "")
        self.rows.append(_SectionRow(SectionTemplate(letter, ""), self.revalidate))
        self._show_rows(len(self.rows) - 1)
        self.rows[-1].title.setFocus()

    def chosen(self) -> int | None:
        return next((n for n, row in enumerate(self.rows) if row.chosen.isChecked()), None)

    def remove_chosen(self) -> None:
        number = self.chosen()
        if number is not None:
            del self.rows[number]
            self._show_rows(min(number, len(self.rows) - 1))

    def move_chosen(self, step: int) -> None:
        number = self.chosen()
        if number is None or not 0 <= number + step < len(self.rows):
            return
        self.rows[number], self.rows[number + step] = self.rows[number + step], self.rows[number]
        self._show_rows(number + step)

    def problems(self) -> dict[str, str]:
        try:
            check_sections(self.sections())
        except ValidationFailed as refused:
            return refused.problems
        return {}

    def save(self) -> bool:
        if self.problems():
            self.revalidate()
            return False
        tidy = check_sections(self.sections())
        current = self.services.settings.current()
        settings = replace(current, bundles=replace(current.bundles, sections=tidy))
        try:
            self.services.settings.save(self.actor, settings)
        except Exception as error:  # noqa: BLE001 - shown in words, never a traceback
            self.general_problem.set_problem(problem_text(error, "Not saved."))
            return False
        self.saved = True
        self.accept()
        return True

    # Inside ----------------------------------------------------------------------------------

    def revalidate(self) -> None:
        problems = self.problems()
        for number, row in enumerate(self.rows, start=1):
            found = [problems[key] for key in (f"letter{number}", f"title{number}")
                     if key in problems]
            row.problem.set_problem(" ".join(found) or None)
        self.general_problem.set_problem(problems.get("sections"))
        self.save_button.setEnabled(not problems)
        chosen = self.chosen()
        self.remove_button.setEnabled(chosen is not None)
        self.up_button.setEnabled(chosen is not None and chosen > 0)
        self.down_button.setEnabled(chosen is not None and chosen < len(self.rows) - 1)

    def _show_rows(self, chosen: int) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().setParent(None)
        for column, text in enumerate(("", "Lettering", "Title")):
            if text:
                self.grid.addWidget(QLabel(f"<b>{text}</b>"), 0, column)
        for number, row in enumerate(self.rows):
            line = 1 + 2 * number
            self.grid.addWidget(row.chosen, line, 0)
            self.grid.addWidget(row.letter, line, 1)
            self.grid.addWidget(row.title, line, 2)
            self.grid.addWidget(row.problem, line + 1, 1, 1, 2)
            row.chosen.setAccessibleName(f"Choose section {number + 1}")
            row.letter.setAccessibleName(f"Lettering of section {number + 1}")
            row.title.setAccessibleName(f"Title of section {number + 1}")
            row.chosen.setAutoExclusive(False)
            row.chosen.setChecked(number == chosen)
            row.chosen.setAutoExclusive(True)
        # Tab goes down the rows, lettering then title.
        chain = [w for row in self.rows for w in (row.letter, row.title)]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.revalidate()
