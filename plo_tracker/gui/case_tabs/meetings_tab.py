"""The Meetings tab: gateway and pre-proceedings meetings, and the family group meeting offer."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.due import Rule
from plo_tracker.services.case_detail import EpisodeView, MeetingView

from .case_data import CaseData, due_text, episode_label, meeting_names
from .case_tab import CaseTab
from .followups_section import FollowUpsSection
from .record_table import (
    RECORD_ROLE,
    Column,
    Entry,
    RecordTable,
    RecordTableModel,
    notice,
    set_notice,
)

EMPTY = "No meetings recorded yet."
NOT_RECORDED = "Not recorded"
MINUTES_TEXT = "Make minutes…"
MINUTES_TIP = "Make the minutes of the chosen meeting, once it is held, and save them"


def _yes_no(value: bool | None) -> str:
    return NOT_RECORDED if value is None else ("Yes" if value else "No")


def _name(pair: tuple[MeetingView, str]) -> str:
    meeting, name = pair
    if name.startswith("review "):
        return f"Review pre-proceedings meeting {name.removeprefix('review ')}"
    return meeting.kind.label


def fgdm_text(episode: EpisodeView | None) -> str:
    """The family group decision-making offer (s.31ZA Children Act 1989), in words."""
    start = "Family group decision-making (FGDM) meeting: "
    if episode is None or episode.fgdm_offered is None:
        return start + "offer not yet recorded."
    if not episode.fgdm_offered:
        return start + "not offered."
    held = {True: "held.", False: "not held.", None: "not yet held."}[episode.fgdm_held]
    return start + "offered, " + held


COLUMNS: tuple[Column[tuple[MeetingView, str]], ...] = (
    Column("Meeting", "Which meeting", _name, "Review pre-proceedings meeting 2"),
    Column("Planned", "The date it was planned for",
           lambda p: short_date(p[0].planned_date) if p[0].planned_date else "",
           "Wed 30 Sep 2026"),
    Column("Held", "The date it was held",
           lambda p: short_date(p[0].held_date) if p[0].held_date else "Not yet held",
           "Wed 30 Sep 2026"),
    Column("Attendance", "Who came", lambda p: p[0].attendance or "", "Mother, father, both "
           "solicitors"),
    Column("Solicitors present", "Whether the parents' solicitors were there",
           lambda p: _yes_no(p[0].parents_solicitors_present) if p[0].held_date else "",
           "Solicitors present"),
    Column("Agreement signed", "Whether the written agreement was signed",
           lambda p: _yes_no(p[0].agreement_signed) if p[0].held_date else ""),
)
(COL_MEETING, COL_PLANNED, COL_HELD, COL_ATTENDANCE, COL_SOLICITORS,
 COL_AGREEMENT) = range(6)


def meeting_pairs(episode: EpisodeView) -> list[tuple[MeetingView, str]]:
    """An episode's meetings with their names, in date order."""
    names = meeting_names(episode)
    meetings = sorted(episode.meetings, key=lambda m: (
        m.held_date or m.planned_date or date.max, m.meeting_id))
    return [(m, names[m.meeting_id]) for m in meetings]


class MeetingsTab(CaseTab):
    """Meetings in date order, with what is due next and the FGDM offer above them."""

    title = "Meetings"
    empty_text = EMPTY
    hint_action = "schedule_meeting"
    # "Make minutes…" on a held meeting: its id, and its name for the dialog's title.
    make_minutes = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = notice()
        self.table = RecordTable(RecordTableModel(COLUMNS, with_episode=True), "Meetings", EMPTY)
        self.minutes_button = QPushButton(MINUTES_TEXT)
        self.minutes_button.setToolTip(MINUTES_TIP)
        self.minutes_button.setEnabled(False)
        self.minutes_button.clicked.connect(self._minutes_chosen)
        self.table.table.selectionModel().selectionChanged.connect(self._enable_minutes)
        buttons = QHBoxLayout()
        buttons.addWidget(self.minutes_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.followups = FollowUpsSection()  # shown once the family has stepped down
        layout.addWidget(self.followups)

    def chosen(self) -> tuple[MeetingView, str] | None:
        """The meeting selected, with its name; None when none is."""
        rows = self.table.table.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def _enable_minutes(self) -> None:
        pair = self.chosen()
        self.minutes_button.setEnabled(pair is not None and pair[0].held_date is not None)

    def _minutes_chosen(self) -> None:
        pair = self.chosen()
        if pair is not None and pair[0].held_date is not None:
            self.make_minutes.emit(pair[0].meeting_id, _name(pair))

    def show_case(self, data: CaseData) -> None:
        detail = data.detail
        lines = [due_text(item, data.today) for item in data.due_for(
            Rule.INITIAL_MEETING, Rule.REVIEW_MEETING, Rule.FOLLOW_UP)]
        if detail.episode is not None and detail.episode.gateway_date is not None:
            lines.append(fgdm_text(detail.episode))
        set_notice(self.notice, lines)
        self.table.set_entries([
            Entry(pair, episode_label(detail, episode))
            for episode in reversed(detail.episodes) for pair in meeting_pairs(episode)
        ])
        self._enable_minutes()
        self.followups.show_case(data)

    def count(self) -> int:
        return self.table.model.rowCount()
