"""Making a national return: the CIN census module 5 for a reporting year (checked against
the census rules first, each failure listed with its family and what to fix) or the
Standard Safeguarding Dataset's pre-proceedings table, saved as a CSV file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.census import ReportingYear, reporting_year_of
from plo_tracker.services.actor import Actor
from plo_tracker.services.registry import Services
from plo_tracker.services.returns import FIRST_CENSUS_YEAR, CinReturn, ReturnBlocked, WrittenReturn

from ..icons import icon
from ..problem_text import problem_text
from ..workers import BackgroundTask
from .failures_model import COL_FIX, COL_WRONG, FAMILY_ID_ROLE, FailuresModel

SSD_NOTE = ("The Standard Safeguarding Dataset's pre-proceedings table (PREP001A to PREP024A): "
            "one row per child per episode with a gateway decision. It has no census rules "
            "to pass.")
CIN_NOTE = ("Check lists every census rule the return breaks, with the family and what to "
            "fix. Double-click a line to open the family.")
NO_FAILURES = "No problems: the return passes the census rules."
NOT_CHECKED = ("Not checked yet. Check runs the census rules; Save CSV… checks again before "
               "it saves.")


class ReturnsDialog(QDialog):
    """Check and save the national returns; ``family_activated`` asks to open a family."""

    family_activated = Signal(int)
    # Emitted when a check or a save has finished (for whoever waits on it).
    work_done = Signal()

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._task: BackgroundTask | None = None
        self.result: CinReturn | None = None
        self.written: WrittenReturn | None = None
        self.setWindowTitle("National returns")

        self.cin_choice = QRadioButton("&Children in need census, module 5 (pre-proceedings)")
        self.ssd_choice = QRadioButton("Standard &Safeguarding Dataset, pre-proceedings table")
        self.cin_choice.setChecked(True)
        self.year = QComboBox()
        self.year.setAccessibleName("Reporting year")
        today_year = reporting_year_of(services.context.clock.today()).year
        for year in range(min(FIRST_CENSUS_YEAR, today_year), max(FIRST_CENSUS_YEAR,
                                                                   today_year) + 1):
            self.year.addItem(ReportingYear(year).words(), year)
        self.year.setCurrentIndex(self.year.findData(today_year))
        year_label = QLabel("Reporting &year")
        year_label.setBuddy(self.year)

        self.note = QLabel(CIN_NOTE)
        self.note.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Result")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = FailuresModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Census rule failures")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (COL_WRONG, COL_FIX):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, 320)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open_family)
        self.table.activated.connect(self._open_family)
        # The chosen failure in full: the columns are too narrow for a whole sentence.
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName("The chosen failure")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)

        self.send_anyway = QCheckBox("Send &with these failures")
        self.send_anyway.setToolTip("Save the return although problems remain; the file is "
                                    "saved as it is and the problems are not fixed")
        self.check_button = QPushButton("C&heck")
        self.check_button.clicked.connect(self.check)
        self.save_button = QPushButton("Sa&ve CSV…")
        self.save_button.setIcon(icon("save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.choose_and_save)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)

        choice_row = QHBoxLayout()
        choice_row.addWidget(year_label)
        choice_row.addWidget(self.year)
        choice_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.cin_choice)
        layout.addLayout(choice_row)
        layout.addWidget(self.ssd_choice)
        layout.addWidget(self.note)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.send_anyway)
        layout.addWidget(self.buttons)
        self.cin_choice.toggled.connect(self._kind_changed)
        self.year.currentIndexChanged.connect(self._forget_check)
        self._kind_changed()
        self.resize(960, 560)

    # -- what the user does --------------------------------------------------------------
    def is_cin(self) -> bool:
        return self.cin_choice.isChecked()

    def chosen_year(self) -> int:
        return int(self.year.currentData())

    def is_busy(self) -> bool:
        return self._task is not None

    def check(self) -> None:
        """Run the census rules on a worker thread; the failures fill the list."""
        if self.is_busy() or not self.is_cin():
            return
        services, actor, year = self._services, self._actor, self.chosen_year()
        self._start(lambda: services.returns.cin_rows(actor, year), self._checked,
                    "Checking the return…")

    def suggested_name(self) -> str:
        if self.is_cin():
            return f"cin-census-pre-proceedings-{ReportingYear(self.chosen_year()).label}.csv"
        return f"ssd-pre-proceedings-{self._services.context.clock.today():%Y-%m-%d}.csv"

    def ask_for_file(self, suggested: str) -> Path | None:
        """Where to save; None when the person cancels. (A name taken is never replaced:
        the return goes in "name (2).csv" instead, so the dialog does not ask.)"""
        name, _filter = QFileDialog.getSaveFileName(
            self, "Save the return", str(Path.home() / suggested), "CSV files (*.csv)",
            options=QFileDialog.Option.DontConfirmOverwrite)
        return Path(name) if name else None

    def choose_and_save(self) -> None:
        if self.is_busy():
            return
        if self.is_cin() and self.result is not None and not self.result.ready \
                and not self.send_anyway.isChecked():
            self._say(self._blocked_words(self.result))
            return
        out = self.ask_for_file(self.suggested_name())
        if out is not None:
            self.save_to(out)

    def save_to(self, out: Path) -> None:
        """Save the chosen return to ``out`` on a worker thread (the census is checked
        again first, and refused while problems remain unless sent with them)."""
        services, actor = self._services, self._actor
        if self.is_cin():
            year, anyway = self.chosen_year(), self.send_anyway.isChecked()
            work = lambda: services.returns.write_cin(actor, year, out,  # noqa: E731
                                                      allow_failures=anyway)
        else:
            work = lambda: services.returns.write_ssd(actor, out)  # noqa: E731
        self._start(work, self._saved, "Saving the return…")

    # -- results --------------------------------------------------------------------------
    def _checked(self, result: CinReturn) -> None:
        self._show_result(result)
        self._say(result.summary() + ("" if result.failures else " " + NO_FAILURES))

    def _saved(self, written: WrittenReturn) -> None:
        self.written = written
        if written.checked is not None:
            self._show_result(written.checked)
        self._say(written.words())

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ReturnBlocked):
            self._show_result(error.result)
            self._say(self._blocked_words(error.result))
            return
        self._say(problem_text(error, "The return was not made."))

    def _show_result(self, result: CinReturn) -> None:
        self.result = result
        self.model.set_failures(result.failures)
        self.detail.clear()
        self.send_anyway.setEnabled(not result.ready)
        if result.ready:
            self.send_anyway.setChecked(False)

    def _blocked_words(self, result: CinReturn) -> str:
        return (result.summary() + " Fix them and check again, or tick “Send with these "
                "failures” to save it as it is.")

    # -- plumbing --------------------------------------------------------------------------
    def _start(self, work, done, words: str) -> None:
        self._set_busy(True)
        self._say(words)
        self._task = BackgroundTask(work)
        self._task.succeeded.connect(done)
        self._task.failed.connect(self._failed)
        self._task.finished.connect(self._finished)
        self._task.start()

    def _finished(self) -> None:
        self._task = None
        self._set_busy(False)
        self.work_done.emit()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.check_button, self.save_button, self.cin_choice, self.ssd_choice,
                       self.year):
            widget.setEnabled(not busy)
        if not busy:
            self._kind_changed_controls()
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _say(self, text: str) -> None:
        self.summary.setText(text)

    def _kind_changed(self) -> None:
        self._forget_check()
        self.note.setText(CIN_NOTE if self.is_cin() else SSD_NOTE)
        self._kind_changed_controls()

    def _kind_changed_controls(self) -> None:
        cin = self.is_cin()
        self.year.setEnabled(cin)
        self.check_button.setEnabled(cin)
        self.table.setVisible(cin)
        self.detail.setVisible(cin)
        self.send_anyway.setVisible(cin)

    def _forget_check(self) -> None:
        self.result = None
        self.model.set_failures(())
        self.send_anyway.setChecked(False)
        self.send_anyway.setEnabled(False)
        self.detail.clear()
        self._say(NOT_CHECKED if self.is_cin() else "")

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        failure = self.model.failure(current.row())
        self.detail.setText(f"{failure.plo_family_id}, {failure.child_name}: "
                            f"{failure.rule.message} {failure.rule.fix}")

    def _open_family(self, index: QModelIndex) -> None:
        family_id = index.data(FAMILY_ID_ROLE)
        if family_id is not None:
            self.family_activated.emit(int(family_id))

    def reject(self) -> None:
        if self._task is not None:
            self._task.discard()  # the file is still saved and audited; nobody is told here
        super().reject()

