"""A table of the report (figures, months, after stepping down, families) for a table view;
each cell carries the key of the families behind it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from plo_tracker.services.reports_views import ReportTable

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
OPENS = "Double-click (or press Enter) to list the families behind this figure."
_Index = QModelIndex | QPersistentModelIndex


class ReportTableModel(QAbstractTableModel):
    """One ReportTable; empty until ``set_table``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.table: ReportTable | None = None

    def set_table(self, table: ReportTable) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt
        return 0 if parent.isValid() or self.table is None else len(self.table.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt
        return 0 if parent.isValid() or self.table is None else len(self.table.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self.table is None:
            return None
        cell = self.table.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == KEY_ROLE:
            return cell.key
        if role == Qt.ItemDataRole.ToolTipRole:
            note = self._note(index.row())
            return "\n".join(t for t in (note, OPENS if cell.key else "") if t) or None
        if (role == Qt.ItemDataRole.TextAlignmentRole and isinstance(cell.value, int)
                and self.table.name != "summary"):  # its values are counts and shares mixed
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _note(self, row: int) -> str:
        # The figures table's last column says how each is counted: shown on every cell.
        if self.table is not None and self.table.columns[-1] == "How it is counted":
            return self.table.rows[row][-1].text
        return ""

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and self.table is not None):
            return self.table.columns[section]
        return None

    def key_at(self, index: _Index) -> str | None:
        """The key of the families behind a cell, or None for a heading cell."""
        return self.data(index, KEY_ROLE) if index.isValid() else None
