"""Panel meetings: planning one (date, time, place, members), listing them, recording who
attended (and so whether the meeting was quorate), and closing it as held."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.date_rules import in_calendar
from plo_tracker.domain.date_text import medium_date
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.panel import PanelRole, quorum
from plo_tracker.domain.text_rules import TextKind, text_problems
from plo_tracker.storage.models import PanelItem, PanelMeeting, PanelMember, User

from . import audit
from .actor import Actor
from .case_base import refuse_if
from .family_access import visible
from .panel_base import HELD, PanelBase
from .panel_views import PanelMeetingForm, PanelMeetingSummary, PanelMeetingView
from .permissions import Permission, require


def _meeting_audit(meeting: PanelMeeting) -> dict[str, Any]:
    values = audit.snapshot(meeting)
    values["members"] = [(m.name, m.panel_role, m.attended) for m in meeting.members]
    return values


class MeetingsMixin(PanelBase):
    """Meetings and attendance (RUN_PANEL)."""

    def meetings(self, actor: Actor) -> tuple[PanelMeetingSummary, ...]:
        """Every panel meeting, newest first, with how many families each has on its agenda
        (those the reader may see) and how many are decided."""
        require(actor, Permission.RUN_PANEL)
        counts = (select(PanelItem.meeting_id, func.count(PanelItem.id).label("families"),
                         func.sum(case((PanelItem.decision.is_not(None), 1), else_=0))
                         .label("decided"))
                  .where(visible(PanelItem.family_id, actor))
                  .group_by(PanelItem.meeting_id).subquery())
        query = (select(PanelMeeting.id, PanelMeeting.meeting_date, PanelMeeting.start_time,
                        PanelMeeting.place, PanelMeeting.status, PanelMeeting.quorate,
                        counts.c.families, counts.c.decided)
                 .outerjoin(counts, counts.c.meeting_id == PanelMeeting.id)
                 .order_by(PanelMeeting.meeting_date.desc(), PanelMeeting.id.desc()))
        with self._ctx.database.reading() as conn:
            return tuple(PanelMeetingSummary(mid, day, start, place or "", status, quorate,
                                             families or 0, int(decided or 0))
                         for mid, day, start, place, status, quorate, families, decided
                         in conn.execute(query))

    def meeting(self, actor: Actor, meeting_id: int) -> PanelMeetingView:
        """One meeting with its members and agenda (families the reader may see)."""
        require(actor, Permission.RUN_PANEL)
        return self._meeting_view(actor, meeting_id)

    def create_meeting(self, actor: Actor, form: PanelMeetingForm) -> PanelMeetingView:
        """Plan a meeting: its date, time, place and the members invited."""
        require(actor, Permission.RUN_PANEL)
        _refuse_form(form)
        with self._ctx.database.unit_of_work() as session:
            meeting = PanelMeeting(meeting_date=form.meeting_date, start_time=form.start_time,
                                   place=form.place.strip() or None, status="planned",
                                   created_by=actor.username, created_at=self._ctx.clock.now())
            meeting.members = _members(session, form)
            session.add(meeting)
            session.flush()
            audit.record(session, actor, AuditAction.PANEL_MEETING_CREATE, "panel_meeting",
                         meeting.id, None, after=_meeting_audit(meeting))
            meeting_id = meeting.id
        return self._meeting_view(actor, meeting_id)

    def update_meeting(self, actor: Actor, meeting_id: int,
                       form: PanelMeetingForm) -> PanelMeetingView:
        """Change a planned meeting's date, time, place or members; a member kept (the same
        account, or the same name without one) keeps their attendance."""
        require(actor, Permission.RUN_PANEL)
        _refuse_form(form)
        with self._ctx.database.unit_of_work() as session:
            meeting = self._meeting_row(session, meeting_id)
            self._planned(meeting, "change it")
            before = _meeting_audit(meeting)
            kept = {_member_key(m.user_id, m.name): m for m in meeting.members}
            members = []
            for new in _members(session, form):
                old = kept.get(_member_key(new.user_id, new.name))
                if old is not None:
                    old.name, old.panel_role = new.name, new.panel_role
                    new = old
                members.append(new)
            meeting.members = members
            meeting.meeting_date = form.meeting_date
            meeting.start_time = form.start_time
            meeting.place = form.place.strip() or None
            meeting.quorate = _quorate(session, self._ctx, meeting)
            session.flush()
            audit.record(session, actor, AuditAction.PANEL_MEETING_UPDATE, "panel_meeting",
                         meeting.id, None, before=before, after=_meeting_audit(meeting))
        return self._meeting_view(actor, meeting_id)

    def record_attendance(self, actor: Actor, meeting_id: int,
                          attended: Mapping[int, bool]) -> PanelMeetingView:
        """Record whether each member (by member id) attended; members not named keep what
        was recorded. Once every member is marked, the meeting's quorum is worked out from
        the setting and kept with it (a later change of the setting does not rewrite it)."""
        require(actor, Permission.RUN_PANEL)
        with self._ctx.database.unit_of_work() as session:
            meeting = self._meeting_row(session, meeting_id)
            self._planned(meeting, "change who attended")
            if meeting.meeting_date > self._ctx.clock.today():
                raise ValidationFailed({"attendance": (
                    "Attendance is recorded on or after the day of the meeting, "
                    f"{medium_date(meeting.meeting_date)}.")})
            members = {m.id: m for m in meeting.members}
            unknown = set(attended) - set(members)
            if unknown:
                raise ValidationFailed({"attendance": (
                    "Someone marked is not a member of this meeting. Refresh the meeting.")})
            before = _meeting_audit(meeting)
            for member_id, present in attended.items():
                members[member_id].attended = bool(present)
            meeting.quorate = _quorate(session, self._ctx, meeting)
            session.flush()
            audit.record(session, actor, AuditAction.PANEL_ATTENDANCE, "panel_meeting",
                         meeting.id, None, before=before, after=_meeting_audit(meeting))
        return self._meeting_view(actor, meeting_id)

    def close_meeting(self, actor: Actor, meeting_id: int) -> PanelMeetingView:
        """Close the meeting as held, once attendance is recorded and each family on the
        agenda has a decision (deferring is one)."""
        require(actor, Permission.RUN_PANEL)
        with self._ctx.database.unit_of_work() as session:
            meeting = self._meeting_row(session, meeting_id)
            self._planned(meeting, "close it again")
            if meeting.quorate is None:
                raise ValidationFailed({"attendance": (
                    "Record who attended first: the minutes say whether the meeting was "
                    "quorate.")})
            undecided = sum(1 for item in meeting.items if item.decision is None)
            if undecided:
                raise ValidationFailed({"items": (
                    f"{undecided} {'family has' if undecided == 1 else 'families have'} no "
                    "decision yet. Record one for each family (or defer it to the next "
                    "meeting), or take it off the agenda.")})
            before = audit.snapshot(meeting)
            meeting.status = HELD
            meeting.closed_by = actor.username
            meeting.closed_at = self._ctx.clock.now()
            audit.record(session, actor, AuditAction.PANEL_MEETING_CLOSE, "panel_meeting",
                         meeting.id, None, before=before, after=audit.snapshot(meeting))
        return self._meeting_view(actor, meeting_id)


def _refuse_form(form: PanelMeetingForm) -> None:
    problems = in_calendar("meeting_date", form.meeting_date)
    problems |= text_problems(place=(form.place, TextKind.PLACE))
    for number, member in enumerate(form.members):
        if member.user_id is None and not member.name.strip():
            problems[f"members.{number}.name"] = (
                f"Member {number + 1}: choose an account or type the member's name.")
        problems |= text_problems(**{f"members.{number}.name": (member.name,
                                                                 TextKind.FULL_NAME)})
        if not isinstance(member.panel_role, PanelRole):
            problems[f"members.{number}.panel_role"] = (
                f"Member {number + 1}: choose their role on the panel.")
    keys = [_member_key(m.user_id, m.name) for m in form.members]
    if len(set(keys)) != len(keys):
        problems["members"] = "Someone is listed twice: list each member once."
    refuse_if(problems)


def _member_key(user_id: int | None, name: str) -> tuple[int | None, str]:
    return (user_id, "") if user_id is not None else (None, name.strip().casefold())


def _members(session: Session, form: PanelMeetingForm) -> list[PanelMember]:
    """New member rows from the form; an account must be an active one."""
    ids = {m.user_id for m in form.members if m.user_id is not None}
    users = {u.id: u for u in session.scalars(
        select(User).where(User.id.in_(ids), User.active.is_(True)))} if ids else {}
    members = []
    for number, member in enumerate(form.members):
        name = member.name.strip()
        if member.user_id is not None:
            user = users.get(member.user_id)
            if user is None:
                raise ValidationFailed({f"members.{number}.user_id": (
                    f"Member {number + 1}: choose an active account, or type the name of "
                    "someone without one.")})
            name = name or user.display_name
        members.append(PanelMember(user_id=member.user_id, name=name,
                                   panel_role=member.panel_role.value))
    return members


def _quorate(session: Session, context, meeting: PanelMeeting) -> bool | None:
    """Whether those who attended make a quorum; None until everyone is marked."""
    session.flush()
    if not meeting.members or any(m.attended is None for m in meeting.members):
        return None
    rules = context.settings(session.connection()).panel
    return quorum((PanelRole(m.panel_role) for m in meeting.members if m.attended), rules)[0]
