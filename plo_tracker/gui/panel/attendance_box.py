"""Who attended a panel meeting: a tick per member, saved as it is ticked, the quorum sentence
the service works out, and a banner while the meeting is not quorate."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from plo_tracker.domain.date_text import medium_date
from plo_tracker.services.actor import Actor
from plo_tracker.services.panel_views import PanelMeetingView
from plo_tracker.services.registry import Services

from ..forms.fields import ProblemLabel
from ..forms.form_dialog import Banner
from .meeting_texts import refusal_text

NOT_QUORATE_DECISIONS = ("Decisions will be marked as taken at a meeting that was not "
                         "quorate.")
NOT_QUORATE = f"Not quorate: {NOT_QUORATE_DECISIONS[0].lower()}{NOT_QUORATE_DECISIONS[1:]}"
NO_MEMBERS = "No members yet. Edit meeting… adds them."


class AttendanceBox(QGroupBox):
    """``changed(view)`` after attendance is saved, with the meeting as it now stands."""

    changed = Signal(object)

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__("Attendance", parent)
        self.services, self.actor = services, actor
        self.meeting: PanelMeetingView | None = None
        self.ticks: dict[int, QCheckBox] = {}
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.ticks_box = QVBoxLayout()
        self.quorum = QLabel()
        self.quorum.setWordWrap(True)
        self.quorum.setAccessibleName("Quorum")
        self.problem = ProblemLabel("attendance")
        self.banner = Banner()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(self.ticks_box)
        layout.addWidget(self.quorum)
        layout.addWidget(self.problem)
        layout.addWidget(self.banner)
        layout.addStretch(1)

    def set_meeting(self, meeting: PanelMeetingView) -> None:
        today = self.services.context.clock.today()
        can_tick = meeting.status != "held" and meeting.meeting_date <= today
        if [m.member_id for m in meeting.members] != list(self.ticks):
            # New members: new ticks. The same members keep theirs, and the focus with them.
            for tick in self.ticks.values():
                self.ticks_box.removeWidget(tick)
                tick.deleteLater()
            self.ticks = {}
            for member in meeting.members:
                tick = QCheckBox()
                tick.toggled.connect(self._ticked)
                self.ticks[member.member_id] = tick
                self.ticks_box.addWidget(tick)
        self.meeting = meeting
        for member in meeting.members:
            tick = self.ticks[member.member_id]
            tick.setText(f"{member.name} ({member.panel_role.label.lower()})")
            tick.blockSignals(True)
            tick.setChecked(bool(member.attended))
            tick.blockSignals(False)
            tick.setEnabled(can_tick)
        if not meeting.members:
            self.note.setText(NO_MEMBERS)
        elif meeting.status == "held":
            self.note.setText("Who attended, as recorded:")
        elif meeting.meeting_date > today:
            self.note.setText("Tick who attended on the day of the meeting, "
                              f"{medium_date(meeting.meeting_date)}.")
        else:
            self.note.setText("Tick each member who attended:")
        self._show_quorum(meeting)

    def _show_quorum(self, meeting: PanelMeetingView) -> None:
        self.quorum.setText(meeting.quorum_text)
        self.problem.set_problem(None)
        if meeting.quorate is False:
            self.banner.show_problem(NOT_QUORATE)
        else:
            self.banner.clear()

    def attended(self) -> dict[int, bool]:
        return {member_id: tick.isChecked() for member_id, tick in self.ticks.items()}

    def _ticked(self) -> None:
        # Every member is sent: a tick box has no "not recorded", so those left unticked
        # did not attend, and the service can then say whether the meeting is quorate.
        if self.meeting is None:
            return
        try:
            meeting = self.services.panel.record_attendance(
                self.actor, self.meeting.meeting_id, self.attended())
        except Exception as error:  # noqa: BLE001 - said next to the ticks; ticks stay
            self.problem.set_problem(refusal_text(error, "Attendance was not saved."))
            return
        self.meeting = meeting
        self._show_quorum(meeting)
        self.changed.emit(meeting)
