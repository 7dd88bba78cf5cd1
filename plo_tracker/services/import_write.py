"""Writing an import's families in one transaction, by bulk inserts of whole rows.

Like the demo data generator, ids are handed out here so rows can be linked before they are
written, and each table is one Core insert of dicts that all have every column (a key missing
from some dicts, or None in different columns, would split or break the statement).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select

from plo_tracker.domain.import_plan import UNDATED_REVIEW_NOTE, PlannedEpisode, PlannedFamily
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.vocabulary import CpPlanStatus, GatewayDecision, MeetingKind
from plo_tracker.storage.models import Adult, Child, Episode, Family, Letter, Meeting
from plo_tracker.storage.sequences import advance_id_sequences

from .import_check import Accounts

# Parents before children, so every link points at a row already written.
_TABLES: tuple[Table, ...] = tuple(m.__table__ for m in (Family, Child, Adult, Episode, Letter,
                                                         Meeting))


@dataclass(frozen=True)
class Written:
    family_ids: tuple[int, ...]
    counts: dict[str, int]  # rows per table


class _Rows:
    """Each table's rows, with ids handed out after the largest already stored."""

    def __init__(self, conn: Connection) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in _TABLES}
        self.blank = {t.name: {c.name: None for c in t.columns} for t in _TABLES}
        self.next = {t.name: (conn.execute(select(func.max(t.c.id))).scalar() or 0) + 1
                     for t in _TABLES}

    def add(self, table: str, **values: Any) -> int:
        row_id = self.next[table]
        self.next[table] += 1
        self.rows[table].append({**self.blank[table], **values, "id": row_id})
        return row_id


def write_families(conn: Connection, families: tuple[PlannedFamily, ...], accounts: Accounts,
                   now: datetime, progress: Callable[[int, int], None] | None = None) -> Written:
    """Insert the planned families with their children, adults, episodes, letters and
    meetings; the caller's transaction commits or rolls back everything."""
    rows = _Rows(conn)
    for number, family in enumerate(families):
        _family(rows, family, accounts, now)
        if progress and number % 1000 == 0:
            progress(number, len(families))
    for table in _TABLES:
        if rows.rows[table.name]:
            conn.execute(insert(table), rows.rows[table.name])
    advance_id_sequences(conn, list(_TABLES))
    return Written(tuple(r["id"] for r in rows.rows["families"]),
                   {name: len(batch) for name, batch in rows.rows.items()})


def _family(rows: _Rows, family: PlannedFamily, accounts: Accounts, now: datetime) -> None:
    worker_id, worker_team = (accounts.by_name.get(family.social_worker.lower(), (None, None))
                              if family.social_worker else (None, None))
    family_id = rows.add("families", plo_family_id=family.plo_family_id,
                         team=family.team or worker_team, social_worker_id=worker_id,
                         created_at=now.astimezone(UTC), version=1, restricted=False,
                         legal_hold=False)
    unborn = False
    for child in family.children:
        unborn = unborn or (child.date_of_birth is None and child.expected_date_of_birth
                            is not None)
        rows.add("children", family_id=family_id, first_name=child.first_name,
                 last_name=child.last_name, date_of_birth=child.date_of_birth,
                 expected_date_of_birth=child.expected_date_of_birth, sex=child.sex.value,
                 local_child_id=child.local_child_id, cp_plan_status=CpPlanStatus.NONE.value,
                 cp_plan_count=0)
    recipients = [
        rows.add("adults", family_id=family_id, first_name=a.first_name,
                 last_name=a.last_name, address=a.address, address_confidential=False,
                 relationship=a.relationship, parental_responsibility=a.parental_responsibility,
                 receives_letters=a.receives_letters, needs_interpreter=False,
                 needs_advocate=False, needs_intermediary=False, learning_disability=False,
                 large_print=False)
        for a in family.adults]
    receiving = [aid for aid, a in zip(recipients, family.adults, strict=True)
                 if a.receives_letters]
    letter = LetterType.LBP_UNBORN if unborn else LetterType.LBP
    for episode in family.episodes:
        _episode(rows, family_id, episode, receiving, letter)


def _episode(rows: _Rows, family_id: int, episode: PlannedEpisode, recipients: list[int],
             letter: LetterType) -> None:
    episode_id = rows.add(
        "episodes", family_id=family_id, stage=episode.stage.value,
        gateway_decision=GatewayDecision.ENTER_PRE_PROCEEDINGS.value,
        gateway_date=episode.start,
        outcome=episode.outcome.value if episode.outcome else None,
        outcome_date=episode.decided_on,
        court_application_date=episode.court_application,
        letter_of_issue_date=episode.letter_of_issue,
        fgdm_offered=episode.fgdm_offered, fgdm_held=episode.fgdm_held,
        closed_date=episode.closed_on, external_id=episode.external_id)
    if episode.letter_sent is not None:
        # One letter for each person who receives letters; one without a recipient when the
        # file names no one, so the date is kept.
        for adult_id in recipients or [None]:
            rows.add("letters", episode_id=episode_id, adult_id=adult_id, kind=letter.code,
                     sent_date=episode.letter_sent)
    if episode.initial_meeting is None:
        return
    held = episode.initial_meeting
    rows.add("meetings", episode_id=episode_id, kind=MeetingKind.INITIAL_PPM.value,
             planned_date=held, held_date=held)
    for review in episode.review_dates:
        rows.add("meetings", episode_id=episode_id, kind=MeetingKind.REVIEW_PPM.value,
                 planned_date=review, held_date=review)
    for _ in range(episode.undated_reviews):
        rows.add("meetings", episode_id=episode_id, kind=MeetingKind.REVIEW_PPM.value,
                 planned_date=held, held_date=held, attendance=UNDATED_REVIEW_NOTE)
