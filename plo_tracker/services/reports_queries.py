"""The management figures for one filter: a handful of GROUP BY queries over episodes.

Each query counts in the database and returns a few rows per month (or per distinct pair
of dates, for the rules worked out in working days); no episode is loaded as an object.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, fields, replace
from datetime import date

from sqlalchemy import Connection, Select, and_, case, distinct, func, select

from plo_tracker.domain.report_periods import months_between
from plo_tracker.domain.report_stats import percentile
from plo_tracker.domain.timescales import Timescales
from plo_tracker.domain.vocabulary import Outcome
from plo_tracker.storage.models import Child, Episode, Family, User

from .reports_filter import NO_TEAM, NO_WORKER, ReportFilter
from .reports_sql import (
    UNBORN,
    WENT_STRAIGHT_TO_COURT,
    Cohorts,
    days_between,
    episodes_with_families,
    first_letter_sent,
    first_meeting_held,
    later_application,
    later_entry,
    year_month,
)
from .reports_timing import (
    FOLLOW_UP_MONTHS,
    Timing,
    follow_up,
    letter_timing,
    meeting_timing,
    working_days,
)
from .reports_views import Figure, FigureKind, KpiReport, MonthRow, StepDownRow

NOW, STARTED, ENDED = "Now", "Started in the period", "Outcomes in the period"
TIMELY, COURT, AFTER = "Timeliness", "Care applications in the period", "After stepping down"
_SHARE, _COUNT, _DAYS = FigureKind.SHARE, FigureKind.COUNT, FigureKind.DAYS


def _count(expression) -> object:
    return func.coalesce(func.sum(case((expression, 1), else_=0)), 0)


def _month(number: int) -> date:
    return date(number // 100, number % 100, 1)


@dataclass
class _Months:
    """The month rows as they fill up, keyed by the month's first day."""

    rows: dict[date, MonthRow]

    def add(self, month: date, **counts: int) -> None:
        row = self.rows.get(month)
        if row is not None:  # a month outside the period cannot appear, but never add one
            self.rows[month] = replace(row, **{k: getattr(row, k) + v
                                               for k, v in counts.items()})


def cohorts_for(actor, report_filter: ReportFilter, today: date, rules: Timescales) -> Cohorts:
    """The figures' WHERE clauses for this filter, "now" being the period's end or today."""
    return Cohorts(report_filter, actor, min(report_filter.end, today), 7 * rules.target_weeks)


def build_report(conn: Connection, actor, report_filter: ReportFilter, today: date,
                 rules: Timescales) -> KpiReport:
    """Every figure for the filter, read on ``conn``."""
    c = cohorts_for(actor, report_filter, today, rules)
    months = _Months({m: MonthRow(m) for m in months_between(report_filter.start,
                                                               min(report_filter.end, today))})
    figures = [*_now(conn, c), *_started(conn, c, months), *_ended(conn, c, months, rules),
               *_timeliness(conn, c, today, rules), *_applied(conn, c, months)]
    everyone, teams, workers = _step_down(conn, c, today)
    figures += _step_down_figures(everyone)
    return KpiReport(report_filter, c.as_at, today, tuple(figures),
                     tuple(months.rows.values()), everyone, teams, workers)


def _now(conn: Connection, c: Cohorts) -> list[Figure]:
    families, past = conn.execute(episodes_with_families(
        func.count(distinct(Episode.family_id)),
        func.count(distinct(case((c.past_target_now(), Episode.family_id)))))
        .where(*c.in_pre_proceedings())).one()
    in_pp = episodes_with_families(Episode.family_id).where(*c.in_pre_proceedings())
    children, unborn = conn.execute(select(
        func.count(Child.id), _count(and_(*UNBORN))).where(Child.family_id.in_(in_pp))).one()
    weeks = c.target_days // 7
    return [
        Figure("in_pp_families", NOW, "Families in pre-proceedings", _COUNT, families,
               note=f"Families in pre-proceedings on {c.as_at:%d %b %Y}: entered, no outcome yet."),
        Figure("in_pp_children", NOW, "Children in those families", _COUNT, children,
               note="Every child of those families, unborn babies included."),
        Figure("in_pp_past_target", NOW, f"Of them, in pre-proceedings over {weeks} weeks",
               _SHARE, past, families,
               note=f"Past the last day of the {weeks} weeks beginning with the decision, "
                    "extended or not."),
        Figure("unborn", NOW, "Unborn babies in those families", _COUNT, unborn,
               note="Children with an expected date of birth and no date of birth recorded."),
    ]


