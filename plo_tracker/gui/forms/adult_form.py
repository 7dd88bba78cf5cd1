"""Adding an adult to a family, or changing one's details (address, solicitor, needs)."""

from __future__ import annotations

from plo_tracker.domain.recipients import receives_letters_by_default, why_receives
from plo_tracker.services.case_base import Saved
from plo_tracker.services.case_detail import AdultView

from .form_dialog import FormDialog
from .inputs import ChoiceBox
from .person_cards import add_adult_fields, read_adult_form

NEW_PERSON = 0  # the choice that adds someone: database ids start at 1


class AdultDetailsDialog(FormDialog):
    """Choose a person (or someone new); their details fill the form to be corrected."""

    title = "Add or change a parent or other adult"

    def build(self) -> None:
        self.set_intro("A new address, solicitor or need (an interpreter, an advocate, large "
                       "print) goes in the next letters. A confidential address never appears in a "
                       "letter to anyone else. Each parent, and everyone with parental "
                       "responsibility, receives the letters.")
        choices = [(f"{a.name} ({a.relationship})", a.adult_id) for a in self.detail.adults]
        self.person = self.fields.add("adult", "Person", ChoiceBox(
            [*choices, ("Someone new", NEW_PERSON)], placeholder="Choose a person…"),
            required="Choose the person to change, or someone new.")
        add_adult_fields(self)
        self.person.currentIndexChanged.connect(self._person_chosen)

    def _person_chosen(self) -> None:
        chosen = next((a for a in self.detail.adults if a.adult_id == self.person.value()), None)
        self._show(chosen)

    def _show(self, adult: AdultView | None) -> None:
        """Fill the form with a person's details as recorded, or empty for someone new."""
        self.first_name.setText(adult.first_name if adult else "")
        self.last_name.setText(adult.last_name if adult else "")
        self.relationship.setCurrentText(adult.relationship if adult else "")
        self.pr.setChecked(adult.parental_responsibility if adult else True)
        self.address.setPlainText(adult.address or "" if adult else "")
        self.confidential.setChecked(bool(adult and adult.address_confidential))
        self.solicitor_name.setText(adult.solicitor_name or "" if adult else "")
        self.solicitor_firm.setText(adult.solicitor_firm or "" if adult else "")
        self.interpreter.setChecked(bool(adult and adult.needs_interpreter))
        self.language.setText(adult.language or "" if adult else "")
        self.advocate.setChecked(bool(adult and adult.needs_advocate))
        self.intermediary.setChecked(bool(adult and adult.needs_intermediary))
        self.advocate_name.setText(adult.advocate_name or "" if adult else "")
        self.intermediary_name.setText(adult.intermediary_name or "" if adult else "")
        self.learning_disability.setChecked(bool(adult and adult.learning_disability))
        self.large_print.setChecked(bool(adult and adult.large_print))
        # A recorded choice that differs from the default stays the worker's own choice.
        default = receives_letters_by_default(self.relationship.currentText(), self.pr.isChecked())
        self.receives_chosen = adult is not None and adult.receives_letters != default
        self.receives.setChecked(adult.receives_letters if adult else default)
        self.receives_why.setText("" if self.receives_chosen
                                  else why_receives(self.relationship.currentText(),
                                                    self.pr.isChecked()))

    def check(self) -> dict[str, str]:
        if self.person.value() is None:
            return {}
        return read_adult_form(self).problems("")

    def submit(self, version: int) -> Saved:
        chosen = self.person.value()
        return self.services.people.save_adult(
            self.actor, self.detail.family_id, None if chosen == NEW_PERSON else chosen,
            read_adult_form(self), expected_version=version)
