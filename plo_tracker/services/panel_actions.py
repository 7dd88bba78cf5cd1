"""The actions the panel set: listing them (a person's own open ones are in their My work)
and marking one done."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.date_rules import not_in_future
from plo_tracker.domain.date_text import medium_date
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.storage.models import PanelAction, PanelItem, PanelMeeting

from . import audit
from .actor import Actor
from .case_base import refuse_if
from .errors import NotFound, PermissionDenied
from .family_access import visible
from .panel_base import PanelBase, action_columns, action_view
from .panel_views import PanelActionView
from .permissions import Permission, allows, require

NO_SUCH_ACTION = "That action no longer exists. Refresh the list."
_OTHERS = ("Only the gateway panel, team managers and administrators see other people's "
           "actions from the panel.")


class ActionsMixin(PanelBase):
    """Actions: anyone sees and completes their own; the panel's roles everyone's."""

    def actions(self, actor: Actor, owner_id: int | None = None,
                open_only: bool = True) -> tuple[PanelActionView, ...]:
        """The panel's actions, earliest due first: ``owner_id``'s, or everyone's (None).

        Someone who does not run the panel sees only their own: asking for everyone's gives
        theirs, asking for someone else's is refused.
        """
        require(actor, Permission.VIEW_CASES)
        if not allows(actor, Permission.RUN_PANEL):
            if owner_id is not None and owner_id != actor.user_id:
                raise PermissionDenied(_OTHERS)
            owner_id = actor.user_id
        query = action_columns().where(visible(PanelAction.family_id, actor))
        if owner_id is not None:
            query = query.where(PanelAction.owner_id == owner_id)
        if open_only:
            query = query.where(PanelAction.done_on.is_(None))
        with self._ctx.database.reading() as conn:
            return tuple(action_view(row) for row in conn.execute(
                query.order_by(PanelAction.due_date, PanelAction.id)))

    def complete_action(self, actor: Actor, action_id: int, done_on: date) -> PanelActionView:
        """Mark an action done on a date: its owner may, whatever their role; anyone else
        needs to run the panel (RUN_PANEL)."""
        require(actor, Permission.VIEW_CASES)
        refuse_if(not_in_future("done_on", "The date done", done_on, self._ctx.clock.today()))
        with self._ctx.database.unit_of_work() as session:
            action = session.scalar(select(PanelAction).where(
                PanelAction.id == action_id, visible(PanelAction.family_id, actor)))
            if action is None:
                raise NotFound(NO_SUCH_ACTION)
            if action.owner_id != actor.user_id:
                require(actor, Permission.RUN_PANEL)  # someone else's: the panel's roles
            if action.done_on is not None:
                raise ValidationFailed({"done_on": (
                    f"This action is already marked done, on {medium_date(action.done_on)}.")})
            # Set at a meeting: not done before that day (its record may be typed up later).
            set_on = session.scalar(select(PanelMeeting.meeting_date).join(
                PanelItem, PanelItem.meeting_id == PanelMeeting.id).where(
                PanelItem.id == action.panel_item_id)) or action.created_at.date()
            if done_on < set_on:
                raise ValidationFailed({"done_on": (
                    "An action cannot be done before the panel set it, on "
                    f"{medium_date(set_on)}.")})
            before = audit.snapshot(action)
            action.done_on = done_on
            action.done_by = actor.username
            audit.record(session, actor, AuditAction.PANEL_ACTION_DONE, "panel_action",
                         action.id, action.family_id, before=before,
                         after=audit.snapshot(action))
        with self._ctx.database.reading() as conn:
            return action_view(conn.execute(
                action_columns().where(PanelAction.id == action_id)).one())
