"""The "Due and overdue" page: what is late or due soon across a scope of families, by day."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.vocabulary import Role
from plo_tracker.services.actor import Actor
from plo_tracker.services.caseload import DueEntry
from plo_tracker.services.registry import Services

from .full_text_tips import FullTextDelegate
from .panel_actions_list import PanelActionsList
from .problem_text import problem_text
from .table_headers import column_header
from .theme import status_icon
from .workers import BackgroundTask

COL_DUE, COL_LATE, COL_FAMILY, COL_WORKER, COL_WHAT, COL_STATUS = range(6)
COLUMN_COUNT = 6
HEADERS = ("Due", "Late by", "Family", "Social worker", "What", "Status")
HEADER_TIPS = (
    "The date the rule gives; each day's heading is the working day to act by, earlier when "
    "the date falls on a weekend or bank holiday",
    "How many calendar days past the working day to act by",
    "PLO (Public Law Outline) family id and family surname",
    "The allocated social worker",
    "What has to happen, and by when if the date falls on a day nobody works",
    "Overdue or due soon, counted from the working day to act by",
)
FAMILY_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # int: the family's database id (rows only)
DUE_DATE_ROLE = Qt.ItemDataRole.UserRole + 2  # date: the row's due date (rows only)
ACT_BY_ROLE = Qt.ItemDataRole.UserRole + 4  # date: the working day to act by (rows only)
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3  # DueStatus of the row (rows only)

LOADING_TEXT = "Loading…"
HEADING_TEXT = "Due and overdue"

_DISPLAY = Qt.ItemDataRole.DisplayRole
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
# A group's index has internal id 0; a row's has its group's number plus one.
_GROUP_ID = 0
# Worked out once: combining flags is slow enough in Python to notice per row.
_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_ROW_FLAGS = _GROUP_FLAGS | Qt.ItemFlag.ItemNeverHasChildren
_LOADING_DELAY_MS = 300
# Starting widths from typical text, so a long list is never measured; "What" stretches.
_COLUMN_SAMPLES = {
    COL_DUE: ("Wed 30 Nov 2026", "Mon 30 May 2026"),
    COL_LATE: ("209 calendar days",),
    COL_FAMILY: ("PLO-2026-0000 Fitzgerald",),
    COL_WORKER: ("Georgina Middleton",),
    COL_STATUS: ("Due soon", "Overdue"),
}
_short_date = lru_cache(maxsize=1024)(short_date)


class Scope(enum.Enum):
    """Whose families the list covers."""

    MINE = "My families"
    TEAM = "My team"
    ALL = "All families"


def scopes_for(actor: Actor) -> list[Scope]:
    """The scopes that make sense for a role, the default first.

    A social worker starts with their own families, a team manager with their team's, and
    everyone else with all families; "My team" needs the person to belong to a team.
    """
    scopes = []
    if actor.role is Role.SOCIAL_WORKER and actor.user_id is not None:
        scopes.append(Scope.MINE)
    if actor.team and actor.role in (Role.SOCIAL_WORKER, Role.TEAM_MANAGER):
        scopes.append(Scope.TEAM)
    scopes.append(Scope.ALL)
    return scopes


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def group_title(due: date, today: date) -> str:
    """The heading of the day to act by: "Overdue", "Today, …", "Tomorrow, …" or a date."""
    if due < today:
        return "Overdue"
    if due == today:
        return f"Today, {_short_date(due)}"
    if due == today + timedelta(days=1):
        return f"Tomorrow, {_short_date(due)}"
    return _short_date(due)


@dataclass(frozen=True, slots=True)
class DueRow:
    """One due item with the words each column shows, worked out once."""

    entry: DueEntry
    texts: tuple[str, ...]
    tooltip: str


@dataclass(frozen=True, slots=True)
class DueGroup:
    """A day's heading and the items under it."""

    title: str
    rows: tuple[DueRow, ...]

    @property
    def text(self) -> str:
        return f"{self.title} ({len(self.rows):,})"


def what_text(entry: DueEntry) -> str:
    """What has to happen, with the deadline note when the date falls on a day nobody works:
    "Parenting assessment due (Mother) – Sun 29 Nov 2026 is a Sunday: finish it by Fri
    27 Nov"."""
    item = entry.item
    note = item.deadline_note
    return f"{item.title} – {note}" if note else item.title


