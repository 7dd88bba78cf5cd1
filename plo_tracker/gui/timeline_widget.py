"""The timeline strip: an episode's weeks, planned dates hollow, done filled, late ones marked."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.timeline import Mark, Milestone, Timeline

# Colour-blind-safe pair (blue for on time, red-purple for late), always with text too.
ON_TIME = QColor("#1f6fb2")
LATE = QColor("#b0306a")
ROW_HEIGHT = 22
MARGIN = 12
LABEL_WIDTH = 250
_ROWS = (Mark.DECISION, Mark.LETTER, Mark.MEETING, Mark.ASSESSMENT, Mark.UNBORN, Mark.COURT)


def describe(milestone: Milestone, today: date) -> str:
    """The words said about one milestone: readers must never need the colours."""
    late = milestone.days_late(today)
    if milestone.actual is not None:
        text = f"{milestone.label}: done {short_date(milestone.actual)}"
        if milestone.target is not None:
            text += f", target {short_date(milestone.target)}"
        return text + (f" ({late} days late)" if late else "")
    if milestone.target is None:
        return milestone.label
    text = f"{milestone.label}: due {short_date(milestone.target)}"
    return text + (f" ({late} days overdue)" if late else "")


class TimelineWidget(QWidget):
    """Draws a Timeline: one row per milestone, weeks across, today as a vertical line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timeline: Timeline | None = None
        self._today = date.today()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Timeline of the episode")

    def set_timeline(self, timeline: Timeline | None, today: date) -> None:
        """Show a timeline as on ``today``; None shows an explanation instead."""
        self._timeline = timeline
        self._today = today
        lines = [describe(m, today) for m in timeline.milestones] if timeline else []
        self.setAccessibleDescription("; ".join(lines))
        self.setToolTip("\n".join(lines))
        self.updateGeometry()
        self.update()

    def rows(self) -> list[Milestone]:
        """Milestones in drawing order: by kind, then by date."""
        if self._timeline is None:
            return []
        return sorted(self._timeline.milestones, key=lambda m: (
            _ROWS.index(m.mark), m.actual or m.target or date.max))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        count = max(1, len(self.rows()))
        return QSize(800, 2 * MARGIN + 24 + count * ROW_HEIGHT)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(400, self.sizeHint().height())

    def _span(self) -> tuple[date, date]:
        assert self._timeline is not None
        t = self._timeline
        dates = [t.start, t.end, self._today] + [
            d for m in t.milestones for d in (m.target, m.actual) if d is not None
        ] + [d for _label, d in t.expected_births]
        first = min(dates) - timedelta(days=3)
        last = max(dates) + timedelta(days=7)
        return first, last

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        if self._timeline is None:
            painter.setPen(text_colour)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "The timeline starts when the gateway decision is recorded.")
            return
        t = self._timeline
        first, last = self._span()
        left = LABEL_WIDTH
        width = max(50, self.width() - left - MARGIN)
        days = max(1, (last - first).days)

        def x_of(day: date) -> float:
            return left + width * (day - first).days / days

        top = MARGIN + 20
        rows = self.rows()
        bottom = top + len(rows) * ROW_HEIGHT
        metrics = QFontMetrics(self.font())

        # Week grid, numbered from the start (week 1 is the first week of pre-proceedings).
        grid = QPen(palette.color(QPalette.ColorRole.Mid))
        grid.setStyle(Qt.PenStyle.DotLine)
        week = 0
        while t.start + timedelta(weeks=week) <= last:
            day = t.start + timedelta(weeks=week)
            if day >= first:
                painter.setPen(grid)
                painter.drawLine(QPointF(x_of(day), top), QPointF(x_of(day), bottom))
                if week % 2 == 0:
                    painter.setPen(text_colour)
                    painter.drawText(QPointF(x_of(day) + 2, top - 6), f"wk {week + 1}")
            week += 1

        # Target end (16 weeks) and any extension, then today.
        weeks = (t.original_end - t.start).days // 7
        self._vertical(painter, x_of(t.original_end), top, bottom, text_colour,
                       Qt.PenStyle.DashLine, f"{weeks}-week target" if t.end == t.original_end
                       else "original target")
        if t.end != t.original_end:
            self._vertical(painter, x_of(t.end), top, bottom, LATE, Qt.PenStyle.DashLine,
                           f"extended to {short_date(t.end)}")
        for _label, day in t.expected_births:
            self._vertical(painter, x_of(day), top, bottom, text_colour, Qt.PenStyle.DotLine,
                           "birth due")
        self._vertical(painter, x_of(self._today), top - 16, bottom,
                       palette.color(QPalette.ColorRole.Highlight), Qt.PenStyle.SolidLine, "today")

        for index, milestone in enumerate(rows):
            y = top + index * ROW_HEIGHT + ROW_HEIGHT / 2
            late = milestone.days_late(self._today)
            colour = LATE if late else ON_TIME
            label = milestone.label + (" (late)" if late else "")
            painter.setPen(text_colour)
            painter.drawText(QRectF(MARGIN, y - ROW_HEIGHT / 2, left - 2 * MARGIN, ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             metrics.elidedText(label, Qt.TextElideMode.ElideRight,
                                                left - 2 * MARGIN))
            if milestone.target and milestone.actual and milestone.target != milestone.actual:
                # Drift: a line from the target to when it actually happened.
                painter.setPen(QPen(colour, 2))
                painter.drawLine(QPointF(x_of(milestone.target), y),
                                 QPointF(x_of(milestone.actual), y))
            if milestone.target and not milestone.actual and late:
                painter.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(x_of(milestone.target), y),
                                 QPointF(x_of(self._today), y))
            if milestone.target:
                self._marker(painter, x_of(milestone.target), y, colour, filled=False,
                             diamond=milestone.mark is Mark.DECISION)
            if milestone.actual:
                self._marker(painter, x_of(milestone.actual), y, colour, filled=True,
                             diamond=milestone.mark is Mark.DECISION)
        painter.end()

    @staticmethod
    def _marker(painter: QPainter, x: float, y: float, colour: QColor, filled: bool,
                diamond: bool) -> None:
        painter.setPen(QPen(colour, 2))
        painter.setBrush(colour if filled else Qt.BrushStyle.NoBrush)
        if diamond:
            path = QPainterPath()
            path.moveTo(x, y - 6)
            path.lineTo(x + 6, y)
            path.lineTo(x, y + 6)
            path.lineTo(x - 6, y)
            path.closeSubpath()
            painter.drawPath(path)
        else:
            painter.drawEllipse(QPointF(x, y), 5, 5)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _vertical(self, painter: QPainter, x: float, top: float, bottom: float, colour: QColor,
                  style: Qt.PenStyle, label: str) -> None:
        painter.setPen(QPen(colour, 1.5, style))
        painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        # Keep the label inside the widget: right-align it against the line near the edge.
        text_width = QFontMetrics(self.font()).horizontalAdvance(label)
        text_x = x + 3 if x + 3 + text_width < self.width() - 2 else x - 3 - text_width
        painter.drawText(QPointF(text_x, bottom + 14), label)
