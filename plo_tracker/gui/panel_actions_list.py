"""My work's "Actions from the panel": the signed-in person's open actions from the gateway
panel, each with its family and date; double-click opens the family, and an action is marked
done on a date. Hidden while they have none, so My work looks as before for most people."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.services.actor import Actor
from plo_tracker.services.panel_views import PanelActionView
from plo_tracker.services.registry import Services

from .forms.date_field import DateField
from .problem_text import problem_text
from .settings_dialog import ERROR_COLOUR
from .workers import BackgroundTask

HEADING = "Actions from the panel"
COL_DUE, COL_FAMILY, COL_ACTION = range(3)
_ACTION_ROLE = Qt.ItemDataRole.UserRole


class PanelActionsList(QWidget):
    """The actor's own open panel actions, earliest first."""

    family_activated = Signal(int)
    loaded = Signal()

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._actor = services, actor
        self._task: BackgroundTask | None = None
        today = services.context.clock.today()
        self.heading = QLabel(f"<b>{HEADING}</b>")
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(HEADING)
        self.tree.setHeaderLabels(["Due", "Family", "Action"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.header().setSectionResizeMode(COL_ACTION, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        metrics = self.tree.fontMetrics()
        self.tree.header().resizeSection(
            COL_DUE, metrics.horizontalAdvance("Wed 30 Sep 2026 (overdue)") + 24)
        # A few rows at a time: the due list above stays the page's main part.
        self.tree.setMaximumHeight(metrics.lineSpacing() * 9)
        self.tree.header().resizeSection(COL_FAMILY,
                                         metrics.horizontalAdvance("PLO-2026-0000 Surname") + 24)
        self.tree.itemActivated.connect(self._activate)
        self.tree.currentItemChanged.connect(lambda *_: self._update_button())
        self.done_on = DateField(today, past_only=True)
        self.done_on.set_date(today)
        self.done_on.changed.connect(self._update_button)
        self.done_button = QPushButton("&Mark done")
        self.done_button.setToolTip("Mark the chosen action as done on the date given")
        self.done_button.clicked.connect(self.mark_done)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.problem.hide()
        done_label = QLabel("Done &on:")
        done_label.setBuddy(self.done_on)
        row = QHBoxLayout()
        row.addWidget(done_label)
        row.addWidget(self.done_on)
        row.addWidget(self.done_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        self.hide()

    def reload(self) -> None:
        """Load the open actions again, in the background."""
        if self._task is not None:
            self._task.discard()
        services, actor = self._services, self._actor
        self._task = BackgroundTask(lambda: services.panel.actions(actor, actor.user_id))
        self._task.succeeded.connect(self._arrived)
        self._task.failed.connect(self._failed)
        self._task.start()

    def actions(self) -> list[PanelActionView]:
        return [self.tree.topLevelItem(row).data(COL_DUE, _ACTION_ROLE)
                for row in range(self.tree.topLevelItemCount())]

    def mark_done(self) -> None:
        """Mark the chosen action done on the date typed."""
        item = self.tree.currentItem()
        day = self.done_on.date()
        if item is None or day is None:
            self._say(self.done_on.problem() or "Choose an action in the list first.")
            return
        action: PanelActionView = item.data(COL_DUE, _ACTION_ROLE)
        services, actor = self._services, self._actor
        self.done_button.setEnabled(False)
        self._task = BackgroundTask(
            lambda: services.panel.complete_action(actor, action.action_id, day))
        self._task.succeeded.connect(lambda _done: self.reload())
        self._task.failed.connect(self._failed)
        self._task.start()

    def _arrived(self, actions: tuple[PanelActionView, ...]) -> None:
        self._task = None
        self.tree.clear()
        today = self._services.context.clock.today()
        for action in actions:
            late = " (overdue)" if action.due_date < today else ""
            item = QTreeWidgetItem([short_date(action.due_date) + late, action.family_text,
                                    action.text])
            item.setData(COL_DUE, _ACTION_ROLE, action)
            item.setToolTip(COL_ACTION, action.text)
            self.tree.addTopLevelItem(item)
        if actions:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._say(None)
        self.setVisible(bool(actions))
        self._update_button()
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self._task = None
        if isinstance(error, ValidationFailed):
            self._say(" ".join(error.problems.values()))
        else:
            self._say(problem_text(error, "The actions from the panel could not be loaded."))
        self._update_button()
        self.loaded.emit()

    def _say(self, text: str | None) -> None:
        self.problem.setText(text or "")
        self.problem.setVisible(bool(text))

    def _update_button(self) -> None:
        self.done_button.setEnabled(self.tree.currentItem() is not None
                                    and self.done_on.date() is not None and self._task is None)

    def _activate(self, item: QTreeWidgetItem) -> None:
        self.family_activated.emit(item.data(COL_DUE, _ACTION_ROLE).family_id)

