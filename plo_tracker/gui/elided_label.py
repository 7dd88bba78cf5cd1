"""A one-line label that shortens its text with "…" to fit, the full text in its tooltip."""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

# However long the text, the label asks for no more than room for this much when squeezed.
_MINIMUM_SAMPLE = "Wxyz…"


class ElidedLabel(QLabel):
    """A QLabel for text of any length (a surname typed 500 characters long, say).

    A plain QLabel asks for its whole text's width as its minimum, so one long name widens
    the window. This one asks for a few characters at least and the whole text at best;
    when it is given less it shows the start of the text and "…", and its tooltip then
    holds the full text (before any tooltip of its own, set with ``setToolTip``).

    ``text()`` is always the full text; ``shown_text()`` is what is on screen.

    Args:
        most_chars: the most it asks for, in average characters, however long the text:
            beside other lines in a layout, a very long one then takes no more than its
            share of the room.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None,
                 most_chars: int | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._tip = ""
        self._most_chars = most_chars
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setText(text)

    # QLabel's own ---------------------------------------------------------------------------

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        # Lines after the first would be lost to the eye: they join the first one instead.
        self._full = " ".join(text.split("\n")) if "\n" in text else text
        self.setAccessibleName(self._full)
        self._fit()
        self.updateGeometry()

    def text(self) -> str:
        return self._full

    def setToolTip(self, tip: str) -> None:  # noqa: N802 - Qt override
        self._tip = tip
        self._fit()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        metrics = self.fontMetrics()
        width = min(metrics.horizontalAdvance(_MINIMUM_SAMPLE),
                    metrics.horizontalAdvance(self._full))
        return QSize(width + self._padding(), self._line_height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # Measured in fractions of a pixel and rounded up: a rounded-down width would cut
        # the last letter of a text given exactly its own width.
        width = math.ceil(QFontMetricsF(self.font()).horizontalAdvance(self._full)) + 1
        if self._most_chars is not None:
            width = min(width, self.fontMetrics().averageCharWidth() * self._most_chars)
        return QSize(width + self._padding(), self._line_height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    # Ours ------------------------------------------------------------------------------------

    def shown_text(self) -> str:
        """The text as it is on screen, shortened with "…" when it does not fit."""
        return super().text()

    def is_elided(self) -> bool:
        return self.shown_text() != self._full

    def _padding(self) -> int:
        margins = self.contentsMargins()
        return margins.left() + margins.right() + 2 * self.margin() + max(0, self.indent())

    def _line_height(self) -> int:
        margins = self.contentsMargins()
        return (self.fontMetrics().height() + margins.top() + margins.bottom()
                + 2 * self.margin())

    def _fit(self) -> None:
        room = self.contentsRect().width() - 2 * self.margin() - max(0, self.indent())
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(0, room))
        if shown != super().text():
            super().setText(shown)
        tips = [self._full] if shown != self._full else []
        if self._tip and self._tip != self._full:
            tips.append(self._tip)
        super().setToolTip("\n".join(tips))
