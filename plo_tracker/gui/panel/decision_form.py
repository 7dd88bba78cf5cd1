"""The panel's decision on one family: the decisions open at its stage (Alt and a letter
chooses one), reasons, the next review date, the plan it steps down to or the new end date,
and actions with an owner and a date. Record decision (Ctrl+Enter) saves it."""

from __future__ import annotations

import string
from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.date_text import medium_date
from plo_tracker.domain.errors import DomainError, ValidationFailed
from plo_tracker.domain.panel import PanelDecision
from plo_tracker.domain.text_rules import TextKind
from plo_tracker.domain.vocabulary import StepDownPlan
from plo_tracker.services.actor import Actor
from plo_tracker.services.errors import ConflictingEdit
from plo_tracker.services.panel_views import AgendaItemView, PanelActionForm, PanelDecisionForm
from plo_tracker.services.registry import Services

from ..forms.date_field import DateField
from ..forms.fields import FieldSet
from ..forms.form_dialog import REFUSED_SEE_FIELDS, Banner, log_unexpected, unexpected_problem
from ..forms.inputs import ChoiceBox, LongText, RadioChoice, enum_choices
from .row_list import EditableRow, RowList

NO_ACTIONS = "No actions. Add an action gives one its owner and the date it is due."
CONFLICT = ("The family's record changed since the panel view opened (someone saved a change "
            "to it). Close the panel view and start it again to see the change; what you typed "
            "here is lost only if you close it.")


def lettered(decisions: tuple[PanelDecision, ...]) -> list[tuple[str, PanelDecision]]:
    """Each decision with a letter to choose it by (the letter on the decisions, or Alt and
    the letter anywhere in the form)."""
    return [(f"&{letter}  {decision.label}", decision)
            for letter, decision in zip(string.ascii_uppercase, decisions, strict=False)]


def action_accounts(services: Services) -> list[tuple[str, int]]:
    """Every active account, by name: anyone may be given an action."""
    accounts = sorted((a for a in services.users.accounts() if a.active),
                      key=lambda a: a.display_name.casefold())
    return [(f"{a.display_name} ({a.role.label.lower()})", a.user_id) for a in accounts]


class ActionRow(EditableRow):
    """What is to be done, by whom, and by when."""

    def __init__(self, accounts: list[tuple[str, int]], today: date) -> None:
        self.text = QLineEdit()
        self.text.setPlaceholderText("What is to be done")
        self.text.setMaxLength(TextKind.TEXT.limit)
        self.owner = ChoiceBox(accounts, placeholder="Choose who")
        self.owner.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.owner.setMinimumContentsLength(14)
        self.due = DateField(today)
        # The text of the action takes the room left over, not the date's read-back.
        self.due.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        super().__init__([self.text, self.owner, self.due])

    def form(self) -> PanelActionForm:
        return PanelActionForm(self.text.text(), self.owner.value(), self.due.date())

    def state(self) -> tuple:
        return (self.text.text().strip(), self.owner.value(), self.due.form_state())


