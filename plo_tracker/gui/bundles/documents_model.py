"""The family's documents not yet placed in the bundle: dragged from here into a section."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from plo_tracker.domain.date_text import short_date
from plo_tracker.services.bundle_views import UnplacedView

from .drag_data import DocumentDrag, dragged_document

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # int
DEFAULT_SECTION_ROLE = Qt.ItemDataRole.UserRole + 2  # str: the section its type goes in

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole


def describe(row: UnplacedView) -> str:
    """"Care plan for Amy · Tue 3 Mar 2026 · 8 pages"."""
    when = short_date(row.document_date) if row.document_date else "no date"
    pages = f"{row.page_count:,} page{'' if row.page_count == 1 else 's'}"
    return f"{row.title} \u00b7 {when} \u00b7 {pages}"


class UnplacedDocumentsModel(DocumentDrag, QAbstractListModel):
    """One row per document not in the bundle; a document dragged back here is taken out.

    ``unplace_requested(document_id)``: a placed document was dropped on this list.
    """

    unplace_requested = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: tuple[UnplacedView, ...] = ()

    def set_rows(self, rows: Sequence[UnplacedView]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def rows(self) -> tuple[UnplacedView, ...]:
        return self._rows

    def row_at(self, index: _Index) -> UnplacedView | None:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        return self._rows[index.row()]

    def document_id_at(self, index: _Index) -> int | None:
        row = self.row_at(index)
        return None if row is None else row.document_id

    def index_of(self, document_id: int) -> QModelIndex:
        for number, row in enumerate(self._rows):
            if row.document_id == document_id:
                return self.index(number, 0)
        return QModelIndex()

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        if role == _DISPLAY:
            return describe(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{row.title}\n{row.doc_type.label}: goes in section {row.default_section} "
                    "unless you choose another")
        if role == DOCUMENT_ID_ROLE:
            return row.document_id
        if role == DEFAULT_SECTION_ROLE:
            return row.default_section
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            # Dropping on the list itself (not on a row) takes a placed document out.
            return Qt.ItemFlag.ItemIsDropEnabled
        # On a row too: wherever a placed document is let go over the list, it comes out.
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
                | Qt.ItemFlag.ItemNeverHasChildren)

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                        column: int, parent: _Index) -> bool:
        document_id = dragged_document(data)
        # Only a placed document can be taken out; one of ours dropped here stays as it is.
        return document_id is not None and not self.index_of(document_id).isValid()

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                     column: int, parent: _Index) -> bool:
        if action == Qt.DropAction.IgnoreAction or not self.canDropMimeData(
                data, action, row, column, parent):
            return False
        self.unplace_requested.emit(dragged_document(data))
        return True
