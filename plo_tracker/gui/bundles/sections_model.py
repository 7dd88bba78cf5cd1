"""The bundle's sections as a tree: each section, then its documents in order with their pages.

The model shows what the service worked out (the page ranges are the service's prediction
of the built bundle) and never changes it itself: a drop asks for a placement by
``drop_requested``, the builder calls the service, and the new layout comes back here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from plo_tracker.domain.date_text import short_date
from plo_tracker.services.bundle_views import PlacedView, SectionView

from .drag_data import DocumentDrag, dragged_document

COL_TITLE, COL_DATE, COL_PAGES, COL_COUNT = range(4)
HEADERS = ("Section and document", "Date", "Pages", "Page count")
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # int, on a document's row
SECTION_ROLE = Qt.ItemDataRole.UserRole + 2  # the section's lettering, on every row

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_SECTION_ID = 0  # a section's index has internal id 0; a document's its section's number + 1
_DISPLAY = Qt.ItemDataRole.DisplayRole


def _pages(count: int) -> str:
    return f"{count:,} page{'' if count == 1 else 's'}"


def page_range(row: PlacedView) -> str:
    """"A1–A6", or "A7" for a one-page document."""
    if row.first_label == row.last_label:
        return row.first_label
    return f"{row.first_label}\u2013{row.last_label}"


class SectionsModel(DocumentDrag, QAbstractItemModel):
    """Sections (top level) and their documents (children), in bundle order.

    ``drop_requested(document_id, section, position)``: a document was dropped; position is
    where it should end up within the section, counted from 0 once it is there.
    """

    drop_requested = Signal(int, str, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._sections: tuple[SectionView, ...] = ()

    # Content ---------------------------------------------------------------------------------

    def set_sections(self, sections: Sequence[SectionView]) -> None:
        self.beginResetModel()
        self._sections = tuple(sections)
        self.endResetModel()

    def sections(self) -> tuple[SectionView, ...]:
        return self._sections

    def section_index(self, letter: str) -> QModelIndex:
        for row, section in enumerate(self._sections):
            if section.letter == letter:
                return self.index(row, 0)
        return QModelIndex()

    def document_index(self, document_id: int) -> QModelIndex:
        for s, section in enumerate(self._sections):
            for d, document in enumerate(section.documents):
                if document.document_id == document_id:
                    return self.index(d, 0, self.index(s, 0))
        return QModelIndex()

    def where(self, document_id: int) -> tuple[str, int] | None:
        """The section and position of a placed document, or None."""
        for section in self._sections:
            for position, document in enumerate(section.documents):
                if document.document_id == document_id:
                    return section.letter, position
        return None

    def document_id_at(self, index: _Index) -> int | None:
        document = self.document_at(index)
        return None if document is None else document.document_id

    def document_at(self, index: _Index) -> PlacedView | None:
        if not index.isValid() or index.internalId() == _SECTION_ID:
            return None
        return self._sections[index.internalId() - 1].documents[index.row()]

    def section_at(self, index: _Index) -> SectionView | None:
        if not index.isValid():
            return None
        number = index.row() if index.internalId() == _SECTION_ID else index.internalId() - 1
        return self._sections[number]

    # QAbstractItemModel ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _SECTION_ID)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: _Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _SECTION_ID:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _SECTION_ID)

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 - Qt override
        if not parent.isValid():
            return len(self._sections)
        if parent.column() != 0 or parent.internalId() != _SECTION_ID:
            return 0
        return len(self._sections[parent.row()].documents)

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 - Qt override
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        document = self.document_at(index)
        section = self.section_at(index)
        if role == SECTION_ROLE:
            return section.letter
        if document is None:
            return self._section_data(section, index.column(), role)
        if role == DOCUMENT_ID_ROLE:
            return document.document_id
        if role == _DISPLAY:
            column = index.column()
            if column == COL_TITLE:
                return document.title + (" (added after issue)" if document.late else "")
            if column == COL_DATE:
                return short_date(document.document_date) if document.document_date else "No date"
            if column == COL_PAGES:
                return page_range(document)
            return _pages(document.page_count)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [document.title, f"Pages {page_range(document)}"]
            if document.locked:
                lines.append("In an issued version: it keeps its place and page numbers.")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COL_COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _section_data(self, section: SectionView, column: int, role: int) -> Any:
        if role == _DISPLAY:
            if column == COL_TITLE:
                return f"{section.letter}  {section.title}"
            if column == COL_PAGES and section.documents:
                first, last = section.documents[0], section.documents[-1]
                # "D1" for a one-page section, as for a one-page document (not "D1–D1").
                return page_range(replace(first, last_label=last.last_label))
            if column == COL_COUNT:
                return _pages(section.pages)
            if column == COL_DATE and not section.documents:
                return "Empty"
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"Section {section.letter}: {section.title}. Drop documents here, or "
                    "choose this section and press Place.")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _SECTION_ID:
            return base | Qt.ItemFlag.ItemIsDropEnabled
        # Dropping on a document puts the dragged one in its place (the others move down).
        return (base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
                | Qt.ItemFlag.ItemNeverHasChildren)

    # Drag and drop ---------------------------------------------------------------------------

    def drop_target(self, row: int, parent: _Index) -> tuple[str, int] | None:
        """Where a drop at (row, parent) puts a document: its section and the row before
        which it goes (the section's length for the end); None outside every section."""
        if not parent.isValid():
            # Between sections: the end of the section above, or the first section's start.
            if row < 0 or not self._sections:
                return None
            if row == 0:
                return self._sections[0].letter, 0
            above = self._sections[min(row, len(self._sections)) - 1]
            return above.letter, len(above.documents)
        if parent.internalId() == _SECTION_ID:
            section = self._sections[parent.row()]
            return section.letter, len(section.documents) if row < 0 else row
        # Onto a document: it takes that document's place.
        section = self._sections[parent.internalId() - 1]
        return section.letter, parent.row()

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                        column: int, parent: _Index) -> bool:
        return (dragged_document(data) is not None
                and self.drop_target(row, parent) is not None)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                     column: int, parent: _Index) -> bool:
        document_id = dragged_document(data)
        target = self.drop_target(row, parent)
        if document_id is None or target is None or action == Qt.DropAction.IgnoreAction:
            return False
        letter, before = target
        now = self.where(document_id)
        position = before
        if now is not None and now[0] == letter:
            if now[1] < before:
                position -= 1  # it leaves its old place above, so the rows below move up
            if position == now[1]:
                return False  # dropped where it already is
        self.drop_requested.emit(document_id, letter, position)
        # The rows change when the service's new layout comes back; removeRows is not
        # implemented, so the source view cannot take the dragged row away itself.
        return True
