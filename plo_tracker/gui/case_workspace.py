"""One family's workspace: header card, actions, timeline strip and the record tabs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.case_actions import CaseAction
from plo_tracker.services.actor import Actor
from plo_tracker.services.case_detail import FamilyDetail
from plo_tracker.services.registry import Services

from .actions_toolbar import ActionsToolbar
from .case_header import CaseHeader
from .case_tabs.assessments_tab import AssessmentsTab
from .case_tabs.case_data import CaseData, family_title
from .case_tabs.case_tab import CaseTab
from .case_tabs.documents_tab import DocumentsTab
from .case_tabs.history_tab import HistoryTab
from .case_tabs.letters_tab import LettersTab
from .case_tabs.meetings_tab import MeetingsTab
from .case_tabs.notes_tab import NotesTab
from .case_tabs.people_tab import PeopleTab
from .case_tabs.plan_tab import PlanTab
from .forms.actions import case_actions, open_action
from .problem_text import problem_text
from .timeline_widget import TimelineWidget
from .workers import BackgroundTask

LOADING_TEXT = "Loading…"
# The tabs below the timeline keep at least this many lines of text: their bar, a table's
# headings and a few rows.
TABS_MIN_LINES = 10


def load_case(services: Services, actor: Actor, family_id: int,
              record_view: bool = True) -> CaseData:
    """Read everything the workspace shows; runs in a worker thread."""
    detail = services.case_detail.family(actor, family_id, record_view=record_view)
    # Read after the view is recorded, so the history includes this look at the family.
    history = services.case_detail.history(actor, family_id)
    rules = services.settings.current().timescales
    documents = services.documents.list(actor, family_id)
    return CaseData(detail, tuple(history), services.context.clock.today(),
                    rules.due_soon_days, rules.target_weeks, documents)


class CaseWorkspace(QWidget):
    """A family's workspace, loaded in the background.

    Args:
        services: the open database's services.
        actor: the person signed in; every change is theirs.
        family_id: the family's database id.

    Shows "Loading…" until the family arrives, or the reason it could not be loaded.
    """

    title_changed = Signal(str)  # "PLO-2026-0042 Smith", for the tab
    changed = Signal(int)  # something was saved from this workspace: the family's id
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
        self._user_sized = False  # once the user moves the splitter, their sizes stay
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
        self.actions_bar = ActionsToolbar()
        self.actions_bar.triggered.connect(self._run_action)
        self.timeline = TimelineWidget()
        self._timeline_area = QScrollArea()
        self._timeline_area.setWidget(self.timeline)
        self._timeline_area.setWidgetResizable(True)
        self._timeline_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._timeline_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.meetings_tab = MeetingsTab()
        self.meetings_tab.make_minutes.connect(self._make_minutes)
        self.documents_tab = DocumentsTab(self.services, self.actor, self.family_id)
        self.documents_tab.changed.connect(self._saved_elsewhere)
        self.letters_tab = LettersTab(self.services, self.actor, self.family_id)
        self.letters_tab.changed.connect(self._saved_elsewhere)
        self.tab_pages: list[CaseTab] = [PeopleTab(), PlanTab(), self.meetings_tab,
                                         AssessmentsTab(), self.letters_tab, self.documents_tab,
                                         NotesTab(), HistoryTab()]
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
        self.splitter.splitterMoved.connect(self._splitter_moved)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.actions_bar)
        layout.addWidget(self.splitter, 1)
        # Tab follows reading order: the actions, then the tabs.
        chain = [*self.actions_bar.focus_chain(), self.tabs]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
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
        text = problem_text(error, "The family could not be loaded.")
        self._data = None
        self._show_message(text, retry=True)
        self.load_failed.emit(text)

    def _show_message(self, text: str, retry: bool) -> None:
        self.message.setText(text)
        self.retry_button.setVisible(retry)
        self._stack.setCurrentIndex(0)

    def _show_actions(self, data: CaseData) -> None:
        actions = case_actions(data.detail, self.actor)
        self.actions_bar.set_actions(actions)
        enabled = {action.key: action.label for action in actions if action.enabled}
        for page in self.tab_pages:
            page.offer(enabled)

    def _run_action(self, key: str) -> None:
        # While a reload is on its way the detail is stale: its version would be refused.
        if self._data is None or self._task is not None:
            return
        if open_action(key, self, self.services, self.actor, self._data.detail):
            self.changed.emit(self.family_id)
            self.reload()

    def _make_minutes(self, meeting_id: int, name: str) -> None:
        from .minutes_dialog import MinutesDialog  # with the PDF preview, on first use

        dialog = MinutesDialog(self.services, self.actor, meeting_id, name, self)
        try:
            dialog.exec()
            # Else, perhaps the meeting's own record, to say who attended and what was agreed.
            if dialog.saved or (
                    dialog.wants_record and self._data is not None
                    and open_action(CaseAction.MEETING_HELD.value, self, self.services,
                                    self.actor, self._data.detail,
                                    prepare=lambda form: form.choose_meeting(meeting_id))):
                self._saved_elsewhere()
        finally:
            dialog.deleteLater()

    def _saved_elsewhere(self) -> None:
        """A tab changed the family itself (a document added): show it, and say so."""
        self.changed.emit(self.family_id)
        self.reload()

    def tabs_min_height(self) -> int:
        """The least height the tabs keep when the timeline is given room."""
        lines = int(TABS_MIN_LINES * QFontMetricsF(self.tabs.font()).lineSpacing())
        return max(lines, self.tabs.minimumSizeHint().height())

    def _splitter_moved(self) -> None:
        self._user_sized = True

    def _size_timeline(self) -> None:
        """Give the timeline the height it needs, as long as the tabs keep a usable height.

        Until the user moves the splitter, this is done again whenever the family or the
        room changes; after that their choice stays.
        """
        total = self.splitter.height() - self.splitter.handleWidth()
        if self._user_sized or self._data is None or not self.splitter.isVisible() or total <= 0:
            return
        area = self._timeline_area
        # The splitter's width, not the area's: on a resize the area has not followed yet.
        width = self.splitter.width() - 2 * area.frameWidth()
        wanted = self.timeline.heightForWidth(width) + 2 * area.frameWidth()
        timeline = max(min(wanted, total - self.tabs_min_height()),
                       min(wanted, total // 3))
        self.splitter.setSizes([timeline, total - timeline])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # The splitter's real size comes when the family is shown, and with the window's.
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            self._size_timeline()
        return super().eventFilter(watched, event)
