"""The caseload: one summary row per family, and everything due across families."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import String, select, type_coerce

from plo_tracker.domain.date_text import day_month
from plo_tracker.domain.due import DueItem, DueStatus, Rule, status_for
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.timescales import Timescales
from plo_tracker.domain.week_count import WeekCount, weeks_on
from plo_tracker.storage.models import DueItemRow, Family, FamilyListRow, User

from .actor import Actor
from .case_index import FIELD, RECORD
from .caseload_query import ChildLine, due_until
from .context import ServiceContext
from .family_access import family_visible, visible
from .permissions import Permission, require


# Named tuples rather than frozen dataclasses: as immutable, and several times quicker to
# make, which counts when a council's 10,000 families are listed.
class ChildSummary(NamedTuple):
    name: str
    age_text: str  # "4", "8 months" or "unborn, due 3 Mar"


class FamilySummary(NamedTuple):
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
    return age_words(child.date_of_birth, child.expected, today)


def age_words(born: date | None, expected: date | None, today: date) -> str:
    """Age from a date of birth (or an unborn baby's expected date), as age_text says it."""
    if born is None:
        if expected is None:
            return "date of birth not known"
        return f"unborn, due {day_month(expected)}"
    months = (today.year - born.year) * 12 + today.month - born.month - (today.day < born.day)
    if months < 24:
        return "newborn" if months < 1 else f"{months} month{'s' if months != 1 else ''}"
    return str(months // 12)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold Python's cycle collector while many small objects are made that hold no cycles.

    Reading 10,000 families' rows and making their summaries otherwise sets it off again and
    again, each time walking every object made so far: half the time of the whole list.
    What was made lives on (the list is kept until it is replaced), so it goes straight to
    the oldest generation: freeze() then unfreeze() moves it there without a collection,
    where turning the collector on again would first walk it all (a quarter of the time).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_on:
            gc.enable()


# The families list's columns in the order summarise() unpacks them, and quick lookups
# (an Enum call costs more than a dict lookup, 10,000 times over).
# Dates are read as the driver gives them (SQLite: ISO text, which date.fromisoformat reads
# several times quicker than SQLAlchemy's own conversion; a server: dates already), and
# summarise() takes either.
_LIST_COLUMNS = (
    FamilyListRow.family_id, FamilyListRow.plo_family_id, FamilyListRow.surname,
    FamilyListRow.team, FamilyListRow.social_worker_id, FamilyListRow.children,
    FamilyListRow.adults, FamilyListRow.stage, type_coerce(FamilyListRow.start, String),
    type_coerce(FamilyListRow.end, String), FamilyListRow.extended, FamilyListRow.episode_id,
    FamilyListRow.next_rule, FamilyListRow.next_title, type_coerce(FamilyListRow.next_due, String),
    FamilyListRow.next_reason, type_coerce(FamilyListRow.next_act_by, String),
    User.display_name,
)
_STAGES = {stage.value: stage for stage in Stage}
_RULES = {rule.name: rule for rule in Rule}


def summarise(rows: Iterable[Sequence], today: date, rules: Timescales) -> list[FamilySummary]:
    """Families' lines of the families table, from their stored families-list rows (the
    columns of _LIST_COLUMNS) as of ``today``: ages, week and status move with the date.

    Plain code in one loop on purpose, its names held locally: it runs once per family,
    10,000 times for a large council, and every lookup saved counts.
    """
    soon_until = today + timedelta(days=rules.due_soon_days)
    target_weeks = rules.target_weeks
    ages: dict[str, str] = {}  # the age for each date: families share many dates
    stages, rules_by_name, from_iso = _STAGES, _RULES, date.fromisoformat
    pre, on_time = Stage.PRE_PROCEEDINGS, DueStatus.ON_TIME
    record, field = RECORD, FIELD
    # The named tuples are made with tuple.__new__, as their own constructor does, but
    # without its Python-level call: twice as quick.
    make = tuple.__new__
    summaries = []
    for (family_id, plo_family_id, surname, team, worker_id, children_text, adults_text,
         stage_code, start, end, extended, episode_id, rule, title, due, reason, act_by,
         worker) in rows:
        if start.__class__ is str:
            start, end = from_iso(start), end and from_iso(end)
        if due.__class__ is str:
            due, act_by = from_iso(due), from_iso(act_by)
        stage = stages.get(stage_code)
        children = []
        unborn = False
        if children_text:
            for child in children_text.split(record):
                first, last, born, expected = child.split(field)
                key = born or field + expected
                age = ages.get(key)
                if age is None:
                    age = ages[key] = age_words(from_iso(born) if born else None,
                                                from_iso(expected) if expected else None,
                                                today)
                if not born and expected:
                    unborn = True
                children.append(make(ChildSummary, (
                    first if last == surname else f"{first} {last}", age)))
        week = (weeks_on(start, end, extended, today, target_weeks)
                if stage is pre and start and end else None)
        summaries.append(make(FamilySummary, (
            family_id, plo_family_id, surname, tuple(children),
            tuple(adults_text.split(record)) if adults_text else (),
            worker or "Not allocated", worker_id, team or "", stage,
            start if stage else None, week.day if week else None, week,
            None if rule is None else make(DueItem, (
                family_id, episode_id, rules_by_name[rule], title, due, reason, act_by)),
            on_time if stage is None else status_for(stage, extended, act_by, today,
                                                     soon_until),
            unborn, extended)))
    return summaries


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
        query = (select(*_LIST_COLUMNS)
                 .outerjoin(User, User.id == FamilyListRow.social_worker_id)
                 .order_by(FamilyListRow.family_id))
        # Restricted families the actor may not see are left out by the query itself.
        if family_ids is None:
            query = query.where(visible(FamilyListRow.family_id, actor))
        else:
            # A few rows read again after a save: only those families' own rows are looked at.
            query = query.where(FamilyListRow.family_id.in_(
                select(Family.id).where(Family.id.in_(family_ids), family_visible(actor))))
        with self._ctx.database.reading() as conn, _collector_paused():
            rules = self._ctx.settings(conn).timescales
            # Summarised as the rows arrive: no list of 10,000 rows is held meanwhile.
            return summarise(conn.execute(query), today, rules)

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
            rows = due_until(conn, today + timedelta(days=soon), worker_id, team,
                             visible=visible(DueItemRow.family_id, actor))
        return [DueEntry(plo_id, surname, worker or "Not allocated", item,
                         item.status(today, soon))
                for plo_id, surname, worker, item in rows]
