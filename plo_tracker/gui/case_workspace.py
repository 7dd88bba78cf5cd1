"""One family's workspace: header card, actions, timeline strip and the record tabs."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.errors import DomainError
from plo_tracker.services.actor import Actor
from plo_tracker.services.case_detail import FamilyDetail
from plo_tracker.services.registry import Services

from .case_header import CaseHeader
from .case_tabs.assessments_tab import AssessmentsTab
from .case_tabs.case_data import CaseData, family_title
from .case_tabs.case_tab import CaseTab
from .case_tabs.history_tab import HistoryTab
from .case_tabs.letters_tab import LettersTab
from .case_tabs.meetings_tab import MeetingsTab
from .case_tabs.notes_tab import NotesTab
from .case_tabs.people_tab import PeopleTab
from .case_tabs.plan_tab import PlanTab
from .theme import standard_icon
from .timeline_widget import TimelineWidget
from .workers import BackgroundTask

LOADING_TEXT = "Loading…"
NO_ACTIONS_TEXT = "Recording milestones is not available in this version."
WHY_TEXT = "Why are some unavailable?"
LOAD_FAILED_TEXT = ("The family could not be loaded. Try again; if it fails again, contact your "
                    "IT service desk.")
ACTIONS_MODULE = "plo_tracker.gui.forms.actions"
_TIMELINE_SHARE = 0.45  # at most this share of the height goes to the timeline at first


def _actions_module() -> ModuleType | None:
    """The forms' actions (case_actions, open_action), or None in a build without them."""
    try:
        return importlib.import_module(ACTIONS_MODULE)
    except ImportError:
        return None


def load_case(services: Services, actor: Actor, family_id: int,
              record_view: bool = True) -> CaseData:
    """Read everything the workspace shows; runs in a worker thread."""
    detail = services.case_detail.family(actor, family_id, record_view=record_view)
    # Read after the view is recorded, so the history includes this look at the family.
    history = services.case_detail.history(actor, family_id)
    rules = services.settings.current().timescales
    return CaseData(detail, tuple(history), services.context.clock.today(),
                    rules.due_soon_days, rules.target_weeks)


class FlowLayout(QLayout):
    """Lays widgets out left to right, wrapping onto a new line when the row is full."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line = area.x(), area.y(), 0
        gap = self.spacing()
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap
            line = max(line, hint.height())
        return y + line - rect.y() + margins.bottom()


class ActionsBar(QWidget):
    """A button per action from the forms; unavailable ones are greyed, with the reason.

    A disabled button cannot take the keyboard focus, so its tooltip is out of a keyboard
    user's reach: "Why are some unavailable?" lists every reason in words as well.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Actions")
        self.buttons: dict[str, QPushButton] = {}
        self.message = QLabel(NO_ACTIONS_TEXT)
        self.message.hide()
        self.why_button = QPushButton(standard_icon(QStyle.StandardPixmap.SP_MessageBoxQuestion),
                                      WHY_TEXT)
        self.why_button.setCheckable(True)
        self.why_button.setFlat(True)
        self.why_button.setAutoDefault(False)
        self.why_button.hide()
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reasons.hide()
        self.why_button.toggled.connect(self.reasons.setVisible)
        self._flow = FlowLayout()
        self._flow.addWidget(self.why_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._flow)
        layout.addWidget(self.message)
        layout.addWidget(self.reasons)
        self._signature: tuple[tuple[str, str], ...] = ()

    def set_actions(self, actions: Sequence[Any] | None, on_click: Callable[[str], None]) -> None:
        """Show these CaseActions; None says recording is not available."""
        self.message.setVisible(actions is None)
        actions = actions or []
        signature = tuple((a.key, a.label) for a in actions)
        if signature != self._signature:
            # Different actions: new buttons (the same ones keep their focus across reloads).
            self._signature = signature
            for button in self.buttons.values():
                self._flow.removeWidget(button)
                button.deleteLater()
            self._flow.removeWidget(self.why_button)
            self.buttons = {}
            for action in actions:
                button = QPushButton(action.label)
                button.setAutoDefault(False)
                button.clicked.connect(lambda _checked=False, key=action.key: on_click(key))
                self._flow.addWidget(button)
                self.buttons[action.key] = button
            self._flow.addWidget(self.why_button)  # always last, after the buttons it explains
        why: dict[str, list[str]] = {}
        for action in actions:
            button = self.buttons[action.key]
            button.setEnabled(action.enabled)
            reason = None if action.enabled else (action.why_disabled or "Not available now.")
            button.setToolTip(reason or "")
            button.setAccessibleDescription(reason or "")
            if reason:
                why.setdefault(reason, []).append(action.label)
        if actions and not any(action.enabled for action in actions):
            # Nothing is possible (a read-only role, say): the reasons alone, not a wall of
            # greyed buttons.
            for button in self.buttons.values():
                button.hide()
            self.why_button.hide()
            self.reasons.setText("\n".join(why))
            self.reasons.show()
        else:
            for button in self.buttons.values():
                button.show()
            # One line per reason, naming the actions it holds back.
            self.reasons.setText("\n".join(f"{', '.join(labels)}: {reason}"
                                            for reason, labels in why.items()))
            self.why_button.setVisible(bool(why))
            self.reasons.setVisible(bool(why) and self.why_button.isChecked())
        self.updateGeometry()


