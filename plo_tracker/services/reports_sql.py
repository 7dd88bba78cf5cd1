"""The pieces of SQL the management figures share, written once so the figures and the
lists of families behind them count exactly the same episodes.

Everything here runs unchanged on SQLite and PostgreSQL: plain GROUP BY, CASE, EXISTS and
scalar subqueries, no window functions; the two differences (days between two dates, the
year and month of a date) are compiled for each database below.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    cast,
    exists,
    extract,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.functions import FunctionElement

from plo_tracker.domain.letter_types import LBP_CODES
from plo_tracker.domain.vocabulary import GatewayDecision, MeetingKind, Outcome
from plo_tracker.storage.models import Child, Episode, Family, Letter, Meeting

from .actor import Actor
from .family_access import visible
from .reports_filter import NO_TEAM, NO_WORKER, ReportFilter


class days_between(FunctionElement):  # noqa: N801 - named as the SQL function it stands for
    """Calendar days from the second date to the first (later - earlier), as an integer."""

    type = Integer()
    name = "days_between"
    inherit_cache = True


@compiles(days_between)
def _days_between(element, compiler, **kw) -> str:
    # PostgreSQL: date - date is a whole number of days.
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"({later} - {earlier})"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element, compiler, **kw) -> str:
    # SQLite keeps dates as ISO text; julianday() reads it (whole days, so the cast is exact).
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def year_month(column: ColumnElement[date]) -> ColumnElement[int]:
    """The year and month of a date as one number (202603), for GROUP BY."""
    # 100 written into the SQL, not bound: PostgreSQL matches the SELECT's expression with
    # the GROUP BY's only if they are the same text, and each bound value has its own name.
    return (cast(extract("year", column), Integer) * literal_column("100", Integer)
            + cast(extract("month", column), Integer))


def on(day: date) -> ColumnElement[date]:
    """A date as a typed SQL value, for arithmetic with a date column."""
    return literal(day, Date)


ENTERED = Episode.gateway_decision == GatewayDecision.ENTER_PRE_PROCEEDINGS.value
WENT_STRAIGHT_TO_COURT = Episode.gateway_decision == GatewayDecision.ISSUE_PROCEEDINGS.value
STEPPED_DOWN = Episode.outcome == Outcome.STEP_DOWN.value
ISSUED = Episode.outcome == Outcome.ISSUE_PROCEEDINGS.value
OTHER_OUTCOME = Episode.outcome == Outcome.OTHER.value


def first_letter_sent() -> ColumnElement[date]:
    """The episode's first letter before proceedings sent (looked up by its index, for the
    episodes counted only, rather than grouping every letter of every episode)."""
    return (select(func.min(Letter.sent_date))
            .where(Letter.episode_id == Episode.id, Letter.kind.in_(LBP_CODES))
            .scalar_subquery())


def first_meeting_held() -> ColumnElement[date]:
    """The day the episode's initial pre-proceedings meeting was held."""
    return (select(func.min(Meeting.held_date))
            .where(Meeting.episode_id == Episode.id,
                   Meeting.kind == MeetingKind.INITIAL_PPM.value).scalar_subquery())


@dataclass(frozen=True)
class Cohorts:
    """The WHERE clauses of the figures for one filter and reader, on episodes joined to
    their families. ``as_at`` is the day "now" means: the period's end, or today if sooner."""

    filter: ReportFilter
    actor: Actor
    as_at: date
    target_days: int  # days from the start at which an episode is past its target weeks

    def scope(self) -> list[ColumnElement[bool]]:
        """The families the reader may see, in the team and with the worker asked for."""
        kept = [visible(Episode.family_id, self.actor)]
        team = self.filter.team
        if team == NO_TEAM:
            kept.append(or_(Family.team.is_(None), Family.team == ""))
        elif team is not None:
            kept.append(func.lower(Family.team) == team.lower())
        worker = self.filter.worker_id
        if worker == NO_WORKER:
            kept.append(Family.social_worker_id.is_(None))
        elif worker is not None:
            kept.append(Family.social_worker_id == worker)
        return kept

    def _period(self, column: ColumnElement[date]) -> ColumnElement[bool]:
        return column.between(self.filter.start, self.filter.end)

    # -- who is counted (each figure's whole) ---------------------------------------------
    def in_pre_proceedings(self) -> list[ColumnElement[bool]]:
        """Episodes in pre-proceedings on ``as_at``: entered on or before it, and no
        outcome by then."""
        return [*self.scope(), ENTERED, Episode.gateway_date <= self.as_at,
                or_(Episode.outcome_date.is_(None), Episode.outcome_date > self.as_at)]

    def started(self) -> list[ColumnElement[bool]]:
        """Episodes that entered pre-proceedings in the period (the decision's date)."""
        return [*self.scope(), ENTERED, self._period(Episode.gateway_date)]

    def ended(self) -> list[ColumnElement[bool]]:
        """Pre-proceedings episodes whose outcome was decided in the period."""
        return [*self.scope(), ENTERED, Episode.outcome.is_not(None),
                self._period(Episode.outcome_date)]

    def applied(self) -> list[ColumnElement[bool]]:
        """Episodes whose care application was made in the period."""
        return [*self.scope(), self._period(Episode.court_application_date)]

    def stepped_down(self) -> list[ColumnElement[bool]]:
        """Episodes stepped down in the period."""
        return [*self.scope(), ENTERED, STEPPED_DOWN, self._period(Episode.outcome_date)]

    # -- what is counted of them (each figure's part) -------------------------------------
    def past_target_now(self) -> ColumnElement[bool]:
        """Still in pre-proceedings on ``as_at`` after the target weeks."""
        return days_between(on(self.as_at), Episode.gateway_date) >= self.target_days

    def ended_past_target(self) -> ColumnElement[bool]:
        """The outcome came after the last day of the target weeks."""
        return days_between(Episode.outcome_date, Episode.gateway_date) >= self.target_days

    @staticmethod
    def repeat() -> ColumnElement[bool]:
        """The family had been in pre-proceedings before this episode started."""
        earlier = aliased(Episode)
        return exists().where(earlier.family_id == Episode.family_id, earlier.id != Episode.id,
                              earlier.gateway_decision == ENTERED.right.value,
                              earlier.gateway_date < Episode.gateway_date)

    @staticmethod
    def has_unborn() -> ColumnElement[bool]:
        return exists().where(Child.family_id == Episode.family_id, *UNBORN)


# A child not yet born, on today's record: an expected date of birth and none of birth.
UNBORN = (Child.expected_date_of_birth.is_not(None), Child.date_of_birth.is_(None))


def later_entry() -> ColumnElement[date]:
    """The first time the family entered pre-proceedings again after this episode's outcome."""
    later = aliased(Episode)
    return (select(func.min(later.gateway_date))
            .where(later.family_id == Episode.family_id,
                   later.gateway_decision == ENTERED.right.value,
                   later.gateway_date > Episode.outcome_date).scalar_subquery())


def later_application() -> ColumnElement[date]:
    """The first care application for the family after this episode's outcome."""
    later = aliased(Episode)
    return (select(func.min(later.court_application_date))
            .where(later.family_id == Episode.family_id,
                   later.court_application_date > Episode.outcome_date).scalar_subquery())


def episodes_with_families(*columns) -> Select:
    """SELECT columns FROM episodes JOIN families, the FROM of every figure."""
    return select(*columns).select_from(Episode).join(Family, Family.id == Episode.family_id)

