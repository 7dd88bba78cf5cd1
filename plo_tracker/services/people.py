"""Who is in a family: the values of a child or an adult, and changing them after opening."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.case_actions import CaseAction
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.storage.models import Adult, Child, Family

from . import audit
from .actor import Actor
from .case_base import CaseWriter, Change, Saved, refuse_if
from .case_forms import NO_RECIPIENT, AdultForm, ChildForm


def _strip(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() or None
    return value


def adult_values(form: AdultForm) -> dict[str, Any]:
    """The stored columns of an adult, from what was typed (the letters default applied)."""
    return {
        "first_name": form.first_name.strip(), "last_name": form.last_name.strip(),
        "relationship": form.relationship.strip(),
        "parental_responsibility": form.parental_responsibility,
        "receives_letters": form.gets_letters,
        "address": _strip(form.address), "address_confidential": form.address_confidential,
        "solicitor_name": _strip(form.solicitor_name),
        "solicitor_firm": _strip(form.solicitor_firm),
        "needs_interpreter": form.needs_interpreter,
        "language": _strip(form.language) if form.needs_interpreter else None,
        "needs_advocate": form.needs_advocate, "needs_intermediary": form.needs_intermediary,
        "advocate_name": _strip(form.advocate_name) if form.needs_advocate else None,
        "intermediary_name": (_strip(form.intermediary_name) if form.needs_intermediary
                              else None),
        "learning_disability": form.learning_disability, "large_print": form.large_print,
    }


def child_values(form: ChildForm) -> dict[str, Any]:
    """The stored columns of a child, from what was typed (an unborn baby may be nameless)."""
    return {
        "first_name": form.first_name.strip() or "Baby", "last_name": form.last_name.strip(),
        "date_of_birth": form.date_of_birth,
        "expected_date_of_birth": form.expected_date_of_birth, "sex": form.sex.value,
        "local_child_id": _strip(form.local_child_id),
        "cp_plan_status": form.cp_plan_status.value, "cp_plan_count": form.cp_plan_count,
    }


def _fill(row: Any, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(row, name, value)


class PeopleService(CaseWriter):
    """Adults' and children's details change during a case; every change is audited."""

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
            _fill(adult, adult_values(form))
            if not any(a.receives_letters for a in family.adults):
                raise ValidationFailed({"receives_letters": NO_RECIPIENT})
            return "adult", adult, before

        action = AuditAction.ADULT_ADD if adult_id is None else AuditAction.ADULT_UPDATE
        return self._change(actor, family_id, expected_version, CaseAction.ADULT, action, apply)

    def save_child(self, actor: Actor, family_id: int, child_id: int | None, form: ChildForm,
                   expected_version: int | None = None) -> Saved:
        """Add a child (``child_id`` None) or correct one's details: a name spelled wrong,
        a date of birth, an unborn baby now born.

        Raises:
            ValidationFailed: naming each field to fix; nothing is written.
        """
        refuse_if(form.problems(self._ctx.clock.today(), ""))

        def apply(session: Session, family: Family) -> Change:
            if child_id is None:
                child, before = Child(), None
                family.children.append(child)
            else:
                child = next((c for c in family.children if c.id == child_id), None)
                if child is None:
                    raise ValidationFailed({"child": "That child is not in this family."})
                before = audit.snapshot(child)
            _fill(child, child_values(form))
            return "child", child, before

        action = AuditAction.CHILD_ADD if child_id is None else AuditAction.CHILD_UPDATE
        return self._change(actor, family_id, expected_version, CaseAction.CHILD, action, apply)
