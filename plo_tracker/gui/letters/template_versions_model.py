"""The table of a letter template's versions: who saved each, when, and why."""

from __future__ import annotations

from PySide6.QtCore import QObject

from plo_tracker.services.letter_templates import TemplateVersion

from ..case_tabs.case_data import local_time
from ..case_tabs.record_table import Column, RecordTableModel

COLUMNS: tuple[Column[TemplateVersion], ...] = (
    Column("Version", "The version number; the highest is the one letters use",
           lambda v: str(v.version)),
    Column("Saved by", "Who saved this version", lambda v: v.created_by, "Saved by"),
    Column("When", "When it was saved, UK time", lambda v: local_time(v.created_at),
           "Thu 26 Nov 2026 12:00"),
    Column("What changed", "The note saved with it: what changed, and why", lambda v: v.note),
)


class TemplateVersionsModel(RecordTableModel[TemplateVersion]):
    """A template's versions, newest first: who saved each, when, and why."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent=parent)

    def versions(self) -> list[TemplateVersion]:
        return [self.record(row) for row in range(self.rowCount())]
