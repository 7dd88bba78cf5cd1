"""The panel view: during the meeting, the families one at a time (a list at the side), each
family's summary, and the decision form; decided families show their decision."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.services.actor import Actor
from plo_tracker.services.panel_views import AgendaItemView, PanelMeetingView
from plo_tracker.services.registry import Services

from ..forms.form_dialog import Banner, ask_discard, heading_label
from ..problem_text import problem_text
from .attendance_box import NOT_QUORATE_DECISIONS
from .decision_form import DecisionForm, action_accounts, decided_text
from .family_summary import summary_html
from .meeting_texts import meeting_title

HELP = ("PageDown or Alt+Right: next family. PageUp or Alt+Left: previous. Ctrl+Enter records "
        "the decision. Ctrl+O opens the family's record.")
NO_ATTENDANCE = ("Record who attended on the Panel page first: each decision says whether the "
                 "meeting was quorate.")


def list_text(item: AgendaItemView) -> str:
    said = item.decision.label if item.decision else "not decided"
    return f"{item.position}. {item.family_text}: {said}"


class PanelViewDialog(QDialog):
    """Opened by Start meeting; non-modal, so a family's record opened with Ctrl+O can be read
    beside it. ``decided(item)`` after each decision is recorded."""

    decided = Signal(object)
    family_activated = Signal(int)

    def __init__(self, services: Services, actor: Actor, meeting: PanelMeetingView,
                 item_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.meeting = services, actor, meeting
        self.items = list(meeting.items)
        self.forms: dict[int, QWidget] = {}  # each family's form, kept while the view is open
        self._accounts = action_accounts(services) if meeting.status != "held" else []
        self.setWindowTitle(meeting_title(meeting))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        # A window of its own, but closing the main window still ends the app.
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)

        self.families = QListWidget()
        self.families.setAccessibleName("Families on the agenda")
        for item in self.items:
            self.families.addItem(QListWidgetItem(list_text(item)))
        self.families.currentRowChanged.connect(self._show)
        self.summary = QTextBrowser()
        self.summary.setAccessibleName("Family summary")
        self.summary.setOpenLinks(False)
        self.forms_stack = QStackedWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.forms_stack)
        self.family_heading = heading_label("")
        quorum = Banner()
        if meeting.quorate is None and meeting.status != "held":
            quorum.show_problem(NO_ATTENDANCE)
        elif meeting.quorate is False:
            quorum.show_problem(f"{meeting.quorum_text}. {NOT_QUORATE_DECISIONS}")
        else:
            quorum.show_news(meeting.quorum_text + ".")
        self.quorum = quorum
        self.previous_button = QPushButton("‹ Previous (PgUp)")
        self.previous_button.setAutoDefault(False)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QPushButton("Next (PgDn) ›")
        self.next_button.setAutoDefault(False)
        self.next_button.clicked.connect(lambda: self.step(1))
        self.open_button = QPushButton("Open the family's record (Ctrl+O)")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_family)
        self.close_button = QPushButton("Close the panel view")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        navigation = QHBoxLayout()
        for button in (self.previous_button, self.next_button, self.open_button):
            navigation.addWidget(button)
        navigation.addStretch(1)
        navigation.addWidget(self.close_button)

        decision_side = QWidget()
        decision_layout = QVBoxLayout(decision_side)
        decision_layout.setContentsMargins(0, 0, 0, 0)
        decision_layout.addWidget(QLabel("<b>The panel's decision</b>"))
        decision_layout.addWidget(scroll, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.families)
        splitter.addWidget(self.summary)
        splitter.addWidget(decision_side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([280, 400, 600])
        help_label = QLabel(HELP)
        help_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.family_heading)
        layout.addWidget(quorum)
        layout.addWidget(splitter, 1)
        layout.addWidget(help_label)
        layout.addLayout(navigation)
        for keys, slot in (("PgDown", lambda: self.step(1)), ("Alt+Right", lambda: self.step(1)),
                           ("PgUp", lambda: self.step(-1)), ("Alt+Left", lambda: self.step(-1)),
                           ("Ctrl+O", self.open_family)):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        self.resize(1280, 760)
        start = next((n for n, i in enumerate(self.items) if i.item_id == item_id), None)
        if start is None:
            start = next((n for n, i in enumerate(self.items) if not i.decided), 0)
        self.families.setCurrentRow(start)

    # -- moving ---------------------------------------------------------------------------
    def current(self) -> AgendaItemView | None:
        row = self.families.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def step(self, by: int) -> None:
        row = self.families.currentRow() + by
        if 0 <= row < len(self.items):
            self.families.setCurrentRow(row)

    def form_for(self, item: AgendaItemView) -> QWidget:
        """The family's decision form (or its decision), made once and kept while open."""
        if item.item_id not in self.forms:
            if item.decided or self.meeting.status == "held":
                shown = QLabel(decided_text(item) if item.decided else "Not decided.")
                shown.setWordWrap(True)
                shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                              | Qt.TextInteractionFlag.TextSelectableByKeyboard)
                shown.setAlignment(Qt.AlignmentFlag.AlignTop)
                shown.setAccessibleName("The panel's decision")
            else:
                shown = DecisionForm(self.services, self.actor, item, self.meeting.meeting_date,
                                     self._accounts)
                shown.recorded.connect(self._recorded)
            self.forms[item.item_id] = shown
            self.forms_stack.addWidget(shown)
        return self.forms[item.item_id]

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            return
        item = self.items[row]
        self.family_heading.setText(f"{item.position} of {len(self.items)}: {item.family_text}")
        try:
            detail = self.services.case_detail.family(self.actor, item.family_id)
        except Exception as error:  # noqa: BLE001 - the summary says so; the form still works
            self.summary.setPlainText(problem_text(error, "The family's record could not be "
                                                          "read."))
        else:
            self.summary.setHtml(summary_html(item, detail))
        form = self.form_for(item)
        self.forms_stack.setCurrentWidget(form)
        self.previous_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < len(self.items) - 1)
        self._focus_form()

    def _focus_form(self) -> None:
        # The cursor goes to the decision, ready for its letter; a decided family's is
        # read with the list kept in focus.
        form = self.forms_stack.currentWidget()
        if isinstance(form, DecisionForm) and form.decision.buttons():
            chosen = [b for b in form.decision.buttons() if b.isChecked()]
            (chosen or form.decision.buttons())[0].setFocus()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._focus_form()

    def _recorded(self, saved: AgendaItemView) -> None:
        row = next(n for n, i in enumerate(self.items) if i.item_id == saved.item_id)
        self.items[row] = saved
        self.families.item(row).setText(list_text(saved))
        old = self.forms.pop(saved.item_id)
        self.forms_stack.removeWidget(old)
        old.deleteLater()
        self.decided.emit(saved)
        following = next((n for n in range(row + 1, len(self.items))
                          if not self.items[n].decided), None)
        if following is None:
            following = next((n for n, i in enumerate(self.items) if not i.decided), row)
        if following == row:
            self._show(row)  # the last family: its decision shows in place of the form
        else:
            self.families.setCurrentRow(following)

    def open_family(self) -> None:
        item = self.current()
        if item is not None:
            self.family_activated.emit(item.family_id)

    # -- closing --------------------------------------------------------------------------
    def unsaved(self) -> list[AgendaItemView]:
        return [i for i in self.items if isinstance(self.forms.get(i.item_id), DecisionForm)
                and self.forms[i.item_id].has_changes()]

    def reject(self) -> None:
        """Esc, Close or the window's close button (QDialog's closeEvent calls this): ask
        first if a decision was typed and not recorded."""
        unsaved = self.unsaved()
        if unsaved and not ask_discard(self, "the decision for " + ", ".join(
                i.family_text for i in unsaved)):
            return
        super().reject()
