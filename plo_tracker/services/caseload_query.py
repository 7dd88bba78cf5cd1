"""Fast reads of every family's facts as plain rows (no ORM objects: they load 4x slower)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, Connection, func, select

from plo_tracker.domain.due import DueItem, Rule
from plo_tracker.domain.episode_facts import (
    AssessmentFact,
    EpisodeFacts,
    MeetingFact,
    Recipient,
    UnbornChild,
)
from plo_tracker.domain.followups import Finding, FollowUpFact
from plo_tracker.domain.letter_types import LBP_CODES
from plo_tracker.domain.stages import OPEN_STAGES, Stage
from plo_tracker.domain.vocabulary import AssessmentKind, GatewayDecision, MeetingKind, Outcome
from plo_tracker.storage.models import (
    Adult,
    Assessment,
    Child,
    DueItemRow,
    Episode,
    Extension,
    Family,
    FamilyListRow,
    Letter,
    Meeting,
    StepDownFollowUp,
    User,
)


@dataclass(frozen=True, slots=True)
class ChildLine:
    first_name: str
    last_name: str
    date_of_birth: date | None
    expected: date | None


@dataclass(frozen=True, slots=True)
class FamilyLine:
    """One family's own columns and its latest episode, as stored."""

    family_id: int
    plo_family_id: str
    team: str | None
    social_worker_id: int | None
    social_worker: str | None
    surname: str  # the first child's, else the first adult's
    children: tuple[ChildLine, ...]
    adult_names: tuple[str, ...]
    episode: EpisodeFacts | None
    extended: bool


def load_family_lines(
    conn: Connection, family_ids: list[int] | None = None, with_work: bool = True
) -> list[FamilyLine]:
    """Read every family (or those named) with its latest episode's facts, in a few queries.

    Without ``with_work`` only extensions are read of an episode's work: enough
    for the families table, which takes its due items from the stored index.
    """
    fam_q = (
        select(Family.id, Family.plo_family_id, Family.team, Family.social_worker_id,
               User.display_name)
        .outerjoin(User, User.id == Family.social_worker_id)
        .order_by(Family.id)
    )
    child_q = select(Child.family_id, Child.first_name, Child.last_name, Child.date_of_birth,
                     Child.expected_date_of_birth).order_by(Child.family_id, Child.id)
    adult_q = select(Adult.family_id, Adult.id, Adult.first_name, Adult.last_name,
                     Adult.receives_letters).order_by(Adult.family_id, Adult.id)
    latest = select(func.max(Episode.id)).group_by(Episode.family_id)
    if family_ids is not None:
        # Only the families asked for: otherwise every episode in the database is grouped.
        latest = latest.where(Episode.family_id.in_(family_ids))
    episode_q = select(
        Episode.id, Episode.family_id, Episode.stage, Episode.gateway_date,
        Episode.gateway_decision, Episode.outcome, Episode.outcome_date,
        Episode.court_application_date,
    ).where(Episode.id.in_(latest.scalar_subquery()))
    if family_ids is not None:
        fam_q = fam_q.where(Family.id.in_(family_ids))
        child_q = child_q.where(Child.family_id.in_(family_ids))
        adult_q = adult_q.where(Adult.family_id.in_(family_ids))
        episode_q = episode_q.where(Episode.family_id.in_(family_ids))

    children: dict[int, list[ChildLine]] = defaultdict(list)
    for fid, first, last, dob, edd in conn.execute(child_q):
        children[fid].append(ChildLine(first, last, dob, edd))
    adults: dict[int, list[tuple[int, str, bool]]] = defaultdict(list)
    first_adult_surname: dict[int, str] = {}
    for fid, aid, first, last, receives in conn.execute(adult_q):
        adults[fid].append((aid, f"{first} {last}", receives))
        first_adult_surname.setdefault(fid, last)

    episodes = {row.family_id: row for row in conn.execute(episode_q)}
    open_ids = [row.id for row in episodes.values() if Stage(row.stage) in OPEN_STAGES]
    work = _load_open_work(conn, open_ids, with_work)
    if with_work:
        # A stepped-down episode has no work left but its check-ins.
        work.followups = _load_followups(conn, [
            row.id for row in episodes.values() if row.stage == Stage.STEPPED_DOWN.value])
    extension_ends = work.extension_ends

    lines = []
    for fid, plo_id, team, sw_id, sw_name in conn.execute(fam_q):
        row = episodes.get(fid)
        facts = None
        if row is not None:
            facts = _facts(row, children[fid], adults[fid], work)
        own_children = children[fid]
        surname = (own_children[0].last_name if own_children
                   else first_adult_surname.get(fid, ""))
        lines.append(FamilyLine(
            fid, plo_id, team, sw_id, sw_name, surname, tuple(own_children),
            tuple(name for _aid, name, _receives in adults[fid]), facts,
            bool(row is not None and extension_ends.get(row.id)),
        ))
    return lines


@dataclass
class _OpenWork:
    letters: dict[int, dict[int, date]]
    meetings: dict[int, list[MeetingFact]]
    assessments: dict[int, list[AssessmentFact]]
    extension_ends: dict[int, list[date]]
    followups: dict[int, list[FollowUpFact]] = field(default_factory=dict)


def _chunks(ids: list[int], size: int = 900):
    # SQLite limits bound parameters; keep each IN list well under it.
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _load_open_work(conn: Connection, episode_ids: list[int], everything: bool) -> _OpenWork:
    work = _OpenWork(defaultdict(dict), defaultdict(list), defaultdict(list), defaultdict(list))
    for ids in _chunks(episode_ids):
        for eid, end in conn.execute(
            select(Extension.episode_id, Extension.new_end_date)
            .where(Extension.episode_id.in_(ids)).order_by(Extension.id)
        ):
            work.extension_ends[eid].append(end)
        if not everything:
            continue
        for eid, aid, sent in conn.execute(
            select(Letter.episode_id, Letter.adult_id, Letter.sent_date).where(
                Letter.episode_id.in_(ids), Letter.kind.in_(LBP_CODES),
                Letter.sent_date.is_not(None))
        ):
            if aid is not None:
                previous = work.letters[eid].get(aid)
                work.letters[eid][aid] = sent if previous is None else min(previous, sent)
        for eid, kind, planned, held in conn.execute(
            select(Meeting.episode_id, Meeting.kind, Meeting.planned_date, Meeting.held_date)
            .where(Meeting.episode_id.in_(ids))
        ):
            work.meetings[eid].append(MeetingFact(MeetingKind(kind), planned, held))
        for eid, aid, kind, subject, due, done in conn.execute(
            select(Assessment.episode_id, Assessment.id, Assessment.kind, Assessment.subject,
                   Assessment.due_date, Assessment.completed_date)
            .where(Assessment.episode_id.in_(ids))
        ):
            work.assessments[eid].append(
                AssessmentFact(aid, AssessmentKind(kind), subject, due, done)
            )
    return work


def _load_followups(conn: Connection, episode_ids: list[int]) -> dict[int, list[FollowUpFact]]:
    found: dict[int, list[FollowUpFact]] = defaultdict(list)
    for ids in _chunks(episode_ids):
        for eid, fid, months, due, checked, finding in conn.execute(
            select(StepDownFollowUp.episode_id, StepDownFollowUp.id, StepDownFollowUp.months,
                   StepDownFollowUp.due_date, StepDownFollowUp.checked_on,
                   StepDownFollowUp.finding)
            .where(StepDownFollowUp.episode_id.in_(ids)).order_by(StepDownFollowUp.id)
        ):
            found[eid].append(FollowUpFact(fid, months, due, checked,
                                           Finding(finding) if finding else None))
    return found


def _facts(row, children: list[ChildLine], adults: list[tuple[int, str, bool]],
           work: _OpenWork) -> EpisodeFacts:
    sent = work.letters.get(row.id, {})
    return EpisodeFacts(
        family_id=row.family_id,
        episode_id=row.id,
        stage=Stage(row.stage),
        start=row.gateway_date,
        recipients=tuple(
            Recipient(aid, name, sent.get(aid)) for aid, name, receives in adults if receives
        ),
        meetings=tuple(work.meetings.get(row.id, ())),
        assessments=tuple(work.assessments.get(row.id, ())),
        extension_ends=tuple(work.extension_ends.get(row.id, ())),
        unborn=tuple(
            UnbornChild(f"{c.first_name} {c.last_name}", c.expected)
            for c in children if c.date_of_birth is None and c.expected is not None
        ),
        outcome_date=row.outcome_date,
        court_application=row.court_application_date,
        decided_to_issue=_decided_to_issue(row),
        followups=tuple(work.followups.get(row.id, ())),
    )


def _decided_to_issue(row) -> date | None:
    """The day care proceedings were decided on: at the gateway, or as the outcome."""
    if row.outcome == Outcome.ISSUE_PROCEEDINGS.value:
        return row.outcome_date
    if row.gateway_decision == GatewayDecision.ISSUE_PROCEEDINGS.value:
        return row.gateway_date
    return None


def due_item(row) -> DueItem:
    """A due item from a row of DUE_COLUMNS."""
    fid, eid, rule, title, due, reason, act_by = row
    return DueItem(fid, eid, Rule[rule], title, due, reason, act_by)


DUE_COLUMNS = (DueItemRow.family_id, DueItemRow.episode_id, DueItemRow.rule, DueItemRow.title,
               DueItemRow.due_date, DueItemRow.reason, DueItemRow.act_by)


def due_until(conn: Connection, last_day: date, worker_id: int | None = None,
              team: str | None = None, visible: ColumnElement[bool] | None = None,
              ) -> list[tuple[str, str, str | None, DueItem]]:
    """Stored due items to act on by ``last_day``, earliest first, each with the family's
    PLO id, its surname and its worker (from the stored families list, which says them once
    for both lists).

    Args:
        visible: a WHERE clause keeping the families the reader may see (restricted
            families are left out in the query, never after reading them).
    """
    families = FamilyListRow
    query = (
        select(families.plo_family_id, families.surname, User.display_name, *DUE_COLUMNS)
        .join(families, families.family_id == DueItemRow.family_id)
        .outerjoin(User, User.id == families.social_worker_id)
        .where(DueItemRow.act_by <= last_day)
        .order_by(DueItemRow.act_by, DueItemRow.due_date, families.plo_family_id,
                  DueItemRow.title)
    )
    if worker_id is not None:
        query = query.where(families.social_worker_id == worker_id)
    if team is not None:
        query = query.where(families.team == team)
    if visible is not None:
        query = query.where(visible)
    return [(row[0], row[1], row[2], due_item(row[3:])) for row in conn.execute(query)]
