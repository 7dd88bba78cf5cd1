"""The timeline strip: an episode's weeks, planned dates hollow, done filled, late ones marked."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QPointF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.timeline import Mark, Milestone, Timeline

from .case_tabs.case_data import days_text
from .timeline_layout import (
    Line,
    TextRole,
    TimelineLayout,
    lay_out,
    ordered_rows,
)

# Colour-blind-safe pair (blue for on time, red-purple for late), always with words too.
ON_TIME = QColor("#1f6fb2")
LATE = QColor("#b0306a")
_MIN_WIDTH = 400


def describe(milestone: Milestone, today: date) -> str:
    """The words said about one milestone: readers must never need the colours."""
    late = milestone.days_late(today)
    if milestone.actual is not None:
        text = f"{milestone.label}: done {short_date(milestone.actual)}"
        if milestone.target is not None:
            text += f", target {short_date(milestone.target)}"
        return text + (f" ({days_text(late)} late)" if late else "")
    if milestone.target is None:
        return milestone.label
    text = f"{milestone.label}: due {short_date(milestone.target)}"
    return text + (f" ({days_text(late)} overdue)" if late else "")


def milestone_tip(milestone: Milestone, today: date) -> str:
    """A milestone's tooltip: its target and the rule behind it, when done, how late."""
    lines = [milestone.label]
    if milestone.target is not None:
        rule = f", {milestone.basis}" if milestone.basis else ""
        lines.append(f"Target: {short_date(milestone.target)}{rule}")
    if milestone.actual is not None:
        lines.append(f"Done: {short_date(milestone.actual)}")
    elif milestone.target is not None:
        lines.append("Not done yet")
    late = milestone.days_late(today)
    if late:
        lines.append(f"{'Late' if milestone.actual else 'Overdue'}: {days_text(late)} after "
                     "the target")
    elif milestone.target is not None and milestone.actual is not None:
        lines.append("On time")
    elif milestone.target is not None:
        ahead = (milestone.target - today).days
        lines.append("Due today" if ahead == 0 else f"Due in {days_text(ahead)}")
    return "\n".join(lines)


def _readable(colour: QColor, palette: QPalette) -> QColor:
    """The colour, lightened on a dark window so it keeps its contrast there."""
    return colour.lighter(160) if palette.color(QPalette.ColorRole.Window).lightness() < 128 \
        else colour


