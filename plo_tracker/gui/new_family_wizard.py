"""The new family wizard: the family, its children, the adults, the gateway decision, a summary."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from plo_tracker.domain.case_actions import CaseAction
from plo_tracker.domain.date_rules import not_in_future
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.errors import DomainError, ValidationFailed
from plo_tracker.domain.text_rules import TextKind
from plo_tracker.domain.vocabulary import GatewayDecision, Role
from plo_tracker.services.actor import Actor
from plo_tracker.services.case_forms import GatewayForm, NewFamilyForm
from plo_tracker.services.permissions import allows
from plo_tracker.services.registry import Services

from .forms.date_field import DateField
from .forms.fields import FieldSet, ProblemLabel
from .forms.form_dialog import Banner, ask_discard, log_unexpected, unexpected_problem
from .forms.inputs import ChoiceBox, RadioChoice, enum_choices
from .forms.person_cards import AdultCard, ChildCard, PersonCard

PAGE_FAMILY, PAGE_CHILDREN, PAGE_ADULTS, PAGE_GATEWAY, PAGE_SUMMARY = range(5)
_CASE_HOLDERS = (Role.SOCIAL_WORKER, Role.TEAM_MANAGER)


class _FieldsPage(QWizardPage):
    """A page of one set of fields: complete when nothing on it is refused."""

    fields: FieldSet
    _initial: object

    def problems(self) -> dict[str, str]:
        """What is wrong with the entries as they stand (a page may add its own checks)."""
        return self.fields.local_problems()

    def revalidate(self) -> None:
        self.fields.show_problems(self.problems())
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return not self.problems() and not self.fields.has_server_problems()

    def set_server_problems(self, problems: dict[str, str]) -> dict[str, str]:
        loose = self.fields.set_server_problems(problems)
        self.revalidate()
        return loose

    def has_changes(self) -> bool:
        return self.fields.snapshot() != self._initial


class FamilyPage(_FieldsPage):
    """Who holds the case: team, social worker, team manager, the council's solicitor."""

    def __init__(self, services: Services, actor: Actor) -> None:
        super().__init__()
        self.setTitle("The family")
        self.setSubTitle("Who holds the case. The PLO family id is chosen for you if you leave "
                         "it empty.")
        accounts = services.users.accounts()
        self.fields = FieldSet(QFormLayout(), self)
        add = self.fields.add
        self.plo_family_id = add("plo_family_id", "PLO family id", QLineEdit(), optional=True,
                                 text=TextKind.FAMILY_ID)
        self.plo_family_id.setPlaceholderText("For example: PLO-2026-0042")
        team = QComboBox()
        team.setEditable(True)
        team.addItems(sorted({a.team for a in accounts if a.team}))
        team.setMinimumContentsLength(20)
        team.setCurrentText(actor.team or "")
        self.team = add("team", "Team", team, optional=True, text=TextKind.TEAM)
        self.social_worker = add("social_worker_id", "Allocated social worker", ChoiceBox(
            [("Not allocated yet", None)]
            + [(a.display_name, a.user_id) for a in accounts if a.role in _CASE_HOLDERS]))
        self.social_worker.set_value(actor.user_id if actor.role is Role.SOCIAL_WORKER else None)
        self.team_manager = add("team_manager_id", "Team manager", ChoiceBox(
            [("None chosen", None)]
            + [(a.display_name, a.user_id) for a in accounts if a.role is Role.TEAM_MANAGER]))
        self.team_manager.set_value(actor.user_id if actor.role is Role.TEAM_MANAGER else None)
        self.la_solicitor = add("la_solicitor", "Local authority solicitor", QLineEdit(),
                                optional=True, text=TextKind.FULL_NAME)
        layout = QVBoxLayout(self)
        layout.addLayout(self.fields.form)
        layout.addStretch(1)
        self._initial = self.fields.snapshot()
        self.fields.changed.connect(self.revalidate)



