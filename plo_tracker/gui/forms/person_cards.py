"""One child or one adult as a card of fields, for the new family wizard's lists of people."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.recipients import receives_letters_by_default, why_receives
from plo_tracker.domain.text_rules import TextKind
from plo_tracker.domain.vocabulary import CpPlanStatus, Sex
from plo_tracker.services.case_forms import AdultForm, ChildForm

from .date_field import DateField
from .fields import FieldSet
from .inputs import ChoiceBox, LongText, RadioChoice, enum_choices

RELATIONSHIPS = ("mother", "father", "step-parent", "grandmother", "grandfather", "aunt",
                 "uncle", "special guardian", "other relative", "other")


class PersonCard(QGroupBox):
    """A numbered group of fields for one person, with a button to remove it.

    ``changed`` is emitted when any of its fields changes; ``remove_requested`` when its
    remove button is pressed.
    """

    changed = Signal()
    remove_requested = Signal(object)
    noun = "person"

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.fields = FieldSet(QFormLayout(), self)
        self.remove_button = QPushButton(f"Remove this {self.noun}")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.fields.form)
        layout.addLayout(top)
        self.build()
        self._initial = self.fields.snapshot()
        self.fields.changed.connect(self.changed)

    def build(self) -> None:
        raise NotImplementedError

    def set_number(self, number: int) -> None:
        self.number = number
        self.setTitle(f"{self.noun.capitalize()} {number}")
        self.remove_button.setAccessibleName(f"Remove {self.noun} {number}")

    def has_changes(self) -> bool:
        return self.fields.snapshot() != self._initial

    def focus_chain(self) -> list[QWidget]:
        return [*self.fields.focus_chain(), self.remove_button]


def _line(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    return edit


class ChildCard(PersonCard):
    """A child who has been born (date of birth) or an unborn baby (expected date)."""

    noun = "child"

    def build(self) -> None:
        add_child_fields(self, self.today)

    def form(self) -> ChildForm:
        return read_child_form(self)

    def problems(self) -> dict[str, str]:
        found = self.fields.local_problems()
        for name, message in self.form().problems(self.today, "").items():
            found.setdefault(name, message)
        return found

    def summary(self) -> str:
        child = self.form()
        name = f"{child.first_name or 'Baby'} {child.last_name}"
        if child.date_of_birth:
            return f"{name}, born {short_date(child.date_of_birth)}"
        due = child.expected_date_of_birth
        return f"{name}, unborn" + (f", due {short_date(due)}" if due else "")


class AdultCard(PersonCard):
    """A parent or other adult: parental responsibility, address, solicitor and needs."""

    noun = "adult"

    def build(self) -> None:
        add_adult_fields(self)

    def form(self) -> AdultForm:
        return read_adult_form(self)

    def problems(self) -> dict[str, str]:
        found = self.fields.local_problems()
        for name, message in self.form().problems("").items():
            found.setdefault(name, message)
        return found

    def summary(self) -> str:
        adult = self.form()
        words = [f"{adult.first_name} {adult.last_name}", adult.relationship,
                 "parental responsibility" if adult.parental_responsibility
                 else "no parental responsibility"]
        if adult.address_confidential:
            words.append("confidential address")
        if adult.solicitor_name:
            words.append(f"solicitor {adult.solicitor_name}"
                         + (f" ({adult.solicitor_firm})" if adult.solicitor_firm else ""))
        needs = [need for need, wanted in (
            (f"interpreter ({adult.language})", adult.needs_interpreter),
            (_supporter("advocate", adult.advocate_name), adult.needs_advocate),
            (_supporter("intermediary", adult.intermediary_name), adult.needs_intermediary),
            ("learning disability", adult.learning_disability),
            ("large print", adult.large_print)) if wanted]
        if needs:
            words.append("needs: " + ", ".join(needs))
        return ", ".join(words)


def _supporter(role: str, name: str | None) -> str:
    """"advocate (Sam Lee)", or "advocate" while no one is named."""
    return f"{role} ({name})" if name else role


def add_child_fields(owner: Any, today: date) -> None:
    """Add a child's fields to ``owner.fields``, keeping each input as an attribute of it.

    Shared by the wizard's child cards and the dialog that corrects a child later.
    """
    add = owner.fields.add
    owner.born = add("born", "Has the child been born?",
                     RadioChoice([("Born", True), ("Not yet born", False)], vertical=False))
    owner.born.set_value(True)
    owner.first_name = add("first_name", "First name", _line(), text=TextKind.NAME)
    owner.last_name = add("last_name", "Surname", _line(), text=TextKind.NAME)
    owner.date_of_birth = add("date_of_birth", "Date of birth", DateField(today, past_only=True))
    owner.expected = add("expected_date_of_birth", "Expected date of birth", DateField(today))
    owner.sex = add("sex", "Sex", ChoiceBox(enum_choices(Sex)))
    owner.sex.set_value(Sex.UNKNOWN)
    owner.cp_plan = add("cp_plan_status", "Child protection plan",
                        ChoiceBox(enum_choices(CpPlanStatus)))
    owner.cp_plan.set_value(CpPlanStatus.NONE)
    owner.local_id = add("local_child_id", "Council's child ID", _line(), optional=True,
                         text=TextKind.REFERENCE)

    def show_dates() -> None:
        born = owner.born.value() is not False
        owner.fields.set_shown("date_of_birth", born)
        owner.fields.set_shown("expected_date_of_birth", not born)
        owner.first_name.setPlaceholderText("" if born else "Can wait until the baby is born")

    show_dates()
    owner.born.changed.connect(show_dates)


def read_child_form(owner: Any, cp_plan_count: int = 0) -> ChildForm:
    """The child's details as typed into the fields ``add_child_fields`` made."""
    born = owner.born.value() is not False
    return ChildForm(
        first_name=owner.first_name.text().strip(), last_name=owner.last_name.text().strip(),
        date_of_birth=owner.date_of_birth.date() if born else None,
        expected_date_of_birth=None if born else owner.expected.date(),
        sex=owner.sex.value() or Sex.UNKNOWN,
        local_child_id=owner.local_id.text().strip() or None,
        cp_plan_status=owner.cp_plan.value() or CpPlanStatus.NONE,
        cp_plan_count=cp_plan_count,
    )


