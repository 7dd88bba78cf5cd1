"""What can be recorded on a family, at which stages, and with which permission.

Written once here: the services refuse an action outside its stages or without its
permission, and the window's actions read the same table to grey an action out and say
why. The role x action matrix is ``allows(role, action.permission)``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from .letter_types import LetterType
from .permissions import Permission, role_problem
from .stages import OPEN_STAGES, Stage
from .vocabulary import Role

# Stands for "no episode yet" in a set of stages.
NO_EPISODE = None
_ANY: frozenset[Stage | None] = frozenset({*Stage, NO_EPISODE})
_PRE = frozenset({Stage.PRE_PROCEEDINGS})
_PLANNING = frozenset({Stage.AWAITING_GATEWAY, Stage.PRE_PROCEEDINGS})
# A gateway decision is made on a family awaiting one, or starts a new episode once the
# last one has ended.
_GATEWAY = frozenset({NO_EPISODE, Stage.AWAITING_GATEWAY, *(set(Stage) - OPEN_STAGES)})
_LETTERS = frozenset(stage for letter in LetterType for stage in letter.stages)


class CaseAction(enum.Enum):
    """One kind of thing recorded on a family, in the order of the PLO journey."""

    GATEWAY_DECISION = ("gateway", "Record the gateway decision",
                        "record the gateway decision", Permission.DECIDE, _GATEWAY)
    LETTER_SENT = ("letter", "Record a letter before proceedings as sent",
                   "send a letter before proceedings", Permission.EDIT_CASES, _PRE)
    SCHEDULE_MEETING = ("schedule_meeting", "Plan a meeting", "plan a meeting",
                        Permission.EDIT_CASES, _PLANNING)
    MEETING_HELD = ("meeting_held", "Record a meeting as held", "record a meeting",
                    Permission.EDIT_CASES, _PRE)
    COMMISSION_ASSESSMENT = ("commission_assessment", "Commission an assessment",
                             "commission an assessment", Permission.EDIT_CASES, _PLANNING)
    COMPLETE_ASSESSMENT = ("complete_assessment", "Record an assessment as completed",
                           "record an assessment as completed", Permission.EDIT_CASES,
                           OPEN_STAGES)
    FGDM = ("fgdm", "Record the family group decision-making (FGDM) offer",
            "record the family group decision-making offer", Permission.EDIT_CASES, _PRE)
    EXTENSION = ("extension", "Record an extension", "extend pre-proceedings",
                 Permission.DECIDE, _PRE)
    OUTCOME = ("outcome", "Record the outcome of pre-proceedings", "record the outcome",
               Permission.DECIDE, _PRE)
    COURT_APPLICATION = ("court_application", "Record the court application",
                         "record the court application", Permission.EDIT_CASES,
                         frozenset({Stage.DECIDED_TO_ISSUE, Stage.PROCEEDINGS_ISSUED}))
    CLOSE_PROCEEDINGS = ("close_proceedings", "Record care proceedings as concluded",
                         "record care proceedings as concluded", Permission.EDIT_CASES,
                         frozenset({Stage.PROCEEDINGS_ISSUED}))
    # A check-in after the family stepped down (domain/followups.py).
    FOLLOW_UP = ("follow_up", "Record a follow-up check after stepping down",
                 "record a follow-up check", Permission.EDIT_CASES,
                 frozenset({Stage.STEPPED_DOWN}))
    NOTE = ("note", "Add a note", "add a note", Permission.EDIT_CASES, _ANY)
    PLAN_ITEM = ("plan_item", "Add to the plan", "change the plan", Permission.EDIT_CASES,
                 _PLANNING)
    PLAN_PROGRESS = ("plan_progress", "Record progress against the plan",
                     "record progress against the plan", Permission.EDIT_CASES, _PLANNING)
    HISTORY = ("history", "Write the short history for the letters",
               "write the short history", Permission.EDIT_CASES, _PLANNING)
    ADULT = ("adult", "Add or change a parent or other adult", "change the family's adults",
             Permission.EDIT_CASES, _ANY)
    CHILD = ("child", "Correct a child's details or add a child",
             "change the family's children", Permission.EDIT_CASES, _ANY)
    WRITE_LETTERS = ("write_letters", "Write letters…", "write letters",
                     Permission.EDIT_CASES, _LETTERS)
    # The social work chronology filed at court (services/chronology.py).
    CHRONOLOGY = ("chronology", "Chronology…", "write the chronology", Permission.EDIT_CASES,
                  _ANY)
    # The court bundle for a hearing (gui/bundles); the bundle service checks the rest.
    COURT_BUNDLE = ("court_bundle", "Court bundle…", "prepare a court bundle",
                    Permission.EDIT_CASES, _ANY)
    # Not a step of the journey: who may see the family (services/family_access.py).
    RESTRICT_ACCESS = ("restrict_access", "Restrict access…",
                       "decide who may see this family", Permission.MANAGE_ACCESS, _ANY)

    key: str
    label: str
    doing: str  # finishes "You can only ..."
    permission: Permission
    stages: frozenset[Stage | None]

    def __new__(cls, key: str, label: str, doing: str, permission: Permission,
                stages: frozenset[Stage | None]) -> CaseAction:
        member = object.__new__(cls)
        member._value_ = key
        member.key = key
        member.label = label
        member.doing = doing
        member.permission = permission
        member.stages = stages
        return member

    def stage_problem(self, stage: Stage | None) -> str | None:
        """Why this cannot be recorded at ``stage`` (None: no episode yet); None if it can."""
        if stage in self.stages:
            return None
        if stage is NO_EPISODE:
            return "Record the gateway decision first."
        if self is CaseAction.GATEWAY_DECISION:
            return ("The gateway decision for this episode is already recorded. A new "
                    "decision starts a new episode once this one has ended.")
        return (f"You can only {self.doing} when the family's stage is "
                + _either(s.label.lower() for s in self.stages if s is not NO_EPISODE)
                + f". It is now: {stage.label.lower()}.")

    def problem(self, role: Role, stage: Stage | None) -> str | None:
        """Why this role cannot record this now: the role first, then the stage."""
        return role_problem(role, self.permission) or self.stage_problem(stage)


def _either(labels: Iterable[str]) -> str:
    ordered = sorted(labels)
    if len(ordered) <= 1:
        return "".join(ordered)
    return ", ".join(ordered[:-1]) + " or " + ordered[-1]
