"""A heading over a list of records (meetings, bundles), or over what to do while the list
is empty. Enter or double-click on a row gives its record's id to ``activated``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def record_id(item: QTreeWidgetItem | None) -> int | None:
    """The id of the record a row shows (None for no row)."""
    return item.data(0, RECORD_ID_ROLE) if item is not None else None


class RecordList(QWidget):
    def __init__(self, heading: str, columns: Sequence[str], empty: str, tip: str,
                 activated: Callable[[int | None], object]) -> None:
        super().__init__()
        self._name, self._tip = heading, tip
        self.heading = QLabel(f"<b>{heading}</b>")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(list(columns))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName(heading)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        # Enter and double-click both come as "activated".
        self.tree.itemActivated.connect(lambda item, _column: activated(record_id(item)))
        self.heading.setBuddy(self.tree)
        self.empty = QLabel(empty)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)

    def set_rows(self, rows: Sequence[tuple[int, Sequence[str]]],
                 select_first: bool = False) -> None:
        """Show these (record id, column texts) rows, or the empty words when there are none."""
        self.tree.clear()
        for key, texts in rows:
            item = QTreeWidgetItem(list(texts))
            item.setData(0, RECORD_ID_ROLE, key)
            item.setToolTip(0, self._tip)
            self.tree.addTopLevelItem(item)
        if rows and select_first:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.heading.setText(f"<b>{self._name}</b> ({len(rows):,})")
        self.stack.setCurrentWidget(self.tree if rows else self.empty)
