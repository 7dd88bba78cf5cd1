"""What every part of the panel's service shares: finding a meeting or an agenda item the
reader may see, refusing changes to a meeting already held, and reading a meeting's view."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from plo_tracker.domain.date_text import medium_date
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.panel import (
    AgendaReason,
    PanelDecision,
    PanelRole,
    decisions_for,
    quorum,
)
from plo_tracker.domain.vocabulary import StepDownPlan
from plo_tracker.storage.models import (
    Episode,
    Extension,
    Family,
    FamilyListRow,
    PanelAction,
    PanelItem,
    PanelMeeting,
    PanelMember,
    User,
)

from .actor import Actor
from .caseload import CaseloadService, FamilySummary
from .context import ServiceContext
from .errors import NotFound
from .family_access import visible
from .panel_views import (
    AgendaItemView,
    PanelActionView,
    PanelMeetingView,
    PanelMemberView,
)

NO_SUCH_MEETING = "That panel meeting no longer exists. Refresh the list."
NO_SUCH_ITEM = "That family is no longer on the agenda. Refresh the meeting."
HELD = "held"


class PanelBase:
    """Shared by the panel service's parts (each a mixin of services/panel.PanelService)."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    # -- finding rows, inside a unit of work ---------------------------------------------
    @staticmethod
    def _meeting_row(session: Session, meeting_id: int) -> PanelMeeting:
        meeting = session.get(PanelMeeting, meeting_id)
        if meeting is None:
            raise NotFound(NO_SUCH_MEETING)
        return meeting

    @staticmethod
    def _planned(meeting: PanelMeeting, doing: str) -> None:
        """Refuse to change a meeting the chair has closed: its record is what happened."""
        if meeting.status == HELD:
            raise ValidationFailed({"meeting": (
                f"This meeting was closed as held on {medium_date(meeting.meeting_date)}, so "
                f"you cannot {doing}. Plan a new meeting instead.")})

    @staticmethod
    def _item_row(session: Session, actor: Actor, item_id: int) -> PanelItem:
        """An agenda item of a family the actor may see (else as if it did not exist)."""
        item = session.scalar(select(PanelItem).where(
            PanelItem.id == item_id, visible(PanelItem.family_id, actor)))
        if item is None:
            raise NotFound(NO_SUCH_ITEM)
        return item

    # -- views -----------------------------------------------------------------------------
    def _family_lines(self, actor: Actor, family_ids: Iterable[int],
                      on: date) -> dict[int, FamilySummary]:
        """The families' lines of the families list as of ``on`` (children, week, stage)."""
        ids = sorted(set(family_ids))
        if not ids:
            return {}
        lines = CaseloadService(self._ctx).families(actor, on=on, family_ids=ids)
        return {line.family_id: line for line in lines}

    def _meeting_view(self, actor: Actor, meeting_id: int) -> PanelMeetingView:
        with self._ctx.database.reading() as conn:
            meeting = conn.execute(select(
                PanelMeeting.meeting_date, PanelMeeting.start_time, PanelMeeting.place,
                PanelMeeting.status, PanelMeeting.quorate,
            ).where(PanelMeeting.id == meeting_id)).one_or_none()
            if meeting is None:
                raise NotFound(NO_SUCH_MEETING)
            members = tuple(
                PanelMemberView(member_id, user_id, name, PanelRole(role), attended)
                for member_id, user_id, name, role, attended in conn.execute(
                    select(PanelMember.id, PanelMember.user_id, PanelMember.name,
                           PanelMember.panel_role, PanelMember.attended)
                    .where(PanelMember.meeting_id == meeting_id).order_by(PanelMember.id)))
            rows = conn.execute(_ITEM_COLUMNS.where(
                PanelItem.meeting_id == meeting_id,
                visible(PanelItem.family_id, actor)).order_by(PanelItem.position, PanelItem.id)
            ).all()
            rules = self._ctx.settings(conn).panel
            actions = _actions_by_item(conn, [row.id for row in rows])
            details = _decision_details(conn, rows)
        lines = self._family_lines(actor, (row.family_id for row in rows), meeting.meeting_date)
        items = tuple(_item_view(row, number, lines.get(row.family_id),
                                 actions.get(row.id, ()), details.get(row.id, ""))
                      for number, row in enumerate(rows, start=1))
        if any(m.attended is None for m in members) or not members:
            text = "Attendance not recorded yet"
        else:
            quorate, text = quorum((m.panel_role for m in members if m.attended), rules)
            if meeting.quorate is not None and quorate != meeting.quorate:
                # The setting changed since: what the meeting was stays as it was recorded.
                text = ("Quorate" if meeting.quorate else "Not quorate") + (
                    " (by the quorum setting when attendance was recorded)")
        return PanelMeetingView(meeting_id, meeting.meeting_date, meeting.start_time,
                                meeting.place or "", meeting.status, meeting.quorate, text,
                                members, items)

    def _item_view(self, actor: Actor, item_id: int) -> AgendaItemView:
        with self._ctx.database.reading() as conn:
            meeting_id = conn.execute(select(PanelItem.meeting_id).where(
                PanelItem.id == item_id, visible(PanelItem.family_id, actor))).scalar()
        if meeting_id is None:
            raise NotFound(NO_SUCH_ITEM)
        view = self._meeting_view(actor, meeting_id)
        return next(item for item in view.items if item.item_id == item_id)


