"""The caseload: one summary row per family, and everything due across families."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Row, select

from plo_tracker.domain.date_text import day_month
from plo_tracker.domain.due import DueItem, DueStatus, Rule, status_of
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.timescales import Timescales
from plo_tracker.domain.week_count import WeekCount, weeks_on
from plo_tracker.storage.models import FamilyListRow, User

from .actor import Actor
from .caseload_query import ChildLine, due_until
from .context import ServiceContext
from .permissions import Permission, require


@dataclass(frozen=True, slots=True)
class ChildSummary:
    name: str
    age_text: str  # "4", "8 months" or "unborn, due 3 Mar"


@dataclass(frozen=True, slots=True)
class FamilySummary:
    """What the families table shows for one family."""

    family_id: int
    plo_family_id: str
    surname: str
    children: tuple[ChildSummary, ...]
    adults: tuple[str, ...]
    social_worker: str
    social_worker_id: int | None
    team: str
    stage: Stage | None
    start: date | None
    days_in_pre_proceedings: int | None
    week: WeekCount | None
    next_due: DueItem | None
    status: DueStatus
    has_unborn: bool
    extended: bool

    @property
    def children_text(self) -> str:
        return ", ".join(f"{c.name} ({c.age_text})" for c in self.children)

    @property
    def stage_label(self) -> str:
        return self.stage.label if self.stage else "No episode"


@dataclass(frozen=True, slots=True)
class DueEntry:
    """One due item with the family it belongs to, for the due list."""

    plo_family_id: str
    surname: str
    social_worker: str
    item: DueItem
    status: DueStatus

    @property
    def family_text(self) -> str:
        """"PLO-2026-0042 Smith": the family as a worker knows it."""
        return f"{self.plo_family_id} {self.surname}".strip()


def age_text(child: ChildLine, today: date) -> str:
    """Age as a worker says it: years from 2, months below, or "unborn, due 3 Mar"."""
    if child.date_of_birth is None:
        if child.expected is None:
            return "date of birth not known"
        return f"unborn, due {day_month(child.expected)}"
    born = child.date_of_birth
    months = (today.year - born.year) * 12 + today.month - born.month - (today.day < born.day)
    if months < 24:
        return "newborn" if months < 1 else f"{months} month{'s' if months != 1 else ''}"
    return str(months // 12)


def _dates(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def summarise(row: Row, today: date, rules: Timescales) -> FamilySummary:
    """A family's line of the families table, from its stored families-list row as of
    ``today`` (ages, week and status move with the date)."""
    surname = row.surname
    children = [ChildLine(first, last, _dates(born), _dates(expected))
                for first, last, born, expected in json.loads(row.children)]
    stage = Stage(row.stage) if row.stage else None
    week = (weeks_on(row.start, row.end, row.extended, today, rules.target_weeks)
            if stage is Stage.PRE_PROCEEDINGS and row.start and row.end else None)
    next_due = None if row.next_rule is None else DueItem(
        row.family_id, row.episode_id, Rule[row.next_rule], row.next_title, row.next_due,
        row.next_reason, row.next_act_by)
    return FamilySummary(
        family_id=row.family_id,
        plo_family_id=row.plo_family_id,
        surname=surname,
        children=tuple(
            ChildSummary(f"{c.first_name} {c.last_name}" if c.last_name != surname
                         else c.first_name, age_text(c, today))
            for c in children
        ),
        adults=tuple(json.loads(row.adults)),
        social_worker=row.display_name or "Not allocated",
        social_worker_id=row.social_worker_id,
        team=row.team or "",
        stage=stage,
        start=row.start if stage else None,
        days_in_pre_proceedings=week.day if week else None,
        week=week,
        next_due=next_due,
        status=DueStatus.ON_TIME if stage is None else status_of(
            stage, row.extended, [next_due] if next_due else [], today, rules),
        has_unborn=any(c.date_of_birth is None and c.expected for c in children),
        extended=row.extended,
    )


class CaseloadService:
    """Lists families and what is due, for the families table, the due list and the CLI."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def families(self, actor: Actor, on: date | None = None,
                 family_ids: list[int] | None = None) -> list[FamilySummary]:
        """Every family the actor may see (or those named), summarised as of ``on`` (today by
        default), in one query of the stored families list."""
        require(actor, Permission.VIEW_CASES)
        today = on or self._ctx.clock.today()
        query = (select(FamilyListRow.__table__, User.display_name)
                 .outerjoin(User, User.id == FamilyListRow.social_worker_id)
                 .order_by(FamilyListRow.family_id))
        if family_ids is not None:
            query = query.where(FamilyListRow.family_id.in_(family_ids))
        with self._ctx.database.reading() as conn:
            rules = self._ctx.settings(conn).timescales
            rows = conn.execute(query).all()
        return [summarise(row, today, rules) for row in rows]

    def due(self, actor: Actor, on: date | None = None, worker_id: int | None = None,
            team: str | None = None) -> list[DueEntry]:
        """Everything overdue or due soon on ``on``, earliest first.

        Args:
            worker_id: only the families allocated to this worker.
            team: only the families of this team (a manager's view).
        """
        require(actor, Permission.VIEW_CASES)
        today = on or self._ctx.clock.today()
        with self._ctx.database.reading() as conn:
            soon = self._ctx.settings(conn).timescales.due_soon_days
            rows = due_until(conn, today + timedelta(days=soon), worker_id, team)
        return [DueEntry(plo_id, surname, worker or "Not allocated", item,
                         item.status(today, soon))
                for plo_id, surname, worker, item in rows]
