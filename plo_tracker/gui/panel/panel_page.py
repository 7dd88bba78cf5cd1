"""The Panel page: the gateway panel's meetings, upcoming and past, and one meeting opened
with its agenda and attendance."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.date_text import short_date
from plo_tracker.services.actor import Actor
from plo_tracker.services.panel_views import PanelMeetingSummary
from plo_tracker.services.registry import Services

from ..background_page import BackgroundPage
from ..icons import icon
from ..problem_text import problem_text
from ..record_list import RecordList, record_id
from .meeting_dialog import MeetingDialog
from .meeting_texts import decided_text, quorate_text, time_text
from .meeting_view import MeetingView

EMPTY_PAGE = "No panel meetings yet. New meeting… sets a date and the members."
EMPTY_UPCOMING = "No meetings planned. New meeting… sets a date and the members."
EMPTY_PAST = "No meeting has been held yet. A meeting is held once it is closed."
COLUMNS = ("Date", "Time", "Place", "Families", "Decided", "Quorate")


def meeting_row(summary: PanelMeetingSummary) -> list[str]:
    return [short_date(summary.meeting_date), time_text(summary.start_time),
            summary.place or "Place not set", f"{summary.families:,}",
            decided_text(summary.decided, summary.families), quorate_text(summary.quorate)]


class MeetingList(RecordList):
    """A heading and a list of meetings, or what to do while it is empty."""

    def __init__(self, heading: str, empty: str, page: PanelPage) -> None:
        super().__init__(heading, COLUMNS, empty, "Enter or double-click to open the meeting",
                         page.open_meeting)

    def set_meetings(self, meetings: list[PanelMeetingSummary]) -> None:
        self.set_rows([(m.meeting_id, meeting_row(m)) for m in meetings], select_first=True)


class PanelPage(BackgroundPage, QWidget):
    """The meetings, loaded in the background when first shown and on ``reload()``; Enter on
    one opens it in the page (``meeting_view``), Back returns to the lists.

    ``family_activated(family_id)`` when a family's record is asked for (Ctrl+O in the panel
    view); ``loaded`` after each load of the lists.
    """

    family_activated = Signal(int)
    loaded = Signal()

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self._start_background_page()
        self.summaries: tuple[PanelMeetingSummary, ...] = ()

        self.new_button = QPushButton("&New meeting…")
        self.new_button.setIcon(icon("meeting"))
        self.new_button.setToolTip("Plan a meeting: its date, time, place and members")
        self.new_button.clicked.connect(self.new_meeting)
        self.edit_button = QPushButton("&Edit meeting…")
        self.edit_button.setToolTip("Change the chosen meeting's date, time, place or members")
        self.edit_button.clicked.connect(self.edit_meeting)
        self.open_button = QPushButton("&Open meeting")
        self.open_button.setIcon(icon("open"))
        self.open_button.setToolTip("The agenda, attendance and decisions (Enter)")
        self.open_button.clicked.connect(lambda: self.open_meeting(self.chosen_meeting()))
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        self.empty = QLabel(EMPTY_PAGE)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.upcoming = MeetingList("Upcoming meetings", EMPTY_UPCOMING, self)
        self.past = MeetingList("Past meetings", EMPTY_PAST, self)
        for meetings in (self.upcoming, self.past):
            meetings.tree.currentItemChanged.connect(self._enable)
            meetings.tree.itemSelectionChanged.connect(self._enable)
        lists = QWidget()
        lists_layout = QVBoxLayout(lists)
        lists_layout.setContentsMargins(0, 0, 0, 0)
        lists_layout.addLayout(buttons)
        lists_layout.addWidget(self.status)
        lists_layout.addWidget(self.empty)
        lists_layout.addWidget(self.upcoming, 1)
        lists_layout.addWidget(self.past, 1)
        self.lists = lists

        self.meeting_view = MeetingView(services, actor)
        self.meeting_view.back_requested.connect(self.show_lists)
        self.meeting_view.changed.connect(self.reload)
        self.meeting_view.family_activated.connect(self.family_activated)
        self.stack = QStackedWidget()
        self.stack.addWidget(lists)
        self.stack.addWidget(self.meeting_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._show_empty(False)
        self._enable()

    loading_text = "Loading panel meetings…"

    def _read(self):
        services, actor = self.services, self.actor
        return lambda: services.panel.meetings(actor)

    def is_loading(self) -> bool:
        return self._task is not None or self.meeting_view.is_loading()

    def _arrived(self, summaries: tuple[PanelMeetingSummary, ...]) -> None:
        self._task = None
        self.status.hide()
        self.summaries = summaries
        # Upcoming: the nearest first; past: the latest first (as the service gives them).
        self.upcoming.set_meetings(sorted((s for s in summaries if s.status != "held"),
                                          key=lambda s: (s.meeting_date, s.meeting_id)))
        self.past.set_meetings([s for s in summaries if s.status == "held"])
        self._show_empty(not summaries)
        self._enable()
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.status.setText(problem_text(error, "The panel meetings could not be loaded."))
        self.status.show()
        self.loaded.emit()

    def _show_empty(self, empty: bool) -> None:
        self.empty.setVisible(empty)
        self.upcoming.setVisible(not empty)
        self.past.setVisible(not empty)

    # -- choosing -------------------------------------------------------------------------
    def chosen_meeting(self) -> int | None:
        """The meeting chosen in whichever list has the focus (else the upcoming list)."""
        trees = (self.past.tree, self.upcoming.tree) if self.past.tree.hasFocus() else (
            self.upcoming.tree, self.past.tree)
        for tree in trees:
            if tree.selectedItems():
                return record_id(tree.currentItem())
        return None

    def _enable(self) -> None:
        chosen = self.chosen_meeting()
        summary = next((s for s in self.summaries if s.meeting_id == chosen), None)
        self.open_button.setEnabled(summary is not None)
        self.edit_button.setEnabled(summary is not None and summary.status != "held")

    def new_meeting(self) -> None:
        dialog = MeetingDialog(self.services, self.actor, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.reload()
            self.open_meeting(dialog.saved.meeting_id)

    def edit_meeting(self) -> None:
        chosen = self.chosen_meeting()
        if chosen is None:
            return
        try:
            meeting = self.services.panel.meeting(self.actor, chosen)
        except Exception as error:  # noqa: BLE001 - said in words
            self.status.setText(problem_text(error, "The meeting could not be opened."))
            self.status.show()
            return
        dialog = MeetingDialog(self.services, self.actor, meeting, parent=self)
        if dialog.exec():
            self.reload()

    def open_meeting(self, meeting_id: int | None) -> None:
        """Show one meeting in the page: its agenda, attendance and decisions."""
        if meeting_id is None:
            return
        self.stack.setCurrentWidget(self.meeting_view)
        self.meeting_view.load(meeting_id)

    def show_lists(self) -> None:
        self.stack.setCurrentWidget(self.lists)
        (self.upcoming.tree if self.upcoming.tree.topLevelItemCount() else self.new_button
         ).setFocus()
