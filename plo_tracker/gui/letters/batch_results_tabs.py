"""What a finished batch of letters left behind: the files saved, and who was left out and why."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QListWidget, QTabWidget, QVBoxLayout, QWidget

from plo_tracker.services.letter_files import WrittenFile

from ..case_tabs.record_table import Column, RecordTable, RecordTableModel

SKIPPED_COLUMNS: tuple[Column[tuple[str, str]], ...] = (
    Column("Family and recipient", "The family's PLO reference, and who the letter was for",
           lambda row: row[0], "PLO-2026-0042, Georgina Middleton"),
    # The service writes reasons to follow a name ("missing the ..."); here each is a line.
    Column("Why no letter was made", "What the family's record needs before the letter can "
           "be made", lambda row: row[1][:1].upper() + row[1][1:], wrap=True),
)
LEFT_OUT_HELP = ("Add what is missing to each family's record, then make their letters from "
                 "the family.")


class SkippedModel(RecordTableModel[tuple[str, str]]):
    """Who was left out of a batch, and why."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(SKIPPED_COLUMNS, parent=parent)

    def rows(self) -> list[tuple[str, str]]:
        return [self.record(row) for row in range(self.rowCount())]


class BatchResultsTabs(QTabWidget):
    """Two tabs, each counted in its title: the files saved in the folder, and who was left out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.files = QListWidget()
        self.files.setAccessibleName("Files saved in the folder")
        self.files.setWordWrap(True)
        self.skipped_model = SkippedModel()
        self.skipped = RecordTable(self.skipped_model, "Families and recipients left out",
                                   "Every family chosen has its letters.")
        left_out_help = QLabel(LEFT_OUT_HELP)
        left_out_help.setWordWrap(True)
        left_out = QWidget()
        column = QVBoxLayout(left_out)
        column.addWidget(left_out_help)
        column.addWidget(self.skipped, 1)
        self.addTab(self.files, "Saved in the folder")
        self.addTab(left_out, "Left out")

    def show_results(self, files: Sequence[WrittenFile], skipped: list[tuple[str, str]]) -> None:
        """Fill both tabs, and open the one that asks for something to be done."""
        self.files.clear()
        self.files.addItems([file.describe() for file in files])
        self.setTabText(0, f"Saved in the folder ({len(files)})")
        self.skipped.set_records(skipped)
        self.setTabText(1, f"Left out ({len(skipped)})")
        self.setCurrentIndex(1 if skipped else 0)

    def files_listed(self) -> list[str]:
        """The files listed, as the user reads them."""
        return [self.files.item(row).text() for row in range(self.files.count())]
