"""Changing who is in a family after it was opened: adults added, details corrected."""

from __future__ import annotations

from sqlalchemy.orm import Session

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.storage.models import Adult, Family

from . import audit
from .actor import Actor
from .case_base import CaseWriter, Change, Saved, refuse_if
from .case_forms import AdultForm

_ADULT_FIELDS = (
    "first_name", "last_name", "relationship", "parental_responsibility", "address",
    "address_confidential", "solicitor_name", "solicitor_firm", "needs_interpreter", "language",
    "needs_advocate", "needs_intermediary", "learning_disability", "large_print",
)


class PeopleService(CaseWriter):
    """Adults' details (address, solicitor, needs, large print) change during a case."""

    def save_adult(self, actor: Actor, family_id: int, adult_id: int | None, form: AdultForm,
                   expected_version: int | None = None) -> Saved:
        """Add an adult (``adult_id`` None) or correct one's details.

        Raises:
            ValidationFailed: naming each field to fix; nothing is written.
        """
        refuse_if(form.problems(""))

        def apply(session: Session, family: Family) -> Change:
            if adult_id is None:
                adult, before = Adult(), None
                family.adults.append(adult)
            else:
                adult = next((a for a in family.adults if a.id == adult_id), None)
                if adult is None:
                    raise ValidationFailed({"adult": "That person is not in this family."})
                before = audit.snapshot(adult)
            for name in _ADULT_FIELDS:
                value = getattr(form, name)
                setattr(adult, name, value.strip() if isinstance(value, str) else value)
            if not any(a.parental_responsibility for a in family.adults):
                raise ValidationFailed({"parental_responsibility": (
                    "At least one person in the family must have parental responsibility: "
                    "they receive the letters."
                )})
            return "adult", adult, before

        action = "adult.add" if adult_id is None else "adult.update"
        return self._change(actor, family_id, expected_version, action, apply)
