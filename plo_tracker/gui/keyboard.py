"""Working without a mouse: a focus ring that can be seen, and Enter that presses buttons.

Both are installed on the whole application at start (``install_keyboard_aids``), so every
window, dialog and form gets them without doing anything itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QProxyStyle,
    QPushButton,
    QStyle,
    QStyleOption,
    QWidget,
)

from .icons import style_icon

RING_WIDTH = 2
# Used when the palette's own highlight is too faint against its window colour.
_RING_ON_LIGHT = QColor("#0b5cad")
_RING_ON_DARK = QColor("#8cc4ff")
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# What gets a ring drawn over it when it has the focus: a button, a text box's frame, and
# the frame of a list or table (PE_Frame, for scroll areas only).
_RINGED = frozenset({
    QStyle.PrimitiveElement.PE_PanelButtonCommand,
    QStyle.PrimitiveElement.PE_FrameLineEdit,
    QStyle.PrimitiveElement.PE_Frame,
})


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ring_colour(palette: QPalette) -> QColor:
    """The focus ring's colour: the palette's highlight where it stands out from the window
    (3:1, what WCAG asks of a focus indicator), else a blue that does, light or dark."""
    window = palette.color(QPalette.ColorRole.Window)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    if contrast(highlight, window) >= 3 and contrast(
            highlight, palette.color(QPalette.ColorRole.Button)) >= 3:
        return highlight
    return _RING_ON_DARK if window.lightnessF() < 0.5 else _RING_ON_LIGHT


class FocusRingStyle(QProxyStyle):
    """The platform's style, with a solid ring round whatever has the keyboard focus.

    The styles' own focus marks are a dotted line or a one-pixel tint, easy to lose on a
    laptop screen. This draws a ring two pixels wide in ``ring_colour`` instead: round a
    button, a check box or the current row of a list, and round the frame of a text box,
    list or table that has the focus.
    """

    def drawPrimitive(self, element: QStyle.PrimitiveElement,  # noqa: N802 - Qt override
                      option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            self._ring(option, painter, inset=0)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in _RINGED and option.state & QStyle.StateFlag.State_HasFocus and (
                element != QStyle.PrimitiveElement.PE_Frame
                or isinstance(widget, QAbstractScrollArea)):
            self._ring(option, painter, inset=0)

    def pixelMetric(self, metric: QStyle.PixelMetric,  # noqa: N802 - Qt override
                    option: QStyleOption | None = None, widget: QWidget | None = None) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_DefaultFrameWidth and isinstance(
                widget, QAbstractScrollArea):
            # Room for the whole ring round a list or table, not half of it under the rows.
            return max(value, RING_WIDTH)
        return value

    def standardIcon(self, standard: QStyle.StandardPixmap,  # noqa: N802 - Qt override
                     option: QStyleOption | None = None,
                     widget: QWidget | None = None) -> QIcon:
        # A message box's sign comes from the app's own icons, the same on every platform.
        own = style_icon(standard)
        return own if own is not None else super().standardIcon(standard, option, widget)

    def _ring(self, option: QStyleOption, painter: QPainter, inset: int) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(ring_colour(option.palette), RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = RING_WIDTH / 2 + inset
        painter.drawRoundedRect(QRectF(option.rect).adjusted(half, half, -half, -half), 3, 3)
        painter.restore()


class KeyboardAids(QObject):
    """An application-wide event filter.

    - Enter (Return or the keypad's Enter) presses the push button that has the focus,
      anywhere: Qt does this only for a dialog's default buttons, so a button reached with
      Tab in the main window would otherwise ignore it.
    - A list, table or text box repaints its frame when it gains or loses the focus, so
      its ring comes and goes at once.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(watched, QPushButton):
            if isinstance(event, QKeyEvent) and self._presses(watched, event):
                if not event.isAutoRepeat():  # holding Enter down presses once
                    watched.animateClick()
                return True
        elif kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut) and isinstance(
                watched, QAbstractScrollArea):
            watched.update()
        return False

    @staticmethod
    def _presses(button: QPushButton, event: QKeyEvent) -> bool:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return (event.key() in _ENTER_KEYS and modifiers == Qt.KeyboardModifier.NoModifier
                and button.isEnabled() and button.isVisible())


_installed: dict[int, tuple[FocusRingStyle, KeyboardAids]] = {}


def install_keyboard_aids(app: QApplication) -> None:
    """Give every window of ``app`` the focus ring and Enter on buttons (once per app)."""
    if id(app) in _installed:
        return
    style = FocusRingStyle(app.style().name())
    aids = KeyboardAids(app)
    app.setStyle(style)
    app.installEventFilter(aids)
    _installed[id(app)] = (style, aids)  # held here: Qt must not outlive Python's objects


def remove_keyboard_aids(app: QApplication) -> None:
    """Undo ``install_keyboard_aids`` (for tests that share one application)."""
    installed = _installed.pop(id(app), None)
    if installed is None:
        return
    style, aids = installed
    app.removeEventFilter(aids)
    app.setStyle(style.baseStyle().name())