def _started(conn: Connection, c: Cohorts, months: _Months) -> list[Figure]:
    rows = conn.execute(episodes_with_families(
        year_month(Episode.gateway_date), func.count(), _count(c.repeat()),
        _count(Episode.fgdm_offered.is_(True)), _count(Episode.fgdm_held.is_(True)))
        .where(*c.started()).group_by(year_month(Episode.gateway_date))).all()
    total = repeat = offered = held = 0
    for month, count, repeats, offers, helds in rows:
        months.add(_month(month), new_episodes=count)
        total, repeat = total + count, repeat + repeats
        offered, held = offered + offers, held + helds
    return [
        Figure("new_episodes", STARTED, "New episodes", _COUNT, total,
               note="Families entering pre-proceedings (the gateway decision's date)."),
        Figure("repeat_episodes", STARTED, "Repeat episodes", _SHARE, repeat, total,
               note="New episodes of families who had been in pre-proceedings before."),
        Figure("fgdm_offered", STARTED, "Family group decision-making (FGDM) offered",
               _SHARE, offered, total, note="Of the new episodes."),
        Figure("fgdm_held", STARTED, "FGDM meeting held", _SHARE, held, offered,
               note="Of the new episodes where FGDM was offered."),
    ]


def _ended(conn: Connection, c: Cohorts, months: _Months, rules: Timescales) -> list[Figure]:
    by_outcome: Counter[str] = Counter()
    past = 0
    for month, outcome, count, late in conn.execute(episodes_with_families(
            year_month(Episode.outcome_date), Episode.outcome, func.count(),
            _count(c.ended_past_target())).where(*c.ended())
            .group_by(year_month(Episode.outcome_date), Episode.outcome)):
        column = {Outcome.STEP_DOWN.value: "stepped_down",
                  Outcome.ISSUE_PROCEEDINGS.value: "issued"}.get(outcome, "other")
        months.add(_month(month), **{column: count})
        by_outcome[column] += count
        past += late
    days = days_between(Episode.outcome_date, Episode.gateway_date)
    lengths = dict(conn.execute(episodes_with_families(days, func.count())
                                .where(*c.ended()).group_by(days)).all())
    total, weeks = sum(by_outcome.values()), rules.target_weeks
    return [
        Figure("outcomes", ENDED, "Outcomes decided", _COUNT, total),
        Figure("stepped_down", ENDED, "Stepped down (diverted from court)", _SHARE,
               by_outcome["stepped_down"], total,
               note="The share of outcomes that stepped the family down rather than "
                    "going to court."),
        Figure("issued", ENDED, "Decided to issue care proceedings", _SHARE,
               by_outcome["issued"], total),
        Figure("other", ENDED, "Ended otherwise", _SHARE, by_outcome["other"], total),
        Figure("duration_median", ENDED, "Time in pre-proceedings: median", _DAYS,
               of=total, days=percentile(lengths, 0.5),
               note="Calendar days from the gateway decision to the outcome (as a "
                    "spreadsheet's MEDIAN)."),
        Figure("duration_p90", ENDED, "Time in pre-proceedings: 90th percentile", _DAYS,
               of=total, days=percentile(lengths, 0.9),
               note="Nine in ten ended within this many days (PERCENTILE.INC)."),
        Figure("ended_past_target", ENDED, f"Outcome after more than {weeks} weeks", _SHARE,
               past, total, note=f"Outcomes after the last day of the {weeks} weeks beginning "
                                 "with the decision, extensions included."),
    ]


def timeliness_rows(c: Cohorts, *columns) -> Select:
    """Each new episode's ``columns`` with its start, first letter sent and initial meeting
    held (a subquery: PostgreSQL groups by its columns, never by a correlated subquery)."""
    return episodes_with_families(
        *columns, Episode.gateway_date.label("start"), first_letter_sent().label("sent"),
        first_meeting_held().label("held")).where(*c.started())


def _timeliness(conn: Connection, c: Cohorts, today: date,
                rules: Timescales) -> list[Figure]:
    letter_days: Counter[int] = Counter()
    meeting_days: Counter[int] = Counter()
    letter: Counter[Timing] = Counter()
    meeting: Counter[Timing] = Counter()
    # Counted here rather than by GROUP BY: SQLite would look each letter and meeting up
    # twice (once to group, once to return), and the dates are nearly all different anyway.
    # Fetched all at once (.all()): row by row costs SQLAlchemy a call per row.
    for (start, sent, held), count in Counter(map(tuple, conn.execute(timeliness_rows(c))
                                                  .all())).items():
        letter[letter_timing(start, sent, today, rules)] += count
        if sent is None:
            continue  # the first meeting is counted from the letter
        letter_days[working_days(start, sent)] += count
        meeting[meeting_timing(sent, held, today, rules)] += count
        if held is not None:
            meeting_days[working_days(sent, held)] += count
    letter_due = letter[Timing.ON_TARGET] + letter[Timing.LATE]
    meeting_due = meeting[Timing.ON_TARGET] + meeting[Timing.LATE]
    return [
        Figure("letter_days", TIMELY, "Decision to letter before proceedings: median", _DAYS,
               of=sum(letter_days.values()), days=percentile(letter_days, 0.5), unit="working day",
               note="Working days from the gateway decision to the first letter sent, for "
                    "the new episodes."),
        Figure("letter_on_target", TIMELY, "Letters sent on target", _SHARE,
               letter[Timing.ON_TARGET], letter_due,
               note=f"Within {rules.letter_working_days} working days of the decision (the "
                    "setting); a letter not sent by then counts as late."),
        Figure("meeting_days", TIMELY, "Letter to initial meeting: median", _DAYS,
               of=sum(meeting_days.values()), days=percentile(meeting_days, 0.5),
               unit="working day",
               note="Working days from the first letter to the initial pre-proceedings "
                    "meeting held."),
        Figure("meeting_on_target", TIMELY, "Initial meetings held on target", _SHARE,
               meeting[Timing.ON_TARGET], meeting_due,
               note=f"Within {rules.initial_meeting_working_days} working days of the letter "
                    "(the setting); a meeting not held by then counts as late."),
    ]


