"""Correcting a child's details after the family was opened, or adding a child."""

from __future__ import annotations

from plo_tracker.services.case_base import Saved
from plo_tracker.services.case_detail import ChildView

from .form_dialog import FormDialog
from .inputs import ChoiceBox
from .person_cards import add_child_fields, read_child_form

NEW_CHILD = 0  # the choice that adds a child: database ids start at 1


class ChildDetailsDialog(FormDialog):
    """Choose a child (or a new one); their details fill the form to be corrected."""

    title = "Correct a child's details or add a child"

    def build(self) -> None:
        self.set_intro("A name spelled wrongly, a date of birth, a baby now born: the next "
                       "letters and the timeline use what is recorded here.")
        choices = [(f"{c.first_name} {c.last_name}", c.child_id) for c in self.detail.children]
        self.child = self.fields.add("child", "Child", ChoiceBox(
            [*choices, ("A child not yet recorded", NEW_CHILD)], placeholder="Choose a child…"),
            required="Choose the child to correct, or a new one.")
        add_child_fields(self, self.today)
        self.child.currentIndexChanged.connect(self._child_chosen)
        if len(self.detail.children) == 1:
            self.child.setCurrentIndex(0)

    def _chosen(self) -> ChildView | None:
        return next((c for c in self.detail.children if c.child_id == self.child.value()), None)

    def _child_chosen(self) -> None:
        child = self._chosen()
        self.born.set_value(child is None or child.date_of_birth is not None)
        self.first_name.setText(child.first_name if child else "")
        self.last_name.setText(child.last_name if child else self._surname())
        self.date_of_birth.set_date(child.date_of_birth if child else None)
        self.expected.set_date(child.expected_date_of_birth if child else None)
        self.sex.set_value(child.sex if child else None)
        self.cp_plan.set_value(child.cp_plan_status if child else None)
        self.local_id.setText(child.local_child_id or "" if child else "")

    def _surname(self) -> str:
        return self.detail.children[0].last_name if self.detail.children else ""

    def check(self) -> dict[str, str]:
        if self.child.value() is None:
            return {}
        return read_child_form(self).problems(self.today, "")

    def submit(self, version: int) -> Saved:
        chosen = self._chosen()
        form = read_child_form(self, chosen.cp_plan_count if chosen else 0)
        return self.services.people.save_child(
            self.actor, self.detail.family_id, chosen.child_id if chosen else None, form,
            expected_version=version)
