"""A meeting's agenda: the families proposed, and the chair adding, removing and ordering
them, with the social worker's recommendation for each."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.panel import AgendaReason
from plo_tracker.domain.text_rules import TextKind, text_problems
from plo_tracker.storage.models import Episode, Family, FamilyListRow, PanelItem, PanelMeeting

from . import audit
from .actor import Actor
from .case_base import refuse_if
from .family_access import NO_SUCH_FAMILY, require_visible, visible
from .panel_base import PanelBase
from .panel_proposals import proposals
from .panel_views import AgendaItemView, ProposedFamily
from .permissions import Permission, require


class AgendaMixin(PanelBase):
    """The agenda (RUN_PANEL)."""

    def proposed_agenda(self, actor: Actor, on: date) -> tuple[ProposedFamily, ...]:
        """The families needing a decision at a meeting on ``on``, and why (families the
        reader may not see are never proposed to them)."""
        require(actor, Permission.RUN_PANEL)
        with self._ctx.database.reading() as conn:
            settings = self._ctx.settings(conn)
            return proposals(conn, on, settings.panel.near_end_weeks,
                             settings.timescales.target_weeks,
                             visible(FamilyListRow.family_id, actor))

    def add_to_agenda(self, actor: Actor, meeting_id: int, family_id: int,
                      reason: AgendaReason = AgendaReason.ADDED) -> AgendaItemView:
        """Put a family at the end of the agenda."""
        require(actor, Permission.RUN_PANEL)
        with self._ctx.database.unit_of_work() as session:
            meeting = self._meeting_row(session, meeting_id)
            self._planned(meeting, "change its agenda")
            require_visible(session, actor, family_id, NO_SUCH_FAMILY)
            if session.scalar(select(PanelItem.id).where(PanelItem.meeting_id == meeting_id,
                                                         PanelItem.family_id == family_id)):
                plo_id = session.get(Family, family_id).plo_family_id
                raise ValidationFailed({"family": (
                    f"Family {plo_id} is already on this meeting's agenda.")})
            item = _add(session, actor, meeting, family_id, reason)
            item_id = item.id
        return self._item_view(actor, item_id)

    def add_proposed(self, actor: Actor, meeting_id: int) -> int:
        """Add every family proposed for the meeting's date that is not on its agenda yet;
        returns how many were added."""
        require(actor, Permission.RUN_PANEL)
        with self._ctx.database.unit_of_work() as session:
            meeting = self._meeting_row(session, meeting_id)
            self._planned(meeting, "change its agenda")
            conn = session.connection()
            settings = self._ctx.settings(conn)
            on_it = set(session.scalars(select(PanelItem.family_id)
                                        .where(PanelItem.meeting_id == meeting_id)))
            added = 0
            for proposed in proposals(conn, meeting.meeting_date, settings.panel.near_end_weeks,
                                      settings.timescales.target_weeks,
                                      visible(FamilyListRow.family_id, actor)):
                if proposed.family_id not in on_it:
                    _add(session, actor, meeting, proposed.family_id, proposed.reason)
                    added += 1
            return added

    def remove_from_agenda(self, actor: Actor, item_id: int) -> None:
        """Take a family off the agenda (not once its decision is recorded)."""
        require(actor, Permission.RUN_PANEL)
        with self._ctx.database.unit_of_work() as session:
            item = self._item_row(session, actor, item_id)
            meeting = self._meeting_row(session, item.meeting_id)
            self._planned(meeting, "change its agenda")
            if item.decision is not None:
                raise ValidationFailed({"item": (
                    "The panel's decision on this family is recorded, so it stays on the "
                    "agenda and in the minutes.")})
            before = audit.snapshot(item)
            session.delete(item)
            session.flush()
            _renumber(session, meeting.id)
            audit.record(session, actor, AuditAction.PANEL_AGENDA_REMOVE, "panel_item",
                         item_id, item.family_id, before=before)

    def move_item(self, actor: Actor, item_id: int, position: int) -> None:
        """Move a family to ``position`` on the agenda: 1 is the first (the number
        AgendaItemView.position shows); a number past the end moves it last."""
        require(actor, Permission.RUN_PANEL)
        with self._ctx.database.unit_of_work() as session:
            item = self._item_row(session, actor, item_id)
            meeting = self._meeting_row(session, item.meeting_id)
            self._planned(meeting, "change its agenda")
            items = list(session.scalars(select(PanelItem).where(
                PanelItem.meeting_id == meeting.id).order_by(PanelItem.position, PanelItem.id)))
            before = items.index(item) + 1
            items.remove(item)
            items.insert(min(max(position, 1), len(items) + 1) - 1, item)
            for number, each in enumerate(items, start=1):
                each.position = number
            audit.record(session, actor, AuditAction.PANEL_AGENDA_MOVE, "panel_item",
                         item.id, item.family_id, before={"position": before},
                         after={"position": item.position})

    def set_recommendation(self, actor: Actor, item_id: int, text: str) -> AgendaItemView:
        """Record the social worker's recommendation to the panel for this family."""
        require(actor, Permission.RUN_PANEL)
        refuse_if(text_problems(recommendation=(text, TextKind.TEXT)))
        with self._ctx.database.unit_of_work() as session:
            item = self._item_row(session, actor, item_id)
            self._planned(self._meeting_row(session, item.meeting_id),
                          "change the recommendations")
            before = audit.snapshot(item)
            item.recommendation = text.strip() or None
            audit.record(session, actor, AuditAction.PANEL_RECOMMENDATION, "panel_item",
                         item.id, item.family_id, before=before, after=audit.snapshot(item))
        return self._item_view(actor, item_id)


def _add(session: Session, actor: Actor, meeting: PanelMeeting, family_id: int,
         reason: AgendaReason) -> PanelItem:
    last = session.scalar(select(func.max(PanelItem.position))
                          .where(PanelItem.meeting_id == meeting.id)) or 0
    episode_id = session.scalar(select(func.max(Episode.id))
                                .where(Episode.family_id == family_id))
    item = PanelItem(meeting_id=meeting.id, family_id=family_id, episode_id=episode_id,
                     position=last + 1, reason=reason.value)
    session.add(item)
    session.flush()
    audit.record(session, actor, AuditAction.PANEL_AGENDA_ADD, "panel_item", item.id,
                 family_id, after=audit.snapshot(item))
    return item


def _renumber(session: Session, meeting_id: int) -> None:
    items = session.scalars(select(PanelItem).where(PanelItem.meeting_id == meeting_id)
                            .order_by(PanelItem.position, PanelItem.id))
    for number, item in enumerate(items, start=1):
        item.position = number
