"""The agenda editor's dialogs: the families proposed (tick to add), finding any family by its
PLO id or name, and the social worker's recommendation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.date_text import medium_date
from plo_tracker.domain.text_rules import TextKind, text_problem
from plo_tracker.services.actor import Actor
from plo_tracker.services.caseload import FamilySummary
from plo_tracker.services.panel_views import AgendaItemView, PanelMeetingView, ProposedFamily
from plo_tracker.services.registry import Services

from ..forms.fields import ProblemLabel
from ..forms.form_dialog import heading_label
from ..forms.inputs import LongText
from ..problem_text import problem_text
from ..workers import BackgroundTask
from .meeting_texts import refusal_text

ID_ROLE = Qt.ItemDataRole.UserRole + 1
_MOST_SHOWN = 200  # a search shows this many families at most: type more to narrow it


def _tree(columns: tuple[str, ...], name: str) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setHeaderLabels(list(columns))
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setAccessibleName(name)
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    tree.header().setStretchLastSection(True)
    return tree


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class ProposedDialog(QDialog):
    """The families the agenda proposes for the meeting's date and why, each ticked to add.

    After Accepted, ``chosen()`` gives the families ticked.
    """

    def __init__(self, services: Services, actor: Actor, meeting: PanelMeetingView,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add proposed families")
        on_agenda = {item.family_id for item in meeting.items}
        self.proposed = [p for p in services.panel.proposed_agenda(actor, meeting.meeting_date)
                         if p.family_id not in on_agenda]
        intro = QLabel(
            f"Families needing a decision at a meeting on {medium_date(meeting.meeting_date)}: "
            "new referrals awaiting the gateway decision, outcomes pending, families near or "
            "past 16 weeks, and reviews due. Untick any you do not want on the agenda "
            "(Space ticks and unticks).")
        intro.setWordWrap(True)
        self.tree = _tree(("Family", "Why on the agenda", "Details"), "Families proposed")
        for proposed in self.proposed:
            item = QTreeWidgetItem([proposed.family_text, proposed.reason.label, proposed.why])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setData(0, ID_ROLE, proposed.family_id)
            self.tree.addTopLevelItem(item)
        if self.proposed:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.empty = QLabel(
            "No other family needs a decision on that day: none awaits the gateway decision, "
            "has an outcome pending, is near or past 16 weeks, or has a review due. Add a "
            "family… puts any family on the agenda.")
        self.empty.setWordWrap(True)
        self.buttons = _buttons(self, "Add ticked families")
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label("Add proposed families"))
        layout.addWidget(intro)
        layout.addWidget(self.tree if self.proposed else self.empty, 1)
        layout.addWidget(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.proposed))
        self.resize(860, 460)

    def chosen(self) -> list[ProposedFamily]:
        ticked = {self.tree.topLevelItem(n).data(0, ID_ROLE)
                  for n in range(self.tree.topLevelItemCount())
                  if self.tree.topLevelItem(n).checkState(0) == Qt.CheckState.Checked}
        return [p for p in self.proposed if p.family_id in ticked]


def _matches(family: FamilySummary, words: list[str]) -> bool:
    text = f"{family.plo_family_id} {family.surname} {family.children_text}".casefold()
    return all(word in text for word in words)


class FindFamilyDialog(QDialog):
    """Any family, found by its PLO id or a name: Enter adds the one chosen.

    After Accepted, ``chosen_family()`` is its id; families on the agenda are not offered.
    """

    def __init__(self, services: Services, actor: Actor, meeting: PanelMeetingView,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a family to the agenda")
        self._on_agenda = {item.family_id for item in meeting.items}
        self.families: list[FamilySummary] = []
        self.search = QLineEdit()
        self.search.setPlaceholderText("PLO id, surname or a child's name")
        self.search.setAccessibleName("Find a family")
        self.search.textChanged.connect(self._filter)
        self.tree = _tree(("Family", "Children", "Stage", "Social worker"), "Families found")
        self.tree.itemActivated.connect(lambda _item, _c: self.accept())
        self.status = QLabel("Loading families…")
        self.status.setWordWrap(True)
        self.buttons = _buttons(self, "Add to the agenda")
        label = QLabel("&Find:")
        label.setBuddy(self.search)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label("Add a family to the agenda"))
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(760, 480)
        self.search.installEventFilter(self)
        self._task = BackgroundTask(lambda: services.caseload.families(actor))
        self._task.succeeded.connect(self._arrived)
        self._task.failed.connect(
            lambda error: self.status.setText(problem_text(error, "The families could not be "
                                                                  "loaded.")))
        self._task.start()
        self._filter()

    def is_loading(self) -> bool:
        return not self._task.is_done()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        # Down from the search box goes to the list, as in any search.
        if watched is self.search and event.type() == event.Type.KeyPress and event.key() in (
                Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.tree.setFocus()
            return True
        return False

    def _arrived(self, families: list[FamilySummary]) -> None:
        self.families = [f for f in families if f.family_id not in self._on_agenda]
        self._filter()

    def _filter(self) -> None:
        words = self.search.text().casefold().split()
        found = [f for f in self.families if _matches(f, words)]
        self.tree.clear()
        for family in found[:_MOST_SHOWN]:
            item = QTreeWidgetItem([f"{family.plo_family_id} {family.surname}".strip(),
                                    family.children_text, family.stage_label,
                                    family.social_worker or "Not allocated"])
            item.setData(0, ID_ROLE, family.family_id)
            self.tree.addTopLevelItem(item)
        if found:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        if not self._task.is_done():
            return
        if not found:
            self.status.setText("No family matches. Check the PLO id or the spelling.")
        elif len(found) > _MOST_SHOWN:
            self.status.setText(f"Showing {_MOST_SHOWN} of {len(found):,} families: type more "
                                "of the id or name to narrow the list.")
        else:
            self.status.setText(f"{len(found):,} {'family' if len(found) == 1 else 'families'}"
                                " found.")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(found))

    def chosen_family(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None


class RecommendationDialog(QDialog):
    """The social worker's recommendation to the panel for one family."""

    def __init__(self, services: Services, actor: Actor, item: AgendaItemView,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.item = services, actor, item
        self.saved: AgendaItemView | None = None
        self.setWindowTitle("The social worker's recommendation")
        about = QLabel(f"{item.family_text} (social worker: {item.worker_name or 'not allocated'}"
                       f"). {item.reason.label}.")
        about.setWordWrap(True)
        self.text = LongText(lines=6)
        self.text.setPlainText(item.recommendation or "")
        self.text.setAccessibleName("Recommendation")
        self.problem = ProblemLabel("the recommendation")
        label = QLabel("&Recommendation to the panel")
        label.setBuddy(self.text)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label("The social worker's recommendation"))
        layout.addWidget(about)
        layout.addWidget(label)
        layout.addWidget(self.text)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(lambda: self.problem.set_problem(
            text_problem(self.text.toPlainText(), TextKind.TEXT)))
        self.resize(560, 320)

    def save(self) -> None:
        try:
            self.saved = self.services.panel.set_recommendation(
                self.actor, self.item.item_id, self.text.toPlainText())
        except Exception as error:  # noqa: BLE001 - said under the field; the text stays
            self.problem.set_problem(refusal_text(error, "Not saved."))
            return
        self.accept()
