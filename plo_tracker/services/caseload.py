"""The caseload: one summary row per family, and everything due across families."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from plo_tracker.domain.date_text import day_month
from plo_tracker.domain.due import DueItem, DueStatus, episode_status
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.timescales import Timescales
from plo_tracker.domain.week_count import WeekCount, week_count

from .actor import Actor
from .caseload_query import ChildLine, FamilyLine, due_until, load_family_lines, next_due_by_family
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


def summarise(line: FamilyLine, next_due: DueItem | None, today: date,
              rules: Timescales) -> FamilySummary:
    """Build a family's row for the families table from its facts and earliest due item."""
    facts = line.episode
    if facts is None:
        status, week, days = DueStatus.ON_TIME, None, None
    else:
        # The earliest item decides: if it is not overdue or due soon, none is.
        status = episode_status(facts, [next_due] if next_due else [], today, rules)
        week = week_count(facts, today, rules)
        days = week.day if week is not None else None
    surname = line.children[0].last_name if line.children else (
        line.adult_names[0].rsplit(" ", 1)[-1] if line.adult_names else ""
    )
    return FamilySummary(
        family_id=line.family_id,
        plo_family_id=line.plo_family_id,
        surname=surname,
        children=tuple(
            ChildSummary(f"{c.first_name} {c.last_name}" if c.last_name != surname
                         else c.first_name, age_text(c, today))
            for c in line.children
        ),
        adults=line.adult_names,
        social_worker=line.social_worker or "Not allocated",
        social_worker_id=line.social_worker_id,
        team=line.team or "",
        stage=facts.stage if facts else None,
        start=facts.start if facts else None,
        days_in_pre_proceedings=days,
        week=week,
        next_due=next_due if facts is not None and facts.stage.is_open else None,
        status=status,
        has_unborn=any(c.date_of_birth is None and c.expected for c in line.children),
        extended=line.extended,
    )


class CaseloadService:
    """Lists families and what is due, for the families table, the due list and the CLI."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def families(self, actor: Actor, on: date | None = None) -> list[FamilySummary]:
        """Every family the actor may see, summarised as of ``on`` (today by default)."""
        require(actor, Permission.VIEW_CASES)
        today = on or self._ctx.clock.today()
        with self._ctx.database.reading() as conn:
            rules = self._ctx.settings(conn).timescales
            lines = load_family_lines(conn, with_work=False)
            first_due = next_due_by_family(conn)
        return [summarise(line, first_due.get(line.family_id), today, rules) for line in lines]

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
