"""The family's confidential details register: what must never reach a party.

Bundles for the parties are searched for every phrase here before they are made. The
adults' confidential addresses are in the register too, read-only here: they are changed
on the adult, on the People tab. Only roles that may see confidential addresses open it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.confidential_kinds import ConfidentialKind
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.text_rules import TextKind
from plo_tracker.services.actor import Actor
from plo_tracker.services.confidential_register import ConfidentialDetailView
from plo_tracker.services.permissions import Permission, allows
from plo_tracker.services.registry import Services

from ..case_tabs.record_table import Column, RecordTable, RecordTableModel
from ..forms.fields import field_cell
from ..forms.form_dialog import heading_label
from ..problem_text import problem_text
from ..workers import NamedTasks

TITLE = "Confidential details"
INTRO = ("Bundles for the parties are searched for every detail listed here before they "
         "are made; a page that shows one is stopped until it is redacted. The adults' "
         "confidential addresses are included: change those on the People tab.")
EMPTY = "No confidential details are recorded for this family."
LOADING = "Loading the register…"
FROM_ADULT_TIP = "This is the adult's confidential address: change it on the People tab."


def source_text(detail: ConfidentialDetailView) -> str:
    return f"from {detail.from_adult}" if detail.from_adult else "Added to the register"


COLUMNS: tuple[Column[ConfidentialDetailView], ...] = (
    Column("Kind", "What the detail is", lambda x: x.kind.label, "School or nursery"),
    Column("Detail", "The words searched for", lambda x: x.phrase,
           "Flat 2, 14 Orchard Close, Leeds LS6 2AB"),
    Column("From", "Where the detail comes from", source_text, "from Jade Smith"),
)


class ConfidentialRegisterDialog(QDialog):
    """Lists a family's confidential details; adds and removes them for roles that edit.

    ``changed`` is emitted after a detail is added or removed.
    """

    changed = Signal()
    loaded = Signal()

    def __init__(self, services: Services, actor: Actor, family_id: int, family_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._family_id = family_id
        self._tasks = NamedTasks(self)
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        can_edit = allows(actor, Permission.EDIT_CASES)

        family = QLabel(f"Family {family_name}.")
        family.setTextFormat(Qt.TextFormat.PlainText)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.model: RecordTableModel[ConfidentialDetailView] = RecordTableModel(COLUMNS)
        self.table = RecordTable(self.model, "Confidential details", EMPTY)
        self.view = self.table.table

        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of detail")
        for kind in ConfidentialKind:
            self.kind.addItem(kind.label, kind.value)
        self.phrase = QLineEdit()
        self.phrase.setAccessibleName("Detail")
        self.phrase.setPlaceholderText("An address, phone number, school or other words")
        self.phrase.setMaxLength(TextKind.ADDRESS.limit)
        phrase_cell, self.phrase_problem = field_cell(self.phrase, "Detail")
        self.add_button = QPushButton("Add")
        self.add_button.setToolTip("Add the detail to the register")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Take the chosen detail out of the register")
        adding = QHBoxLayout()
        adding.addWidget(self.kind, 0, Qt.AlignmentFlag.AlignTop)
        adding.addWidget(phrase_cell, 1)
        adding.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        self.adding = QWidget()
        self.adding.setLayout(adding)
        adding.setContentsMargins(0, 0, 0, 0)
        self.adding.setVisible(can_edit)
        self.remove_button.setVisible(can_edit)

        self.status = QLabel(LOADING)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName("Register status")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(TITLE))
        layout.addWidget(family)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.adding)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(640, 460)
        # Enter in the detail field adds it (Esc closes); set once the button is in the
        # dialog, or the dialog does not know it as its default.
        self.add_button.setDefault(can_edit)

        self.add_button.clicked.connect(self.add)
        self.phrase.textChanged.connect(lambda _text: self.phrase_problem.set_problem(None))
        self.remove_button.clicked.connect(self.remove_selected)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()
        self.reload()

    # -- what callers and tests use -------------------------------------------------------
    def details(self) -> list[ConfidentialDetailView]:
        return [self.model.record(row) for row in range(self.model.rowCount())]

    def selected(self) -> ConfidentialDetailView | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def is_busy(self) -> bool:
        return self._tasks.running()

    def reload(self) -> None:
        listing, actor, family_id = self._services.confidential_register.list, self._actor, \
            self._family_id
        self._tasks.run("load", lambda: listing(actor, family_id), self._loaded,
                        self._load_failed)

    def add(self) -> None:
        if self._tasks.running("add") or not self.adding.isVisible():
            return
        add, actor, family_id = self._services.confidential_register.add, self._actor, \
            self._family_id
        kind, phrase = ConfidentialKind(self.kind.currentData()), self.phrase.text()
        self.phrase_problem.set_problem(None)
        self._tasks.run("add", lambda: add(actor, family_id, kind, phrase), self._added,
                        self._add_refused)

    def remove_selected(self) -> None:
        detail = self.selected()
        if detail is None or detail.detail_id is None or self._tasks.running("remove"):
            return
        remove, actor, detail_id = self._services.confidential_register.remove, self._actor, \
            detail.detail_id
        self._tasks.run("remove", lambda: remove(actor, detail_id), self._removed,
                        self._remove_failed)

    # -- what comes back ------------------------------------------------------------------
    def _loaded(self, details: tuple[ConfidentialDetailView, ...]) -> None:
        self.table.set_records(details)
        if self.status.text() == LOADING:
            self.status.clear()
        self._update_buttons()
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        self.status.setText(problem_text(error, "The register could not be loaded."))

    def _added(self, detail: ConfidentialDetailView) -> None:
        self.phrase.clear()
        self.phrase.setFocus()  # ready for the next one
        self.status.setText(f"Added “{detail.phrase}” to the register.")
        self.changed.emit()
        self.reload()

    def _add_refused(self, error: BaseException) -> None:
        if isinstance(error, ValidationFailed) and "phrase" in error.problems:
            self.phrase_problem.set_problem(error.problems["phrase"])
            self.phrase.setFocus()
        else:
            self.status.setText(problem_text(error, "The detail was not added."))

    def _removed(self, _none: None) -> None:
        self.status.setText("Removed the detail from the register.")
        self.changed.emit()
        self.reload()

    def _remove_failed(self, error: BaseException) -> None:
        self.status.setText(problem_text(error, "The detail was not removed."))

    def _update_buttons(self) -> None:
        detail = self.selected()
        self.remove_button.setEnabled(detail is not None and detail.detail_id is not None)
        self.remove_button.setToolTip(
            FROM_ADULT_TIP if detail is not None and detail.from_adult
            else "Take the chosen detail out of the register")
