"""Bar charts of the months (Qt Charts): new episodes and outcomes, care applications.

Each bar opens the families behind it, as the table's cells do.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter

from plo_tracker.domain.report_periods import month_label
from plo_tracker.services.reports_filter import key_for
from plo_tracker.services.reports_views import MonthRow

# Blue, amber, purple, grey: told apart by colour-blind readers, and named in the legend.
COLOURS = ("#1f5fa8", "#e69f00", "#8e3b8f", "#6b6b6b")
# Each chart: its title and its series (label, the MonthRow field and figure key).
OUTCOMES_CHART = ("New episodes and outcomes per month", (
    ("New episodes", "new_episodes"), ("Stepped down", "stepped_down"),
    ("Proceedings issued", "issued"), ("Other outcome", "other")))
APPLICATIONS_CHART = ("Care applications per month", (
    ("Care applications", "applications"), ("On short notice", "short_notice"),
    ("Without pre-proceedings", "without_pre_proceedings")))


def short_months(months: tuple[MonthRow, ...]) -> list[str]:
    """Month names short enough for twelve bars ("Dec", "Jan"); the title gives the years."""
    return [f"{m.month:%b}" for m in months]


def title_with_years(title: str, months: tuple[MonthRow, ...]) -> str:
    """"Care applications per month, Dec 2025 to Nov 2026"."""
    if not months:
        return title
    first, last = month_label(months[0].month), month_label(months[-1].month)
    return f"{title}, {first}" + ("" if first == last else f" to {last}")


class MonthsChart(QChartView):
    """A bar chart of some columns of the months; ``bar_chosen`` gives a bar's key."""

    bar_chosen = Signal(str)

    def __init__(self, spec: tuple[str, tuple[tuple[str, str], ...]], parent=None) -> None:
        super().__init__(parent)
        self.title, self.columns = spec
        self.months: tuple[MonthRow, ...] = ()
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        self.setAccessibleName(self.title)
        self.setToolTip("Click a bar to list the families behind it.")
        self.show_months(())

    def show_months(self, months: tuple[MonthRow, ...]) -> None:
        self.months = months
        chart = QChart()
        chart.setTitle(title_with_years(self.title, months))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setBackgroundVisible(False)  # the palette's own background, light or dark
        chart.setTitleBrush(self.palette().text())
        chart.legend().setLabelBrush(self.palette().text())
        series = QBarSeries()
        for number, (label, field) in enumerate(self.columns):
            bars = QBarSet(label)
            bars.setColor(QColor(COLOURS[number % len(COLOURS)]))
            bars.append([float(getattr(m, field)) for m in months])
            series.append(bars)
        series.clicked.connect(self._clicked)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(short_months(months))
        categories.setLabelsBrush(self.palette().text())
        values = QValueAxis()
        highest = max((getattr(m, f) for m in months for _l, f in self.columns), default=0)
        values.setRange(0, max(highest, 4))
        values.applyNiceNumbers()  # ticks at 0, 5, 10... rather than at odd fractions
        values.setLabelFormat("%d")
        values.setLabelsBrush(self.palette().text())
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    def bar_key(self, series_index: int, month_index: int) -> str:
        """The key of the families behind one bar."""
        return key_for(self.columns[series_index][1], self.months[month_index].month)

    def _clicked(self, index: int, bars: QBarSet) -> None:
        labels = [label for label, _field in self.columns]
        self.bar_chosen.emit(self.bar_key(labels.index(bars.label()), index))
