"""The People tab: the children, and the adults with their solicitors, needs and addresses."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QVBoxLayout, QWidget

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.permissions import ROLE_PERMISSIONS, Permission
from plo_tracker.domain.recipients import is_parent, receives_letters_by_default, why_receives
from plo_tracker.domain.vocabulary import CpPlanStatus
from plo_tracker.services.case_detail import AdultView, ChildView

from ..icons import icon
from .case_data import CaseData
from .case_tab import CaseTab
from .record_table import Column, RecordTable, RecordTableModel, heading

CONFIDENTIAL_TIP = (
    "This address is confidential: it must never appear in letters or papers served on a party."
)
HIDDEN_ADDRESS = "Confidential: hidden from your role"
NO_ADULTS = "No adults recorded yet. Parents and everyone with parental responsibility must be " \
    "added so they receive the letter before proceedings."


def _age(child: ChildView) -> str:
    text = child.age_text
    return f"{text} years" if text.isdigit() else text


def _born(child: ChildView) -> str:
    if child.date_of_birth is not None:
        return short_date(child.date_of_birth)
    if child.expected_date_of_birth is not None:
        return f"Expected {short_date(child.expected_date_of_birth)}"
    return "Not known"


def _cp_plan(child: ChildView) -> str:
    text = child.cp_plan_status.label
    if child.cp_plan_count and child.cp_plan_status is not CpPlanStatus.NONE:
        text += f" ({child.cp_plan_count} in all)"
    return text


def _solicitor(adult: AdultView) -> str:
    parts = [p for p in (adult.solicitor_name, adult.solicitor_firm) if p]
    return ", ".join(parts) if parts else "None recorded"


def _needs(adult: AdultView) -> str:
    needs = []
    if adult.needs_interpreter:
        needs.append(f"Interpreter ({adult.language})" if adult.language else "Interpreter")
    if adult.needs_advocate:
        needs.append(f"Advocate ({adult.advocate_name})" if adult.advocate_name
                     else "Advocate (not named yet)")
    if adult.needs_intermediary:
        needs.append(f"Intermediary ({adult.intermediary_name})" if adult.intermediary_name
                     else "Intermediary (not named yet)")
    if adult.learning_disability:
        needs.append("Learning disability")
    return "; ".join(needs) if needs else "None recorded"


def _address(adult: AdultView) -> str:
    if adult.address_hidden:
        return HIDDEN_ADDRESS
    if adult.address_confidential:
        # Said in words as well as by the icon, and before the address itself.
        return f"Confidential: {adult.address}" if adult.address else "Confidential"
    return adult.address or "Not recorded"


def _roles_that_see_addresses() -> str:
    roles = [role.label.lower() for role, allowed in ROLE_PERMISSIONS.items()
             if Permission.SEE_CONFIDENTIAL_ADDRESSES in allowed]
    return ", ".join(roles[:-1]) + f" or {roles[-1]}" if len(roles) > 1 else "".join(roles)


def _address_tip(adult: AdultView) -> str | None:
    if adult.address_hidden:
        return ("This address is confidential and is hidden from your role: only a "
                f"{_roles_that_see_addresses()} can see it. It must never appear in letters "
                "or papers served on a party.")
    return CONFIDENTIAL_TIP if adult.address_confidential else adult.address


def _receives_letters(adult: AdultView) -> str:
    return "Yes" if adult.receives_letters else "No"


def _receives_letters_tip(adult: AdultView) -> str:
    """Why they do or do not receive the letters: the usual rule, or that it was changed."""
    usual = receives_letters_by_default(adult.relationship, adult.parental_responsibility)
    if adult.receives_letters == usual:
        return why_receives(adult.relationship, adult.parental_responsibility)
    if adult.receives_letters:
        return ("Recorded to receive the letters, although neither a parent nor holding "
                "parental responsibility.")
    who = "a parent" if is_parent(adult.relationship) else "holding parental responsibility"
    return f"Recorded not to receive the letters, although {who}."


def _address_icon(adult: AdultView) -> QIcon | None:
    if adult.address_confidential:
        return icon("warning")
    return None


CHILD_COLUMNS: tuple[Column[ChildView], ...] = (
    Column("Name", "The child's name", lambda c: f"{c.first_name} {c.last_name}",
           "Georgina Middleton"),
    Column("Age", "Age now, or when an unborn baby is due", _age, "unborn, due 30 Sep"),
    Column("Born", "Date of birth, or the expected date for an unborn baby", _born,
           "Expected Wed 30 Sep 2026"),
    Column("Sex", "Sex as recorded", lambda c: c.sex.label, "Not known"),
    Column("Child protection plan", "Child protection plan now, and how many in all", _cp_plan,
           "Previously on a child protection plan (2 in all)"),
    Column("Child id", "The council's own id for the child", lambda c: c.local_child_id or ""),
)
COL_CHILD_NAME, COL_CHILD_AGE, COL_CHILD_BORN, COL_CHILD_SEX, COL_CHILD_CP, COL_CHILD_ID = range(6)

ADULT_COLUMNS: tuple[Column[AdultView], ...] = (
    Column("Name", "The adult's name", lambda a: a.name, "Georgina Middleton"),
    Column("Relationship", "Who they are to the children",
           lambda a: a.relationship[:1].upper() + a.relationship[1:], "Maternal grandmother"),
    Column("Parental responsibility", "Whether they hold parental responsibility (and so "
           "receive the letter before proceedings)",
           lambda a: "Yes" if a.parental_responsibility else "No", "Parental responsibility"),
    Column("Receives letters", "Whether the letters before proceedings and of issue go to "
           "them: each parent, and everyone with parental responsibility, unless recorded "
           "otherwise", _receives_letters, "Receives letters", tooltip=_receives_letters_tip),
    Column("Solicitor", "Their solicitor and firm", _solicitor, "Priya Shah, Family Law LLP"),
    Column("Needs", "Help they need to take part", _needs, "Interpreter (Polish); advocate"),
    Column("Address", "Their address; confidential ones are marked", _address,
           tooltip=_address_tip, icon=_address_icon),
)
(COL_ADULT_NAME, COL_ADULT_RELATIONSHIP, COL_ADULT_PR, COL_ADULT_LETTERS, COL_ADULT_SOLICITOR,
 COL_ADULT_NEEDS, COL_ADULT_ADDRESS) = range(7)


class PeopleTab(CaseTab):
    """Two tables: children, then adults."""

    title = "People"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.children_table = RecordTable(RecordTableModel(CHILD_COLUMNS), "Children",
                                          "No children recorded.")
        self.adults_table = RecordTable(RecordTableModel(ADULT_COLUMNS), "Adults", NO_ADULTS)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Children"))
        # Families have a few children and rather more adults (parents, partners, relatives).
        layout.addWidget(self.children_table, 1)
        layout.addWidget(heading("Adults"))
        layout.addWidget(self.adults_table, 2)
        self._count = 0

    def show_case(self, data: CaseData) -> None:
        self.children_table.set_records(data.detail.children)
        self.adults_table.set_records(data.detail.adults)
        self._count = len(data.detail.children) + len(data.detail.adults)

    def count(self) -> int:
        return self._count
