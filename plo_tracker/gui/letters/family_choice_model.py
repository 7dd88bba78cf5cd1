"""The families offered for a batch of letters, each with a tick, found by search and stage."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from plo_tracker.domain.stages import Stage
from plo_tracker.services.caseload import FamilySummary

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def _family_text(family: FamilySummary) -> str:
    week = f", {family.week.text()}" if family.week else ""
    worker = f", {family.social_worker}" if family.social_worker else ""
    return f"{family.plo_family_id}  {family.surname}: {family.stage_label}{week}{worker}"


class FamilyChoiceModel(QAbstractListModel):
    """Families with a tick each; filtering keeps the ticks of families it hides."""

    chosen_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[FamilySummary] = []
        self._texts: dict[int, str] = {}
        self._keys: dict[int, str] = {}
        self._shown: list[FamilySummary] = []
        self._chosen: set[int] = set()
        self._search = ""
        self._stage: Stage | None = None

    def set_families(self, families: list[FamilySummary]) -> None:
        self._all = sorted(families, key=lambda f: f.plo_family_id)
        # Worked out once: filtering thousands of families must not rebuild every string.
        self._texts = {f.family_id: _family_text(f) for f in self._all}
        self._keys = {f.family_id: " ".join((f.plo_family_id, f.surname, *f.adults,
                                             *(c.name for c in f.children),
                                             f.social_worker)).lower()
                      for f in self._all}
        known = set(self._texts)
        self._chosen &= known
        self._refilter()

    def set_filter(self, search: str, stage: Stage | None) -> None:
        self._search, self._stage = search.strip().lower(), stage
        self._refilter()

    def _refilter(self) -> None:
        words = self._search.split()
        self.beginResetModel()
        self._shown = [f for f in self._all
                       if (self._stage is None or f.stage is self._stage)
                       and all(w in self._keys[f.family_id] for w in words)]
        self.endResetModel()

    def total(self) -> int:
        return len(self._all)

    def shown(self) -> list[FamilySummary]:
        return list(self._shown)

    def chosen(self) -> list[int]:
        """The ids of the ticked families, in the list's order."""
        return [f.family_id for f in self._all if f.family_id in self._chosen]

    def choose_shown(self, chosen: bool) -> None:
        ids = {f.family_id for f in self._shown}
        self._chosen = self._chosen | ids if chosen else self._chosen - ids
        if self._shown:
            self.dataChanged.emit(self.index(0), self.index(len(self._shown) - 1),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.chosen_changed.emit()

    def choose(self, family_ids: list[int]) -> None:
        self._chosen = set(family_ids) & set(self._texts)
        self._refilter()
        self.chosen_changed.emit()

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        family = self._shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[family.family_id]
        if role == Qt.ItemDataRole.CheckStateRole:
            return (Qt.CheckState.Checked if family.family_id in self._chosen
                    else Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Children: {family.children_text}" if family.children else None
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        family_id = self._shown[index.row()].family_id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._chosen.add(family_id)
        else:
            self._chosen.discard(family_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.chosen_changed.emit()
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable)
