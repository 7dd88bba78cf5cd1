"""The census rules a return breaks, as a table: family, child, rule, field, what is wrong
and what to fix."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from plo_tracker.domain.census import CensusFailure

COL_FAMILY, COL_CHILD, COL_RULE, COL_FIELD, COL_WRONG, COL_FIX = range(6)
HEADERS = ("Family", "Child", "Rule", "Field", "What is wrong", "What to fix")
FAMILY_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class FailuresModel(QAbstractTableModel):
    """One row per failure; the family's database id is under FAMILY_ID_ROLE."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._failures: tuple[CensusFailure, ...] = ()

    def set_failures(self, failures: Sequence[CensusFailure]) -> None:
        self.beginResetModel()
        self._failures = tuple(failures)
        self.endResetModel()

    def failure(self, row: int) -> CensusFailure:
        return self._failures[row]

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._failures)

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._failures):
            return None
        failure = self._failures[index.row()]
        if role == FAMILY_ID_ROLE:
            return failure.family_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _cells(failure)[index.column()]
        return None


def _cells(failure: CensusFailure) -> tuple[str, ...]:
    rule = failure.rule.code + (" (query to confirm)" if failure.is_query else "")
    return (failure.plo_family_id, f"{failure.child_name} ({failure.la_child_id})", rule,
            failure.field, failure.rule.message, failure.rule.fix)
