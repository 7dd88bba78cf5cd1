"""What the user fills in to create or change a case, and the checks on each field."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from plo_tracker.domain.date_rules import not_in_future
from plo_tracker.domain.recipients import receives_letters_by_default
from plo_tracker.domain.text_rules import TextKind, text_problem
from plo_tracker.domain.vocabulary import CpPlanStatus, GatewayDecision, Sex


def _texts(prefix: str, **fields: tuple[str | None, TextKind]) -> dict[str, str]:
    """Length and character problems of several typed fields, keyed with the prefix."""
    found = {}
    for name, (value, kind) in fields.items():
        problem = text_problem(value, kind)
        if problem:
            found[f"{prefix}{name}"] = problem
    return found


NO_RECIPIENT = ("Add at least one parent or other person with parental responsibility who "
                "receives letters: they must receive the letter before proceedings.")


@dataclass(frozen=True)
class ChildForm:
    first_name: str
    last_name: str
    date_of_birth: date | None = None
    expected_date_of_birth: date | None = None
    sex: Sex = Sex.UNKNOWN
    local_child_id: str | None = None
    cp_plan_status: CpPlanStatus = CpPlanStatus.NONE
    cp_plan_count: int = 0

    def problems(self, today: date, prefix: str) -> dict[str, str]:
        found: dict[str, str] = {}
        if not self.last_name.strip():
            found[f"{prefix}last_name"] = "Enter the child's surname."
        if self.date_of_birth is None and self.expected_date_of_birth is None:
            found[f"{prefix}date_of_birth"] = (
                "Enter the date of birth, or the expected date of birth for an unborn baby."
            )
        if self.date_of_birth is not None and self.expected_date_of_birth is not None:
            found[f"{prefix}expected_date_of_birth"] = (
                "A child who has been born has no expected date of birth: clear one of the two."
            )
        found |= not_in_future(f"{prefix}date_of_birth", "A date of birth", self.date_of_birth,
                               today)
        if self.date_of_birth is not None and self.date_of_birth < today - timedelta(days=18 * 366):
            found[f"{prefix}date_of_birth"] = "This child would be 18 or over: check the year."
        expected = self.expected_date_of_birth
        if expected is not None and not today - timedelta(days=60) <= expected <= today + timedelta(
            days=300
        ):
            found[f"{prefix}expected_date_of_birth"] = (
                "An expected date of birth must be within the next 10 months (or up to 2 months "
                "ago, if the birth is not yet recorded)."
            )
        if self.date_of_birth is None and not self.first_name.strip() and expected is None:
            found[f"{prefix}first_name"] = "Enter the child's first name."
        if self.date_of_birth is not None and not self.first_name.strip():
            found[f"{prefix}first_name"] = "Enter the child's first name."
        if self.cp_plan_count < 0:
            found[f"{prefix}cp_plan_count"] = "The number of plans cannot be negative."
        return _texts(prefix, first_name=(self.first_name, TextKind.NAME),
                      last_name=(self.last_name, TextKind.NAME),
                      local_child_id=(self.local_child_id, TextKind.REFERENCE)) | found


@dataclass(frozen=True)
class AdultForm:
    first_name: str
    last_name: str
    relationship: str
    parental_responsibility: bool = True
    address: str | None = None
    address_confidential: bool = False
    solicitor_name: str | None = None
    solicitor_firm: str | None = None
    needs_interpreter: bool = False
    language: str | None = None
    needs_advocate: bool = False
    needs_intermediary: bool = False
    learning_disability: bool = False
    large_print: bool = False
    # Who supports them at meetings; kept only while the need is ticked.
    advocate_name: str | None = None
    intermediary_name: str | None = None
    # None: as the relationship and parental responsibility say (domain/recipients.py).
    receives_letters: bool | None = None

    @property
    def gets_letters(self) -> bool:
        """Whether this adult receives the letters, the default applied."""
        if self.receives_letters is not None:
            return self.receives_letters
        return receives_letters_by_default(self.relationship, self.parental_responsibility)

    def problems(self, prefix: str) -> dict[str, str]:
        found: dict[str, str] = {}
        if not self.first_name.strip():
            found[f"{prefix}first_name"] = "Enter the person's first name."
        if not self.last_name.strip():
            found[f"{prefix}last_name"] = "Enter the person's surname."
        if not self.relationship.strip():
            found[f"{prefix}relationship"] = "Say who they are to the children, e.g. mother."
        if self.needs_interpreter and not (self.language or "").strip():
            found[f"{prefix}language"] = "Enter the language the interpreter is needed for."
        if self.solicitor_firm and not (self.solicitor_name or "").strip():
            found[f"{prefix}solicitor_name"] = "Enter the solicitor's name as well as the firm."
        return _texts(prefix, first_name=(self.first_name, TextKind.NAME),
                      last_name=(self.last_name, TextKind.NAME),
                      relationship=(self.relationship, TextKind.RELATIONSHIP),
                      address=(self.address, TextKind.ADDRESS),
                      solicitor_name=(self.solicitor_name, TextKind.FULL_NAME),
                      solicitor_firm=(self.solicitor_firm, TextKind.SHORT),
                      language=(self.language, TextKind.LANGUAGE),
                      advocate_name=(self.advocate_name, TextKind.FULL_NAME),
                      intermediary_name=(self.intermediary_name, TextKind.FULL_NAME)) | found


@dataclass(frozen=True)
class GatewayForm:
    decision: GatewayDecision
    decided_on: date

    def problems(self, today: date) -> dict[str, str]:
        return not_in_future("gateway_date", "The gateway decision", self.decided_on, today)


@dataclass(frozen=True)
class NewFamilyForm:
    """Everything the new family wizard collects."""

    children: tuple[ChildForm, ...]
    adults: tuple[AdultForm, ...]
    team: str | None = None
    social_worker_id: int | None = None
    team_manager_id: int | None = None
    la_solicitor: str | None = None
    plo_family_id: str | None = None  # chosen for the user when left empty
    gateway: GatewayForm | None = None
    notes: tuple[str, ...] = field(default=())

    def problems(self, today: date) -> dict[str, str]:
        found: dict[str, str] = {}
        if not self.children:
            found["children"] = "Add at least one child (or unborn baby)."
        for number, child in enumerate(self.children, start=1):
            found |= child.problems(today, f"child{number}.")
        if not any(a.gets_letters for a in self.adults):
            found["adults"] = NO_RECIPIENT
        for number, adult in enumerate(self.adults, start=1):
            found |= adult.problems(f"adult{number}.")
        if self.gateway is not None:
            found |= self.gateway.problems(today)
        return found | _texts("", team=(self.team, TextKind.TEAM),
                              la_solicitor=(self.la_solicitor, TextKind.FULL_NAME),
                              plo_family_id=(self.plo_family_id, TextKind.FAMILY_ID))
