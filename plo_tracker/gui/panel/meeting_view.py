"""One panel meeting on the Panel page: its agenda, who attended, starting the meeting (the
panel view), closing it as held, and the minutes and decision letters afterwards."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.date_text import medium_date
from plo_tracker.services.actor import Actor
from plo_tracker.services.panel_views import PanelMeetingView
from plo_tracker.services.registry import Services

from ..forms.fields import ProblemLabel
from ..forms.form_dialog import heading_label
from ..problem_text import problem_text
from ..workers import BackgroundTask
from .agenda_editor import AgendaEditor
from .attendance_box import AttendanceBox
from .meeting_dialog import MeetingDialog
from .meeting_texts import families_text, meeting_title, refusal_text, status_text
from .papers import PaperSaver, choose_folder, choose_pdf, free_path, safe_name

LETTERS_QUESTION = ("One letter for each family decided, to its social worker and team "
                    "manager. Save them as PDF files in a folder, or add each to its family's "
                    "documents?")
CLOSE_QUESTION = ("Close the meeting as held? The agenda, attendance and decisions can no "
                  "longer be changed; the minutes and decision letters can then be made.")


class MeetingView(QWidget):
    """``back_requested`` for the list of meetings; ``changed`` after anything is saved;
    ``family_activated(family_id)`` to open a family's record; ``loaded`` after each read."""

    back_requested = Signal()
    changed = Signal()
    family_activated = Signal(int)
    loaded = Signal()

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.meeting: PanelMeetingView | None = None
        self.meeting_id: int | None = None
        self._task: BackgroundTask | None = None
        self.panel_view = None  # the panel view while it is open

        self.heading = heading_label("Panel meeting")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.back_button = QPushButton("← Back to meetings")
        self.back_button.setToolTip("The list of meetings (Alt+Left)")
        self.back_button.clicked.connect(self.back_requested)
        QShortcut(QKeySequence("Alt+Left"), self).activated.connect(self.back_requested)
        self.edit_button = QPushButton("&Edit meeting…")
        self.edit_button.clicked.connect(self.edit_meeting)
        self.start_button = QPushButton("&Start meeting (F5)")
        self.start_button.setToolTip("Step through the families and record each decision (F5, "
                                     "or Enter on a family)")
        self.start_button.clicked.connect(lambda: self.start_meeting())
        self.close_button = QPushButton("C&lose meeting")
        self.close_button.setToolTip("Mark the meeting as held, once every family has a decision")
        self.close_button.clicked.connect(lambda: self.close_meeting())
        self.minutes_button = QPushButton("&Minutes (PDF)…")
        self.minutes_button.clicked.connect(self.save_minutes)
        self.letters_button = QPushButton("Decision le&tters…")
        self.letters_button.setToolTip("One letter per family decided, saved as PDFs in a folder")
        self.letters_button.clicked.connect(self.save_letters)
        top = QHBoxLayout()
        for button in (self.back_button, self.edit_button, self.start_button, self.close_button,
                       self.minutes_button, self.letters_button):
            button.setAutoDefault(False)
            top.addWidget(button)
        top.addStretch(1)
        self.problem = ProblemLabel("the meeting")
        self.status = QLabel()
        self.status.setAccessibleName("Papers saved")
        self.saver = PaperSaver(self.status, self)

        self.agenda = AgendaEditor(services, actor, self.saver)
        self.agenda.changed.connect(self._agenda_changed)
        self.agenda.tree.itemActivated.connect(
            lambda item, _c: self.start_meeting(self.agenda.chosen_item_id()))
        self.attendance = AttendanceBox(services, actor)
        self.attendance.changed.connect(self._attendance_changed)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(self.agenda)
        body.addWidget(self.attendance)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 1)
        body.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.problem)
        layout.addWidget(body, 1)
        layout.addWidget(self.status)
        self._enable()

    # -- F5 starts the meeting here, not the window's Reload -----------------------------
    def event(self, event: QEvent) -> bool:
        # Taking F5 as an ordinary key here keeps the window's Reload (also F5) from firing
        # while the focus is in this view; keyPressEvent then starts the meeting.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_F5 and not event.modifiers():
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_F5 and not event.modifiers():
            self.start_meeting()
            return
        super().keyPressEvent(event)

    # -- loading --------------------------------------------------------------------------
    def load(self, meeting_id: int) -> None:
        """Read a meeting in the background and show it."""
        if self._task is not None:
            self._task.discard()
        self.meeting_id = meeting_id
        self.meeting = None
        self.heading.setText("Panel meeting")
        self.facts.setText("Loading the meeting…")
        self._enable()
        services, actor = self.services, self.actor
        self._task = BackgroundTask(lambda: services.panel.meeting(actor, meeting_id))
        self._task.succeeded.connect(self._arrived)
        self._task.failed.connect(self._failed)
        self._task.start()

    def is_loading(self) -> bool:
        return self._task is not None

    def _arrived(self, meeting: PanelMeetingView) -> None:
        self._task = None
        self.show_meeting(meeting)
        self.agenda.tree.setFocus()
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.facts.setText(problem_text(error, "The meeting could not be opened."))
        self.loaded.emit()

    def refresh(self) -> None:
        """Read the meeting again now (after a change made here)."""
        if self.meeting_id is None:
            return
        try:
            self.show_meeting(self.services.panel.meeting(self.actor, self.meeting_id))
        except Exception as error:  # noqa: BLE001 - said in words
            self.problem.set_problem(problem_text(error, "The meeting could not be read again."))

    def show_meeting(self, meeting: PanelMeetingView) -> None:
        self.meeting = meeting
        self.meeting_id = meeting.meeting_id
        self.heading.setText(meeting_title(meeting))
        decided = sum(1 for item in meeting.items if item.decided)
        self.facts.setText(f"{status_text(meeting)}. {families_text(len(meeting.items))} on the "
                           f"agenda, {decided} decided. {meeting.quorum_text}.")
        self.problem.set_problem(None)
        self.agenda.set_meeting(meeting)
        self.attendance.set_meeting(meeting)
        self._enable()

    def _enable(self) -> None:
        meeting = self.meeting
        planned = meeting is not None and meeting.status != "held"
        held = meeting is not None and meeting.status == "held"
        self.edit_button.setEnabled(planned)
        self.start_button.setEnabled(meeting is not None and bool(meeting.items))
        self.start_button.setText("&Start meeting (F5)" if planned else "&Decisions (F5)")
        self.close_button.setVisible(not held)
        self.close_button.setEnabled(planned)
        self.minutes_button.setEnabled(held)
        self.letters_button.setEnabled(held and any(i.decided for i in meeting.items))
        if not held:
            self.minutes_button.setToolTip("Once the meeting is closed")
        else:
            self.minutes_button.setToolTip("Save the minutes of the meeting as a PDF")

    def _agenda_changed(self) -> None:
        self.refresh()
        self.changed.emit()

    def _attendance_changed(self, meeting: PanelMeetingView) -> None:
        self.show_meeting(meeting)
        self.changed.emit()

    # -- actions --------------------------------------------------------------------------
    def edit_meeting(self) -> None:
        if self.meeting is None:
            return
        dialog = MeetingDialog(self.services, self.actor, self.meeting, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.show_meeting(dialog.saved)
            self.changed.emit()

    def start_meeting(self, item_id: int | None = None):
        """The panel view, on the family ``item_id`` (else the first not yet decided)."""
        from .panel_view import PanelViewDialog

        if self.meeting is None or not self.meeting.items:
            return None
        if self.panel_view is not None:  # one panel view at a time: bring it to the front
            self.panel_view.raise_()
            self.panel_view.activateWindow()
            return self.panel_view
        # A window of its own (no parent): it can go on another screen, such as a projector.
        dialog = PanelViewDialog(self.services, self.actor, self.meeting, item_id)
        dialog.decided.connect(self._decision_recorded)
        dialog.family_activated.connect(self.family_activated)
        dialog.finished.connect(self._panel_view_closed)
        self.panel_view = dialog
        dialog.show()
        return dialog

    def _decision_recorded(self) -> None:
        self.refresh()
        self.changed.emit()

    def _panel_view_closed(self) -> None:
        if self.panel_view is not None:
            self.panel_view.deleteLater()
            self.panel_view = None
        self.refresh()

    def close_meeting(self, *, confirmed: bool = False) -> bool:
        """Close as held, after asking (unless ``confirmed``)."""
        if self.meeting is None:
            return False
        if not confirmed and QMessageBox.question(
                self, "Close the meeting?", CLOSE_QUESTION,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel) != QMessageBox.StandardButton.Yes:
            return False
        try:
            meeting = self.services.panel.close_meeting(self.actor, self.meeting.meeting_id)
        except Exception as error:  # noqa: BLE001 - said next to the meeting's facts
            self.problem.set_problem(refusal_text(error, "The meeting was not closed."))
            return False
        self.show_meeting(meeting)
        self.status.setText("The meeting is closed as held. Minutes (PDF)… and Decision "
                            "letters… make its papers.")
        self.changed.emit()
        return True

    def save_minutes(self) -> None:
        if self.meeting is None:
            return
        path = choose_pdf(self, "Save the minutes",
                          f"Panel minutes {self.meeting.meeting_date:%Y-%m-%d}.pdf")
        if path is not None:
            self.minutes_to(path)

    def minutes_to(self, path: Path):
        services, actor, meeting_id = self.services, self.actor, self.meeting.meeting_id
        return self.saver.save("the minutes", lambda: [
            services.panel.minutes(actor, meeting_id, path)])

    def save_letters(self) -> None:
        """Decision letters…: PDFs in a folder, or kept with each family's documents."""
        if self.meeting is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Decision letters", LETTERS_QUESTION,
                          QMessageBox.StandardButton.Cancel, self)
        to_folder = box.addButton("Save PDFs in a folder…", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton("Add to each family's documents", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(to_folder)
        box.exec()
        if box.clickedButton() is keep:
            self.keep_letters()
        elif box.clickedButton() is to_folder:
            folder = choose_folder(self, "Choose the folder for the decision letters")
            if folder is not None:
                self.letters_to(folder)

    def keep_letters(self):
        """Add each family's decision letter to its documents, on a worker thread."""
        services, actor = self.services, self.actor
        items = [i.item_id for i in self.meeting.items if i.decided]

        def keep() -> list[Path]:
            for item_id in items:
                services.panel.save_decision_letter(actor, item_id)
            return []

        return self.saver.save("the decision letters", keep, kept=len(items))

    def letters_to(self, folder: Path):
        services, actor = self.services, self.actor
        day = medium_date(self.meeting.meeting_date)
        items = [(i.item_id, i.family_text) for i in self.meeting.items if i.decided]

        def write() -> list[Path]:
            return [services.panel.decision_letter(actor, item_id, free_path(
                folder, safe_name(f"Decision letter {family} {day}") + ".pdf"))
                for item_id, family in items]

        return self.saver.save("the decision letters", write)