def add_adult_fields(owner: Any) -> None:
    """Add an adult's fields to ``owner.fields``, keeping each input as an attribute of it.

    Shared by the wizard's adult cards and the dialog that changes an adult later.
    """
    add, check = owner.fields.add, owner.fields.add_check
    owner.first_name = add("first_name", "First name", _line(), text=TextKind.NAME)
    owner.last_name = add("last_name", "Surname", _line(), text=TextKind.NAME)
    relationship = QComboBox()
    relationship.setEditable(True)
    relationship.addItems(RELATIONSHIPS)
    relationship.setMinimumContentsLength(22)
    relationship.setCurrentIndex(-1)
    relationship.lineEdit().setPlaceholderText("Choose or type, for example mother")
    owner.relationship = add("relationship", "Relationship to the children", relationship,
                             text=TextKind.RELATIONSHIP)
    owner.pr = check("parental_responsibility", QCheckBox("Has parental responsibility"))
    owner.pr.setChecked(True)
    owner.receives = check("receives_letters", QCheckBox("Receives the letters"))
    owner.receives_why = QLabel()
    owner.receives_why.setWordWrap(True)
    owner.receives_why.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    owner.fields.form.addRow("", owner.receives_why)
    owner.address = add("address", "Address", LongText(lines=2), optional=True,
                        text=TextKind.ADDRESS)
    owner.confidential = check("address_confidential", QCheckBox(
        "Keep this address confidential: never on papers served on others"))
    owner.solicitor_name = add("solicitor_name", "Solicitor", _line(), optional=True,
                               text=TextKind.FULL_NAME)
    owner.solicitor_firm = add("solicitor_firm", "Solicitor's firm", _line(), optional=True,
                               text=TextKind.SHORT)
    owner.interpreter = check("needs_interpreter", QCheckBox("Needs an interpreter"))
    owner.language = add("language", "Language", _line(), text=TextKind.LANGUAGE)
    owner.advocate = check("needs_advocate", QCheckBox("Needs an advocate"))
    owner.advocate_name = add("advocate_name", "Advocate", _line(), optional=True,
                              text=TextKind.FULL_NAME)
    owner.advocate_name.setPlaceholderText("Who, for example Sam Lee from Voice Advocacy")
    owner.intermediary = check("needs_intermediary", QCheckBox("Needs an intermediary"))
    owner.intermediary_name = add("intermediary_name", "Intermediary", _line(), optional=True,
                                  text=TextKind.FULL_NAME)
    owner.intermediary_name.setPlaceholderText("Who, for example Jo Brown")
    owner.learning_disability = check("learning_disability",
                                      QCheckBox("Has a learning disability"))
    owner.large_print = check("large_print", QCheckBox("Needs letters in large print"))

    def show_language() -> None:
        owner.fields.set_shown("language", owner.interpreter.isChecked())

    # The invitations name who supports the person at meetings, so the name is asked for
    # where the need is ticked.
    def show_supporters() -> None:
        owner.fields.set_shown("advocate_name", owner.advocate.isChecked())
        owner.fields.set_shown("intermediary_name", owner.intermediary.isChecked())

    # Until the worker ticks or clears "Receives the letters" themselves, it follows the
    # relationship and parental responsibility (a father without PR still receives them).
    owner.receives_chosen = False

    def follow_default() -> None:
        relationship, pr = owner.relationship.currentText(), owner.pr.isChecked()
        if not owner.receives_chosen:
            # Not "clicked": only the worker's own click makes it their choice.
            owner.receives.setChecked(receives_letters_by_default(relationship, pr))
        owner.receives_why.setText(why_receives(relationship, pr)
                                   if not owner.receives_chosen else "")

    def chosen() -> None:
        owner.receives_chosen = True
        follow_default()

    show_language()
    show_supporters()
    follow_default()
    owner.interpreter.toggled.connect(show_language)
    owner.advocate.toggled.connect(show_supporters)
    owner.intermediary.toggled.connect(show_supporters)
    owner.relationship.currentTextChanged.connect(follow_default)
    owner.pr.toggled.connect(follow_default)
    owner.receives.clicked.connect(chosen)


def read_adult_form(owner: Any) -> AdultForm:
    """The adult's details as typed into the fields ``add_adult_fields`` made."""
    interpreter = owner.interpreter.isChecked()
    advocate, intermediary = owner.advocate.isChecked(), owner.intermediary.isChecked()
    return AdultForm(
        first_name=owner.first_name.text().strip(), last_name=owner.last_name.text().strip(),
        relationship=owner.relationship.currentText().strip(),
        parental_responsibility=owner.pr.isChecked(),
        address=owner.address.toPlainText().strip() or None,
        address_confidential=owner.confidential.isChecked(),
        solicitor_name=owner.solicitor_name.text().strip() or None,
        solicitor_firm=owner.solicitor_firm.text().strip() or None,
        needs_interpreter=interpreter,
        language=(owner.language.text().strip() or None) if interpreter else None,
        needs_advocate=advocate,
        needs_intermediary=intermediary,
        advocate_name=(owner.advocate_name.text().strip() or None) if advocate else None,
        intermediary_name=((owner.intermediary_name.text().strip() or None) if intermediary
                           else None),
        learning_disability=owner.learning_disability.isChecked(),
        large_print=owner.large_print.isChecked(),
        receives_letters=owner.receives.isChecked(),
    )
