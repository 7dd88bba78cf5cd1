"""A demo database per test module, with an actor for every role and a family factory."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import func, select

from plo_tracker.domain.vocabulary import (
    AssessmentKind,
    GatewayDecision,
    MeetingKind,
    Outcome,
    PlanItemKind,
    SendMethod,
    StepDownPlan,
)
from plo_tracker.services.actor import Actor
from plo_tracker.services.case_forms import AdultForm, ChildForm, GatewayForm, NewFamilyForm
from plo_tracker.services.demo_data import DEMO_ACCOUNTS, DemoDataService
from plo_tracker.services.health import HealthService
from plo_tracker.services.registry import Services
from plo_tracker.storage.models import Adult, AuditEntry, Family
from plo_tracker.storage.schema import inspect_database
from plo_tracker.storage.unit_of_work import Database
from tests.support import open_test_database

GATEWAY_DAY = date(2026, 9, 1)  # a Tuesday, 12 weeks and 2 days before TODAY
LETTERS_DAY = date(2026, 9, 3)
INITIAL_PPM_DAY = date(2026, 9, 17)
OUTCOME_DAY = date(2026, 11, 2)
APPLIED_DAY = date(2026, 11, 9)


@dataclass
class World:
    """One open database with its services, as a test module sees it."""

    url: str
    database: Database
    services: Services
    dump: object  # the dump_database function
    actors: dict[str, Actor]

    @property
    def engine(self):
        return self.database.engine

    def actor(self, username: str) -> Actor:
        """A demo account, signed in once when the world was built (signing in is audited)."""
        return self.actors[username]

    def tables(self) -> dict[str, list[tuple]]:
        return self.dump(self.engine)

    def audit_count(self) -> int:
        with self.database.reading() as conn:
            return conn.execute(select(func.count(AuditEntry.id))).scalar_one()

    def last_audit(self) -> AuditEntry:
        with self.database.unit_of_work() as session:
            return session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))

    def version(self, family_id: int) -> int:
        with self.database.reading() as conn:
            return conn.execute(
                select(Family.version).where(Family.id == family_id)).scalar_one()

    def adults(self, family_id: int) -> list[int]:
        with self.database.reading() as conn:
            return list(conn.execute(
                select(Adult.id).where(Adult.family_id == family_id).order_by(Adult.id)
            ).scalars())

    def health(self):
        return HealthService(self.services.context).check(inspect_database(self.url))

    def new_family(self, gateway: GatewayDecision | None = GatewayDecision.ENTER_PRE_PROCEEDINGS,
                   decided_on: date = GATEWAY_DAY, children: tuple[ChildForm, ...] | None = None,
                   actor: Actor | None = None, social_worker_id: int | None = None) -> int:
        """Create a family with a mother and father (both with parental responsibility)."""
        form = NewFamilyForm(
            children=children or (ChildForm("Ruby", "Testcase", date_of_birth=date(2019, 4, 2)),),
            adults=(AdultForm("Jade", "Testcase", "mother"),
                    AdultForm("Liam", "Testcase", "father")),
            gateway=GatewayForm(gateway, decided_on) if gateway else None,
            social_worker_id=social_worker_id,
        )
        return self.services.families.create(actor or self.actor("manager"), form)


    # -- families at each point of the journey, built through the services themselves --------
    def _by_manager(self):
        return self.services.milestones, self.actor("manager")

    def awaiting(self) -> int:
        return self.new_family(gateway=None)

    def pre_proceedings(self) -> int:
        return self.new_family()

    def letters_sent(self) -> int:
        family_id = self.pre_proceedings()
        milestones, manager = self._by_manager()
        for adult_id in self.adults(family_id):
            milestones.record_letter_sent(manager, family_id, adult_id, LETTERS_DAY,
                                          SendMethod.POST)
        return family_id

    def initial_meeting_held(self) -> int:
        family_id = self.letters_sent()
        milestones, manager = self._by_manager()
        milestones.record_meeting_held(manager, family_id, MeetingKind.INITIAL_PPM,
                                       INITIAL_PPM_DAY, agreement_signed=True)
        return family_id

    def with_assessment(self) -> int:
        family_id = self.pre_proceedings()
        milestones, manager = self._by_manager()
        milestones.commission_assessment(manager, family_id, AssessmentKind.PARENTING, "Mother",
                                         date(2026, 9, 20), date(2026, 11, 15))
        return family_id

    def with_plan_item(self) -> int:
        family_id = self.pre_proceedings()
        self.services.plan.add_item(self.actor("manager"), family_id, PlanItemKind.CONCERN,
                                    "The children are left alone at night.")
        return family_id

    def issued(self) -> int:
        family_id = self.letters_sent()
        milestones, manager = self._by_manager()
        milestones.record_outcome(manager, family_id, Outcome.ISSUE_PROCEEDINGS, OUTCOME_DAY)
        return family_id

    def applied(self) -> int:
        family_id = self.issued()
        milestones, manager = self._by_manager()
        milestones.record_court_application(manager, family_id, APPLIED_DAY, False, None,
                                            "ZW26C00001", date(2026, 11, 10))
        return family_id

    def closed(self) -> int:
        family_id = self.applied()
        milestones, manager = self._by_manager()
        milestones.close_proceedings(manager, family_id, date(2026, 11, 20))
        return family_id

    def stepped_down(self) -> int:
        family_id = self.letters_sent()
        milestones, manager = self._by_manager()
        milestones.record_outcome(manager, family_id, Outcome.STEP_DOWN, OUTCOME_DAY,
                                  StepDownPlan.CHILD_PROTECTION)
        return family_id


def build_world(path, dump, families: int = 12, seed: int = 5) -> World:
    services = open_test_database(path)
    database = services.context.database
    url = database.engine.url.render_as_string(hide_password=False)
    if families:
        DemoDataService(services.context).make_demo_database(families, seed)
        actors = {name: services.users.trusted_actor(name) for name, *_ in DEMO_ACCOUNTS}
    else:
        actors = {}
    return World(url, database, services, dump, actors)


@pytest.fixture(scope="session", name="build_world")
def build_world_fixture():
    """The function that builds a World in a folder (for modules that need several)."""
    return build_world


@pytest.fixture(scope="module")
def world(tmp_path_factory, dump_database):
    """A demo database (12 families, every role's account) shared by one test module."""
    built = build_world(tmp_path_factory.mktemp("world"), dump_database)
    yield built
    built.database.dispose()


@pytest.fixture
def own_world(tmp_path, dump_database):
    """A database of this test's own, with one demo family and every role's account."""
    built = build_world(tmp_path, dump_database, families=1)
    yield built
    built.database.dispose()


@pytest.fixture
def fresh_world(tmp_path, dump_database):
    """An empty migrated database of this test's own."""
    built = build_world(tmp_path, dump_database, families=0)
    yield built
    built.database.dispose()
