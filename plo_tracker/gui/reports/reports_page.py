"""The Reports page: the management figures for a period, team and worker, as tables and
charts; every figure opens the families behind it; each table saves as CSV and the whole
as a monthly PDF. Figures load on a worker thread, so the window never waits for them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.date_text import medium_date
from plo_tracker.domain.report_periods import month_label
from plo_tracker.services.actor import Actor
from plo_tracker.services.permissions import Permission, allows
from plo_tracker.services.registry import Services
from plo_tracker.services.reports_files import filter_words
from plo_tracker.services.reports_filter import FigureKey
from plo_tracker.services.reports_tables import (
    MONTHS,
    STEP_DOWN_TEAMS,
    STEP_DOWN_WORKERS,
    SUMMARY,
    report_tables,
)
from plo_tracker.services.reports_views import KpiReport

from ..icons import icon
from ..problem_text import problem_text
from ..workers import BackgroundTask
from .families_dialog import FamiliesDialog
from .report_charts import APPLICATIONS_CHART, OUTCOMES_CHART, MonthsChart
from .report_filter_bar import ReportFilterBar
from .report_table_model import ReportTableModel

LOADING = "Reading the figures\u2026"
# The tabs: each shows one table of the report (the months' with the charts above it).
TABS = ((SUMMARY, "Figures"), (MONTHS, "By month"),
        (STEP_DOWN_TEAMS, "After stepping down: teams"),
        (STEP_DOWN_WORKERS, "After stepping down: social workers"))


class ReportsPage(QWidget):
    """``family_activated`` gives a family chosen from a list behind a figure;
    ``returns_requested`` asks for the national returns (shown with MAKE_RETURNS only)."""

    family_activated = Signal(int)
    returns_requested = Signal()
    loaded = Signal()  # the figures arrived, or could not be read (the status says why)

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.report: KpiReport | None = None
        self.families_dialog: FamiliesDialog | None = None
        self._task: BackgroundTask | None = None
        self._side_task: BackgroundTask | None = None  # a list of families, or the PDF
        self._started = False
        self.filters = ReportFilterBar(services.context.clock.today())
        self.filters.changed.connect(self.reload)
        self.status = QLabel("The figures load when this page is first shown.")
        self.status.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Management figures")
        self.models: dict[str, ReportTableModel] = {}
        self.views: dict[str, QTableView] = {}
        self.empty: dict[str, QLabel] = {}
        self.charts = (MonthsChart(OUTCOMES_CHART), MonthsChart(APPLICATIONS_CHART))
        for chart in self.charts:
            chart.bar_chosen.connect(self._bar_chosen)
        for name, title in TABS:
            self.tabs.addTab(self._table_tab(name), title)
        self.export_button = QPushButton("Export table to CSV\u2026")
        self.export_button.setIcon(icon("export"))
        self.export_button.setToolTip("Save the table of the tab in front as a CSV file")
        self.export_button.clicked.connect(self._choose_export)
        self.pdf_button = QPushButton("Monthly report (PDF)\u2026")
        self.pdf_button.setIcon(icon("print"))
        self.pdf_button.setToolTip("Save every figure, chart and table as one PDF")
        self.pdf_button.clicked.connect(self._choose_pdf)
        # The lead wires this to the national returns dialog.
        self.returns_button = QPushButton("National returns\u2026")
        self.returns_button.setIcon(icon("returns"))
        self.returns_button.setVisible(allows(actor, Permission.MAKE_RETURNS))
        self.returns_button.clicked.connect(self.returns_requested)
        for button in (self.export_button, self.pdf_button):
            button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(self.returns_button)
        layout = QVBoxLayout(self)
        heading = QLabel("<b>Management figures</b> \u2013 pre-proceedings (PLO)")
        layout.addWidget(heading)
        layout.addWidget(self.filters)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    def _table_tab(self, name: str) -> QWidget:
        model = self.models[name] = ReportTableModel(self)
        view = self.views[name] = QTableView()
        view.setModel(model)
        view.setAccessibleName(dict(TABS)[name])
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(True)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setStretchLastSection(True)
        view.activated.connect(lambda index, n=name: self.open_cell(n, index.row(),
                                                                    index.column()))
        empty = self.empty[name] = QLabel()
        empty.setWordWrap(True)
        empty.hide()
        tab = QWidget()
        layout = QVBoxLayout(tab)
        if name == MONTHS:
            charts = QHBoxLayout()
            for chart in self.charts:
                charts.addWidget(chart)
            layout.addLayout(charts, 2)
        layout.addWidget(empty)
        layout.addWidget(view, 1 if name == MONTHS else 2)
        return tab

    # -- loading ------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._started:  # built with the window, read when first looked at
            self._started = True
            self.reload(with_choices=True)

    def is_loading(self) -> bool:
        return self._task is not None

    def reload(self, with_choices: bool = False) -> None:
        """Read the figures for the filters chosen, in the background."""
        self._started = True
        chosen = self.filters.current_filter()
        if chosen is None:
            return  # the filter bar says what is wrong with the dates
        if self._task is not None:
            self._task.discard()  # a newer choice replaces it
        services, actor = self.services, self.actor

        def work():
            choices = services.reports.choices(actor) if with_choices else None
            return choices, services.reports.figures(actor, chosen)

        self.status.setText(LOADING)
        self._task = BackgroundTask(work)
        self._task.succeeded.connect(self._arrived)
        self._task.failed.connect(self._failed)
        self._task.start()

    def _arrived(self, result) -> None:
        self._task = None
        choices, report = result
        if choices is not None:
            self.filters.set_choices(choices)
        self.report = report
        for table in report_tables(report):
            self.models[table.name].set_table(table)
            self.views[table.name].resizeColumnsToContents()
            # Above the table: how it is counted; in its place when empty, why.
            words = " ".join(w for w in (table.empty if not table.rows else "", table.note)
                             if w)
            self.empty[table.name].setText(words)
            self.empty[table.name].setVisible(bool(words))
            self.views[table.name].setVisible(bool(table.rows))
        for chart in self.charts:
            chart.show_months(report.months)
        self.status.setText(f"{filter_words(report)}. Figures \u201cnow\u201d are as at "
                            f"{medium_date(report.as_at)}. Double-click a figure to list "
                            "the families behind it.")
        for button in (self.export_button, self.pdf_button):
            button.setEnabled(True)
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.status.setText(problem_text(error, "The figures could not be read."))
        self.loaded.emit()

    # -- the families behind a figure -----------------------------------------------------
    def open_cell(self, table: str, row: int, column: int) -> None:
        """List the families behind a cell of a table (nothing for a heading cell)."""
        model = self.models[table]
        key = model.key_at(model.index(row, column))
        if key is None or model.table is None:
            return
        cells = model.table.rows[row]
        if table == SUMMARY:
            title = cells[1].text
        else:
            title = f"{model.table.columns[column]}, {cells[0].text}"
        self.open_families(key, title)

    def open_families(self, key: str, title: str) -> None:
        """Read the families behind ``key`` in the background, then list them."""
        if self.report is None:
            return
        services, actor, chosen = self.services, self.actor, self.report.filter
        self.status.setText(f"Listing the families behind \u201c{title}\u201d\u2026")
        self._side_task = BackgroundTask(
            lambda: services.reports.families_behind(actor, chosen, key))
        self._side_task.succeeded.connect(lambda lines: self._show_families(key, title, lines))
        self._side_task.failed.connect(self._side_failed)
        self._side_task.start()

    def _show_families(self, key: str, title: str, lines) -> None:
        self._side_task = None
        chosen = self.report.filter if self.report else None
        services, actor = self.services, self.actor

        def export(path: Path) -> int:
            return services.reports.export_csv(actor, chosen, f"families:{key}", path,
                                               replace=True)

        if self.families_dialog is not None:
            self.families_dialog.close()
            self.families_dialog.deleteLater()
        self.families_dialog = FamiliesDialog(title, lines, export, self)
        self.families_dialog.family_activated.connect(self.family_activated)
        self.families_dialog.open()
        self.status.setText(f"{filter_words(self.report)}." if self.report else "")

    def _side_failed(self, error: BaseException) -> None:
        self._side_task = None
        self.status.setText(problem_text(error))

    def _bar_chosen(self, key: str) -> None:
        self.open_families(key, key_title(key))

    # -- files --------------------------------------------------------------------------
    def current_table(self) -> str:
        return TABS[self.tabs.currentIndex()][0]

    def export_table_to(self, path: Path) -> None:
        """Save the table in front as CSV (the save dialog has already asked to replace)."""
        if self.report is None:
            return
        try:
            count = self.services.reports.export_csv(self.actor, self.report.filter,
                                                     self.current_table(), path, replace=True)
        except Exception as error:  # noqa: BLE001 - shown in words, never a traceback
            self.status.setText(problem_text(error, "The table could not be exported."))
            return
        self.status.setText(f"Wrote {count:,} row{'' if count == 1 else 's'} to {path.name}.")

    def save_pdf_to(self, path: Path) -> BackgroundTask | None:
        """Make the monthly report as a PDF in the background."""
        if self.report is None:
            return None
        services, actor, chosen = self.services, self.actor, self.report.filter
        self.pdf_button.setEnabled(False)
        self.status.setText("Making the monthly report\u2026")
        self._side_task = BackgroundTask(
            lambda: services.reports.monthly_pdf(actor, chosen, path, replace=True))
        self._side_task.succeeded.connect(lambda pages: self._pdf_saved(path, pages))
        self._side_task.failed.connect(self._pdf_failed)
        return self._side_task.start()

    def _pdf_saved(self, path: Path, pages: int) -> None:
        self._side_task = None
        self.pdf_button.setEnabled(True)
        self.status.setText(f"Saved the monthly report ({pages} pages) as {path.name}.")

    def _pdf_failed(self, error: BaseException) -> None:
        self.pdf_button.setEnabled(True)
        self._side_failed(error)

    def _choose_export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, "Export the table", str(Path.home() / f"{self.current_table()}.csv"),
            "CSV files (*.csv)")
        if name:
            self.export_table_to(Path(name))

    def _choose_pdf(self) -> None:
        suggested = "management-report.pdf"
        if self.report is not None:
            suggested = (f"management-report-{self.report.filter.start:%Y-%m-%d}-to-"
                         f"{self.report.filter.end:%Y-%m-%d}.pdf")
        name, _filter = QFileDialog.getSaveFileName(
            self, "Save the monthly report", str(Path.home() / suggested), "PDF files (*.pdf)")
        if name:
            self.save_pdf_to(Path(name))


def key_title(key: str) -> str:
    """Words for a chart bar's key: "New episodes, Mar 2026"."""
    parsed = FigureKey.parse(key)
    words = {field: label for _t, series in (OUTCOMES_CHART, APPLICATIONS_CHART)
             for label, field in series}.get(parsed.figure, parsed.figure)
    if parsed.month:
        words += ", " + month_label(date(int(parsed.month[:4]), int(parsed.month[5:]), 1))
    return words

