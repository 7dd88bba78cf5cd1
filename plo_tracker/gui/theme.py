"""Shared status colours and icons: colour-blind safe, and always paired with a word."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from plo_tracker.domain.due import DueStatus

# Blue, amber and red-purple stay apart for the common kinds of colour blindness; the shapes
# differ as well, so the icon never relies on colour alone (and the word is always shown).
STATUS_COLOURS: dict[DueStatus, QColor] = {
    DueStatus.OVERDUE: QColor("#b0306a"),
    DueStatus.DUE_SOON: QColor("#e69f00"),
    DueStatus.EXTENDED: QColor("#009e73"),
    DueStatus.ON_TIME: QColor("#1f6fb2"),
    DueStatus.CLOSED: QColor("#8a8a8a"),
}

# Most urgent first: the order the status column sorts in.
STATUS_ORDER: dict[DueStatus, int] = {
    DueStatus.OVERDUE: 0,
    DueStatus.DUE_SOON: 1,
    DueStatus.EXTENDED: 2,
    DueStatus.ON_TIME: 3,
    DueStatus.CLOSED: 4,
}

_ICON_SIZES = (16, 24, 32)


def _shape(status: DueStatus, size: float) -> QPainterPath:
    """Overdue a diamond, due soon a triangle, extended an arrow, on time a circle, closed a
    square."""
    m = size * 0.12
    s = size - 2 * m
    path = QPainterPath()
    if status is DueStatus.OVERDUE:
        path.addPolygon(QPolygonF([QPointF(m + s / 2, m), QPointF(m + s, m + s / 2),
                                   QPointF(m + s / 2, m + s), QPointF(m, m + s / 2)]))
    elif status is DueStatus.DUE_SOON:
        path.addPolygon(QPolygonF([QPointF(m + s / 2, m), QPointF(m + s, m + s),
                                   QPointF(m, m + s)]))
    elif status is DueStatus.EXTENDED:
        path.addPolygon(QPolygonF([QPointF(m, m), QPointF(m + s, m + s / 2),
                                   QPointF(m, m + s)]))
    elif status is DueStatus.ON_TIME:
        path.addEllipse(QRectF(m, m, s, s))
    else:
        path.addRect(QRectF(m + s * 0.1, m + s * 0.1, s * 0.8, s * 0.8))
    path.closeSubpath()
    return path


@cache
def status_icon(status: DueStatus) -> QIcon:
    """A small shape in the status's colour; needs a QGuiApplication."""
    icon = QIcon()
    colour = STATUS_COLOURS[status]
    for size in _ICON_SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # A darker edge keeps the light colours visible on a light background.
        painter.setPen(QPen(colour.darker(140), max(1.0, size / 16)))
        painter.setBrush(Qt.BrushStyle.NoBrush if status is DueStatus.CLOSED else colour)
        painter.drawPath(_shape(status, size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon
