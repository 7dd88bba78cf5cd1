"""Hand-made families with known dates for the management figures' tests.

Every date is chosen so the right answer can be worked out by hand in the tests (TODAY is
Thursday 26 November 2026). Rows go straight in with Core inserts, as an import would put
them, so an episode can be given any history, years back included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import insert

from plo_tracker.domain.vocabulary import Role
from plo_tracker.services.actor import Actor
from plo_tracker.services.case_index import refresh_case_index
from plo_tracker.services.registry import Services
from plo_tracker.storage.models import (
    Child,
    Episode,
    Family,
    FamilyAccess,
    Letter,
    Meeting,
    User,
)
from tests.support import open_test_database

NOW = datetime(2026, 11, 26, 9, tzinfo=UTC)
ENTER, ISSUE = "enter_pre_proceedings", "issue_proceedings"


@dataclass
class ReportsWorld:
    services: Services
    families: dict[str, int]  # by name ("F1"): the family's id
    users: dict[str, int]  # "manager", "panel", "worker_a", "worker_b"

    def actor(self, name: str) -> Actor:
        role = {"manager": Role.TEAM_MANAGER, "panel": Role.PANEL_MEMBER,
                "worker_a": Role.SOCIAL_WORKER, "worker_b": Role.SOCIAL_WORKER,
                "reader": Role.READ_ONLY}[name]
        return Actor(self.users[name], name, name.replace("_", " ").title(), role)

    def names(self, lines) -> set[str]:
        """The names ("F1") of the families in a list of FamilyLines."""
        by_id = {family_id: name for name, family_id in self.families.items()}
        return {by_id[line.family_id] for line in lines}


class _Rows:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.families: dict[str, int] = {}
        self.users: dict[str, int] = {}

    def _insert(self, conn, model, **values) -> int:
        return conn.execute(insert(model.__table__).values(**values)
                            .returning(model.__table__.c.id)).scalar_one()

    def user(self, conn, name: str, display: str, role: Role, team: str | None) -> None:
        self.users[name] = self._insert(conn, User, username=name, display_name=display,
                                        role=role.value, team=team, active=True,
                                        created_at=NOW)

    def family(self, conn, name: str, team: str | None, worker: str | None,
               children: tuple[tuple[date | None, date | None], ...] = ((date(2019, 1, 1),
                                                                         None),),
               restricted: bool = False) -> int:
        family_id = self._insert(
            conn, Family, plo_family_id=f"PLO-2026-{name}", team=team,
            social_worker_id=self.users[worker] if worker else None,
            team_manager_id=None, created_at=NOW, version=1, restricted=restricted)
        for born, expected in children:
            self._insert(conn, Child, family_id=family_id, first_name="Child",
                         last_name=f"Family{name}", date_of_birth=born,
                         expected_date_of_birth=expected)
        self.families[name] = family_id
        return family_id

    def episode(self, conn, name: str, stage: str, decision: str, start: date, *,
                outcome: str | None = None, outcome_date: date | None = None,
                applied: date | None = None, short_notice: bool | None = None,
                fgdm_offered: bool | None = None, fgdm_held: bool | None = None,
                letter: date | None = None, meeting: date | None = None) -> int:
        episode_id = self._insert(
            conn, Episode, family_id=self.families[name], stage=stage,
            gateway_decision=decision, gateway_date=start, outcome=outcome,
            outcome_date=outcome_date, court_application_date=applied,
            short_notice=short_notice, fgdm_offered=fgdm_offered, fgdm_held=fgdm_held)
        if letter:
            # Two parents: the mother's letter first, the father's a day later; the figure
            # takes the first sent.
            for day in (letter, letter.replace(day=letter.day + 1)):
                self._insert(conn, Letter, episode_id=episode_id, kind="lbp", sent_date=day,
                             method="post")
        if meeting:
            self._insert(conn, Meeting, episode_id=episode_id, kind="initial_ppm",
                         planned_date=meeting, held_date=meeting)
        return episode_id


def make_reports_world(folder: Path) -> ReportsWorld:
    """The families F1 to F7 (the figures) and S1 to S4 (after stepping down)."""
    services = open_test_database(folder)
    rows = _Rows(services)
    with services.context.database.unit_of_work() as session:
        conn = session.connection()
        rows.user(conn, "manager", "Morgan Manager", Role.TEAM_MANAGER, "North")
        rows.user(conn, "panel", "Pat Panel", Role.PANEL_MEMBER, None)
        rows.user(conn, "reader", "Robin Reader", Role.READ_ONLY, None)
        rows.user(conn, "worker_a", "Alex Worker", Role.SOCIAL_WORKER, "North")
        rows.user(conn, "worker_b", "Bea Worker", Role.SOCIAL_WORKER, "South")
        _figures_families(conn, rows)
        _step_down_families(conn, rows)
        # F7 is restricted, and only the manager is named for it.
        conn.execute(insert(FamilyAccess.__table__).values(
            family_id=rows.families["F7"], user_id=rows.users["manager"], granted_by="admin",
            granted_at=NOW))
        refresh_case_index(conn, services.settings.current().timescales)
    return ReportsWorld(services, rows.families, rows.users)


def _figures_families(conn, rows: _Rows) -> None:
    rows.family(conn, "F1", "North", "worker_a", ((date(2018, 5, 1), None),
                                                  (date(2020, 5, 1), None)))
    rows.episode(conn, "F1", "stepped_down", ENTER, date(2026, 3, 2), outcome="step_down",
                 outcome_date=date(2026, 6, 1), fgdm_offered=True, fgdm_held=True,
                 letter=date(2026, 3, 5), meeting=date(2026, 3, 19))
    rows.family(conn, "F2", "North", "worker_a")
    rows.episode(conn, "F2", "proceedings_issued", ENTER, date(2026, 6, 1),
                 outcome="issue_proceedings", outcome_date=date(2026, 11, 2),
                 applied=date(2026, 11, 9), short_notice=False, fgdm_offered=True,
                 fgdm_held=False, letter=date(2026, 6, 10))
    rows.family(conn, "F3", "South", "worker_b", ((date(2021, 3, 1), None),
                                                  (None, date(2027, 1, 10))))
    rows.episode(conn, "F3", "stepped_down", ENTER, date(2023, 1, 2), outcome="step_down",
                 outcome_date=date(2023, 5, 1))
    rows.episode(conn, "F3", "pre_proceedings", ENTER, date(2026, 10, 5))
    rows.family(conn, "F4", "South", "worker_b")
    rows.episode(conn, "F4", "proceedings_issued", ISSUE, date(2026, 2, 2),
                 applied=date(2026, 2, 4), short_notice=True)
    rows.family(conn, "F5", "North", None, ((date(2015, 1, 1), None), (date(2017, 1, 1), None),
                                            (date(2019, 1, 1), None)))
    rows.episode(conn, "F5", "pre_proceedings", ENTER, date(2025, 7, 1))
    rows.family(conn, "F6", "South", "worker_b")
    rows.episode(conn, "F6", "closed", ENTER, date(2026, 9, 1), outcome="other",
                 outcome_date=date(2026, 11, 20), fgdm_offered=False,
                 letter=date(2026, 9, 2), meeting=date(2026, 10, 1))
    rows.family(conn, "F7", "North", None, restricted=True)
    rows.episode(conn, "F7", "pre_proceedings", ENTER, date(2026, 3, 2),
                 letter=date(2026, 3, 3))


def _step_down_families(conn, rows: _Rows) -> None:
    rows.family(conn, "S1", "North", "worker_a")
    rows.episode(conn, "S1", "stepped_down", ENTER, date(2025, 8, 1), outcome="step_down",
                 outcome_date=date(2025, 11, 25))
    rows.episode(conn, "S1", "pre_proceedings", ENTER, date(2026, 11, 25))
    rows.family(conn, "S2", "North", "worker_a")
    rows.episode(conn, "S2", "stepped_down", ENTER, date(2025, 8, 1), outcome="step_down",
                 outcome_date=date(2025, 11, 26))
    rows.family(conn, "S3", "South", "worker_b")
    rows.episode(conn, "S3", "stepped_down", ENTER, date(2024, 12, 2), outcome="step_down",
                 outcome_date=date(2025, 3, 1))
    rows.episode(conn, "S3", "proceedings_issued", ISSUE, date(2026, 3, 1),
                 applied=date(2026, 3, 1), short_notice=True)
    rows.family(conn, "S4", "South", "worker_b")
    rows.episode(conn, "S4", "stepped_down", ENTER, date(2024, 8, 1), outcome="step_down",
                 outcome_date=date(2024, 11, 25))
    rows.episode(conn, "S4", "pre_proceedings", ENTER, date(2026, 6, 1))
