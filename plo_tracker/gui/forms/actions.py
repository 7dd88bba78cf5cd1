"""The actions a case workspace offers on a family, whether each is possible, and running one."""

# The workspace lists case_actions(detail, actor) (as buttons or menu items, showing
# why_disabled for those it cannot do) and calls open_action(key, ...) when one is chosen;
# it reloads the family when that returns True.

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QWidget

from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.stages import Stage
from plo_tracker.services.actor import Actor
from plo_tracker.services.case_detail import FamilyDetail
from plo_tracker.services.permissions import Permission, allows
from plo_tracker.services.registry import Services

from ..letters.family_letters_dialog import FamilyLettersDialog as LettersDialog
from .adult_form import AdultDetailsDialog
from .assessment_forms import CommissionAssessmentDialog, CompleteAssessmentDialog, open_assessments
from .form_dialog import FormDialog
from .gateway_form import GatewayDialog
from .letter_form import LetterDialog, awaiting_letter
from .meeting_forms import FgdmDialog, MeetingHeldDialog, ScheduleMeetingDialog
from .note_form import HistoryDialog, NoteDialog
from .outcome_forms import (
    CloseProceedingsDialog,
    CourtApplicationDialog,
    ExtensionDialog,
    OutcomeDialog,
)
from .plan_forms import PlanItemDialog, PlanProgressDialog, plan_items

GATEWAY = "gateway"
LETTER = "letter"
SCHEDULE_MEETING = "schedule_meeting"
MEETING_HELD = "meeting_held"
COMMISSION_ASSESSMENT = "commission_assessment"
COMPLETE_ASSESSMENT = "complete_assessment"
FGDM = "fgdm"
EXTENSION = "extension"
OUTCOME = "outcome"
COURT_APPLICATION = "court_application"
CLOSE_PROCEEDINGS = "close_proceedings"
NOTE = "note"
PLAN_ITEM = "plan_item"
PLAN_PROGRESS = "plan_progress"
HISTORY = "history"
WRITE_LETTERS = "write_letters"
ADULT = "adult"


class _WriteLettersDialog(LettersDialog):
    """The letters dialog in the shape the actions expect: ``saved`` once anything is kept."""

    def __init__(self, services: Services, actor: Actor, detail: FamilyDetail,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, detail.family_id, parent)
        self.saved: bool | None = None
        self.changed.connect(self._mark_saved)

    def _mark_saved(self) -> None:
        self.saved = True

    def exec(self) -> int:
        # It closes with Close, not Save: letters made or sent count as saved all the same.
        super().exec()
        return QDialog.DialogCode.Accepted if self.saved else QDialog.DialogCode.Rejected


@dataclass(frozen=True)
class CaseAction:
    """One thing the user can record on a family; ``why_disabled`` is None when enabled."""

    key: str
    label: str
    enabled: bool
    why_disabled: str | None


# A check returns why the action cannot be done on the family now, or None when it can.
_Check = Callable[[FamilyDetail], str | None]


@dataclass(frozen=True)
class _Spec:
    key: str
    label: str
    dialog: type[FormDialog]
    permissions: tuple[Permission, ...]
    check: _Check


def _stage(doing: str, *stages: Stage) -> _Check:
    """The family must be in one of ``stages``; the reason names where it is instead."""
    def check(detail: FamilyDetail) -> str | None:
        episode = detail.episode
        if episode is None:
            return "Record the gateway decision first."
        if episode.stage in stages:
            return None
        return (f"You can only {doing} when the family's stage is "
                + " or ".join(s.label.lower() for s in stages)
                + f". It is now: {episode.stage.label.lower()}.")
    return check


def _both(first: _Check, second: _Check) -> _Check:
    return lambda detail: first(detail) or second(detail)


def _gateway(detail: FamilyDetail) -> str | None:
    episode = detail.episode
    if episode is None or episode.stage is Stage.AWAITING_GATEWAY or not episode.stage.is_open:
        return None
    decided = (f": {episode.gateway_decision.label.lower()}"
               + (f", {short_date(episode.gateway_date)}" if episode.gateway_date else "")
               if episode.gateway_decision else "")
    return f"The gateway decision for this episode is already recorded{decided}."


def _letter_due(detail: FamilyDetail) -> str | None:
    if not any(a.parental_responsibility for a in detail.adults):
        return "No one on the family's record has parental responsibility."
    if not awaiting_letter(detail):
        return ("Everyone with parental responsibility has been sent a letter before "
                "proceedings.")
    return None


def _assessment_open(detail: FamilyDetail) -> str | None:
    if detail.episode is None:
        return "Record the gateway decision first."
    if not open_assessments(detail):
        return "No assessment is waiting to be completed: commission one first."
    return None


def _plan_has_items(detail: FamilyDetail) -> str | None:
    if detail.episode is None:
        return "Record the gateway decision first."
    if not plan_items(detail):
        return "The plan has no items yet: add one first."
    return None


def _anytime(_detail: FamilyDetail) -> str | None:
    return None


