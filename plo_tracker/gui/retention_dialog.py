"""Records past retention: the families (and backups) past their period, legal holds, deletion.

Administrators only (Permission.MANAGE_RETENTION); the service checks again. The list is
the service's report, longest past first. Placing or releasing a hold needs a reason, typed
under the list; deleting asks first, and takes a backup before anything goes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.date_text import short_date
from plo_tracker.services.actor import Actor
from plo_tracker.services.registry import Services
from plo_tracker.services.retention import FamilyPastRetention, RetentionReport

from .problem_text import problem_text

INTRO = ("Families whose retention period has ended, longest past first. A family on legal "
         "hold cannot be deleted. Deleting a family takes a backup of the whole database "
         "first; the audit log keeps every entry and records the deletion.")
HEADINGS = ("Family", "Surname", "Kept until", "Days past", "Legal hold", "Why kept until then")
COL_FAMILY, COL_SURNAME, COL_UNTIL, COL_DAYS, COL_HOLD, COL_RULE = range(len(HEADINGS))


class RetentionDialog(QDialog):
    """The retention report, with legal holds and deletion for the selected family."""

    def __init__(self, services: Services, actor: Actor, backup_folder: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._actor, self._backups = services, actor, backup_folder
        self.report: RetentionReport | None = None
        self.confirm_box: QMessageBox | None = None
        self.setWindowTitle("Records past their retention period")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADINGS))
        self.table.setHorizontalHeaderLabels(HEADINGS)
        self.table.setAccessibleName("Families past their retention period")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.backups = QLabel()
        self.backups.setWordWrap(True)
        self.backups.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Reason for placing or releasing a legal hold")
        self.reason.setAccessibleName("Reason for the legal hold")
        self.reason.textChanged.connect(self._selection_changed)
        self.hold_button = QPushButton("Place legal &hold")
        self.release_button = QPushButton("&Release legal hold")
        self.delete_button = QPushButton("&Delete family…")
        self.hold_button.clicked.connect(lambda: self.set_hold(True))
        self.release_button.clicked.connect(lambda: self.set_hold(False))
        self.delete_button.clicked.connect(self.ask_to_delete)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Result")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        self.actions = QWidget()
        actions = QHBoxLayout(self.actions)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.reason, 1)
        actions.addWidget(self.hold_button)
        actions.addWidget(self.release_button)
        actions.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.actions)
        layout.addWidget(self.message)
        layout.addWidget(self.backups)
        layout.addWidget(buttons)
        self.resize(900, 480)
        self.refresh()

    # Public ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the report again and show it."""
        try:
            self.report = self._services.retention.report(self._actor, self._backups)
        except Exception as error:  # noqa: BLE001 - shown in words, never a traceback
            self.report = None
            self.message.setText(problem_text(error, "The report could not be made."))
            self._fill([])
            return
        self._fill(list(self.report.families))
        self.backups.setText(self._backup_words(self.report))
        self.backups.setVisible(bool(self.backups.text()))

    def selected(self) -> FamilyPastRetention | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.report is None:
            return None
        return self.report.families[rows[0].row()]

    def set_hold(self, on: bool) -> None:
        """Place or release the selected family's legal hold, with the reason typed."""
        family = self.selected()
        if family is None:
            return
        retention = self._services.retention
        try:
            if on:
                retention.hold(self._actor, family.family_id, self.reason.text())
                done = f"Family {family.plo_family_id} is on legal hold."
            else:
                retention.release(self._actor, family.family_id, self.reason.text())
                done = f"The legal hold on family {family.plo_family_id} is released."
        except Exception as error:  # noqa: BLE001 - shown in words
            self.message.setText(problem_text(error, "Not done."))
            return
        self.reason.clear()
        self.refresh()
        self.message.setText(done)

    def ask_to_delete(self) -> None:
        family = self.selected()
        if family is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Delete this family?",
            f"Delete family {family.plo_family_id} ({family.surname}) and everything kept "
            "with it? A backup of the whole database is taken first; the family cannot be "
            "brought back except from that backup.",
            QMessageBox.StandardButton.Cancel, self)
        box.addButton("Delete family", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _result: self._delete_answered(box, family))
        self.confirm_box = box
        box.open()

    def delete(self, family: FamilyPastRetention) -> None:
        """Delete a family (after asking): a backup first, then the record."""
        self.setCursor(Qt.CursorShape.BusyCursor)
        try:
            deleted = self._services.retention.delete(self._actor, family.family_id,
                                                      self._backups)
        except Exception as error:  # noqa: BLE001 - shown in words
            self.message.setText(problem_text(error, "Not deleted."))
            return
        finally:
            self.unsetCursor()
        self.refresh()
        self.message.setText(f"Deleted family {deleted.plo_family_id}. The backup taken "
                             f"first is {deleted.backup}.")

    # Inside ----------------------------------------------------------------------------------

    def _delete_answered(self, box: QMessageBox, family: FamilyPastRetention) -> None:
        self.confirm_box = None
        chosen = box.clickedButton()
        if chosen is not None and box.buttonRole(chosen) == QMessageBox.ButtonRole.DestructiveRole:
            self.delete(family)
        box.deleteLater()

    def _fill(self, families: list[FamilyPastRetention]) -> None:
        self.table.setRowCount(len(families))
        for row, family in enumerate(families):
            cells = (family.plo_family_id, family.surname, short_date(family.kept_until),
                     f"{family.days_past:,}",
                     f"On hold: {family.legal_hold_reason}" if family.legal_hold else "",
                     family.rule)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == COL_DAYS:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        today = short_date(self.report.today) if self.report else "today"
        self.empty.setText(f"No family is past its retention period on {today}."
                           if not families else "")
        self.empty.setVisible(not families)
        self.table.setVisible(bool(families))
        self.actions.setVisible(bool(families))
        self._selection_changed()

    def _selection_changed(self) -> None:
        family = self.selected()
        reason = bool(self.reason.text().strip())
        self.hold_button.setEnabled(family is not None and not family.legal_hold and reason)
        self.release_button.setEnabled(family is not None and family.legal_hold and reason)
        self.delete_button.setEnabled(family is not None and not family.legal_hold)
        if family is not None and family.legal_hold:
            self.delete_button.setToolTip("A family on legal hold cannot be deleted")
        else:
            self.delete_button.setToolTip("")

    @staticmethod
    def _backup_words(report: RetentionReport) -> str:
        if not report.backups:
            return ""
        oldest = report.backups[0]
        count = (f"{len(report.backups)} backups are" if len(report.backups) > 1
                 else "1 backup is")
        return (f"{count} past their retention period of "
                f"{report.periods.backup_days} days (the oldest, {oldest.path.name}, was made "
                f"{short_date(oldest.made_on)}). Remove them from {oldest.path.parent}.")
