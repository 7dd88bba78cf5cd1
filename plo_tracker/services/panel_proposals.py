"""Which families the agenda proposes for a meeting, and why, in one query of the stored
families list (services/case_index.py keeps each family's stage, start and end there).

One reason per family, the first that applies:
- gateway: awaiting the gateway decision;
- outcome: in pre-proceedings with the final pre-proceedings meeting held, or past the end
  (the 16 weeks, or the extension's end), and no outcome recorded;
- sixteen_weeks: in pre-proceedings and within ``near_end_weeks`` of the end;
- review: the review date the panel set is on or before the meeting.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select

from plo_tracker.domain.date_text import medium_date
from plo_tracker.domain.panel import AgendaReason
from plo_tracker.domain.stages import OPEN_STAGES, Stage
from plo_tracker.domain.vocabulary import MeetingKind
from plo_tracker.domain.week_count import weeks_on
from plo_tracker.storage.models import Episode, FamilyListRow, Meeting

from .panel_views import ProposedFamily

_PRE = Stage.PRE_PROCEEDINGS.value
_ORDER = {reason: number for number, reason in enumerate(AgendaReason)}


def proposals(conn: Connection, on: date, near_end_weeks: int, target_weeks: int,
              seen: ColumnElement[bool]) -> tuple[ProposedFamily, ...]:
    """The families to propose for a meeting on ``on``, among those ``seen`` keeps
    (family_access.visible on the families list), in the order of their reasons."""
    near_until = on + timedelta(days=7 * near_end_weeks)
    final_held = (select(func.max(Meeting.held_date))
                  .where(Meeting.episode_id == Episode.id,
                         Meeting.kind == MeetingKind.FINAL.value,
                         Meeting.held_date.is_not(None), Meeting.held_date <= on)
                  .correlate(Episode).scalar_subquery())
    query = (
        select(FamilyListRow.family_id, FamilyListRow.plo_family_id, FamilyListRow.surname,
               FamilyListRow.stage, FamilyListRow.start, FamilyListRow.end,
               FamilyListRow.extended, Episode.panel_review_date, final_held.label("final"))
        # A family has at most one open episode: its latest.
        .outerjoin(Episode, and_(Episode.family_id == FamilyListRow.family_id,
                                 Episode.stage.in_([s.value for s in OPEN_STAGES])))
        .where(seen, or_(
            FamilyListRow.stage == Stage.AWAITING_GATEWAY.value,
            and_(FamilyListRow.stage == _PRE, FamilyListRow.end <= near_until),
            and_(FamilyListRow.stage == _PRE, final_held.is_not(None)),
            Episode.panel_review_date <= on,
        ))
    )
    found = []
    for row in conn.execute(query):
        reason, why = _reason(row, on, near_until, target_weeks)
        found.append(ProposedFamily(row.family_id, row.plo_family_id,
                                    f"{row.plo_family_id} {row.surname}".strip(), reason, why))
    found.sort(key=lambda p: (_ORDER[p.reason], p.plo_family_id))
    return tuple(found)


def _reason(row, on: date, near_until: date, target_weeks: int) -> tuple[AgendaReason, str]:
    if row.stage == Stage.AWAITING_GATEWAY.value:
        return AgendaReason.GATEWAY, "Awaiting the gateway decision"
    if row.stage == _PRE:
        if row.final is not None:
            return AgendaReason.OUTCOME, (
                f"Final pre-proceedings meeting held on {medium_date(row.final)}; no outcome "
                "recorded")
        if row.end is not None and row.end < on:
            week = weeks_on(row.start, row.end, row.extended, on, target_weeks)
            return AgendaReason.OUTCOME, (
                f"{week.text().capitalize() if week else 'Past the end'} (ended "
                f"{medium_date(row.end)}); no outcome recorded")
        if row.end is not None and row.end <= near_until:
            week = weeks_on(row.start, row.end, row.extended, on, target_weeks)
            where = week.text().capitalize() if week else "Not started"
            return AgendaReason.SIXTEEN_WEEKS, (
                f"{where}: pre-proceedings end on {medium_date(row.end)}")
    return AgendaReason.REVIEW, (
        f"Review date set by the panel: {medium_date(row.panel_review_date)}")