class TimelineWidget(QWidget):
    """Draws a Timeline: one row per milestone, weeks across, today as a vertical line.

    Everything it paints is placed by ``layout_for(width)`` first (timeline_layout.py), so
    what it shows can be checked without looking at pixels. The height follows the width
    (heightForWidth): labels that would meet go into further lanes below the rows.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timeline: Timeline | None = None
        self._today = date.today()
        self._cache: TimelineLayout | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName("Timeline of the episode")

    def set_timeline(self, timeline: Timeline | None, today: date) -> None:
        """Show a timeline as on ``today``; None shows an explanation instead."""
        self._timeline = timeline
        self._today = today
        self._cache = None
        lines = [describe(m, today) for m in ordered_rows(timeline)] if timeline else []
        self.setAccessibleDescription("; ".join(lines))
        self.updateGeometry()
        self.update()

    def rows(self) -> list[Milestone]:
        """Milestones in drawing order: by kind, then by date."""
        return ordered_rows(self._timeline) if self._timeline else []

    def layout_for(self, width: float) -> TimelineLayout:
        """Where everything goes at this width, with the widget's font."""
        cached = self._cache
        if cached is not None and cached.width == width:
            return cached
        self._cache = lay_out(self._timeline, self._today, width, QFontMetricsF(self.font()))
        return self._cache

    def tooltip_at(self, point: QPointF) -> str:
        """What the tooltip says at a point: a milestone, a line, a week, or nothing."""
        layout = self.layout_for(self.width())
        if (mark := layout.mark_at(point)) is not None:
            return mark.tip
        if (row := layout.row_at(point)) is not None:
            return milestone_tip(row.milestone, self._today)
        if (tick := layout.tick_at(point)) is not None:
            return f"Week {tick.week} of pre-proceedings, from {short_date(tick.day)}"
        return ""

    # Qt overrides ------------------------------------------------------------------------------

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return int(self.layout_for(max(width, _MIN_WIDTH)).height + 0.999)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = max(self.width(), 800)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(_MIN_WIDTH, self.heightForWidth(max(self.width(), _MIN_WIDTH)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FontChange:
            self._cache = None
            self.updateGeometry()
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Lanes for the labels may come or go with the width, and with them the height.
        if self.heightForWidth(self.width()) != self.height():
            self.updateGeometry()
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        layout = self.layout_for(self.width())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        if layout.message is not None:
            painter.setPen(text_colour)
            painter.drawText(layout.message.rect, int(Qt.AlignmentFlag.AlignCenter
                                                      | Qt.TextFlag.TextWordWrap),
                             layout.message.text)
            painter.end()
            return
        on_time, late = _readable(ON_TIME, palette), _readable(LATE, palette)
        plot = layout.plot

        # Week grid, numbered from the start (week 1 is the first week of pre-proceedings).
        grid = QPen(palette.color(QPalette.ColorRole.Mid))
        grid.setStyle(Qt.PenStyle.DotLine)
        painter.setPen(grid)
        for tick in layout.ticks:
            painter.drawLine(QPointF(tick.x, layout.axis_top), QPointF(tick.x, plot.bottom()))

        # Every other row shaded, so a name can be followed across to its marks.
        shade = palette.color(QPalette.ColorRole.AlternateBase)
        for index, row in enumerate(layout.rows):
            if index % 2:
                painter.fillRect(row.band, shade)

        line_styles = {
            Line.TODAY: (palette.color(QPalette.ColorRole.Highlight), Qt.PenStyle.SolidLine, 2.0),
            Line.TARGET: (text_colour, Qt.PenStyle.DashLine, 1.5),
            Line.EXTENSION: (late, Qt.PenStyle.DashLine, 1.5),
            Line.BIRTH: (text_colour, Qt.PenStyle.DotLine, 1.5),
        }
        for mark in layout.marks:
            colour, style, width = line_styles[mark.line]
            painter.setPen(QPen(colour, width, style))
            painter.drawLine(QPointF(mark.x, mark.top), QPointF(mark.x, mark.bottom))

        for row in layout.rows:
            self._paint_row(painter, layout, row.milestone, row.y, late if row.late else on_time)

        # Texts last, those among the lines on their own background, so no line runs through
        # a word.
        background = palette.color(QPalette.ColorRole.Window)
        for index, row in enumerate(layout.rows):
            if row.note is not None:
                painter.fillRect(row.note.rect, shade if index % 2 else background)
        for text in layout.texts():
            if text.role is TextRole.MARK:
                painter.fillRect(text.rect, background)
            painter.setPen(late if text.role is TextRole.NOTE else text_colour)
            painter.drawText(text.rect, int(Qt.AlignmentFlag.AlignLeft
                                            | Qt.AlignmentFlag.AlignVCenter), text.text)
        painter.end()

    def _paint_row(self, painter: QPainter, layout: TimelineLayout, milestone: Milestone,
                   y: float, colour: QColor) -> None:
        radius = layout.metrics.radius
        diamond = milestone.mark is Mark.DECISION
        if milestone.target and milestone.actual and milestone.target != milestone.actual:
            # Drift: a line from the target to when it actually happened.
            painter.setPen(QPen(colour, 2))
            painter.drawLine(QPointF(layout.x_of(milestone.target), y),
                             QPointF(layout.x_of(milestone.actual), y))
        if milestone.target and not milestone.actual and milestone.days_late(self._today):
            painter.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(layout.x_of(milestone.target), y),
                             QPointF(layout.x_of(self._today), y))
        if milestone.target:
            _marker(painter, layout.x_of(milestone.target), y, radius, colour, False, diamond)
        if milestone.actual:
            _marker(painter, layout.x_of(milestone.actual), y, radius, colour, True, diamond)


def _marker(painter: QPainter, x: float, y: float, radius: float, colour: QColor,
            filled: bool, diamond: bool) -> None:
    """Hollow for a target, filled for what happened; a diamond for a decision."""
    painter.setPen(QPen(colour, 2))
    painter.setBrush(colour if filled else Qt.BrushStyle.NoBrush)
    if diamond:
        r = radius + 1
        path = QPainterPath()
        path.moveTo(x, y - r)
        path.lineTo(x + r, y)
        path.lineTo(x, y + r)
        path.lineTo(x - r, y)
        path.closeSubpath()
        painter.drawPath(path)
    else:
        painter.drawEllipse(QPointF(x, y), radius, radius)
    painter.setBrush(Qt.BrushStyle.NoBrush)