class DecisionForm(QWidget):
    """The form for one family on the agenda; ``recorded(item)`` once the service saved it."""

    recorded = Signal(object)

    def __init__(self, services: Services, actor: Actor, item: AgendaItemView,
                 meeting_date: date, accounts: list[tuple[str, int]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.item = services, actor, item
        self.banner = Banner()
        self._tried = False
        form = QFormLayout()
        self.fields = FieldSet(form, self)
        self.decision = self.fields.add(
            "decision", "Decision", RadioChoice(lettered(item.options)),
            required="Choose the panel's decision.")
        self.plan = self.fields.add(
            "step_down_plan", "Steps down to", ChoiceBox(enum_choices(StepDownPlan)),
            required="Choose the plan the family steps down to.")
        self.new_end = self.fields.add(
            "extension_end", "New end date", DateField(meeting_date),
            required="Give the new end date of pre-proceedings.")
        self.reasons = self.fields.add("reasons", "Reasons", LongText(lines=4),
                                       required="Give the panel's reasons for its decision.",
                                       text=TextKind.REASON)
        self.review = self.fields.add("next_review_date", "Next review", DateField(meeting_date),
                                      optional=True,
                                      note="The family is proposed again for a meeting on or "
                                           "after this date.")
        self.actions = RowList(("Action", "Owner", "Due by"),
                               lambda: ActionRow(accounts, meeting_date), "Add an act&ion",
                               "action", NO_ACTIONS)
        self.record_button = QPushButton("Record decision (Ctrl+Enter)")
        self.record_button.setDefault(False)
        self.record_button.setAutoDefault(False)
        self.record_button.clicked.connect(self.record)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.record)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        actions_label = QLabel("<b>Actions</b> (each with an owner and a date)")
        layout.addWidget(actions_label)
        layout.addWidget(self.actions)
        layout.addStretch(1)
        layout.addWidget(self.record_button, 0, Qt.AlignmentFlag.AlignRight)
        for button in self.decision.buttons():
            button.installEventFilter(self)
        self._initial = self.state()
        self.fields.changed.connect(self.revalidate)
        self.decision.changed.connect(self._show_details)
        self._show_details()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        # On the decisions, a letter alone chooses one (as Alt and the letter does anywhere).
        if event.type() == QEvent.Type.KeyPress and not event.modifiers() \
                and watched in self.decision.buttons():
            number = string.ascii_uppercase.find(event.text().upper()) if event.text() else -1
            if 0 <= number < len(self.decision.buttons()):
                button = self.decision.buttons()[number]
                button.setChecked(True)
                button.setFocus()
                return True
        return False

    def state(self) -> tuple:
        return (self.fields.snapshot(), self.actions.state())

    def has_changes(self) -> bool:
        return self.state() != self._initial

    def _show_details(self) -> None:
        chosen = self.decision.value()
        self.fields.set_shown("step_down_plan", chosen is PanelDecision.STEP_DOWN)
        self.fields.set_shown("extension_end", chosen is PanelDecision.EXTEND)
        self.revalidate()

    def _problems(self) -> dict[str, str]:
        found = self.fields.local_problems()
        if self.decision.value() is PanelDecision.STAY and self.review.date() is None:
            found.setdefault("next_review_date",
                             "Give the date the panel next reviews the family.")
        return found

    def revalidate(self) -> None:
        # Once Record was pressed, every problem shows, not only those of fields visited.
        self.fields.show_problems(self._problems(), reveal=self._tried)

    def form(self) -> PanelDecisionForm:
        chosen = self.decision.value()
        return PanelDecisionForm(
            decision=chosen, reasons=self.reasons.toPlainText(),
            next_review_date=self.review.date(),
            actions=tuple(row.form() for row in self.actions.rows),
            step_down_plan=self.plan.value() if chosen is PanelDecision.STEP_DOWN else None,
            extension_end=self.new_end.date() if chosen is PanelDecision.EXTEND else None,
            expected_version=self.item.family_version or None)

    def record(self) -> None:
        """Save through record_decision; a refusal is shown next to its field, entries kept."""
        self._tried = True
        problems = self._problems()
        if problems:
            self.fields.show_problems(problems, reveal=True)
            self.banner.show_problem(REFUSED_SEE_FIELDS)
            target = self.fields.first_with_problem()
            if target is not None:
                target.setFocus()
            return
        self.banner.clear()
        self.actions.clear_problems()
        try:
            saved = self.services.panel.record_decision(self.actor, self.item.item_id,
                                                        self.form())
        except ValidationFailed as refused:
            rest = self.actions.set_problems(refused.problems, "actions")
            loose = self.fields.set_server_problems(rest)
            self.revalidate()
            self.banner.show_problem(" ".join(loose.values()) if loose else REFUSED_SEE_FIELDS)
            target = self.fields.first_with_problem() or self.actions.first_with_problem()
            if target is not None:
                target.setFocus()
        except ConflictingEdit:
            self.banner.show_problem(CONFLICT)
        except DomainError as error:
            self.banner.show_problem(error.message)
        except Exception as error:  # noqa: BLE001 - said in words; the entries stay
            log_unexpected(error, "Recording a panel decision")
            self.banner.show_problem(unexpected_problem(error))
        else:
            self.item = saved
            self.recorded.emit(saved)


def decided_text(item: AgendaItemView) -> str:
    """A decided family's record, as plain text lines."""
    lines = [f"Decision: {item.decision_text or item.decision.label}"]
    if item.quorate is False:
        lines.append("Taken at a meeting that was not quorate.")
    lines.append(f"Reasons: {item.reasons or 'none recorded'}")
    if item.next_review_date:
        lines.append(f"Next review: {medium_date(item.next_review_date)}")
    if item.decided_by:
        lines.append(f"Recorded by: {item.decided_by}")
    if item.actions:
        lines.append("Actions:")
        lines += [f"  • {a.text} ({a.owner_name}, by {medium_date(a.due_date)})"
                  for a in item.actions]
    else:
        lines.append("No actions.")
    return "\n".join(lines)