def _applied(conn: Connection, c: Cohorts, months: _Months) -> list[Figure]:
    total = short = straight = 0
    for month, count, shorts, straights in conn.execute(episodes_with_families(
            year_month(Episode.court_application_date), func.count(),
            _count(Episode.short_notice.is_(True)), _count(WENT_STRAIGHT_TO_COURT))
            .where(*c.applied()).group_by(year_month(Episode.court_application_date))):
        months.add(_month(month), applications=count, short_notice=shorts,
                   without_pre_proceedings=straights)
        total, short, straight = total + count, short + shorts, straight + straights
    return [
        Figure("applications", COURT, "Care applications made", _COUNT, total),
        Figure("short_notice", COURT, "On short notice", _SHARE, short, total),
        Figure("without_pre_proceedings", COURT, "Issued without pre-proceedings", _SHARE,
               straight, total,
               note="The gateway decided to issue care proceedings straight away."),
    ]


def step_down_select(c: Cohorts, *columns) -> Select:
    """Each episode stepped down in the period with ``columns``, its outcome date
    (``stepped``), and the family's first entry to pre-proceedings (``entered``) and first
    care application (``applied``) after it."""
    return episodes_with_families(
        *columns, Episode.outcome_date.label("stepped"), later_entry().label("entered"),
        later_application().label("applied")).where(*c.stepped_down())


_STEP_DOWN_COUNTS = tuple(f.name for f in fields(StepDownRow)
                          if f.name not in ("name", "team", "worker_id"))


def _step_down(conn: Connection, c: Cohorts, today: date,
               ) -> tuple[StepDownRow, tuple[StepDownRow, ...], tuple[StepDownRow, ...]]:
    # Each group's counts in the order of _STEP_DOWN_COUNTS: stepped down, then for each
    # window the families whose months are over, back in pre-proceedings, care application.
    totals: dict[tuple[str, object], list[int]] = defaultdict(
        lambda: [0] * len(_STEP_DOWN_COUNTS))
    rows = conn.execute(step_down_select(c, Family.team, Family.social_worker_id)).all()
    # Counted here rather than by GROUP BY, which would make SQLite look up each family's
    # later episodes twice.
    for (team, worker, stepped, entered, applied), count in Counter(map(tuple, rows)).items():
        counts = [count]
        for months in FOLLOW_UP_MONTHS:
            reentered = follow_up(stepped, entered, months, today)
            if reentered is None:
                counts += (0, 0, 0)
            else:
                counts += (count, count * reentered,
                           count * bool(follow_up(stepped, applied, months, today)))
        for group in (("all", None), ("team", team or NO_TEAM),
                      ("worker", worker or NO_WORKER)):
            kept = totals[group]
            for index, value in enumerate(counts):
                kept[index] += value
    names = dict(conn.execute(select(User.id, User.display_name)).all())

    def row(name: str, team: str | None, worker: int | None, counts: list[int]) -> StepDownRow:
        return StepDownRow(name, team, worker, **dict(zip(_STEP_DOWN_COUNTS, counts,
                                                          strict=True)))

    everyone = row("Everyone", None, None, totals.pop(("all", None), [0] * 7))
    by_team = [row(key or "No team", key, None, counts)
               for (kind, key), counts in totals.items() if kind == "team"]
    by_worker = [row(names.get(key, "No worker allocated"), None, key, counts)
                 for (kind, key), counts in totals.items() if kind == "worker"]
    return (everyone, tuple(sorted(by_team, key=lambda r: r.name.lower())),
            tuple(sorted(by_worker, key=lambda r: r.name.lower())))


def _step_down_figures(row: StepDownRow) -> list[Figure]:
    figures = [Figure("stepdown", AFTER, "Stepped down in the period", _COUNT, row.stepped_down)]
    for months in FOLLOW_UP_MONTHS:
        reached = getattr(row, f"reached_{months}")
        note = (f"Of the families stepped down in the period whose {months} months since "
                "are over (the others are not counted yet).")
        figures += [
            Figure(f"reentered_{months}", AFTER, f"Back in pre-proceedings within {months} "
                   "months", _SHARE, getattr(row, f"reentered_{months}"), reached, note=note),
            Figure(f"applied_{months}", AFTER, f"New care application within {months} months",
                   _SHARE, getattr(row, f"applied_{months}"), reached, note=note),
        ]
    return figures