class CaseWorkspace(QWidget):
    """A family's workspace, loaded in the background.

    Args:
        services: the open database's services.
        actor: the person signed in; every change is theirs.
        family_id: the family's database id.

    Shows "Loading…" until the family arrives, or the reason it could not be loaded.
    """

    title_changed = Signal(str)  # "PLO-2026-0042 Smith", for the tab
    changed = Signal()  # something was saved from this workspace
    loaded = Signal()  # a load (first or reload) has been shown
    load_failed = Signal(str)  # the message shown instead of the family

    def __init__(self, services: Services, actor: Actor, family_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.family_id = family_id
        self._data: CaseData | None = None
        self._task: BackgroundTask | None = None
        self._again = False  # reload asked for while a load was running
        self._title = ""
        self._sized = False  # the splitter is given its first sizes once the family shows
        self.setAccessibleName("Family")

        self._stack = QStackedWidget()
        self._stack.addWidget(self._build_message_page())
        self._content = self._build_content()
        self._stack.addWidget(self._content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._stack)

        refresh = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.activated.connect(self.reload)
        self.reload()

    # Public ----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the family again in the background; what is shown stays until it arrives."""
        if self._task is not None:
            # One load at a time: the running one may have read before the latest change, so
            # another follows it (two at once would also contend for SQLite's write lock, as
            # each records that the family was looked at).
            self._again = True
            return
        if self._data is None:
            self._show_message(LOADING_TEXT, retry=False)
        services, actor, family_id = self.services, self.actor, self.family_id
        # Opening the family is recorded once; refreshing the open page is not a new look.
        first = self._data is None
        self._task = BackgroundTask(lambda: load_case(services, actor, family_id, first))
        self._task.succeeded.connect(self._arrived)
        self._task.failed.connect(self._failed)
        self._task.start()

    def is_loading(self) -> bool:
        return self._task is not None

    def detail(self) -> FamilyDetail | None:
        """The family as last loaded, or None before it arrives."""
        return self._data.detail if self._data else None

    def case_data(self) -> CaseData | None:
        return self._data

    def title(self) -> str:
        return self._title

    def is_showing_family(self) -> bool:
        return self._stack.currentWidget() is self._content

    def message_text(self) -> str:
        return self.message.text()

    # Building --------------------------------------------------------------------------------

    def _build_message_page(self) -> QWidget:
        """The "Loading…" page, or why the family could not be shown, and a way to try again."""
        self.message = QLabel(LOADING_TEXT)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.retry_button = QPushButton("Try again")
        self.retry_button.clicked.connect(self.reload)
        self.retry_button.hide()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        return page

    def _build_content(self) -> QWidget:
        """Header, actions, then the timeline over the tabs (a splitter between those two)."""
        self.header = CaseHeader()
        self.actions_bar = ActionsBar()
        self.timeline = TimelineWidget()
        self._timeline_area = QScrollArea()
        self._timeline_area.setWidget(self.timeline)
        self._timeline_area.setWidgetResizable(True)
        self._timeline_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._timeline_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tab_pages: list[CaseTab] = [PeopleTab(), PlanTab(), MeetingsTab(), AssessmentsTab(),
                                         LettersTab(), NotesTab(), HistoryTab()]
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for page in self.tab_pages:
            self.tabs.addTab(page, page.title)
        # The user can give the timeline more room, or the tabs.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self._timeline_area)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.installEventFilter(self)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.actions_bar)
        layout.addWidget(self.splitter, 1)
        return content

    # Reactions -------------------------------------------------------------------------------

    def _load_again(self) -> bool:
        """Start the load asked for while the last one ran; True if one was started."""
        self._task = None
        if not self._again:
            return False
        self._again = False
        self.reload()
        return True

    def _arrived(self, data: CaseData) -> None:
        if self._load_again():
            return  # what arrived may be older than a change since; show the next one
        self._data = data
        self.header.show_case(data)
        self.timeline.set_timeline(data.detail.timeline, data.today)
        for number, page in enumerate(self.tab_pages):
            page.show_case(data)
            self.tabs.setTabText(number, page.label())
        self._show_actions(data)
        self._stack.setCurrentWidget(self._content)
        self._size_timeline()
        title = family_title(data.detail)
        self.setAccessibleName(f"Family {title}")
        if title != self._title:
            self._title = title
            self.title_changed.emit(title)
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        if self._load_again():
            return
        if isinstance(error, DomainError):
            text = error.message
        else:
            # Not one of ours: the error dialog offers a report with nothing personal in it.
            sys.excepthook(type(error), error, error.__traceback__)
            text = LOAD_FAILED_TEXT
        self._data = None
        self._show_message(text, retry=True)
        self.load_failed.emit(text)

    def _show_message(self, text: str, retry: bool) -> None:
        self.message.setText(text)
        self.retry_button.setVisible(retry)
        self._stack.setCurrentIndex(0)

    def _show_actions(self, data: CaseData) -> None:
        module = _actions_module()
        actions = None if module is None else module.case_actions(data.detail, self.actor)
        self.actions_bar.set_actions(actions, self._run_action)
        if self.actions_bar.buttons:
            # Buttons are made after the tabs, so Tab would reach them last: put them first.
            last = list(self.actions_bar.buttons.values())[-1]
            QWidget.setTabOrder(last, self.actions_bar.why_button)
            QWidget.setTabOrder(self.actions_bar.why_button, self.tabs)
        enabled = {action.key: action.label for action in actions or [] if action.enabled}
        for page in self.tab_pages:
            page.offer(enabled)

    def _run_action(self, key: str) -> None:
        module = _actions_module()
        # While a reload is on its way the detail is stale: its version would be refused.
        if module is None or self._data is None or self._task is not None:
            return
        if module.open_action(key, self, self.services, self.actor, self._data.detail):
            self.changed.emit()
            self.reload()

    def _size_timeline(self) -> None:
        """Give the timeline the room it needs, up to a share of the height, the rest to tabs."""
        total = self.splitter.height()
        if self._sized or self._data is None or not self.splitter.isVisible() or total <= 0:
            return
        wanted = self.timeline.sizeHint().height() + 2 * self._timeline_area.frameWidth()
        timeline = min(wanted, int(total * _TIMELINE_SHARE))
        self.splitter.setSizes([timeline, total - timeline])
        self._sized = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # The splitter's first real size comes when the family is first shown, not before.
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            self._size_timeline()
        return super().eventFilter(watched, event)
