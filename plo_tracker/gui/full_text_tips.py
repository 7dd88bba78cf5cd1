"""Table cells too narrow for their text: the view shortens it with "…", the tooltip has it all."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

_Index = QModelIndex | QPersistentModelIndex


class FullTextDelegate(QStyledItemDelegate):
    """Paints as usual; a cell whose text is cut short shows the whole of it in its tooltip,
    above the tooltip the model gives (the reason for a due date, say). A cell that shows
    all its text has only the model's tooltip, so nothing repeats what is on screen."""

    def cell_tooltip(self, option: QStyleOptionViewItem, index: _Index,
                     widget: QWidget | None = None) -> str | None:
        """The tooltip for a cell laid out as ``option`` says (its rect, font and style)."""
        text = index.data(Qt.ItemDataRole.DisplayRole)
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        parts = []
        if isinstance(text, str) and text and self.is_cut_short(option, index, widget):
            parts.append(text)
        if tip and tip != text:
            parts.append(str(tip))
        return "\n".join(parts) or None

    def is_cut_short(self, option: QStyleOptionViewItem, index: _Index,
                     widget: QWidget | None = None) -> bool:
        """True when the cell's rect is too narrow for its whole text."""
        styled = QStyleOptionViewItem(option)
        self.initStyleOption(styled, index)
        if not styled.text:
            return False
        style = widget.style() if widget is not None else QApplication.style()
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, styled, widget)
        # The style leaves a focus-frame margin (plus one pixel) either side of the text.
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        return styled.fontMetrics.horizontalAdvance(styled.text) > rect.width() - 2 * margin

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView,  # noqa: N802 - Qt override
                  option: QStyleOptionViewItem, index: _Index) -> bool:
        if event is None or view is None or event.type() != QEvent.Type.ToolTip:
            return super().helpEvent(event, view, option, index)
        tip = self.cell_tooltip(option, index, view)
        if tip:
            QToolTip.showText(event.globalPos(), tip, view, option.rect)
        else:
            QToolTip.hideText()
        return True


def _option(view: QAbstractItemView, index: _Index) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    option.initFrom(view.viewport())
    option.rect = view.visualRect(index)
    option.font = view.font()
    option.fontMetrics = view.fontMetrics()
    option.textElideMode = view.textElideMode()
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
    return option


def tooltip_at(view: QAbstractItemView, index: _Index) -> str | None:
    """What a cell's tooltip says as the view is laid out now (for tests and accessibility)."""
    delegate = view.itemDelegateForIndex(index)
    if not isinstance(delegate, FullTextDelegate):
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        return str(tip) if tip else None
    return delegate.cell_tooltip(_option(view, index), index, view)


def is_cut_short_at(view: QAbstractItemView, index: _Index) -> bool:
    """True when a cell's column is too narrow, as the view is laid out now, for its text."""
    delegate = view.itemDelegateForIndex(index)
    return isinstance(delegate, FullTextDelegate) and delegate.is_cut_short(
        _option(view, index), index, view)
