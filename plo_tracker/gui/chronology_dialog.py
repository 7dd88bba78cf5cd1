"""The social work chronology of one family: drawn from the record, edited in a table, saved,
and saved as a dated document for the court."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.chronology import (
    ChronologyLine,
    merge,
    moved,
    read_entry_date,
)
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.errors import DomainError, ValidationFailed
from plo_tracker.services.actor import Actor
from plo_tracker.services.case_detail import FamilyDetail
from plo_tracker.services.chronology import ChronologyView
from plo_tracker.services.registry import Services

from .forms.fields import ProblemLabel
from .forms.form_dialog import ask_discard
from .icons import icon
from .problem_text import problem_text

HEADERS = ("No.", "Date", "Event", "Source")
COL_NUMBER, COL_DATE, COL_EVENT, COL_SOURCE = range(4)
_LINE = Qt.ItemDataRole.UserRole + 1  # the entry a row stands for (its id and origin)
INTRO = ("The social work chronology is filed at court, in section A of the bundle (at most "
         "10 pages). Entries are drawn from the case record: gateway decisions, letters, "
         "meetings, assessments, outcomes and the notes marked for the chronology. Change "
         "any entry, add your own, remove or move them, then save.")
EMPTY = "Nothing to list yet: record the family's work, or add an entry."
UNSAVED = "Changes not saved yet."


def drawn_text(count: int) -> str:
    """What drawing added, e.g. "3 new entries drawn from the record, not saved yet."."""
    entries = "1 new entry" if count == 1 else f"{count} new entries"
    return f"{entries} drawn from the record, not saved yet."


class ChronologyDialog(QDialog):
    """Edits one family's chronology; ``saved`` is True once anything was kept."""

    def __init__(self, services: Services, actor: Actor, detail: FamilyDetail,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.family_id = services, actor, detail.family_id
        self.saved: bool | None = None
        self._removed: list[ChronologyLine] = []
        self._dirty = False
        self._filling = False
        self.setWindowTitle(f"Chronology: {detail.plo_family_id}")
        self.resize(960, 620)

        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Chronology entries")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_EVENT, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(COL_DATE, 130)
        self.table.setColumnWidth(COL_SOURCE, 200)
        self.table.itemChanged.connect(self._edited)
        self.table.itemSelectionChanged.connect(self._enable)
        self.empty = QLabel(EMPTY)
        self.problem = ProblemLabel("the chronology")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.add_button = QPushButton("&Add entry")
        self.remove_button = QPushButton("&Remove")
        self.up_button = QPushButton("Move &up")
        self.down_button = QPushButton("Move &down")
        self.draw_button = QPushButton("Draw again from the &record")
        self.save_button = QPushButton("&Save")
        self.save_button.setIcon(icon("save"))
        self.document_button = QPushButton("Save as &document…")
        self.close_button = QPushButton("Close")
        self.up_button.setToolTip("Move the chosen entry up (Ctrl+Up)")
        self.down_button.setToolTip("Move the chosen entry down (Ctrl+Down)")
        self.remove_button.setToolTip("Take the chosen entry out (Delete); drawing again "
                                      "does not bring it back")
        for button, slot in ((self.add_button, self.add_entry),
                             (self.remove_button, self.remove_entry),
                             (self.up_button, lambda: self.move_entry(-1)),
                             (self.down_button, lambda: self.move_entry(1)),
                             (self.draw_button, self.draw_again),
                             (self.save_button, self.save),
                             (self.document_button, self.save_as_document),
                             (self.close_button, self.close)):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
        for keys, slot in (("Ctrl+Up", lambda: self.move_entry(-1)),
                           ("Ctrl+Down", lambda: self.move_entry(1)),
                           (QKeySequence.StandardKey.Delete, self.remove_entry)):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        edits = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button,
                       self.draw_button):
            edits.addWidget(button)
        edits.addStretch(1)
        finish = QHBoxLayout()
        finish.addWidget(self.status, 1)
        for button in (self.save_button, self.document_button, self.close_button):
            finish.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(edits)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.problem)
        layout.addLayout(finish)
        self._load()

    # -- reading and showing ---------------------------------------------------------------
    def _load(self) -> None:
        try:
            view = self.services.chronology.draw(self.actor, self.family_id)
        except DomainError as error:
            self.problem.set_problem(problem_text(error, "The chronology could not be read."))
            self._fill([])
            return
        self._show_view(view)
        if view.unsaved:
            self._set_dirty(True, drawn_text(view.unsaved))

    def _show_view(self, view: ChronologyView) -> None:
        self._removed = []
        self._fill(view.lines)
        self._set_dirty(False, "")

    def _fill(self, lines: list[ChronologyLine] | tuple[ChronologyLine, ...],
              select: int | None = None) -> None:
        self._filling = True
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            number = QTableWidgetItem(str(row + 1))
            number.setFlags(number.flags() & ~Qt.ItemFlag.ItemIsEditable)
            number.setData(_LINE, (line.entry_id, line.origin))
            self.table.setItem(row, COL_NUMBER, number)
            self.table.setItem(row, COL_DATE, QTableWidgetItem(short_date(line.entry_date)))
            self.table.setItem(row, COL_EVENT, QTableWidgetItem(line.event))
            self.table.setItem(row, COL_SOURCE, QTableWidgetItem(line.source))
        self.table.resizeRowsToContents()
        self._filling = False
        self.empty.setVisible(not lines)
        if select is not None and lines:
            self.table.selectRow(select)
        self._enable()

    def lines(self) -> list[ChronologyLine]:
        """The entries as the table shows them now.

        Raises:
            ValidationFailed: naming each entry whose date cannot be read.
        """
        found, problems = [], {}
        for row in range(self.table.rowCount()):
            entry_id, origin = self.table.item(row, COL_NUMBER).data(_LINE)
            text = self.table.item(row, COL_DATE).text()
            try:
                day = read_entry_date(text)
            except ValueError as wrong:
                problems[f"entry {row + 1}"] = f"Entry {row + 1}: {wrong}"
                continue
            found.append(ChronologyLine(day, self.table.item(row, COL_EVENT).text(),
                                        self.table.item(row, COL_SOURCE).text(), origin,
                                        entry_id))
        if problems:
            raise ValidationFailed(problems)
        return found

    def _selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _enable(self) -> None:
        row = self._selected()
        count = self.table.rowCount()
        self.remove_button.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < count - 1)

    def _set_dirty(self, dirty: bool, message: str | None = None) -> None:
        self._dirty = dirty
        self.status.setText(message if message is not None else (UNSAVED if dirty else ""))

    def _edited(self, _item: QTableWidgetItem) -> None:
        if not self._filling:
            # After the editor has closed: resizing rows while it commits confuses the view.
            QTimer.singleShot(0, self.table.resizeRowsToContents)
            self._set_dirty(True)

    def _lines_or_problem(self) -> list[ChronologyLine] | None:
        try:
            lines = self.lines()
        except ValidationFailed as wrong:
            self.problem.set_problem("\n".join(wrong.problems.values()))
            return None
        self.problem.set_problem(None)
        return lines

    # -- editing ---------------------------------------------------------------------------
    def add_entry(self) -> None:
        """A new entry of the worker's own, dated today, at the end; its event is edited."""
        today = self.services.context.clock.today()
        row = self.table.rowCount()
        self._filling = True
        self.table.insertRow(row)
        number = QTableWidgetItem(str(row + 1))
        number.setFlags(number.flags() & ~Qt.ItemFlag.ItemIsEditable)
        number.setData(_LINE, (None, None))
        self.table.setItem(row, COL_NUMBER, number)
        self.table.setItem(row, COL_DATE, QTableWidgetItem(short_date(today)))
        self.table.setItem(row, COL_EVENT, QTableWidgetItem(""))
        self.table.setItem(row, COL_SOURCE, QTableWidgetItem(""))
        self._filling = False
        self.empty.hide()
        self.table.selectRow(row)
        self.table.setCurrentCell(row, COL_EVENT)
        self.table.editItem(self.table.item(row, COL_EVENT))
        self._set_dirty(True)

    def remove_entry(self) -> None:
        row = self._selected()
        lines = self._lines_or_problem()
        if row is None or lines is None:
            return
        self._removed.append(lines.pop(row))
        self._fill(lines, select=min(row, len(lines) - 1))
        self._set_dirty(True)

    def move_entry(self, by: int) -> None:
        row = self._selected()
        lines = self._lines_or_problem()
        if row is None or lines is None:
            return
        target = max(0, min(len(lines) - 1, row + by))
        if target == row:
            return
        self._fill(moved(lines, row, by), select=target)
        self.table.setFocus()
        self._set_dirty(True)

    def draw_again(self) -> None:
        """Add what is new in the record, keeping every change made here."""
        lines = self._lines_or_problem()
        if lines is None:
            return
        try:
            view = self.services.chronology.draw(self.actor, self.family_id)
        except DomainError as error:
            self.problem.set_problem(problem_text(error, "The record could not be read."))
            return
        removed = [line.origin for line in self._removed if line.origin] + list(view.removed)
        merged = merge(lines, view.drawn, removed)
        added = len(merged) - len(lines)
        self._fill(merged)
        if added:
            self._set_dirty(True, drawn_text(added))
        else:
            self.status.setText("Nothing new in the record." + (
                f" {UNSAVED}" if self._dirty else ""))

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> bool:
        """Keep the chronology as the table shows it; True when kept."""
        lines = self._lines_or_problem()
        if lines is None:
            return False
        try:
            view = self.services.chronology.save_entries(self.actor, self.family_id, lines,
                                                         self._removed)
        except DomainError as error:
            wrong = getattr(error, "problems", None)
            self.problem.set_problem("\n".join(wrong.values()) if wrong
                                     else problem_text(error, "Not saved."))
            return False
        self.saved = True
        self._show_view(view)
        self.status.setText(f"Saved: {len(view.lines)} entries.")
        return True

    def ask_date(self) -> date | None:
        """The date the chronology is made up to (today unless the user says otherwise)."""
        today = self.services.context.clock.today()
        while True:
            text, chosen = QInputDialog.getText(
                self, "Save the chronology as a document",
                "Date of the chronology (entries after it are left out):",
                text=today.strftime("%d/%m/%Y"))
            if not chosen:
                return None
            try:
                return read_entry_date(text)
            except ValueError as wrong:
                QMessageBox.warning(self, "Not a date", str(wrong))

    def save_as_document(self) -> None:
        """Save the entries, then keep the chronology PDF among the family's documents."""
        if self._dirty and not self.save():
            return
        as_of = self.ask_date()
        if as_of is None:
            return
        try:
            made = self.services.chronology.save_as_document(self.actor, self.family_id, as_of)
        except DomainError as error:
            self.problem.set_problem(problem_text(error, "Not saved as a document."))
            return
        self.saved = True
        self.problem.set_problem(made.warning)
        pages = "1 page" if made.pages == 1 else f"{made.pages} pages"
        self.status.setText(f"Saved among the family's documents: “{made.document.title}”, "
                            f"dated {short_date(as_of)}, {pages}.")

    # -- closing ---------------------------------------------------------------------------
    def done(self, result: int) -> None:
        if self._dirty and not ask_discard(self, "the chronology"):
            return
        super().done(QDialog.DialogCode.Accepted if self.saved else QDialog.DialogCode.Rejected)
