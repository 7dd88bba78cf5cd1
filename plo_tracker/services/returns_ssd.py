"""The Standard Safeguarding Dataset's pre-proceedings table: one row per child per episode
with a gateway decision, every field as the SSD defines it (domain/ssd.py).

Read in bulk like the census (returns_query.py). What the SSD asks about a child's earlier
periods is worked out from the family's earlier episodes: the tracker keeps episodes by
family, so a child who joined the family later is counted with the family's history.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Row, select

from plo_tracker.domain.census import FALLBACK_CHILD_ID, census_date
from plo_tracker.domain.ssd import (
    GATEWAY_CODES,
    GATEWAY_UNKNOWN,
    NO,
    OUTCOME_WORDS,
    UNKNOWN,
    YES,
    FinalCarePlan,
    answer_code,
    yes_no_code,
)
from plo_tracker.domain.vocabulary import GatewayDecision, Outcome
from plo_tracker.storage.models import Episode, Family

from .actor import Actor
from .returns_query import (
    ChildRow,
    MeetingRow,
    children_of,
    first_letters,
    held_meetings,
    initial_meeting,
    later_meetings,
    ssd_scope,
)

_ENTERED = GatewayDecision.ENTER_PRE_PROCEEDINGS.value


@dataclass(frozen=True)
class SsdTable:
    """The rows of the table (cells in SSD_HEADERS' order) and the families they come from."""

    rows: tuple[tuple[str, ...], ...]
    family_ids: frozenset[int]


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def legal_representation(meetings: list[MeetingRow]) -> str:
    """PREP014A: Y if the parents' solicitors came to any pre-proceedings meeting, N if each
    meeting held records they did not, U otherwise (none held, or not recorded)."""
    answers = [m.solicitors_present for m in meetings]
    if any(answer is True for answer in answers):
        return YES
    if answers and all(answer is False for answer in answers):
        return NO
    return UNKNOWN


def _final_plan(row) -> str:
    """PREP023A: the final plan recorded; H while proceedings go on without one."""
    if row.final_care_plan:
        return row.final_care_plan
    return FinalCarePlan.NOT_YET.value if row.closed_date is None else ""


def ssd_table(conn: Connection, actor: Actor) -> SsdTable:
    """Every row of the table the reader may see, ordered by family and episode."""
    scope = ssd_scope(actor)
    letters = first_letters(conn, scope)
    meetings = held_meetings(conn, scope)
    family_ids = select(Episode.family_id).where(Episode.id.in_(scope))
    children = children_of(conn, family_ids)
    rows = conn.execute(
        select(*Episode.__table__.c, Family.plo_family_id)
        .join(Family, Family.id == Episode.family_id)
        .where(Episode.id.in_(scope))
        .order_by(Family.plo_family_id, Episode.gateway_date, Episode.id))
    earlier: dict[int, list[tuple[bool, bool]]] = defaultdict(list)
    out: list[tuple[str, ...]] = []
    families: set[int] = set()
    for episode in rows:
        history = earlier[episode.family_id]
        before = (sum(1 for entered, _court in history if entered),
                  sum(1 for _entered, court in history if court))
        history.append((episode.gateway_decision == _ENTERED,
                        episode.court_application_date is not None))
        held = meetings.get(episode.id, [])
        families.add(episode.family_id)
        for child in children.get(episode.family_id, []):
            out.append(_row(episode, child, letters.get(episode.id), held, before))
    return SsdTable(tuple(out), frozenset(families))


def _row(e: Row, child: ChildRow, first_letter: date | None, held: list[MeetingRow],
         before: tuple[int, int]) -> tuple[str, ...]:
    """One child's row: ``e`` is the episode's row with its family's PLO id."""
    entered = e.gateway_decision == _ENTERED
    in_court = e.court_application_date is not None
    outcome = Outcome(e.outcome) if e.outcome else None
    decision = GatewayDecision(e.gateway_decision) if e.gateway_decision else None
    return (
        f"E{e.id}-C{child.child_id}",  # PREP024A: one row per child per episode
        (child.local_child_id or "").strip() or FALLBACK_CHILD_ID.format(
            child_id=child.child_id),
        e.plo_family_id,
        census_date(e.gateway_date if entered else None),
        census_date(initial_meeting(held)),
        OUTCOME_WORDS[outcome] if outcome else "",
        census_date(e.outcome_date),
        str(child.cp_plan_count),
        GATEWAY_CODES[decision] if decision else GATEWAY_UNKNOWN,
        str(before[0]), str(before[1]),
        census_date(first_letter),
        census_date(e.letter_of_issue_date),
        _count(len(later_meetings(held))) if entered else "",
        legal_representation(held) if entered else "",
        answer_code(e.parents_represented_at_issue, in_court),
        (e.court_reference or "") if in_court else "",
        _count(e.court_hearings) if in_court else "",
        yes_no_code(e.short_notice, in_court),
        (e.short_notice_ground or "") if in_court and e.short_notice else "",
        answer_code(e.initial_plan_approved) if in_court else "",
        (e.initial_care_plan or "") if in_court else "",
        answer_code(e.final_plan_approved) if in_court else "",
        _final_plan(e) if in_court else "",
    )