class PeoplePage(QWizardPage):
    """A list of cards, one per person, with a button to add another."""

    card_type: type[PersonCard] = PersonCard
    prefix = "person"  # the services' problem keys: "child1.last_name"
    whole_list = "people"  # the key of a problem with the list as a whole

    def __init__(self, today: date, title: str, subtitle: str, add_text: str) -> None:
        super().__init__()
        self.today = today
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.cards: list[PersonCard] = []
        self.list_problem = ProblemLabel(title.lower())
        self.still_needed = QLabel()
        self.still_needed.setWordWrap(True)
        self.add_button = QPushButton(add_text)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_card(focus=True))
        self._column = QVBoxLayout()
        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.addLayout(self._column)
        inner.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(holder)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list_problem)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.still_needed)
        self._server: dict[str, str] = {}
        self.add_card()

    def add_card(self, focus: bool = False) -> PersonCard:
        card = self.card_type(self.today)
        card.changed.connect(self.revalidate)
        card.remove_requested.connect(self.remove_card)
        self.cards.append(card)
        self._column.addWidget(card)
        self._renumber()
        if focus:
            # Show and lay out the card now (Qt would on its next pass), so it can take the
            # focus and scrolling knows where it is.
            card.show()
            self.scroll.widget().layout().activate()
            card.focus_chain()[0].setFocus()
            self.scroll.ensureWidgetVisible(card)
        return card

    def remove_card(self, card: PersonCard) -> None:
        self.cards.remove(card)
        self._column.removeWidget(card)
        card.deleteLater()
        self._renumber()
        self.add_button.setFocus()

    def _renumber(self) -> None:
        for number, card in enumerate(self.cards, start=1):
            card.set_number(number)
            card.remove_button.setVisible(len(self.cards) > 1)
        chain = [part for card in self.cards for part in card.focus_chain()] + [self.add_button]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self._server = {}
        self.revalidate()

    def list_check(self) -> dict[str, str]:
        """Problems with the list as a whole, keyed ``whole_list``."""
        return {}

    def problems(self) -> dict[str, str]:
        """Every problem on the page, keyed as the service keys them."""
        found = self.list_check()
        for card in self.cards:
            found |= {f"{self.prefix}{card.number}.{name}": message
                      for name, message in card.problems().items()}
        return found

    def revalidate(self) -> None:
        missing = []
        for card in self.cards:
            own = card.problems()
            card.fields.show_problems(own)
            titles = card.fields.missing(own)
            if titles:
                missing.append(f"{card.title()}: "
                               + ", ".join(t[:1].lower() + t[1:] for t in titles))
        self.list_problem.set_problem(self._server.get(self.whole_list)
                                      or self.list_check().get(self.whole_list))
        self.still_needed.setText("Still needed. " + ". ".join(missing) + "." if missing else "")
        self.still_needed.setVisible(bool(missing))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return not self.problems() and not any(c.fields.has_server_problems() for c in self.cards)

    def set_server_problems(self, problems: dict[str, str]) -> dict[str, str]:
        """Put the service's problems under the cards' fields; returns the rest."""
        loose = dict(problems)
        self._server = {}
        if self.whole_list in loose:
            self._server[self.whole_list] = loose.pop(self.whole_list)
        for card in self.cards:
            start = f"{self.prefix}{card.number}."
            own = {key[len(start):]: loose.pop(key) for key in list(loose)
                   if key.startswith(start)}
            for name, message in card.fields.set_server_problems(own).items():
                loose[start + name] = message
        self.revalidate()
        return loose

    def has_changes(self) -> bool:
        return len(self.cards) != 1 or any(card.has_changes() for card in self.cards)


class ChildrenPage(PeoplePage):
    card_type = ChildCard
    prefix = "child"
    whole_list = "children"

    def __init__(self, today: date) -> None:
        super().__init__(today, "Children",
                         "Each child in the family, and any unborn baby with the expected date.",
                         "Add another child")

    def list_check(self) -> dict[str, str]:
        if not self.cards:
            return {"children": "Add at least one child (or unborn baby)."}
        return {}

    def add_card(self, focus: bool = False) -> PersonCard:
        surname = self.cards[-1].last_name.text() if self.cards else ""
        card = super().add_card(focus)
        card.last_name.setText(surname)
        return card


class AdultsPage(PeoplePage):
    card_type = AdultCard
    prefix = "adult"
    whole_list = "adults"

    def __init__(self, today: date) -> None:
        super().__init__(today, "Adults",
                         "Each parent (with or without parental responsibility) and everyone "
                         "else with parental responsibility: each gets their own letter before "
                         "proceedings.", "Add another adult")

    def list_check(self) -> dict[str, str]:
        probe = NewFamilyForm(children=(), adults=tuple(c.form() for c in self.cards))
        problems = probe.problems(self.today)
        return {"adults": problems["adults"]} if "adults" in problems else {}


class GatewayPage(_FieldsPage):
    """The gateway panel's decision, if it has been made already."""

    def __init__(self, today: date, can_decide: bool = True) -> None:
        super().__init__()
        self.today = today
        self.setTitle("Gateway decision")
        self.setSubTitle(
            "If the legal gateway panel has already decided, record it now; you can also "
            "record it later." if can_decide else
            "A team manager, gateway panel member or administrator records the panel's "
            "decision: the family will be awaiting it until then.")
        self.fields = FieldSet(QFormLayout(), self)
        self.decided = self.fields.add("decided", "Has the panel decided?", RadioChoice(
            [("Not yet", False), ("Yes", True)], vertical=False))
        self.decided.set_value(False)
        self.decided.setEnabled(can_decide)
        self.decision = self.fields.add("decision", "Decision",
                                        RadioChoice(enum_choices(GatewayDecision)),
                                        required="Choose the panel's decision.")
        self.decided_on = self.fields.add("gateway_date", "Date of the decision",
                                          DateField(today, past_only=True),
                                          required="Enter the date the panel decided.")
        layout = QVBoxLayout(self)
        layout.addLayout(self.fields.form)
        layout.addStretch(1)
        self._initial = self.fields.snapshot()
        self._show_decision()
        self.decided.changed.connect(self._show_decision)
        self.fields.changed.connect(self.revalidate)

    def _show_decision(self) -> None:
        for name in ("decision", "gateway_date"):
            self.fields.set_shown(name, self.decided.value() is True)
        self.revalidate()

    def gateway(self) -> GatewayForm | None:
        decision, day = self.decision.value(), self.decided_on.date()
        if self.decided.value() is not True or decision is None or day is None:
            return None
        return GatewayForm(decision, day)

    def problems(self) -> dict[str, str]:
        found = self.fields.local_problems()
        if self.decided.value() is True:
            found |= not_in_future("gateway_date", "The gateway decision", self.decided_on.date(),
                                   self.today)
        return found


