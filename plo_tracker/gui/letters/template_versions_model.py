"""The table of a letter template's versions: who saved each, when, and why."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from plo_tracker.services.letter_templates import TemplateVersion

from ..case_tabs.case_data import local_time

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class VersionsModel(QAbstractTableModel):
    """A template's versions, newest first: who saved each, when, and why."""

    HEADERS = ("Version", "Saved by", "When", "What changed")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._versions: list[TemplateVersion] = []

    def set_versions(self, versions: list[TemplateVersion]) -> None:
        self.beginResetModel()
        self._versions = list(versions)
        self.endResetModel()

    def version(self, row: int) -> TemplateVersion:
        return self._versions[row]

    def versions(self) -> list[TemplateVersion]:
        return list(self._versions)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._versions)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        v = self._versions[index.row()]
        return (str(v.version), v.created_by, local_time(v.created_at), v.note)[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None
