"""The Meetings tab: gateway and pre-proceedings meetings, and the family group meeting offer."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QVBoxLayout, QWidget

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.due import Rule
from plo_tracker.services.case_detail import EpisodeView, MeetingView

from .case_data import CaseData, due_text, episode_label, meeting_names
from .case_tab import CaseTab
from .record_table import Column, Entry, RecordTable, RecordTableModel, notice, set_notice

EMPTY = "No meetings recorded yet."
NOT_RECORDED = "Not recorded"


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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = notice()
        self.table = RecordTable(RecordTableModel(COLUMNS, with_episode=True), "Meetings", EMPTY)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.table)

    def show_case(self, data: CaseData) -> None:
        detail = data.detail
        lines = [due_text(item, data.today)
                 for item in data.due_for(Rule.INITIAL_MEETING, Rule.REVIEW_MEETING)]
        if detail.episode is not None and detail.episode.gateway_date is not None:
            lines.append(fgdm_text(detail.episode))
        set_notice(self.notice, lines)
        self.table.set_entries([
            Entry(pair, episode_label(detail, episode))
            for episode in reversed(detail.episodes) for pair in meeting_pairs(episode)
        ])

    def count(self) -> int:
        return self.table.model.rowCount()