_PRE = Stage.PRE_PROCEEDINGS
_EDIT = (Permission.EDIT_CASES,)
_DECIDE = (Permission.DECIDE, Permission.EDIT_CASES)

_SPECS: tuple[_Spec, ...] = (
    _Spec(GATEWAY, "Record the gateway decision", GatewayDialog,
          (Permission.EDIT_CASES, Permission.DECIDE), _gateway),
    _Spec(LETTER, "Record a letter before proceedings as sent", LetterDialog, _EDIT,
          _both(_stage("send a letter before proceedings", _PRE), _letter_due)),
    _Spec(SCHEDULE_MEETING, "Plan a meeting", ScheduleMeetingDialog, _EDIT,
          _stage("plan a meeting", _PRE, Stage.AWAITING_GATEWAY)),
    _Spec(MEETING_HELD, "Record a meeting as held", MeetingHeldDialog, _EDIT,
          _stage("record a meeting", _PRE)),
    _Spec(COMMISSION_ASSESSMENT, "Commission an assessment", CommissionAssessmentDialog, _EDIT,
          _stage("commission an assessment", _PRE, Stage.AWAITING_GATEWAY)),
    _Spec(COMPLETE_ASSESSMENT, "Record an assessment as completed", CompleteAssessmentDialog,
          _EDIT, _assessment_open),
    _Spec(FGDM, "Record the family group decision-making (FGDM) offer", FgdmDialog, _EDIT,
          _stage("record the family group decision-making offer", _PRE)),
    _Spec(EXTENSION, "Record an extension", ExtensionDialog, _DECIDE,
          _stage("extend pre-proceedings", _PRE)),
    _Spec(OUTCOME, "Record the outcome of pre-proceedings", OutcomeDialog, _DECIDE,
          _stage("record the outcome", _PRE)),
    _Spec(COURT_APPLICATION, "Record the court application", CourtApplicationDialog, _EDIT,
          _stage("record the court application", Stage.PROCEEDINGS_ISSUED)),
    _Spec(CLOSE_PROCEEDINGS, "Record care proceedings as concluded", CloseProceedingsDialog,
          _EDIT, _stage("record care proceedings as concluded", Stage.PROCEEDINGS_ISSUED)),
    _Spec(NOTE, "Add a note", NoteDialog, _EDIT, _anytime),
    _Spec(PLAN_ITEM, "Add to the plan", PlanItemDialog, _EDIT,
          _stage("change the plan", _PRE, Stage.AWAITING_GATEWAY)),
    _Spec(PLAN_PROGRESS, "Record progress against the plan", PlanProgressDialog, _EDIT,
          _both(_stage("record progress against the plan", _PRE, Stage.AWAITING_GATEWAY),
                _plan_has_items)),
    _Spec(HISTORY, "Write the short history for the letters", HistoryDialog, _EDIT,
          _stage("write the short history", Stage.AWAITING_GATEWAY, _PRE)),
    _Spec(ADULT, "Add or change a parent or other adult", AdultDetailsDialog, _EDIT, _anytime),
    _Spec(WRITE_LETTERS, "Write letters…", _WriteLettersDialog, _EDIT,
          _stage("write letters", _PRE, Stage.PROCEEDINGS_ISSUED, Stage.STEPPED_DOWN,
                 Stage.CLOSED)),
)
_BY_KEY = {spec.key: spec for spec in _SPECS}
ACTION_KEYS: tuple[str, ...] = tuple(_BY_KEY)


def _permission_problem(actor: Actor, permissions: tuple[Permission, ...]) -> str | None:
    if any(allows(actor, p) for p in permissions):
        return None
    return (f"Your role ({actor.role.label.lower()}) does not allow you to "
            f"{permissions[0].value}.")


def case_actions(detail: FamilyDetail, actor: Actor) -> list[CaseAction]:
    """Every action on a family, in the order of the PLO journey, each enabled or not.

    An action is disabled when the actor's role does not allow it or the family's stage
    (or record) does not; ``why_disabled`` says which, in words to show the user.
    """
    actions = []
    for spec in _SPECS:
        why = _permission_problem(actor, spec.permissions) or spec.check(detail)
        actions.append(CaseAction(spec.key, spec.label, why is None, why))
    return actions


def build_dialog(key: str, parent: QWidget | None, services: Services, actor: Actor,
                 detail: FamilyDetail) -> FormDialog:
    """The dialog for one action, not yet shown.

    Raises:
        KeyError: for a key that is not one of ``ACTION_KEYS``.
    """
    return _BY_KEY[key].dialog(services, actor, detail, parent)


def open_action(key: str, parent: QWidget, services: Services, actor: Actor,
                detail: FamilyDetail) -> bool:
    """Run one action's dialog modally; True if something was saved.

    The dialog saves through the services with ``detail.version``, so a change made
    elsewhere meanwhile is refused there and the user can reload without retyping.
    """
    dialog = build_dialog(key, parent, services, actor, detail)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None
    finally:
        dialog.deleteLater()

