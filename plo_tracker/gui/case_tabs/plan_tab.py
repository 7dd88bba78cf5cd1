"""The Plan tab: concerns, what must change and by when, support offered, progress at reviews."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QVBoxLayout, QWidget

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.vocabulary import PlanItemKind
from plo_tracker.services.case_detail import EpisodeView, PlanItemView

from .case_data import CaseData, episode_label, meeting_names
from .case_tab import CaseTab
from .record_table import Column, Entry, RecordTable, RecordTableModel

EMPTY = "No plan recorded yet: no concerns, changes expected or support offered."
NO_PROGRESS = "No progress recorded yet"
_KIND_ORDER = {kind: number for number, kind in enumerate(PlanItemKind)}


@dataclass(frozen=True)
class PlanRow:
    """A plan item with its progress already put into words."""

    item: PlanItemView
    progress: tuple[str, ...]  # one line per entry, oldest first


def plan_rows(episode: EpisodeView) -> list[PlanRow]:
    """Concerns first, then what must change (earliest due first), then support."""
    names = meeting_names(episode)
    items = sorted(episode.plan, key=lambda p: (_KIND_ORDER[p.kind], p.due_date or date.max,
                                                p.item_id))
    rows = []
    for item in items:
        lines = []
        for entry in sorted(item.progress, key=lambda g: g.recorded_on):
            where = names.get(entry.meeting_id) if entry.meeting_id is not None else None
            when = short_date(entry.recorded_on)
            lines.append(f"{when} ({where}): {entry.text}" if where else f"{when}: {entry.text}")
        rows.append(PlanRow(item, tuple(lines)))
    return rows


COLUMNS: tuple[Column[PlanRow], ...] = (
    Column("Kind", "Concern, what must change, or support offered",
           lambda r: r.item.kind.label, "What must change"),
    Column("What", "The concern, the change expected of the parents, or the support",
           lambda r: r.item.text, "Attend every contact session on time for the next", wrap=True),
    Column("By when", "The date a change is expected by",
           lambda r: short_date(r.item.due_date) if r.item.due_date else "", "Wed 30 Sep 2026"),
    Column("Progress", "Progress recorded against the item, at each review, oldest first",
           lambda r: "\n".join(r.progress) or
           (NO_PROGRESS if r.item.kind is PlanItemKind.EXPECTATION else ""), wrap=True),
)
COL_KIND, COL_WHAT, COL_BY_WHEN, COL_PROGRESS = range(4)


class PlanTab(CaseTab):
    """The written agreement's plan, as a table."""

    title = "Plan"
    empty_text = EMPTY
    hint_action = "plan_item"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = RecordTable(RecordTableModel(COLUMNS, with_episode=True), "Plan", EMPTY)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def show_case(self, data: CaseData) -> None:
        detail = data.detail
        self.table.set_entries([
            Entry(row, episode_label(detail, episode))
            for episode in reversed(detail.episodes) for row in plan_rows(episode)
        ])

    def count(self) -> int:
        return self.table.model.rowCount()
