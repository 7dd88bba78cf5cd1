"""The actions a case workspace offers on a family, whether each is possible, and running one.

What may be recorded at which stage and by which role is the domain's table
(domain/case_actions.py), which the services enforce; this module only adds what a form
needs to have something to work on (an assessment to complete, a person awaiting a
letter) and which dialog records each action.
"""

# The workspace lists case_actions(detail, actor) (as buttons or menu items, showing
# why_disabled for those it cannot do) and calls open_action(key, ...) when one is chosen;
# it reloads the family when that returns True.

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from PySide6.QtWidgets import QDialog, QWidget

from plo_tracker.domain.case_actions import CaseAction as Action
from plo_tracker.domain.permissions import family_scope_problem
from plo_tracker.services.actor import Actor
from plo_tracker.services.case_detail import FamilyDetail
from plo_tracker.services.registry import Services

from ..saved_on_change import SavedOnChange
from .access_form import AccessDialog
from .adult_form import AdultDetailsDialog
from .assessment_forms import CommissionAssessmentDialog, CompleteAssessmentDialog, open_assessments
from .child_form import ChildDetailsDialog
from .followup_form import FollowUpDialog, current_followups
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


@cache
def _write_letters_dialog_class() -> type[QDialog]:
    # The letters dialog brings the PDF preview (QtPdf) and the letter templates (Jinja2):
    # they load when letters are first written, not with every family's workspace.
    from ..letters.family_letters_dialog import FamilyLettersDialog as LettersDialog

    class _WriteLettersDialog(SavedOnChange, LettersDialog):
        """The letters dialog in the shape the actions expect: letters made or sent count
        as saved, though it closes with Close."""

        def __init__(self, services: Services, actor: Actor, detail: FamilyDetail,
                     parent: QWidget | None = None) -> None:
            super().__init__(services, actor, detail.family_id, parent)
            self.watch(self.changed)

    return _WriteLettersDialog


def _court_bundle_dialog(services: Services, actor: Actor, detail: FamilyDetail,
                         parent: QWidget | None = None) -> FormDialog:
    # Imported when chosen, as the letters are: the builder is not needed to open a family.
    from ..bundles.family_bundle_action import family_bundle_dialog

    return family_bundle_dialog(services, actor, detail, parent)


def _write_letters_dialog(services: Services, actor: Actor, detail: FamilyDetail,
                          parent: QWidget | None = None) -> FormDialog:
    return _write_letters_dialog_class()(services, actor, detail, parent)


def _chronology_dialog(services: Services, actor: Actor, detail: FamilyDetail,
                       parent: QWidget | None = None) -> FormDialog:
    from ..chronology_dialog import ChronologyDialog  # loads when first opened

    return ChronologyDialog(services, actor, detail, parent)


@dataclass(frozen=True)
class CaseAction:
    """One thing the user can record on a family; ``why_disabled`` is None when enabled."""

    key: str
    label: str
    enabled: bool
    why_disabled: str | None


# A check returns why a form would have nothing to work on, or None when it has.
_Check = Callable[[FamilyDetail], str | None]


def _letter_due(detail: FamilyDetail) -> str | None:
    if not any(a.receives_letters for a in detail.adults):
        return ("No one on the family's record receives letters: add the parents and "
                "everyone with parental responsibility.")
    if not awaiting_letter(detail):
        return "Everyone who receives letters has been sent a letter before proceedings."
    return None


def _assessment_open(detail: FamilyDetail) -> str | None:
    if not open_assessments(detail):
        return "No assessment is waiting to be completed: commission one first."
    return None


def _followup_set(detail: FamilyDetail) -> str | None:
    if not current_followups(detail):
        return "No follow-up checks are set for this step-down."
    return None


def _plan_has_items(detail: FamilyDetail) -> str | None:
    if not plan_items(detail):
        return "The plan has no items yet: add one first."
    return None


@dataclass(frozen=True)
class _ActionForm:
    action: Action
    dialog: Callable[[Services, Actor, FamilyDetail, QWidget | None], FormDialog]
    check: _Check | None = None


