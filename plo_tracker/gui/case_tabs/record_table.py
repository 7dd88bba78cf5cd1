"""The read-only table every case tab uses: named columns over a list of records."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

T = TypeVar("T")

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # the record a row shows
EPISODE_HEADER = "Episode"
_DISPLAY = Qt.ItemDataRole.DisplayRole
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_ROW_PADDING = 10


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its header, what it means, and how a record shows in it."""

    header: str
    tip: str
    text: Callable[[T], str]
    sample: str = ""  # typical text, for the starting width (never measured per row)
    tooltip: Callable[[T], str | None] | None = None
    icon: Callable[[T], QIcon | None] | None = None
    wrap: bool = False  # long text that wraps onto several lines


@dataclass(frozen=True, slots=True)
class Entry(Generic[T]):
    """A record with the episode it belongs to (families may have had several)."""

    record: T
    episode: str = ""


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Records in rows, one named column each; texts are worked out once, in set_entries."""

    def __init__(self, columns: Sequence[Column[T]], with_episode: bool = False,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.with_episode = with_episode
        # The episode column comes last, so each tab's column numbers hold either way.
        self.episode_column = len(self.columns) if with_episode else -1
        self._entries: list[Entry[T]] = []
        self._texts: list[tuple[str, ...]] = []

    # Qt overrides ---------------------------------------------------------------------------

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.columns) + (1 if self.with_episode else 0)

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == _DISPLAY:
            return self._texts[row][column]
        if role == RECORD_ROLE:
            return self._entries[row].record
        spec = self._column(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if spec is not None and spec.tooltip is not None:
                return spec.tooltip(self._entries[row].record)
            # The full text, for cells too narrow to show it.
            return self._texts[row][column] or None
        if role == Qt.ItemDataRole.DecorationRole and spec is not None and spec.icon:
            return spec.icon(self._entries[row].record)
        return None

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        spec = self._column(section)
        if role == _DISPLAY:
            return spec.header if spec else EPISODE_HEADER
        if role == Qt.ItemDataRole.ToolTipRole:
            return spec.tip if spec else "Which PLO episode the record belongs to"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    # Public ----------------------------------------------------------------------------------

    def set_entries(self, entries: Sequence[Entry[T]]) -> None:
        """Show these records, in this order."""
        self.beginResetModel()
        self._entries = list(entries)
        self._texts = [
            tuple(spec.text(entry.record) for spec in self.columns)
            + ((entry.episode,) if self.with_episode else ())
            for entry in self._entries
        ]
        self.endResetModel()

    def set_records(self, records: Sequence[T]) -> None:
        """Show records that need no episode."""
        self.set_entries([Entry(record) for record in records])

    def record(self, row: int) -> T:
        return self._entries[row].record

    def episodes_differ(self) -> bool:
        """True when the rows come from more than one episode (so the column is worth showing)."""
        return len({entry.episode for entry in self._entries}) > 1

    def text(self, row: int, column: int) -> str:
        return self._texts[row][column]

    def column_of(self, header: str) -> int:
        """The column number of a header (tests and views find columns by name)."""
        headers = [self.headerData(c, Qt.Orientation.Horizontal)
                   for c in range(self.columnCount())]
        return headers.index(header)

    def _column(self, section: int) -> Column[T] | None:
        return self.columns[section] if section < len(self.columns) else None


class _PaddedDelegate(QStyledItemDelegate):
    """Leaves room above and below wrapped text, as the fixed-height rows have."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        return super().sizeHint(option, index) + QSize(0, _ROW_PADDING)


class RecordTable(QWidget):
    """A table of records, or a sentence saying what to do when there are none."""

    def __init__(self, model: RecordTableModel, accessible_name: str, empty_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.model.setParent(self)
        self.empty_text = empty_text
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setAccessibleName(accessible_name)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setTabKeyNavigation(False)  # Tab moves on, as everywhere else in the window
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().hide()
        self._wraps = any(spec.wrap for spec in model.columns)
        self.table.setWordWrap(self._wraps)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.table.fontMetrics()
        samples = [spec.sample or spec.header for spec in model.columns]
        if model.with_episode:
            samples.append("Earlier, from Wed 30 Sep 2026")
        for column, sample in enumerate(samples):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(metrics.height() + _ROW_PADDING)
        if self._wraps:
            # Rows as tall as their wrapped text at the columns' current widths, kept so as the
            # table is resized; only tabs with few rows (plan, notes) wrap, so this stays cheap.
            rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            self.table.setItemDelegate(_PaddedDelegate(self.table))

        self.empty_label = QLabel(empty_text)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty_label)
        self._stack.setCurrentWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

    def set_entries(self, entries: Sequence[Entry[Any]]) -> None:
        """Show these records (or the empty text when there are none)."""
        self.model.set_entries(entries)
        if self.model.with_episode:
            self.table.setColumnHidden(self.model.episode_column, not self.model.episodes_differ())
        self._stack.setCurrentWidget(self.table if entries else self.empty_label)

    def set_records(self, records: Sequence[Any]) -> None:
        self.set_entries([Entry(record) for record in records])

    def set_empty_text(self, text: str) -> None:
        self.empty_text = text
        self.empty_label.setText(text)

    def is_empty(self) -> bool:
        return self._stack.currentWidget() is self.empty_label


def heading(text: str) -> QLabel:
    """A bold heading over a part of a tab."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def notice(parent: QWidget | None = None) -> QLabel:
    """A line of plain words above a table (what is still due, for example); hidden when empty."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def set_notice(label: QLabel, lines: Sequence[str]) -> None:
    label.setText("\n".join(lines))
    label.setVisible(bool(lines))
