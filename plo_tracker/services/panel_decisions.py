"""Recording the panel's decision on one family.

A decision that changes the episode (a gateway decision, an extension, an outcome) goes
through MilestoneService's own method, so the same rules apply as everywhere else; the
panel's record (the agenda item, its actions, the next review date) is written by a hook
inside that same transaction. A refused decision leaves nothing half-written: not the
milestone, not the panel's record, not an action.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.case_actions import CaseAction
from plo_tracker.domain.date_rules import in_calendar
from plo_tracker.domain.date_text import medium_date
from plo_tracker.domain.errors import IllegalTransition, ValidationFailed
from plo_tracker.domain.panel import PanelDecision, decision_problem
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.text_rules import TextKind, text_problems
from plo_tracker.storage.models import Family, PanelAction, PanelItem, PanelMeeting, User

from . import audit
from .actor import Actor
from .case_base import Change, Saved, episode_stage, load_family, refuse_if, touch
from .errors import NotFound
from .family_access import visible
from .milestones import MilestoneService
from .panel_base import NO_SUCH_ITEM, PanelBase
from .panel_views import AgendaItemView, PanelDecisionForm
from .permissions import Permission, require, require_family_scope

# The milestone's own field names, as the decision form calls them.
_FIELDS = {"new_end_date": "extension_end", "reason": "reasons",
           "step_down_plan": "step_down_plan"}

_OWN = ("actions.", "next_review_date", "reasons", "extension_end", "step_down_plan",
        "attendance", "meeting", "decision")

Hook = Callable[[Session, Family], None]


class _DecisionWriter(MilestoneService):
    """MilestoneService whose change also writes the panel's record, in its transaction."""

    def __init__(self, context, hook: Hook) -> None:
        super().__init__(context)
        self._hook = hook

    def _change(self, actor: Actor, family_id: int, expected_version: int | None,
                action: CaseAction, audit_action: AuditAction,
                apply: Callable[[Session, Family], Change]) -> Saved:
        def both(session: Session, family: Family) -> Change:
            change = apply(session, family)
            session.flush()  # a new episode gets its id before the panel's record names it
            self._hook(session, family)
            return change

        return super()._change(actor, family_id, expected_version, action, audit_action, both)


class DecisionsMixin(PanelBase):
    """Decisions (RUN_PANEL and DECIDE)."""

    def record_decision(self, actor: Actor, item_id: int,
                        form: PanelDecisionForm) -> AgendaItemView:
        """Record the panel's decision on the family of an agenda item, with its reasons,
        actions (each with an owner and a date) and the next review date.

        The episode changes through MilestoneService's rules (gateway decision, extension,
        outcome); staying in pre-proceedings or deferring changes only the panel's record
        and the review date. A decision at a meeting that was not quorate is recorded, and
        marked so for ever.

        Raises:
            PermissionDenied: the role may not run the panel or record decisions.
            ValidationFailed: keyed by the form's fields (see PanelDecisionForm).
            NotFound, ConflictingEdit: as for any change to a family.
        """
        require(actor, Permission.RUN_PANEL)
        require(actor, Permission.DECIDE)
        _refuse_form(form)
        with self._ctx.database.reading() as conn:
            row = conn.execute(select(PanelItem.family_id, PanelMeeting.meeting_date)
                               .join(PanelMeeting, PanelMeeting.id == PanelItem.meeting_id)
                               .where(PanelItem.id == item_id,
                                      visible(PanelItem.family_id, actor))).one_or_none()
        if row is None:
            raise NotFound(NO_SUCH_ITEM)
        family_id, day = row
        if day > self._ctx.clock.today():
            raise ValidationFailed({"decision": (
                "Decisions are recorded on or after the day of the meeting, "
                f"{medium_date(day)}.")})
        problems = {}
        if form.next_review_date is not None and form.next_review_date <= day:
            problems["next_review_date"] = "The next review must be after the meeting."
        for number, action in enumerate(form.actions):
            if action.due_date is not None and action.due_date < day:
                problems[f"actions.{number}.due_date"] = (
                    f"Action {number + 1}: the date must be on or after the meeting, "
                    f"{medium_date(day)}.")
        refuse_if(problems)

        def hook(session: Session, family: Family) -> None:
            self._write_record(session, actor, item_id, family, form)

        decision = form.decision
        try:
            if decision.gateway_decision is not None:
                _DecisionWriter(self._ctx, hook).record_gateway_decision(
                    actor, family_id, decision.gateway_decision, day, form.expected_version)
            elif decision is PanelDecision.EXTEND:
                _DecisionWriter(self._ctx, hook).record_extension(
                    actor, family_id, day, form.extension_end, form.reasons, actor.user_id,
                    form.expected_version)
            elif decision.outcome is not None:
                _DecisionWriter(self._ctx, hook).record_outcome(
                    actor, family_id, decision.outcome, day, form.step_down_plan,
                    form.expected_version)
            else:
                self._record_without_milestone(actor, family_id, form, hook)
        except ValidationFailed as refused:
            raise ValidationFailed({_form_field(key): message
                                    for key, message in refused.problems.items()}) from None
        except IllegalTransition as refused:
            raise ValidationFailed({"decision": refused.message}) from None
        return self._item_view(actor, item_id)

    def _record_without_milestone(self, actor: Actor, family_id: int, form: PanelDecisionForm,
                                  hook: Hook) -> None:
        """Stay in pre-proceedings or defer: the family's checks and version as any change."""
        with self._ctx.database.unit_of_work() as session:
            family = load_family(session, actor, family_id, form.expected_version)
            require_family_scope(actor, family.social_worker_id, family.team)
            hook(session, family)
            touch(family)

    def _write_record(self, session: Session, actor: Actor, item_id: int, family: Family,
                      form: PanelDecisionForm) -> None:
        item = self._item_row(session, actor, item_id)
        meeting = self._meeting_row(session, item.meeting_id)
        self._planned(meeting, "record decisions at it")
        if item.decision is not None:
            raise ValidationFailed({"decision": (
                "The panel's decision on this family at this meeting is already recorded.")})
        if meeting.quorate is None:
            raise ValidationFailed({"attendance": (
                "Record who attended first, so the record says whether the meeting was "
                "quorate.")})
        if form.decision.gateway_decision is None and form.decision.outcome is None and (
                form.decision is not PanelDecision.EXTEND):
            # The milestones check their own stage; these two are checked here.
            problem = decision_problem(form.decision, episode_stage(family))
            if problem:
                raise ValidationFailed({"decision": problem})
        _refuse_inactive_owners(session, form)
        before = audit.snapshot(item)
        episode = family.episodes[-1] if family.episodes else None
        item.episode_id = episode.id if episode else item.episode_id
        item.decision = form.decision.value
        item.reasons = form.reasons.strip()
        item.next_review_date = form.next_review_date
        item.quorate = meeting.quorate
        item.decided_by = actor.username
        item.decided_at = self._ctx.clock.now()
        if form.next_review_date is not None and episode is not None and Stage(
                episode.stage).is_open:
            episode.panel_review_date = form.next_review_date
        session.flush()
        audit.record(session, actor, AuditAction.PANEL_DECISION if meeting.quorate
                     else AuditAction.PANEL_DECISION_NOT_QUORATE, "panel_item", item.id,
                     family.id, before=before, after=audit.snapshot(item))
        for action in form.actions:
            row = PanelAction(family_id=family.id, episode_id=item.episode_id,
                              panel_item_id=item.id, text=action.text.strip(),
                              owner_id=action.owner_id, due_date=action.due_date,
                              created_by=actor.username, created_at=self._ctx.clock.now())
            session.add(row)
            session.flush()
            audit.record(session, actor, AuditAction.PANEL_ACTION_ADD, "panel_action", row.id,
                         family.id, after=audit.snapshot(row))


