"""Reading what the national returns need in bulk: a few SELECTs for every episode at once
(episodes, children, first letters, meetings), never a query per family.

Each read keeps to the families the reader may see (``family_access.visible``); the
restricted families left out are counted separately (``left_out``), so a return that is
not complete says so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import ColumnElement, Connection, Select, func, select

from plo_tracker.domain.census import CensusChild, CensusEpisode, ReportingYear
from plo_tracker.domain.letter_types import LBP_CODES
from plo_tracker.domain.permissions import ROLE_PERMISSIONS, Permission
from plo_tracker.domain.vocabulary import GatewayDecision, MeetingKind, Outcome
from plo_tracker.storage.models import Child, Episode, Family, FamilyAccess, Letter, Meeting, User

from .actor import Actor
from .family_access import hidden_family_ids, visible

_ENTERED = GatewayDecision.ENTER_PRE_PROCEEDINGS.value
_INITIAL = MeetingKind.INITIAL_PPM.value
# The meetings after the initial one: reviews, and the final meeting, which reviews too.
_LATER_MEETINGS = (MeetingKind.REVIEW_PPM.value, MeetingKind.FINAL.value)


class ChildRow(NamedTuple):
    """A child as both returns need them (a plain tuple: a return reads thousands)."""

    child_id: int
    family_id: int
    local_child_id: str | None
    name: str
    cp_plan_count: int

    def census_child(self) -> CensusChild:
        return CensusChild(self.child_id, self.local_child_id, self.name)


class MeetingRow(NamedTuple):
    """A meeting held (rows are many: a plain tuple, made straight from the query's row)."""

    episode_id: int
    kind: str
    held_date: date
    solicitors_present: bool | None


@dataclass(frozen=True)
class LeftOut:
    """Restricted families a return left out because the reader may not see them."""

    families: int
    # Who may make the full return: active accounts allowed to make returns that see every
    # one of those families (named for each, or its worker or manager).
    who_can: tuple[str, ...]

    def words(self) -> str:
        """What the person making the return is told."""
        count = ("1 restricted family" if self.families == 1
                 else f"{self.families} restricted families")
        them = "it" if self.families == 1 else "them"
        if self.who_can:
            who = f"{', '.join(self.who_can)} can make the full return"
        else:
            who = ("nobody who makes returns sees all of them: an administrator can be named "
                   f"for {them} (Record… > Restrict access…) to make the full return")
        return (f"This return leaves out {count} you may not see, so it is not complete; "
                f"{who}.")


def cin_scope(actor: Actor, year: ReportingYear, seen: bool = True) -> Select:
    """The ids of the episodes the census covers: entered pre-proceedings with a start in
    the year, among the families the reader sees (``seen``) or those hidden from them."""
    family_filter = (visible(Episode.family_id, actor) if seen
                     else Episode.family_id.in_(hidden_family_ids(actor)))
    return select(Episode.id).where(
        Episode.gateway_decision == _ENTERED, Episode.gateway_date >= year.start,
        Episode.gateway_date <= year.end, family_filter)


def ssd_scope(actor: Actor, seen: bool = True) -> Select:
    """The ids of the episodes the SSD table covers: every gateway decision recorded."""
    family_filter = (visible(Episode.family_id, actor) if seen
                     else Episode.family_id.in_(hidden_family_ids(actor)))
    return select(Episode.id).where(Episode.gateway_date.is_not(None), family_filter)


def first_letters(conn: Connection, scope: Select) -> dict[int, date]:
    """Each episode's first letter before proceedings sent."""
    return dict(conn.execute(
        select(Letter.episode_id, func.min(Letter.sent_date))
        .where(Letter.episode_id.in_(scope), Letter.kind.in_(LBP_CODES),
               Letter.sent_date.is_not(None))
        .group_by(Letter.episode_id)).all())


def held_meetings(conn: Connection, scope: Select) -> dict[int, list[MeetingRow]]:
    """The pre-proceedings meetings held in each episode, earliest first."""
    found: dict[int, list[MeetingRow]] = defaultdict(list)
    rows = conn.execute(
        select(Meeting.episode_id, Meeting.kind, Meeting.held_date,
               Meeting.parents_solicitors_present)
        .where(Meeting.episode_id.in_(scope), Meeting.held_date.is_not(None),
               Meeting.kind.in_((_INITIAL, *_LATER_MEETINGS)))
        .order_by(Meeting.episode_id, Meeting.held_date, Meeting.id)).all()
    make = MeetingRow._make
    for row in rows:
        found[row[0]].append(make(row))
    return found


def children_of(conn: Connection, family_ids: ColumnElement | Select) -> dict[int, list[ChildRow]]:
    """The children of the families given (a subquery of family ids), by family."""
    found: dict[int, list[ChildRow]] = defaultdict(list)
    rows = conn.execute(
        select(Child.id, Child.family_id, Child.local_child_id, Child.first_name,
               Child.last_name, Child.cp_plan_count)
        .where(Child.family_id.in_(family_ids)).order_by(Child.family_id, Child.id)).all()
    for child_id, family_id, local_id, first, last, cp_plans in rows:
        found[family_id].append(ChildRow(child_id, family_id, local_id, f"{first} {last}",
                                         cp_plans or 0))
    return found


def initial_meeting(meetings: list[MeetingRow]) -> date | None:
    return next((m.held_date for m in meetings if m.kind == _INITIAL), None)


def later_meetings(meetings: list[MeetingRow]) -> list[MeetingRow]:
    """The meetings held with the parents after the initial one (reviews and the final)."""
    return [m for m in meetings if m.kind in _LATER_MEETINGS]


def census_episodes(conn: Connection, actor: Actor, year: ReportingYear,
                    ) -> tuple[list[CensusEpisode], dict[int, list[ChildRow]]]:
    """The year's episodes as the census sees them, and the children of their families."""
    scope = cin_scope(actor, year)
    letters = first_letters(conn, scope)
    meetings = held_meetings(conn, scope)
    children = children_of(conn, select(Episode.family_id).where(Episode.id.in_(scope)))
    rows = conn.execute(
        select(Episode.id, Episode.family_id, Family.plo_family_id, Episode.gateway_date,
               Episode.fgdm_offered, Episode.fgdm_held, Episode.outcome, Episode.outcome_date,
               Episode.court_application_date, Episode.letter_of_issue_date)
        .join(Family, Family.id == Episode.family_id)
        .where(Episode.id.in_(scope))
        .order_by(Family.plo_family_id, Episode.id)).all()
    episodes = []
    for row in rows:
        held = meetings.get(row.id, [])
        episodes.append(CensusEpisode(
            family_id=row.family_id, plo_family_id=row.plo_family_id, episode_id=row.id,
            start=row.gateway_date, first_letter_sent=letters.get(row.id),
            fgdm_offered=row.fgdm_offered, fgdm_held=row.fgdm_held,
            initial_meeting=initial_meeting(held),
            review_meetings=tuple(m.held_date for m in later_meetings(held)),
            outcome=Outcome(row.outcome) if row.outcome else None,
            outcome_date=row.outcome_date, court_application=row.court_application_date,
            letter_of_issue=row.letter_of_issue_date))
    return episodes, children


def left_out(conn: Connection, hidden_scope: Select) -> LeftOut | None:
    """The restricted families a return leaves out (from the episodes hidden from the
    reader), and who could make it whole; None when nothing was left out."""
    family_ids = set(conn.execute(
        select(Episode.family_id).where(Episode.id.in_(hidden_scope)).distinct()).scalars())
    if not family_ids:
        return None
    seers: dict[int, set[int]] = {family_id: set() for family_id in family_ids}
    for family_id, worker, manager in conn.execute(
            select(Family.id, Family.social_worker_id, Family.team_manager_id)
            .where(Family.id.in_(family_ids))):
        seers[family_id] |= {worker, manager} - {None}
    for family_id, user_id in conn.execute(
            select(FamilyAccess.family_id, FamilyAccess.user_id)
            .where(FamilyAccess.family_id.in_(family_ids))):
        seers[family_id].add(user_id)
    everywhere = set.intersection(*seers.values())
    makers = [role.value for role, allowed in ROLE_PERMISSIONS.items()
              if Permission.MAKE_RETURNS in allowed]
    names = sorted(conn.execute(
        select(User.display_name).where(User.id.in_(everywhere), User.active.is_(True),
                                        User.role.in_(makers))).scalars()) if everywhere else []
    return LeftOut(len(family_ids), tuple(names))