# In the order of the PLO journey.
_FORMS: tuple[_ActionForm, ...] = (
    _ActionForm(Action.GATEWAY_DECISION, GatewayDialog),
    _ActionForm(Action.LETTER_SENT, LetterDialog, _letter_due),
    _ActionForm(Action.SCHEDULE_MEETING, ScheduleMeetingDialog),
    _ActionForm(Action.MEETING_HELD, MeetingHeldDialog),
    _ActionForm(Action.COMMISSION_ASSESSMENT, CommissionAssessmentDialog),
    _ActionForm(Action.COMPLETE_ASSESSMENT, CompleteAssessmentDialog, _assessment_open),
    _ActionForm(Action.FGDM, FgdmDialog),
    _ActionForm(Action.EXTENSION, ExtensionDialog),
    _ActionForm(Action.OUTCOME, OutcomeDialog),
    _ActionForm(Action.COURT_APPLICATION, CourtApplicationDialog),
    _ActionForm(Action.CLOSE_PROCEEDINGS, CloseProceedingsDialog),
    _ActionForm(Action.FOLLOW_UP, FollowUpDialog, _followup_set),
    _ActionForm(Action.NOTE, NoteDialog),
    _ActionForm(Action.PLAN_ITEM, PlanItemDialog),
    _ActionForm(Action.PLAN_PROGRESS, PlanProgressDialog, _plan_has_items),
    _ActionForm(Action.HISTORY, HistoryDialog),
    _ActionForm(Action.ADULT, AdultDetailsDialog),
    _ActionForm(Action.CHILD, ChildDetailsDialog),
    _ActionForm(Action.WRITE_LETTERS, _write_letters_dialog),
    _ActionForm(Action.CHRONOLOGY, _chronology_dialog),
    _ActionForm(Action.COURT_BUNDLE, _court_bundle_dialog),
    _ActionForm(Action.RESTRICT_ACCESS, AccessDialog),
)
_BY_KEY = {form.action.key: form for form in _FORMS}
ACTION_KEYS: tuple[str, ...] = tuple(_BY_KEY)


def action_problem(action: Action, detail: FamilyDetail, actor: Actor) -> str | None:
    """Why ``actor`` cannot record ``action`` on this family now, or None when they can:
    their role, then whose family it is, then its stage, then whether there is anything
    for the form to work on."""
    episode = detail.episode
    problem = action.problem(actor.role, episode.stage if episode else None)
    if problem:
        return problem
    problem = family_scope_problem(actor.role, actor.user_id, actor.team,
                                   detail.social_worker_id, detail.team)
    if problem:
        return problem
    check = _BY_KEY[action.key].check
    return check(detail) if check else None


def case_actions(detail: FamilyDetail, actor: Actor) -> list[CaseAction]:
    """Every action on a family, in the order of the PLO journey, each enabled or not.

    An action is disabled when the actor's role does not allow it, the family is another
    team's, its stage does not allow it, or there is nothing for it to work on;
    ``why_disabled`` says which, in words to show the user.
    """
    actions = []
    for form in _FORMS:
        why = action_problem(form.action, detail, actor)
        actions.append(CaseAction(form.action.key, form.action.label, why is None, why))
    return actions


def build_dialog(key: str, parent: QWidget | None, services: Services, actor: Actor,
                 detail: FamilyDetail) -> FormDialog:
    """The dialog for one action, not yet shown.

    Raises:
        KeyError: for a key that is not one of ``ACTION_KEYS``.
    """
    return _BY_KEY[key].dialog(services, actor, detail, parent)


def open_action(key: str, parent: QWidget, services: Services, actor: Actor,
                detail: FamilyDetail, prepare: Callable[[QDialog], None] | None = None) -> bool:
    """Run one action's dialog modally; True if something was saved.

    The dialog saves through the services with ``detail.version``, so a change made
    elsewhere meanwhile is refused there and the user can reload without retyping.
    ``prepare`` sets the dialog up before it shows (e.g. on one meeting).
    """
    dialog = build_dialog(key, parent, services, actor, detail)
    if prepare is not None:
        prepare(dialog)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None
    finally:
        dialog.deleteLater()
