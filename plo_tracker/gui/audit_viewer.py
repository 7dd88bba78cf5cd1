"""The whole audit log for administrators and auditors: filters, newest first, CSV export.

The log may hold millions of entries, so the table asks for a page at a time (Qt's
canFetchMore/fetchMore, as the view scrolls near the end), each read in the background by
keyset from the service; nothing is counted or loaded whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.services.actor import Actor
from plo_tracker.services.audit_log import PAGE, AuditFilter, AuditLine
from plo_tracker.services.registry import Services
from plo_tracker.storage.audit_chain import ChainResult
from plo_tracker.storage.integrity import chain_words

from .case_tabs.case_data import local_time
from .case_tabs.history_tab import changes_text
from .forms.date_field import DateField
from .problem_text import problem_text
from .table_headers import column_header
from .workers import BackgroundTask

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
HEADERS = ("When", "Who", "What", "Family", "Changes")
TIPS = ("UK local time", "The person who did it (their user name is in the tooltip)",
        "What was done", "The family's PLO id, when the entry is about a family",
        "The fields recorded or changed: before → after")
COL_WHEN, COL_WHO, COL_WHAT, COL_FAMILY, COL_CHANGES = range(len(HEADERS))
EMPTY = "No audit entries match these filters. Clear filters to see every entry."
ANY_ACTION = "Any action"


def _texts(line: AuditLine) -> tuple[str, ...]:
    view = line.view
    return (local_time(view.occurred_at), view.full_name or view.username, view.action_words,
            line.plo_family_id or "", changes_text(view).replace("\n", " · "))


class AuditLogModel(QAbstractTableModel):
    """Entries in pages, newest first; asks ``load_more`` for the next page when shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: list[AuditLine] = []
        self._texts: list[tuple[str, ...]] = []
        self.more = False  # the last page was full, so there may be older entries
        self.loading = False
        self.load_more = lambda: None

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self._texts[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == COL_WHO:
                return f"User name {self._lines[index.row()].view.username}"
            return text or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return column_header(HEADERS, TIPS, section, orientation, role)

    def canFetchMore(self, parent: _Index = _ROOT) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and self.more and not self.loading

    def fetchMore(self, parent: _Index = _ROOT) -> None:  # noqa: N802 - Qt override
        if self.canFetchMore(parent):
            self.load_more()

    # -- what the dialog uses -------------------------------------------------------------
    def clear(self) -> None:
        self.beginResetModel()
        self._lines, self._texts, self.more = [], [], False
        self.endResetModel()

    def append(self, lines: list[AuditLine], full_page: bool) -> None:
        if lines:
            first = len(self._lines)
            self.beginInsertRows(_ROOT, first, first + len(lines) - 1)
            self._lines.extend(lines)
            self._texts.extend(_texts(line) for line in lines)
            self.endInsertRows()
        self.more = full_page

    def line(self, row: int) -> AuditLine:
        return self._lines[row]

    def last_id(self) -> int | None:
        return self._lines[-1].entry_id if self._lines else None

    def text(self, row: int, column: int) -> str:
        return self._texts[row][column]


class AuditLogDialog(QDialog):
    """Filters over the table of entries, the selected entry's changes, verify and export.

    The service refuses anyone without the permission; the main window shows the menu item
    only to those who have it.
    """

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._task: BackgroundTask | None = None  # the page being read
        self._job: BackgroundTask | None = None  # a verification or an export
        self._filter = AuditFilter()
        self.setWindowTitle("Audit log")
        today = services.context.clock.today()

        self.person = QLineEdit()
        self.person.setPlaceholderText("user name, e.g. socialworker")
        self.person.setAccessibleName("Person's user name")
        self.family = QLineEdit()
        self.family.setPlaceholderText("PLO id, e.g. PLO-2026-0042")
        self.family.setAccessibleName("Family's PLO id")
        self.action = QComboBox()
        self.action.setAccessibleName("Action")
        self.action.addItem(ANY_ACTION, None)
        for code, words in services.audit_log.actions():
            self.action.addItem(words, code)
        self.date_from = DateField(today, past_only=True)
        self.date_from.set_accessible_name("From (UK date)")
        self.date_to = DateField(today, past_only=True)
        self.date_to.set_accessible_name("To (UK date)")
        self.apply_button = QPushButton("Show entries")
        self.apply_button.setDefault(True)
        self.clear_button = QPushButton("Clear filters")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Filter problem")

        filters = QGridLayout()
        for column, (label, field) in enumerate((("Person", self.person),
                                                 ("Family", self.family),
                                                 ("Action", self.action))):
            caption = QLabel(label)
            caption.setBuddy(field)
            filters.addWidget(caption, 0, column)
            filters.addWidget(field, 1, column)
        for column, (label, field) in enumerate((("From", self.date_from),
                                                 ("To", self.date_to))):
            caption = QLabel(label)
            caption.setBuddy(field.edit)
            filters.addWidget(caption, 2, column)
            filters.addWidget(field, 3, column)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.apply_button)
        buttons_row.addWidget(self.clear_button)
        buttons_row.addStretch(1)
        filters.addLayout(buttons_row, 3, 2)

        self.model = AuditLogModel(self)
        self.model.load_more = self._load_more
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Audit entries, newest first")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, sample in enumerate(("Wed 30 Sep 2026 23:59", "Georgina Middleton",
                                         "Recorded the family group decision-making offer",
                                         "PLO-2026-0042")):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        self.empty = QLabel(EMPTY)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty)

        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName("The selected entry")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Audit log status")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.verify_button = buttons.addButton("Check the log is intact",
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.verify_button.setToolTip("Recompute every entry's fingerprint, to find any entry "
                                      "changed, deleted or added outside the app")
        self.export_button = buttons.addButton("Export to CSV…",
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setToolTip("Save the entries these filters show as a spreadsheet "
                                      "file (the export is recorded in the log)")
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.problem)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(1100, 680)

        self.apply_button.clicked.connect(self.apply_filters)
        self.clear_button.clicked.connect(self.clear_filters)
        for line_edit in (self.person, self.family, self.date_from.edit, self.date_to.edit):
            line_edit.returnPressed.connect(self.apply_filters)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self._choose_export)
        self.apply_filters()

    # -- what callers and tests use -------------------------------------------------------
    def wanted(self) -> AuditFilter | None:
        """The filters as typed, or None (with the reason shown) when a date is not a date."""
        for name, field in (("From", self.date_from), ("To", self.date_to)):
            problem = field.problem()
            if problem:
                self.problem.setText(f"{name}: {problem}")
                return None
        start, end = self.date_from.date(), self.date_to.date()
        if start and end and end < start:
            self.problem.setText("To is before From: give the earlier day first.")
            return None
        self.problem.clear()
        return AuditFilter(user_name=self.person.text().strip() or None,
                           plo_family_id=self.family.text().strip() or None,
                           action=self.action.currentData(), date_from=start, date_to=end)

    def apply_filters(self) -> None:
        wanted = self.wanted()
        if wanted is None:
            return
        self._filter = wanted
        if self._task is not None:
            self._task.discard()
            self._task = None
        self.model.clear()
        self.details.clear()
        self._load_more()

    def clear_filters(self) -> None:
        self.person.clear()
        self.family.clear()
        self.action.setCurrentIndex(0)
        self.date_from.clear()
        self.date_to.clear()
        self.apply_filters()

    def is_loading(self) -> bool:
        return self._task is not None or self._job is not None

    def verify(self) -> None:
        self.status.setText("Checking every entry of the log…")
        self.verify_button.setEnabled(False)
        self._job = BackgroundTask(self._services.audit_log.verify)
        self._job.succeeded.connect(self._verified)
        self._job.failed.connect(self._job_failed)
        self._job.start()

    def export_to(self, path: Path) -> None:
        """Write the entries the filters show to ``path`` (agreed to replace, if it exists)."""
        export, actor, wanted = self._services.audit_log.export_csv, self._actor, self._filter
        self.status.setText("Exporting…")
        self.export_button.setEnabled(False)
        self._job = BackgroundTask(lambda: (export(actor, wanted, path, replace=True), path))
        self._job.succeeded.connect(self._exported)
        self._job.failed.connect(self._job_failed)
        self._job.start()

    # -- inside ---------------------------------------------------------------------------
    def _load_more(self) -> None:
        page, actor, wanted = self._services.audit_log.page, self._actor, self._filter
        before = self.model.last_id()
        self.model.loading = True
        task = BackgroundTask(lambda: page(actor, wanted, before_id=before))
        task.succeeded.connect(self._page_loaded)
        task.failed.connect(self._page_failed)
        self._task = task
        task.start()

    def _page_loaded(self, lines: list[AuditLine]) -> None:
        self._task = None
        self.model.loading = False
        self.model.append(lines, full_page=len(lines) == PAGE)
        empty = self.model.rowCount() == 0
        self._stack.setCurrentWidget(self.empty if empty else self.table)
        if not empty and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def _page_failed(self, error: BaseException) -> None:
        self._task = None
        self.model.loading = False
        self.status.setText(problem_text(error, "The audit log could not be read."))

    def _show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.details.clear()
            return
        line = self.model.line(rows[0].row())
        changes = changes_text(line.view)
        self.details.setText(f"Entry {line.entry_id}: {line.view.action_words}, "
                             f"{local_time(line.view.occurred_at)}, by "
                             f"{line.view.full_name} ({line.view.username})."
                             + (f"\n{changes}" if changes else ""))

    def _verified(self, result: ChainResult) -> None:
        self._job = None
        self.verify_button.setEnabled(True)
        self.status.setText(chain_words(result))

    def _choose_export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, "Export the audit entries", str(Path.home() / "audit-log.csv"),
            "CSV files (*.csv)")
        if name:
            self.export_to(Path(name))

    def _exported(self, done: tuple[int, Path]) -> None:
        self._job = None
        self.export_button.setEnabled(True)
        count, path = done
        self.status.setText(f"Wrote {count} audit entr{'y' if count == 1 else 'ies'} to "
                            f"{path.name}.")
        self.apply_filters()  # the export is now the newest entry

    def _job_failed(self, error: BaseException) -> None:
        self._job = None
        self.verify_button.setEnabled(True)
        self.export_button.setEnabled(True)
        self.status.setText(problem_text(error))
