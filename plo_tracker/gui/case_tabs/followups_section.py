"""The family record's "Follow-up checks after stepping down": each check-in, when it was due,
and what was found (shown under the Meetings tab's meetings, only once there are any)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from plo_tracker.domain.date_text import short_date
from plo_tracker.services.followups import FollowUpView

from .case_data import CaseData, episode_label
from .record_table import Column, Entry, RecordTable, RecordTableModel

HEADING = "Follow-up checks after stepping down"
EMPTY = "No follow-up checks."

COLUMNS: tuple[Column[FollowUpView], ...] = (
    Column("Check", "Which check-in after the step-down", lambda f: f.title,
           "12-month follow-up"),
    Column("Due", "The date it is due: N calendar months after the step-down decision",
           lambda f: short_date(f.due_date), "Wed 30 Sep 2026"),
    Column("Checked", "When the family was checked on; \"Not needed\" once a check found "
           "the case closed or a new episode started",
           lambda f: short_date(f.checked_on) if f.checked_on
           else "Not needed" if f.not_needed else "Not yet", "Wed 30 Sep 2026"),
    Column("Found", "What the check found",
           lambda f: f.finding.label if f.finding else "",
           "Concerns: referred back to the gateway panel"),
    Column("Notes", "What was noted at the check", lambda f: f.notes or "",
           "Seen at home; plan on track.", wrap=True),
    Column("Recorded by", "Who recorded the finding", lambda f: f.recorded_by or "",
           "Sam Okafor"),
)
(COL_CHECK, COL_DUE, COL_CHECKED, COL_FOUND, COL_NOTES, COL_BY) = range(6)


class FollowUpsSection(QWidget):
    """A heading and a table of the family's check-ins; hidden for a family with none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(HEADING)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.table = RecordTable(RecordTableModel(COLUMNS, with_episode=True), HEADING, EMPTY)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        self.hide()

    def show_case(self, data: CaseData) -> None:
        detail = data.detail
        episodes = {e.episode_id: e for e in detail.episodes}
        self.table.set_entries([
            Entry(f, episode_label(detail, episodes[f.episode_id]))
            for f in reversed(detail.followups) if f.episode_id in episodes])
        self.setVisible(bool(detail.followups))

    def count(self) -> int:
        return self.table.model.rowCount()
