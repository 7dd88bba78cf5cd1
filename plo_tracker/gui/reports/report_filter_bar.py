"""The Reports page's filters: a period (or two dates), a team and a social worker."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QPushButton, QWidget

from plo_tracker.domain.report_periods import Period, period_dates
from plo_tracker.services.reports_filter import NO_TEAM, NO_WORKER, ReportFilter
from plo_tracker.services.reports_views import ReportChoices

from ..forms.date_field import DateField
from ..icons import icon

DEFAULT_PERIOD = Period.LAST_12_MONTHS


class ReportFilterBar(QWidget):
    """Emits ``changed`` when a filter is changed (dates: when both make a period)."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.period = QComboBox()
        self.period.setAccessibleName("Period")
        for period in Period:
            self.period.addItem(period.label, period)
        self.period.setCurrentIndex(self.period.findData(DEFAULT_PERIOD))
        self.start, self.end = DateField(today), DateField(today)
        self.start.set_accessible_name("Period from")
        self.end.set_accessible_name("Period to")
        first, last = period_dates(DEFAULT_PERIOD, today)
        self.start.set_date(first)
        self.end.set_date(last)
        self.team = QComboBox()
        self.team.setAccessibleName("Team")
        self.worker = QComboBox()
        self.worker.setAccessibleName("Social worker")
        self.set_choices(ReportChoices((), ()))
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setIcon(icon("refresh"))
        self.refresh_button.setToolTip("Read the figures again (F5)")
        self.refresh_button.setShortcut("F5")
        self.refresh_button.clicked.connect(self.changed)
        self.problem = QLabel()
        self.problem.setObjectName("fieldProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self._from_label, self._to_label = QLabel("&From"), QLabel("&To")
        self._from_label.setBuddy(self.start.edit)
        self._to_label.setBuddy(self.end.edit)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for column, (words, widget) in enumerate((
                ("&Period", self.period), ("Tea&m", self.team), ("Social &worker", self.worker))):
            label = QLabel(words)
            label.setBuddy(widget)
            layout.addWidget(label, 0, column * 2, Qt.AlignmentFlag.AlignRight)
            layout.addWidget(widget, 0, column * 2 + 1)
        layout.addWidget(self.refresh_button, 0, 6)
        layout.setColumnStretch(7, 1)
        layout.addWidget(self._from_label, 1, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.start, 1, 1)
        layout.addWidget(self._to_label, 1, 2, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.end, 1, 3, 1, 3)
        layout.addWidget(self.problem, 2, 1, 1, 6)
        self._show_dates()
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.team.currentIndexChanged.connect(self.changed)
        self.worker.currentIndexChanged.connect(self.changed)
        self.start.changed.connect(self._dates_typed)
        self.end.changed.connect(self._dates_typed)

    def set_choices(self, choices: ReportChoices) -> None:
        """Fill the team and worker lists, keeping what was chosen if it is still there."""
        team, worker = self.team.currentData(), self.worker.currentData()
        for combo in (self.team, self.worker):
            combo.blockSignals(True)
            combo.clear()
        self.team.addItem("All teams", None)
        for name in choices.teams:
            self.team.addItem(name, name)
        self.team.addItem("No team recorded", NO_TEAM)
        self.worker.addItem("All social workers", None)
        for user_id, name in choices.workers:
            self.worker.addItem(name, user_id)
        self.worker.addItem("No worker allocated", NO_WORKER)
        self.team.setCurrentIndex(max(0, self.team.findData(team)))
        self.worker.setCurrentIndex(max(0, self.worker.findData(worker)))
        for combo in (self.team, self.worker):
            combo.blockSignals(False)

    def current_filter(self) -> ReportFilter | None:
        """The filter chosen; None (and the reason shown) while the dates make no period."""
        period: Period = self.period.currentData()
        if period is Period.CUSTOM:
            first, last = self.start.date(), self.end.date()
            problem = self.start.problem() or self.end.problem()
            if problem is None and (first is None or last is None):
                problem = "Enter both dates of the period, as dd/mm/yyyy."
            elif problem is None and last < first:
                problem = "The period must end on or after the day it starts."
            self.problem.setText(problem or "")
            self.problem.setVisible(problem is not None)
            if problem is not None:
                return None
        else:
            first, last = period_dates(period, self.today)
        return ReportFilter(first, last, self.team.currentData(), self.worker.currentData())

    def choose(self, period: Period | None = None, team: str | None = None,
               worker_id: int | None = None) -> None:
        """Choose filters by value, as a person would in the lists."""
        if period is not None:
            self.period.setCurrentIndex(self.period.findData(period))
        if team is not None:
            self.team.setCurrentIndex(self.team.findData(team))
        if worker_id is not None:
            self.worker.setCurrentIndex(self.worker.findData(worker_id))

    def _period_chosen(self) -> None:
        period: Period = self.period.currentData()
        if period is not Period.CUSTOM:
            first, last = period_dates(period, self.today)
            for field, day in ((self.start, first), (self.end, last)):
                field.blockSignals(True)
                field.set_date(day)
                field.blockSignals(False)
        self._show_dates()
        self.changed.emit()

    def _show_dates(self) -> None:
        custom = self.period.currentData() is Period.CUSTOM
        for widget in (self.start, self.end, self._from_label, self._to_label):
            widget.setVisible(custom)
        if not custom:
            self.problem.hide()

    def _dates_typed(self) -> None:
        if self.period.currentData() is Period.CUSTOM and self.current_filter() is not None:
            self.changed.emit()