def group_due(entries: Sequence[DueEntry], today: date) -> list[DueGroup]:
    """Group due entries by the working day to act by, as of ``today``: a deadline on a
    Sunday is listed under the Friday before. Plain Python, for a worker thread."""
    grouped: dict[str, list[DueRow]] = {}
    ordered = sorted(entries, key=lambda e: (e.item.act_by, e.item.due))  # a stable sort
    for entry in ordered:
        item = entry.item
        late = (_plural((today - item.act_by).days, "calendar day") if item.act_by < today
                else "")
        texts = (_short_date(item.due), late, entry.family_text, entry.social_worker,
                 what_text(entry), entry.status.value)
        tooltip = f"{item.title}\nDue {_short_date(item.due)}: {item.reason}."
        if item.deadline_note:
            tooltip += f"\n{item.deadline_note}."
        grouped.setdefault(group_title(item.act_by, today), []).append(
            DueRow(entry, texts, tooltip))
    return [DueGroup(title, tuple(rows)) for title, rows in grouped.items()]


class DueTreeModel(QAbstractItemModel):
    """Day groups at the top level, due items under them; nothing is worked out in data()."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._groups: list[DueGroup] = []
        self._bold: QFont | None = None

    # Qt overrides ---------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = _ROOT) -> QModelIndex:
        # Bounds checked here rather than by hasIndex(): the view asks once per row on every
        # load, and each call back into Python counts with thousands of rows.
        if not 0 <= column < COLUMN_COUNT or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return (self.createIndex(row, column, _GROUP_ID) if row < len(self._groups)
                    else QModelIndex())
        if parent.internalId() != _GROUP_ID or parent.column() != 0:
            return QModelIndex()
        group = parent.row()
        return (self.createIndex(row, column, group + 1)
                if row < len(self._groups[group].rows) else QModelIndex())

    def parent(self, index: _Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _GROUP_ID:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _GROUP_ID)

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 - Qt override
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP_ID and parent.column() == 0:
            return len(self._groups[parent.row()].rows)
        return 0

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 - Qt override
        return COLUMN_COUNT

    def hasChildren(self, parent: _Index = _ROOT) -> bool:  # noqa: N802 - Qt override
        return self.rowCount(parent) > 0

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if index.internalId() == _GROUP_ID:
            group = self._groups[index.row()]
            if column != 0:
                return None
            if role in (_DISPLAY, Qt.ItemDataRole.AccessibleTextRole):
                return group.text
            if role == Qt.ItemDataRole.FontRole:
                return self._group_font()
            return None
        row = self._groups[index.internalId() - 1].rows[index.row()]
        if role == _DISPLAY:
            return row.texts[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip
        if role == Qt.ItemDataRole.DecorationRole:
            return status_icon(row.entry.status) if column == COL_STATUS else None
        if role == FAMILY_ID_ROLE:
            return row.entry.item.family_id
        if role == DUE_DATE_ROLE:
            return row.entry.item.due
        if role == ACT_BY_ROLE:
            return row.entry.item.act_by
        if role == STATUS_ROLE:
            return row.entry.status
        return None

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY
    ) -> Any:
        return column_header(HEADERS, HEADER_TIPS, section, orientation, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _GROUP_FLAGS if index.internalId() == _GROUP_ID else _ROW_FLAGS

    # Public ----------------------------------------------------------------------------------

    def set_groups(self, groups: Sequence[DueGroup]) -> None:
        """Show these groups (made by ``group_due``, for example in a worker thread)."""
        self.beginResetModel()
        self._groups = list(groups)
        self.endResetModel()

    def groups(self) -> list[DueGroup]:
        return list(self._groups)

    def item_count(self) -> int:
        """Due items shown, across every group."""
        return sum(len(group.rows) for group in self._groups)

    def is_group(self, index: _Index) -> bool:
        return index.isValid() and index.internalId() == _GROUP_ID

    def entry_at(self, index: _Index) -> DueEntry | None:
        """The due entry of a row's index, or None for a group or an invalid index."""
        if not index.isValid() or index.internalId() == _GROUP_ID:
            return None
        return self._groups[index.internalId() - 1].rows[index.row()].entry

    def find(self, family_id: int, title: str) -> QModelIndex:
        """The row of a family's item with this title, or an invalid index."""
        for group_row, group in enumerate(self._groups):
            for row, due_row in enumerate(group.rows):
                entry = due_row.entry
                if entry.item.family_id == family_id and entry.item.title == title:
                    return self.index(row, 0, self.index(group_row, 0))
        return QModelIndex()

    def _group_font(self) -> QFont:
        if self._bold is None:
            self._bold = QFont()
            self._bold.setBold(True)
        return self._bold


