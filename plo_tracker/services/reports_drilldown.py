"""The families behind a figure: the same WHERE clauses (and, for the rules counted in
working days or months, the same rules) as the figure, one line per family."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import ColumnElement, Connection, select

from plo_tracker.domain.date_text import medium_date
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.timescales import Timescales
from plo_tracker.storage.models import Episode, FamilyListRow, User

from .reports_filter import FigureKey, ReportFilter
from .reports_queries import cohorts_for, step_down_select, timeliness_rows
from .reports_sql import (
    ISSUED,
    OTHER_OUTCOME,
    STEPPED_DOWN,
    WENT_STRAIGHT_TO_COURT,
    Cohorts,
    episodes_with_families,
)
from .reports_timing import (
    FOLLOW_UP_MONTHS,
    Timing,
    follow_up,
    letter_timing,
    meeting_timing,
    working_days_text,
)
from .reports_views import FamilyLine

_Part = Callable[[Cohorts], ColumnElement[bool]] | None
# Figures counted in SQL: the cohort (a method of Cohorts) and what of it is counted.
_COUNTED: dict[str, tuple[str, _Part]] = {
    "in_pp_families": ("in_pre_proceedings", None),
    "in_pp_children": ("in_pre_proceedings", None),
    "in_pp_past_target": ("in_pre_proceedings", Cohorts.past_target_now),
    "unborn": ("in_pre_proceedings", lambda c: c.has_unborn()),
    "new_episodes": ("started", None),
    "repeat_episodes": ("started", lambda c: c.repeat()),
    "fgdm_offered": ("started", lambda c: Episode.fgdm_offered.is_(True)),
    "fgdm_held": ("started", lambda c: Episode.fgdm_held.is_(True)),
    "outcomes": ("ended", None),
    "stepped_down": ("ended", lambda c: STEPPED_DOWN),
    "issued": ("ended", lambda c: ISSUED),
    "other": ("ended", lambda c: OTHER_OUTCOME),
    "duration_median": ("ended", None),
    "duration_p90": ("ended", None),
    "ended_past_target": ("ended", Cohorts.ended_past_target),
    "applications": ("applied", None),
    "short_notice": ("applied", lambda c: Episode.short_notice.is_(True)),
    "without_pre_proceedings": ("applied", lambda c: WENT_STRAIGHT_TO_COURT),
    "stepdown": ("stepped_down", None),
}
_LETTERS = ("letter_days", "letter_on_target")
_MEETINGS = ("meeting_days", "meeting_on_target")
_FOLLOW_UPS = tuple(f"{what}_{months}" for months in FOLLOW_UP_MONTHS
                    for what in ("reached", "reentered", "applied"))
FIGURE_NAMES = frozenset({*_COUNTED, *_LETTERS, *_MEETINGS, *_FOLLOW_UPS})

# Family ids asked for at a time: well under any database's limit on parameters.
_CHUNK = 500
# An episode the figure counted: (family id, start, outcome date, what the figure saw).
_Found = tuple[int, date | None, date | None, str]


def families_behind(conn: Connection, actor, report_filter: ReportFilter, key: str,
                    today: date, rules: Timescales) -> list[FamilyLine]:
    """The families counted by the figure (or table cell) ``key``, by PLO family id.

    Raises:
        ValidationFailed: under "key", for a key no figure has.
    """
    parsed = FigureKey.parse(key)
    if parsed.figure not in FIGURE_NAMES:
        raise ValidationFailed({"key": f"There is no figure called {key}."})
    c = cohorts_for(actor, parsed.narrowed(report_filter), today, rules)
    if parsed.figure in _COUNTED:
        found = _counted(conn, c, parsed.figure)
    elif parsed.figure in (*_LETTERS, *_MEETINGS):
        found = _timely(conn, c, parsed.figure, today, rules)
    else:
        found = _follow_ups(conn, c, parsed.figure, today)
    return _lines(conn, found)


def _counted(conn: Connection, c: Cohorts, figure: str) -> list[_Found]:
    cohort, part = _COUNTED[figure]
    conditions = getattr(c, cohort)()
    if part is not None:
        conditions.append(part(c))
    return [(family_id, start, ended, "") for family_id, start, ended in conn.execute(
        episodes_with_families(Episode.family_id, Episode.gateway_date, Episode.outcome_date)
        .where(*conditions))]


def _timely(conn: Connection, c: Cohorts, figure: str, today: date,
            rules: Timescales) -> list[_Found]:
    """The letters' figures (from the decision to the first letter) or the meetings' (from
    the letter to the initial meeting): all done, or those on target."""
    letters = figure in _LETTERS
    found = []
    for family_id, ended, start, sent, held in conn.execute(
            timeliness_rows(c, Episode.family_id, Episode.outcome_date)):
        first, done = (start, sent) if letters else (sent, held)
        if first is None:
            continue  # the first meeting is counted from the letter
        if figure.endswith("_days"):
            counted = done is not None
        else:
            timed = letter_timing if letters else meeting_timing
            counted = timed(first, done, today, rules) is Timing.ON_TARGET
        if counted:
            found.append((family_id, start, ended, working_days_text(
                first, done, *(("letter", "decision") if letters
                               else ("initial meeting", "letter")))))
    return found


def _follow_ups(conn: Connection, c: Cohorts, figure: str, today: date) -> list[_Found]:
    what, _, months_text = figure.rpartition("_")
    months = int(months_text)
    found = []
    for family_id, start, stepped, entered, applied in conn.execute(
            step_down_select(c, Episode.family_id, Episode.gateway_date)):
        reached = follow_up(stepped, entered, months, today)
        if reached is None:
            continue
        if what == "reentered" and not reached:
            continue
        if what == "applied" and not follow_up(stepped, applied, months, today):
            continue
        seen = [f"stepped down {medium_date(stepped)}"]
        if entered:
            seen.append(f"back in pre-proceedings {medium_date(entered)}")
        if applied:
            seen.append(f"care application {medium_date(applied)}")
        found.append((family_id, start, stepped, "; ".join(seen)))
    return found


def _lines(conn: Connection, found: list[_Found]) -> list[FamilyLine]:
    """One line per family (its first episode counted), by PLO family id."""
    first: dict[int, _Found] = {}
    for entry in found:
        first.setdefault(entry[0], entry)
    if not first:
        return []
    lines = []
    ids = sorted(first)
    query = (select(FamilyListRow.family_id, FamilyListRow.plo_family_id, FamilyListRow.surname,
                    FamilyListRow.team, FamilyListRow.stage, User.display_name)
             .outerjoin(User, User.id == FamilyListRow.social_worker_id))
    for at in range(0, len(ids), _CHUNK):
        for row in conn.execute(query.where(FamilyListRow.family_id.in_(ids[at:at + _CHUNK]))):
            _family_id, start, ended, detail = first[row.family_id]
            lines.append(FamilyLine(
                row.family_id, row.plo_family_id, row.surname, row.team or "",
                row.display_name or "Not allocated",
                Stage(row.stage).label if row.stage else "", start, ended, detail))
    return sorted(lines, key=lambda line: line.plo_family_id)
