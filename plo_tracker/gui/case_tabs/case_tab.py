"""What every case tab offers the workspace: a title, a count, and showing a loaded case."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QWidget

from .case_data import CaseData
from .record_table import RecordTable


class CaseTab(QWidget):
    """One tab of the workspace; ``title`` and ``count()`` make the tab's label."""

    title = ""
    empty_text = ""  # what an empty tab says
    # The action (a key of the forms' case_actions) an empty tab suggests, when it is available.
    hint_action: str | None = None
    table: RecordTable | None = None

    def show_case(self, data: CaseData) -> None:
        """Show this part of a freshly loaded case."""
        raise NotImplementedError

    def offer(self, enabled: Mapping[str, str]) -> None:
        """Point an empty tab at its action when the user can take it (key to label)."""
        if self.table is None or self.hint_action is None:
            return
        label = enabled.get(self.hint_action)
        self.table.set_empty_text(self.empty_text + (f" Use {label}." if label else ""))

    def count(self) -> int | None:
        """How many records the tab holds, for its label; None to show no count."""
        return None

    def label(self) -> str:
        count = self.count()
        return self.title if count is None else f"{self.title} ({count:,})"
