"""The families behind a figure: a list to open each family from (double-click or Enter),
and to save as CSV."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.services.reports_tables import families_table
from plo_tracker.services.reports_views import FamilyLine

from ..icons import icon
from ..problem_text import problem_text
from .report_table_model import ReportTableModel


class FamiliesDialog(QDialog):
    """The families behind one figure. ``family_activated`` gives a family's database id.

    Args:
        export: writes these families as CSV to a path (the service call, audited).
    """

    family_activated = Signal(int)

    def __init__(self, title: str, lines: Sequence[FamilyLine],
                 export: Callable[[Path], int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = tuple(lines)
        self._export = export
        self.setWindowTitle(f"Families behind: {title}")
        count = len(self.lines)
        self.heading = QLabel(
            f"{count:,} famil{'y' if count == 1 else 'ies'} behind \u201c{title}\u201d. "
            "Double-click a family (or press Enter) to open it." if count else
            f"No families behind \u201c{title}\u201d for these filters.")
        self.heading.setWordWrap(True)
        self.model = ReportTableModel(self)
        self.model.set_table(families_table(title, self.lines))
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Families behind the figure")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.resizeColumnsToContents()
        self.view.activated.connect(self._activated)
        self.status = QLabel()
        self.export_button = QPushButton("Export to CSV\u2026")
        self.export_button.setIcon(icon("export"))
        self.export_button.setEnabled(bool(self.lines))
        self.export_button.clicked.connect(self._choose_export)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(900, 420)

    def open_row(self, row: int) -> None:
        """Open the family of a row in the main window."""
        self.family_activated.emit(self.lines[row].family_id)

    def export_to(self, path: Path) -> None:
        try:
            count = self._export(path)
        except Exception as error:  # noqa: BLE001 - shown in words, never a traceback
            self.status.setText(problem_text(error, "The families could not be exported."))
            return
        self.status.setText(f"Wrote {count:,} famil{'y' if count == 1 else 'ies'} to "
                            f"{path.name}.")

    def _activated(self, index) -> None:
        if index.isValid():
            self.open_row(index.row())

    def _choose_export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, "Export the families", str(Path.home() / "families-behind-figure.csv"),
            "CSV files (*.csv)")
        if name:
            self.export_to(Path(name))