_ITEM_COLUMNS = (
    select(PanelItem.id, PanelItem.meeting_id, PanelItem.family_id, PanelItem.episode_id,
           PanelItem.reason, PanelItem.recommendation, PanelItem.decision, PanelItem.reasons,
           PanelItem.next_review_date, PanelItem.quorate, PanelItem.decided_at,
           PanelItem.decided_by, Family.plo_family_id, Family.version)
    .join(Family, Family.id == PanelItem.family_id))


def action_columns():
    """The columns a PanelActionView is made from (with ``action_view``)."""
    return (select(PanelAction.id, PanelAction.family_id, Family.plo_family_id,
                   PanelAction.text, PanelAction.owner_id, User.display_name,
                   PanelAction.due_date, PanelAction.done_on, PanelAction.panel_item_id,
                   PanelMeeting.meeting_date, FamilyListRow.surname)
            .join(Family, Family.id == PanelAction.family_id)
            .outerjoin(FamilyListRow, FamilyListRow.family_id == PanelAction.family_id)
            .join(User, User.id == PanelAction.owner_id)
            .outerjoin(PanelItem, PanelItem.id == PanelAction.panel_item_id)
            .outerjoin(PanelMeeting, PanelMeeting.id == PanelItem.meeting_id))


def action_view(row) -> PanelActionView:
    (action_id, family_id, plo_family_id, text, owner_id, owner_name, due, done,
     item_id, meeting_date, surname) = row
    return PanelActionView(action_id, family_id, plo_family_id,
                           f"{plo_family_id} {surname or ''}".strip(), text, owner_id, owner_name,
                           due, done, item_id, meeting_date)


def _actions_by_item(conn: Connection, item_ids: list[int]) -> dict[int, tuple]:
    if not item_ids:
        return {}
    found: dict[int, list[PanelActionView]] = {}
    for row in conn.execute(action_columns().where(PanelAction.panel_item_id.in_(item_ids))
                            .order_by(PanelAction.due_date, PanelAction.id)):
        found.setdefault(row.panel_item_id, []).append(action_view(row))
    return {item_id: tuple(views) for item_id, views in found.items()}


def _decision_details(conn: Connection, rows) -> dict[int, str]:
    """Each decided item's decision in words, with what it recorded (the extension's new end
    date, the plan stepped down to)."""
    details = {}
    for row in rows:
        if row.decision is None:
            continue
        decision = PanelDecision(row.decision)
        words = decision.label
        if decision is PanelDecision.EXTEND and row.episode_id:
            end = conn.execute(select(Extension.new_end_date).where(
                Extension.episode_id == row.episode_id).order_by(Extension.id.desc())
                .limit(1)).scalar()
            if end:
                words += f" to {medium_date(end)}"
        elif decision is PanelDecision.STEP_DOWN and row.episode_id:
            plan = conn.execute(select(Episode.step_down_plan).where(
                Episode.id == row.episode_id)).scalar()
            if plan:
                words += f" to a {StepDownPlan(plan).label.lower()}"
        details[row.id] = words
    return details


def _item_view(row, number: int, line: FamilySummary | None, actions: tuple,
               decision_text: str) -> AgendaItemView:
    surname = line.surname if line else ""
    stage = line.stage if line else None
    decision = PanelDecision(row.decision) if row.decision else None
    return AgendaItemView(
        item_id=row.id, meeting_id=row.meeting_id, family_id=row.family_id,
        plo_family_id=row.plo_family_id, family_text=f"{row.plo_family_id} {surname}".strip(),
        worker_name=line.social_worker if line else "Not allocated", stage=stage,
        week=line.week.week if line and line.week else None,
        reason=AgendaReason(row.reason), recommendation=row.recommendation,
        decision=decision, reasons=row.reasons, next_review_date=row.next_review_date,
        quorate=row.quorate, actions=actions,
        options=() if decision else decisions_for(stage), position=number,
        children_text=line.children_text if line else "",
        week_text=line.week.text() if line and line.week else "",
        family_version=row.version, decided_by=row.decided_by, decision_text=decision_text)