@dataclass(frozen=True)
class _Loaded:
    groups: list[DueGroup]
    soon_days: int
    scope: Scope


class MyWorkView(QWidget):
    """What is overdue and due soon, grouped by day, for the chosen scope of families.

    Args:
        services: the open database's services.
        actor: the person signed in; their role decides the scopes offered.

    Nothing loads until ``reload()`` is called (the window does so once it is on screen).
    """

    family_activated = Signal(int)  # the family's database id, on double-click or Enter
    loaded = Signal()  # a load finished: the rows, the empty state or a problem is showing

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.scopes = scopes_for(actor)
        self._scope = self.scopes[0]
        self._task: BackgroundTask | None = None
        self._soon_days: int | None = None  # from the settings, with the first load
        self._has_loaded = False
        self._remembered: tuple[int, str] | None = None

        self.heading = QLabel(HEADING_TEXT)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAccessibleName("Page heading")

        self.scope_box = QComboBox()
        self.scope_box.setAccessibleName("Whose families")
        for scope in self.scopes:
            self.scope_box.addItem(self._scope_text(scope), scope)
        self.scope_box.currentIndexChanged.connect(self._scope_chosen)
        scope_label = QLabel("&Show:")
        scope_label.setBuddy(self.scope_box)
        # One choice is no choice: say whose families these are instead.
        self.scope_box.setVisible(len(self.scopes) > 1)
        scope_label.setVisible(len(self.scopes) > 1)
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName("Summary")

        self.model = DueTreeModel(self)
        self.tree = self._make_tree()
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.tree)
        self._stack.addWidget(self.empty_label)
        # A quick reload keeps the old rows on screen; "Loading…" shows only if it drags on.
        self._loading_timer = QTimer(self)
        self._loading_timer.setSingleShot(True)
        self._loading_timer.setInterval(_LOADING_DELAY_MS)
        self._loading_timer.timeout.connect(lambda: self.set_message(LOADING_TEXT))

        bar = QHBoxLayout()
        bar.addWidget(self.heading)
        bar.addSpacing(16)
        bar.addWidget(scope_label)
        bar.addWidget(self.scope_box)
        bar.addSpacing(16)
        bar.addWidget(self.summary_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self._stack, 1)
        # The person's own open actions from the gateway panel (hidden while there are none).
        self.panel_actions = PanelActionsList(services, actor)
        self.panel_actions.family_activated.connect(self.family_activated)
        layout.addWidget(self.panel_actions)
        self._update_summary()
        self.set_message(LOADING_TEXT)

    # Public ----------------------------------------------------------------------------------

    def scope(self) -> Scope:
        return self._scope

    def set_scope(self, scope: Scope) -> None:
        """Show another scope's families (one of ``scopes``) and load them."""
        row = self.scope_box.findData(scope)
        if row < 0:
            raise ValueError(f"{scope.value} is not offered to this role")
        self.scope_box.setCurrentIndex(row)  # reloads through _scope_chosen if it changed

    def reload(self) -> None:
        """Load what is due again, in the background; ``loaded`` is emitted when it shows."""
        if self._task is not None:
            self._task.discard()  # a newer load replaces it
        if self._has_loaded and self._stack.currentWidget() is self.tree:
            self._loading_timer.start()
        else:
            self.set_message(LOADING_TEXT)
        services, actor, scope = self.services, self.actor, self._scope
        today = services.context.clock.today()
        worker_id = actor.user_id if scope is Scope.MINE else None
        team = actor.team if scope is Scope.TEAM else None

        def load() -> _Loaded:
            soon = services.settings.current().timescales.due_soon_days
            entries = services.caseload.due(actor, on=today, worker_id=worker_id, team=team)
            # Grouping and the row texts are worked out here too, off the GUI thread.
            return _Loaded(group_due(entries, today), soon, scope)

        # Bound methods, not lambdas: Qt drops the connection if the view is deleted first.
        self.panel_actions.reload()
        self._task = BackgroundTask(load)
        self._task.succeeded.connect(self._arrived)
        self._task.failed.connect(self._failed)
        self._task.start()

    def is_loading(self) -> bool:
        return self._task is not None

    def set_message(self, text: str) -> None:
        """Say something in place of the list (loading, nothing due, a problem)."""
        self.empty_label.setText(text)
        self._stack.setCurrentWidget(self.empty_label)

    def message(self) -> str | None:
        """The text shown in place of the list, or None while the list shows."""
        if self._stack.currentWidget() is self.empty_label:
            return self.empty_label.text()
        return None

    def current_entry(self) -> DueEntry | None:
        return self.model.entry_at(self.tree.currentIndex())

    # Building --------------------------------------------------------------------------------

    def _make_tree(self) -> QTreeView:
        tree = QTreeView()
        tree.setModel(self.model)
        tree.setAccessibleName(HEADING_TEXT)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setAllColumnsShowFocus(True)
        # Text too long for its column ends in "…", and its tooltip then has all of it.
        tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        tree.setItemDelegate(FullTextDelegate(tree))
        # Double-click on a day's heading toggles it in _activate, not twice over.
        tree.setExpandsOnDoubleClick(False)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        metrics = tree.fontMetrics()
        icon = tree.style().pixelMetric(tree.style().PixelMetric.PM_SmallIconSize)
        for column, samples in _COLUMN_SAMPLES.items():
            # The first column also holds the branch and the indent under each day's heading.
            extra = 2 * tree.indentation() if column == COL_DUE else 0
            extra += icon + 6 if column == COL_STATUS else 0
            widest = max(metrics.horizontalAdvance(sample) for sample in samples)
            header.resizeSection(column, widest + 24 + extra)
        tree.activated.connect(self._activate)
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._after_reset)
        return tree

    # Reactions -------------------------------------------------------------------------------

    def _scope_chosen(self, row: int) -> None:
        self._scope = self.scope_box.itemData(row)
        self.reload()

    def _arrived(self, result: _Loaded) -> None:
        self._task = None
        self._loading_timer.stop()
        self._has_loaded = True
        self._soon_days = result.soon_days
        self.tree.setColumnHidden(COL_WORKER, result.scope is Scope.MINE)
        self.model.set_groups(result.groups)
        self._update_summary()
        if result.groups:
            self._stack.setCurrentWidget(self.tree)
        else:
            self.set_message(
                f"Nothing is overdue or due in the next {self._soon_days} calendar days.")
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self._loading_timer.stop()
        self._has_loaded = True
        self.model.set_groups([])
        self._update_summary()
        self.set_message(problem_text(error, "What is due could not be loaded."))
        self.loaded.emit()

    def _activate(self, index: QModelIndex) -> None:
        entry = self.model.entry_at(index)
        if entry is not None:
            self.family_activated.emit(entry.item.family_id)
        elif self.model.is_group(index):
            group = index.siblingAtColumn(0)
            self.tree.setExpanded(group, not self.tree.isExpanded(group))

    def _remember_current(self) -> None:
        entry = self.current_entry()
        self._remembered = (entry.item.family_id, entry.item.title) if entry else None

    def _after_reset(self) -> None:
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, _ROOT, True)
        self.tree.expandAll()
        if self._remembered is not None:
            index = self.model.find(*self._remembered)
            if index.isValid():
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)

    def _update_summary(self) -> None:
        if self._soon_days is None:
            self.summary_label.clear()
            return
        within = f"overdue, and due in the next {self._soon_days} calendar days"
        if len(self.scopes) == 1:
            within = f"{self._scope_text(self._scope)}: {within}"
        else:
            within = within[0].upper() + within[1:]
        if self._has_loaded and self.model.rowCount():
            within += f" ({_plural(self.model.item_count(), 'item')})"
        self.summary_label.setText(within)

    def _scope_text(self, scope: Scope) -> str:
        if scope is Scope.TEAM and self.actor.team:
            return f"My team ({self.actor.team})"
        return scope.value
