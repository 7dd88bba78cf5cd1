"""A meeting's agenda: the families on it in order, and the chair adding, removing and
ordering them, with the social worker's recommendation and each family's summary sheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.services.actor import Actor
from plo_tracker.services.panel_views import AgendaItemView, PanelMeetingView
from plo_tracker.services.registry import Services

from ..forms.fields import ProblemLabel
from .agenda_dialogs import FindFamilyDialog, ProposedDialog, RecommendationDialog
from .meeting_texts import refusal_text
from .papers import PaperSaver, choose_pdf, safe_name

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("#", "Family", "Why on the agenda", "Week", "Stage", "Social worker",
           "Recommendation", "Decision")
EMPTY_AGENDA = ("No families on the agenda yet. Add proposed families… offers those needing "
                "a decision; Add a family… finds any other.")


def week_words(item: AgendaItemView) -> str:
    if item.week_text:
        return item.week_text
    return f"week {item.week} of 16" if item.week else "Not in pre-proceedings"


def agenda_row(item: AgendaItemView) -> list[str]:
    decision = item.decision_text or (item.decision.label if item.decision else "Not decided")
    return [str(item.position), item.family_text, item.reason.label, week_words(item),
            item.stage.label if item.stage else "No episode", item.worker_name or "Not allocated",
            item.recommendation or "None given", decision]


class AgendaEditor(QWidget):
    """``changed`` after the agenda changes (the meeting is then read again and set with
    ``set_meeting``); the PDFs go through ``saver``."""

    changed = Signal()

    def __init__(self, services: Services, actor: Actor, saver: PaperSaver,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.saver = services, actor, saver
        self.meeting: PanelMeetingView | None = None
        self._keep: int | None = None  # the item to choose again after a reload
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName("Agenda")
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The long texts share what room is left; their tooltips hold the whole of them.
        header.setSectionResizeMode(COLUMNS.index("Why on the agenda"),
                                    QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COLUMNS.index("Recommendation"),
                                    QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        self.tree.currentItemChanged.connect(self._enable)
        self.empty = QLabel(EMPTY_AGENDA)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)
        self.problem = ProblemLabel("the agenda")

        def button(text: str, tip: str, slot) -> QPushButton:
            made = QPushButton(text)
            made.setToolTip(tip)
            made.setAutoDefault(False)
            made.clicked.connect(lambda _checked=False: slot())
            return made

        self.proposed_button = button("Add &proposed families…",
                                      "The families needing a decision: tick those to add",
                                      self.add_proposed)
        self.find_button = button("Add a &family…", "Find any family by its PLO id or name",
                                  self.add_family)
        self.remove_button = button("&Remove", "Take the chosen family off the agenda (Delete)",
                                    self.remove)
        self.up_button = button("Move &up", "Move the chosen family up (Ctrl+Up)",
                                lambda: self.move(-1))
        self.down_button = button("Move &down", "Move the chosen family down (Ctrl+Down)",
                                  lambda: self.move(1))
        self.recommendation_button = button(
            "Re&commendation…", "The social worker's recommendation for the chosen family",
            self.edit_recommendation)
        self.sheet_button = button("&Summary sheet…",
                                   "Save the chosen family's one-page summary as a PDF",
                                   self.save_summary_sheet)
        self.pack_button = button("Agenda pac&k (PDF)…",
                                  "Save the whole agenda as one PDF: a contents page and each "
                                  "family's summary sheet", self.save_pack)
        buttons = QGridLayout()
        for number, each in enumerate((self.proposed_button, self.find_button, self.remove_button,
                                       self.up_button, self.down_button,
                                       self.recommendation_button, self.sheet_button,
                                       self.pack_button)):
            buttons.addWidget(each, number // 4, number % 4)
        self.heading = QLabel("<b>Agenda</b>")
        self.heading.setBuddy(self.tree)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.tree.installEventFilter(self)
        self._enable()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        # Keys on the list itself, before the list moves its cursor with them.
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            key, mods = event.key(), event.modifiers()
            if mods == Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Up,
                                                                       Qt.Key.Key_Down):
                self.move(-1 if key == Qt.Key.Key_Up else 1)
                return True
            if key == Qt.Key.Key_Delete and not mods:
                self.remove()
                return True
        return False

    # -- showing --------------------------------------------------------------------------
    def set_meeting(self, meeting: PanelMeetingView) -> None:
        keep = self._keep if self._keep is not None else self.chosen_item_id()
        self._keep = None
        self.meeting = meeting
        self.tree.clear()
        current = None
        for agenda_item in meeting.items:
            row = QTreeWidgetItem(agenda_row(agenda_item))
            row.setData(0, ITEM_ID_ROLE, agenda_item.item_id)
            for column, text in enumerate(row.text(n) for n in range(len(COLUMNS))):
                row.setToolTip(column, text)
            self.tree.addTopLevelItem(row)
            if agenda_item.item_id == keep:
                current = row
        self.tree.header().resizeSection(COLUMNS.index("Why on the agenda"), 160)
        self.heading.setText(f"<b>Agenda</b> ({len(meeting.items)} "
                             f"{'family' if len(meeting.items) == 1 else 'families'})")
        self.stack.setCurrentWidget(self.tree if meeting.items else self.empty)
        if current is None and meeting.items:
            current = self.tree.topLevelItem(0)
        if current is not None:
            self.tree.setCurrentItem(current)
        self.problem.set_problem(None)
        self._enable()

    def chosen_item_id(self) -> int | None:
        row = self.tree.currentItem()
        return row.data(0, ITEM_ID_ROLE) if row is not None else None

    def chosen_item(self) -> AgendaItemView | None:
        chosen = self.chosen_item_id()
        items = self.meeting.items if self.meeting else ()
        return next((i for i in items if i.item_id == chosen), None)

    def _enable(self) -> None:
        planned = self.meeting is not None and self.meeting.status != "held"
        item = self.chosen_item()
        index = self.meeting.items.index(item) if item is not None and self.meeting else -1
        count = len(self.meeting.items) if self.meeting else 0
        self.proposed_button.setEnabled(planned)
        self.find_button.setEnabled(planned)
        self.remove_button.setEnabled(planned and item is not None and not item.decided)
        self.up_button.setEnabled(planned and index > 0)
        self.down_button.setEnabled(planned and 0 <= index < count - 1)
        self.recommendation_button.setEnabled(planned and item is not None)
        self.sheet_button.setEnabled(item is not None)
        self.pack_button.setEnabled(count > 0)

    # -- changing -------------------------------------------------------------------------
    def _change(self, work, failed: str) -> bool:
        """Call the service; say what it refused under the agenda, or tell the page."""
        try:
            work()
        except Exception as error:  # noqa: BLE001 - said in words under the agenda
            self.problem.set_problem(refusal_text(error, failed))
            return False
        self.changed.emit()
        return True

    def add_proposed(self) -> None:
        if self.meeting is None:
            return
        dialog = ProposedDialog(self.services, self.actor, self.meeting, self)
        if not dialog.exec():
            return
        chosen = dialog.chosen()

        def add() -> None:
            for proposed in chosen:
                self.services.panel.add_to_agenda(self.actor, self.meeting.meeting_id,
                                                  proposed.family_id, proposed.reason)

        if chosen:
            self._change(add, "Not every family was added.")

    def add_family(self) -> None:
        if self.meeting is None:
            return
        dialog = FindFamilyDialog(self.services, self.actor, self.meeting, self)
        if not dialog.exec() or dialog.chosen_family() is None:
            return
        family_id = dialog.chosen_family()
        self._change(lambda: self.services.panel.add_to_agenda(
            self.actor, self.meeting.meeting_id, family_id), "The family was not added.")

    def remove(self) -> None:
        item = self.chosen_item()
        if item is None or not self.remove_button.isEnabled():
            return
        self._change(lambda: self.services.panel.remove_from_agenda(self.actor, item.item_id),
                     "The family was not taken off the agenda.")
        self.tree.setFocus()

    def move(self, by: int) -> None:
        item = self.chosen_item()
        button = self.up_button if by < 0 else self.down_button
        if item is None or not button.isEnabled():
            return
        self._keep = item.item_id
        self._change(lambda: self.services.panel.move_item(self.actor, item.item_id,
                                                           item.position + by),
                     "The family was not moved.")
        self.tree.setFocus()

    def edit_recommendation(self) -> None:
        item = self.chosen_item()
        if item is None:
            return
        dialog = RecommendationDialog(self.services, self.actor, item, self)
        if dialog.exec():
            self.changed.emit()

    # -- papers ---------------------------------------------------------------------------
    def save_summary_sheet(self) -> None:
        item = self.chosen_item()
        if item is None:
            return
        path = choose_pdf(self, "Save the summary sheet",
                          safe_name(f"Summary sheet {item.family_text}") + ".pdf")
        if path is not None:
            self.summary_sheet_to(item.item_id, path)

    def summary_sheet_to(self, item_id: int, path: Path):
        services, actor = self.services, self.actor
        return self.saver.save("the summary sheet", lambda: [
            services.panel.summary_sheet(actor, item_id, path)])

    def save_pack(self) -> None:
        if self.meeting is None:
            return
        path = choose_pdf(self, "Save the agenda pack",
                          f"Panel agenda {self.meeting.meeting_date:%Y-%m-%d}.pdf")
        if path is not None:
            self.pack_to(path)

    def pack_to(self, path: Path):
        services, actor, meeting_id = self.services, self.actor, self.meeting.meeting_id
        return self.saver.save("the agenda pack", lambda: [
            services.panel.summary_pack(actor, meeting_id, path)])