def _form_field(key: str) -> str:
    """The decision form's field a refusal concerns; the decision itself for the milestone's
    dates (they are the meeting's) and its stage."""
    key = _FIELDS.get(key, key)
    return key if key.startswith(_OWN) else "decision"


def _refuse_form(form: PanelDecisionForm) -> None:
    problems: dict[str, str] = {}
    if not isinstance(form.decision, PanelDecision):
        problems["decision"] = "Choose the panel's decision."
    if not form.reasons.strip():
        problems["reasons"] = "Give the panel's reasons for its decision."
    problems |= text_problems(reasons=(form.reasons, TextKind.REASON))
    if form.decision is PanelDecision.EXTEND and form.extension_end is None:
        problems["extension_end"] = "Give the new end date of pre-proceedings."
    if form.decision is PanelDecision.STEP_DOWN and form.step_down_plan is None:
        problems["step_down_plan"] = "Choose the plan the family steps down to."
    if form.decision is PanelDecision.STAY and form.next_review_date is None:
        problems["next_review_date"] = "Give the date the panel next reviews the family."
    problems |= in_calendar("next_review_date", form.next_review_date)
    for number, action in enumerate(form.actions):
        key, said = f"actions.{number}", f"Action {number + 1}"
        if not action.text.strip():
            problems[f"{key}.text"] = f"{said}: say what is to be done."
        problems |= {f"{key}.text": f"{said}: {message}" for message in text_problems(
            text=(action.text, TextKind.TEXT)).values()}
        if action.owner_id is None:
            problems[f"{key}.owner_id"] = f"{said}: choose who will do it."
        if action.due_date is None:
            problems[f"{key}.due_date"] = f"{said}: give the date it is to be done by."
        else:
            problems |= in_calendar(f"{key}.due_date", action.due_date)
    refuse_if(problems)


def _refuse_inactive_owners(session: Session, form: PanelDecisionForm) -> None:
    """Every action's owner must have an active account: someone who will see it."""
    ids = {a.owner_id for a in form.actions}
    active = set(session.scalars(select(User.id).where(User.id.in_(ids),
                                                       User.active.is_(True)))) if ids else set()
    for number, action in enumerate(form.actions):
        if action.owner_id not in active:
            raise ValidationFailed({f"actions.{number}.owner_id": (
                f"Action {number + 1}: choose an owner from the active accounts.")})