class SummaryPage(QWizardPage):
    """Everything entered, to check before the family is created; Finish creates it."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Check and create")
        self.setSubTitle("Check what you entered. Use Back to change anything.")
        self.banner = Banner()
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName("Summary of the new family")
        self.text.setMargin(6)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.text)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.text.setText(self.wizard().summary())

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        return self.wizard().create()


class NewFamilyWizard(QWizard):
    """Collects a new family page by page and creates it through the family service.

    After ``exec()`` returns Accepted, ``created_family_id`` is the new family's id.
    """

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.created_family_id: int | None = None
        today = services.context.clock.today()
        self.setWindowTitle("New family")
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Create family")
        self.family_page = FamilyPage(services, actor)
        self.children_page = ChildrenPage(today)
        self.adults_page = AdultsPage(today)
        self.gateway_page = GatewayPage(
            today, can_decide=allows(actor, CaseAction.GATEWAY_DECISION.permission))
        self.summary_page = SummaryPage()
        for number, page in enumerate((self.family_page, self.children_page, self.adults_page,
                                       self.gateway_page, self.summary_page)):
            self.setPage(number, page)
        # Small laptops at 150% scaling leave about 900 by 500 points: never open larger.
        room = self.screen().availableGeometry()
        self.resize(min(720, int(room.width() * 0.9)), min(580, int(room.height() * 0.9)))

    def form(self) -> NewFamilyForm:
        """Everything entered, as the family service takes it."""
        family = self.family_page
        return NewFamilyForm(
            children=tuple(card.form() for card in self.children_page.cards),
            adults=tuple(card.form() for card in self.adults_page.cards),
            team=family.team.currentText().strip() or None,
            social_worker_id=family.social_worker.value(),
            team_manager_id=family.team_manager.value(),
            la_solicitor=family.la_solicitor.text().strip() or None,
            plo_family_id=family.plo_family_id.text().strip() or None,
            gateway=self.gateway_page.gateway(),
        )

    def summary(self) -> str:
        """The summary page's text, as rich text with every entry escaped."""
        form, family = self.form(), self.family_page
        gateway = (f"{form.gateway.decision.label}, {short_date(form.gateway.decided_on)}"
                   if form.gateway else
                   "Not made yet: the family will be awaiting the gateway decision.")
        sections = (
            ("Family", [
                "PLO family id: "
                + (form.plo_family_id or "chosen for you when the family is created"),
                f"Team: {form.team or 'not given'}",
                f"Allocated social worker: {family.social_worker.currentText()}",
                f"Team manager: {family.team_manager.currentText()}",
                f"Local authority solicitor: {form.la_solicitor or 'not given'}",
            ]),
            ("Children", [card.summary() for card in self.children_page.cards]),
            ("Adults", [card.summary() for card in self.adults_page.cards]),
            ("Gateway decision", [gateway]),
        )
        return "".join(
            f"<p><b>{escape(title)}</b><br>" + "<br>".join(escape(line) for line in lines)
            + "</p>" for title, lines in sections)

    def create(self) -> bool:
        """Create the family; on a refusal, show each problem on its page and go there."""
        banner = self.summary_page.banner
        banner.clear()
        try:
            self.created_family_id = self.services.families.create(self.actor, self.form())
        except ValidationFailed as refused:
            self._refused(refused.problems)
            return False
        except DomainError as error:
            banner.show_problem(error.message)
            return False
        except Exception as error:
            log_unexpected(error, "Creating a family")
            banner.show_problem(unexpected_problem(error))
            return False
        return True

    def _refused(self, problems: dict[str, str]) -> None:
        loose = dict(problems)
        first_page = None
        for number, page in ((PAGE_FAMILY, self.family_page),
                             (PAGE_CHILDREN, self.children_page),
                             (PAGE_ADULTS, self.adults_page),
                             (PAGE_GATEWAY, self.gateway_page)):
            before = len(loose)
            loose = page.set_server_problems(loose)
            if len(loose) < before and first_page is None:
                first_page = number
        if loose:
            self.summary_page.banner.show_problem(" ".join(loose.values()))
            return
        while first_page is not None and self.currentId() > first_page:
            self.back()

    def has_changes(self) -> bool:
        return any(page.has_changes() for page in (
            self.family_page, self.children_page, self.adults_page, self.gateway_page))

    def reject(self) -> None:
        """Cancel, Esc or the close button: ask first if anything was entered."""
        if (self.created_family_id is None and self.has_changes()
                and not ask_discard(self, "this new family")):
            return
        super().reject()
