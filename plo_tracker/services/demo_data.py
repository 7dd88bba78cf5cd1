"""Synthetic, plainly fictional demo families at every stage of PLO, fast enough for 10,000.

Names and addresses come from Faker's generators, never from real records. The
same seed and the same "today" give the same data. Rows are written with Core
bulk inserts of uniform dicts (one statement per table), which is what makes
10,000 families take seconds rather than minutes.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from faker import Faker
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.errors import DomainError
from plo_tracker.domain.followups import Finding, followup_due
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.recipients import receives_letters_by_default
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.timescales import Timescales
from plo_tracker.domain.vocabulary import (
    AssessmentKind,
    CpPlanStatus,
    GatewayDecision,
    MeetingKind,
    Outcome,
    PlanItemKind,
    Role,
    SendMethod,
    StepDownPlan,
)
from plo_tracker.domain.working_days import add_working_days, last_working_day, next_working_day
from plo_tracker.settings import CouncilDetails, LetterSettings, LocalSolicitor, Settings
from plo_tracker.storage.models import (
    Adult,
    Assessment,
    Child,
    DatabaseFact,
    Episode,
    Extension,
    Family,
    Letter,
    Meeting,
    Note,
    PlanItem,
    PlanProgress,
    StepDownFollowUp,
    User,
)
from plo_tracker.storage.sequences import advance_id_sequences

from . import audit
from .actor import SYSTEM, Actor
from .case_index import refresh_case_index
from .context import ServiceContext
from .passwords import hash_password
from .permissions import Permission, require
from .settings_store import write_settings

TEAMS = ("North", "South", "East")

# The accounts demo data creates, one for every role (listed in the README).
DEMO_ACCOUNTS: tuple[tuple[str, str, Role, str | None], ...] = (
    ("socialworker", "Sam Okafor", Role.SOCIAL_WORKER, "North"),
    ("manager", "Morgan Patel", Role.TEAM_MANAGER, "North"),
    ("panel", "Priya Lambert", Role.PANEL_MEMBER, None),
    ("admin", "Alex Byrne", Role.ADMINISTRATOR, None),
    ("readonly", "Robin Hale", Role.READ_ONLY, None),
)
# Published in the README; they work on demo databases only, as only demo data makes them.
DEMO_PASSWORDS: dict[Role, str] = {
    Role.SOCIAL_WORKER: "northshire casework",
    Role.TEAM_MANAGER: "northshire oversight",
    Role.PANEL_MEMBER: "northshire gateway",
    Role.ADMINISTRATOR: "northshire settings",
    Role.READ_ONLY: "northshire reading",
}
_EXTRA_WORKERS = 11
# The demo's plan wording is written as a worker following the readability check would
# write it: short sentences, everyday words (the letters it fills read at grade 6 or lower).
_CONCERNS = (
    "The parents hurt each other, and the children see and hear it.",
    "The children are often hungry, dirty or left alone.",
    "Drinking gets in the way of caring for the children.",
    "Drugs are used, even while caring for the children.",
    "The children miss school and health checks.",
    "Adults who are not safe visit the home.",
    "Mum's mental health is not stable, and she does not take up help.",
    "The youngest child has had injuries we cannot explain.",
)
_EXPECTATIONS = (
    "Go to every session of the domestic abuse course.",
    "Give hair tests that show no drugs or alcohol.",
    "Make sure the children go to school every day.",
    "Keep the home clean and safe.",
    "Take the children to all their health checks.",
    "Work with the social worker, and let us visit, planned or not.",
    "Take your medicine and go to your mental health appointments.",
    "Do not let the adults we named into the home.",
)
_SUPPORT = (
    "A family support worker visits twice a week.",
    "We asked the local drug and alcohol service to help.",
    "A parenting course at the family centre.",
    "Help with housing and benefits from the early help team.",
    "A free nursery place for the youngest child.",
)
# How demo families spread over the journey: (cumulative share, plan, and how many days
# ago the gateway decision could have been). Open cases are recent, closed ones older.
_PLANS = (
    (0.05, "awaiting", 0, 10),
    (0.47, "open", 3, 150),
    (0.55, "issued", 90, 230),
    (0.62, "issued_closed", 300, 720),
    (0.88, "stepped_down", 120, 720),
    (0.94, "not_entered", 15, 720),
    (1.01, "urgent", 5, 400),
)
COURT_NAME = "Family Court sitting at Northshire"
# A fictional council: the phone numbers are in Ofcom's drama range, the emails go nowhere.
DEMO_SETTINGS = Settings(
    council=CouncilDetails(
        name="Northshire County Council", service="Children's Services",
        address="County Hall\nMarket Square\nNorthshire\nNS1 1AA",
        phone="01632 960000", email="plo.team@northshire.example.invalid",
    ),
    letters=LetterSettings(
        signatory_name="Jordan Ellis", signatory_title="Head of Service, Children's Social Care",
        solicitors=(
            LocalSolicitor("Hannah Crowe", "Crowe & Mallard Family Law",
                           "12 Bridge Street\nNorthshire\nNS2 3CD", "01632 960101"),
            LocalSolicitor("Imran Qadir", "Qadir Lowe Solicitors",
                           "3 Castle Row\nNorthshire\nNS1 4EF", "01632 960102"),
            LocalSolicitor("Beth Ambrose", "Ambrose Children Law",
                           "40 High Street\nEastgate\nNS4 5GH", "01632 960103",
                           "advice@ambrose.example.invalid"),
        ),
    ),
)
PLACES = (
    "Northshire Family Centre, 4 Mill Lane, Northshire NS1 2AB",
    "County Hall, Meeting Room 3, Market Square, Northshire NS1 1AA",
    "Eastgate Children's Centre, 18 Eastgate, Northshire NS4 7QP",
)
_HISTORIES = (
    "We have worked with your family since 2023. First there was a child in need plan. "
    "Then there was a child protection plan, because of worries about neglect.",
    "We first met your family in 2024, after the police came to the home because of "
    "violence. A child protection plan followed.",
    "The children have had child protection plans twice before. We are still worried "
    "about drug use, even with the help given.",
)
_REASONS = {
    AssessmentKind.PARENTING: "to see if the parents can meet the children's needs",
    AssessmentKind.VIABILITY: "to see if a relative could care for the children",
    AssessmentKind.DRUG_ALCOHOL: "to show if drug or alcohol use has stopped",
    AssessmentKind.PSYCHOLOGICAL: "to find the best way to help the parent with the plan",
    AssessmentKind.KINSHIP: "to see if the grandparents could care for the children",
    AssessmentKind.FGDM: "to help the wider family make a safety plan",
    AssessmentKind.PRE_BIRTH: "to plan how to keep the baby safe at and after the birth",
}
_LANGUAGES = ("Polish", "Romanian", "Urdu", "Arabic", "Somali", "Bengali", "Portuguese")
# Advocates and intermediaries: a family's supporter is picked from its name, not by the
# random generator, so the rest of each seed's families stay as they were.
_ADVOCATES = ("Sam Lee from Voice Advocacy", "Priya Nair from Northshire Advocacy",
              "Chris Hall from Mencap Advocacy")
_INTERMEDIARIES = ("Jo Brown", "Ayesha Khan", "Mark Ellis")


def _supporters(first_name: str, advocate: bool, intermediary: bool) -> dict[str, str | None]:
    """The names of an adult's advocate and intermediary, each only where needed (both
    keys always, so the bulk insert's rows share their columns)."""
    pick = len(first_name)
    return {"advocate_name": _ADVOCATES[pick % len(_ADVOCATES)] if advocate else None,
            "intermediary_name": (_INTERMEDIARIES[pick % len(_INTERMEDIARIES)]
                                  if intermediary else None)}


_PROGRESS = (
    "Good progress: every session attended.",
    "Some progress, but two appointments were missed.",
    "No progress: the expectation has not been met.",
    "Progress is inconsistent; the concern remains.",
)


@dataclass(frozen=True)
class DemoResult:
    families: int
    rows: int
    accounts: tuple[str, ...]


# The tables demo data fills by bulk insert, parents before children.
_BULK_MODELS = (Family, Child, Adult, Episode, Extension, Letter, Meeting, Assessment,
                PlanItem, PlanProgress, Note, StepDownFollowUp)
# What demo check-ins after a step-down found, and how often.
_FINDINGS = ((Finding.PROGRESSING, 60), (Finding.SOME_CONCERNS, 22),
             (Finding.REFERRED_BACK, 8), (Finding.CASE_CLOSED, 10))
_FOLLOWUP_NOTES = {
    Finding.PROGRESSING: "Visited at home; the children are doing well on the plan.",
    Finding.SOME_CONCERNS: "School attendance has slipped again; the plan was reviewed.",
    Finding.REFERRED_BACK: "Concerns have returned; referred back to the gateway panel.",
    Finding.CASE_CLOSED: "The child in need plan has ended and the case is closed.",
}


@dataclass
class _Ids:
    """Hands out primary keys so rows can be linked before they are inserted."""

    next: dict[str, int] = field(default_factory=dict)

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


class DemoDataService:
    """Fills a demo database; refuses a database that holds real families."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def generate(
        self, actor: Actor, families: int, seed: int = 1,
        progress: Callable[[int, int], None] | None = None,
    ) -> DemoResult:
        """Add ``families`` synthetic families (and the demo accounts if missing) to a
        database already marked demo.

        Raises:
            DomainError: on any database not marked demo, even an empty one: demo accounts
                have published passwords, one is an administrator, and the mark is for good.
        """
        if actor is not SYSTEM:
            require(actor, Permission.LOAD_DEMO_DATA)
        return self._fill(actor, families, seed, progress, start=False)

    def refuse_unless_demo(self) -> None:
        """Refuse, before anyone is asked for a password, a database that is not demo.

        Raises:
            DomainError: saying why and what to use instead.
        """
        with self._ctx.database.reading() as conn, Session(conn) as session:
            _refuse_unless_demo(session, start=False)

    def make_demo_database(
        self, families: int, seed: int = 1,
        progress: Callable[[int, int], None] | None = None,
    ) -> DemoResult:
        """Mark a brand-new, empty database as demo and fill it.

        Only for the app's own demo database (``plo-tracker --demo``, made in its own
        file) and for tests and benchmarks; the ``demo-data`` command never calls it.

        Raises:
            DomainError: when the database holds any account or family.
        """
        return self._fill(SYSTEM, families, seed, progress, start=True)

    def _fill(self, actor: Actor, families: int, seed: int,
              progress: Callable[[int, int], None] | None, start: bool) -> DemoResult:
        if families < 1 or families > 100_000:
            raise DomainError("Choose a number of families from 1 to 100,000.", "families")
        today = self._ctx.clock.today()
        rules = self._ctx.settings().timescales
        with self._ctx.database.unit_of_work() as session:
            _refuse_unless_demo(session, start)
            if session.get(DatabaseFact, "demo") is None:
                session.add(DatabaseFact(key="demo", value="true"))
                write_settings(session, DEMO_SETTINGS)
            builder = _Builder(session, random.Random(seed), today, rules, seed)
            accounts = builder.ensure_accounts(self._ctx.clock.now())
            rows = builder.build(families, progress)
            refresh_case_index(session.connection(), rules, builder.new_family_ids())
            audit.record(session, actor, AuditAction.DEMO_GENERATE,
                         "database",
                         None, None, after={"families": families, "seed": seed})
            return DemoResult(families, rows, accounts)


def _refuse_unless_demo(session: Session, start: bool) -> None:
    is_demo = session.get(DatabaseFact, "demo") is not None
    if is_demo:
        return
    if session.scalar(select(func.count(Family.id))):
        raise DomainError(
            "This database holds real families, so demo data will not be added to it. "
            "Use 'plo-tracker --demo', which keeps demo data in a database of its own."
        )
    if not start or session.scalar(select(func.count(User.id))):
        raise DomainError(
            "This is not a demo database, so demo data will not be added to it: demo "
            "accounts have published passwords, and one is an administrator. Use "
            "'plo-tracker --demo demo-data', which keeps demo data in a database of its own."
        )


class _Builder:
    def __init__(self, session: Session, rng: random.Random, today: date, rules: Timescales,
                 seed: int) -> None:
        self.session, self.rng, self.today, self.rules = session, rng, today, rules
        faker = Faker("en_GB")
        faker.seed_instance(seed)
        # Pools drawn once: choosing from them is far faster than asking Faker per person.
        self.girls = [faker.first_name_female() for _ in range(400)]
        self.boys = [faker.first_name_male() for _ in range(400)]
        self.surnames = [faker.last_name() for _ in range(600)]
        self.addresses = [f"{faker.street_address()}\n{faker.city()}\n{faker.postcode()}"
                          for _ in range(800)]
        self.firms = [f"{faker.last_name()} & {faker.last_name()} Solicitors" for _ in range(25)]
        self.solicitors = [faker.name() for _ in range(60)]
        self.authors = [f"Dr {faker.last_name()}" for _ in range(30)]
        self.rows: dict[str, list[dict[str, Any]]] = {}
        # Check-ins draw from a generator of their own, so every other table comes out the
        # same as it did before demo data had them.
        self.followup_rng = random.Random(seed * 7919 + 11)
        self.worker_names: dict[int, str] = {}
        self.ids = _Ids()
        self.workers: list[tuple[int, str]] = []
        self.managers: dict[str, int] = {}
        self.manager_names: dict[str, str] = {}

    # -- accounts -----------------------------------------------------------------------
    def ensure_accounts(self, now: datetime) -> tuple[str, ...]:
        wanted = list(DEMO_ACCOUNTS)
        for number in range(1, _EXTRA_WORKERS + 1):
            team = TEAMS[number % len(TEAMS)]
            wanted.append((f"worker{number:02d}", f"{self.rng.choice(self.girls + self.boys)} "
                           f"{self.rng.choice(self.surnames)}", Role.SOCIAL_WORKER, team))
        for team in TEAMS[1:]:
            wanted.append((f"manager.{team.lower()}", f"{self.rng.choice(self.girls)} "
                           f"{self.rng.choice(self.surnames)}", Role.TEAM_MANAGER, team))
        existing = {u.username: u for u in self.session.scalars(select(User))}
        # One hash per role's password (each takes a quarter of a second), shared by the
        # accounts of that role: these passwords are published in the README anyway.
        hashes: dict[Role, str] = {}
        for username, name, role, team in wanted:
            if username not in existing:
                if role not in hashes:
                    hashes[role] = hash_password(DEMO_PASSWORDS[role])
                user = User(username=username, display_name=name, role=role.value, team=team,
                            email=f"{username}@example.invalid", active=True, created_at=now,
                            password_hash=hashes.get(role), password_changed_at=now,
                            # Ofcom keeps 01632 960000 to 960999 for drama: never a real line.
                            phone=f"01632 960{len(existing):03d}")
                self.session.add(user)
                existing[username] = user
        self.session.flush()
        for user in existing.values():
            if user.role == Role.SOCIAL_WORKER.value:
                self.workers.append((user.id, user.team or TEAMS[0]))
            elif user.role == Role.TEAM_MANAGER.value and user.team:
                self.managers.setdefault(user.team, user.id)
        names = {user.id: user.display_name for user in existing.values()}
        self.worker_names = names
        self.manager_names = {team: names[user_id] for team, user_id in self.managers.items()}
        self.workers.sort()
        return tuple(username for username, *_ in DEMO_ACCOUNTS)

    # -- families -----------------------------------------------------------------------
    def build(self, count: int, progress: Callable[[int, int], None] | None) -> int:
        for model in _BULK_MODELS:
            table = model.__table__
            self.rows[table.name] = []
            self.ids.next[table.name] = (self.session.scalar(select(func.max(table.c.id))) or 0) + 1
        # Continue each year's PLO family numbers after any already in the database.
        year_counts: dict[int, int] = {}
        for plo_id in self.session.scalars(select(Family.plo_family_id)):
            _prefix, year, number = (plo_id.split("-") + ["", "", ""])[:3]
            if year.isdigit() and number.isdigit():
                year_counts[int(year)] = max(year_counts.get(int(year), 0), int(number))
        for number in range(count):
            self._family(year_counts)
            if progress and number % 500 == 0:
                progress(number, count)
        total = 0
        for model in _BULK_MODELS:
            batch = self.rows[model.__table__.name]
            if batch:
                self.session.execute(insert(model.__table__), batch)
                total += len(batch)
        advance_id_sequences(self.session.connection(), [m.__table__ for m in _BULK_MODELS])
        if progress:
            progress(count, count)
        return total

    def new_family_ids(self) -> list[int]:
        """The ids of the families this run added."""
        return [row["id"] for row in self.rows["families"]]

    def _add(self, table: str, **values: Any) -> int:
        row_id = self.ids.take(table)
        self.rows[table].append({"id": row_id, **values})
        return row_id

    def _family(self, year_counts: dict[int, int]) -> None:
        rng = self.rng
        stage_roll = rng.random()
        plan, earliest, latest = next(
            (plan, earliest, latest) for below, plan, earliest, latest in _PLANS
            if stage_roll < below)
        start = self.today - timedelta(days=rng.randint(earliest, latest))

        start = last_working_day(start)
        year_counts[start.year] = year_counts.get(start.year, 0) + 1
        worker_id, team = rng.choice(self.workers)
        surname = rng.choice(self.surnames)
        family_id = self._add(
            "families", plo_family_id=f"PLO-{start.year}-{year_counts[start.year]:04d}",
            team=team, social_worker_id=worker_id, team_manager_id=self.managers.get(team),
            la_solicitor=rng.choice(self.solicitors),
            created_at=datetime(start.year, start.month, start.day, 9, tzinfo=UTC),
            version=1,
        )
        unborn_due = self._children(family_id, surname, start, plan)
        adults = self._adults(family_id, surname)
        if rng.random() < 0.1 and plan != "awaiting":
            self._past_episode(family_id, start, worker_id)
        self._episode(family_id, plan, start, adults, unborn_due, team, worker_id)
        for _ in range(rng.randint(1, 3)):
            self._add("notes", family_id=family_id, episode_id=None, author_id=worker_id,
                      written_at=datetime(start.year, start.month, start.day, 15, tzinfo=UTC),
                      text="Home visit completed; children seen alone.")

    def _children(self, family_id: int, surname: str, start: date, plan: str) -> date | None:
        rng = self.rng
        unborn_due = None
        count = rng.choices((1, 2, 3, 4), weights=(40, 32, 18, 10))[0]
        for _ in range(count):
            girl = rng.random() < 0.5
            dob = self.today - timedelta(days=rng.randint(30, 15 * 365))
            cp = rng.choices(list(CpPlanStatus), weights=(30, 55, 15))[0]
            self._add("children", family_id=family_id,
                      first_name=rng.choice(self.girls if girl else self.boys), last_name=surname,
                      date_of_birth=dob, expected_date_of_birth=None,
                      sex="female" if girl else "male",
                      local_child_id=f"LC{rng.randint(10**6, 10**7 - 1)}",
                      cp_plan_status=cp.value,
                      cp_plan_count=0 if cp is CpPlanStatus.NONE else rng.randint(1, 3))
        if plan in ("open", "awaiting") and rng.random() < 0.14:
            unborn_due = self.today + timedelta(days=rng.randint(20, 150))
            self._add("children", family_id=family_id, first_name="Baby", last_name=surname,
                      date_of_birth=None, expected_date_of_birth=unborn_due, sex="unknown",
                      local_child_id=None, cp_plan_status="none", cp_plan_count=0)
        return unborn_due

    def _adults(self, family_id: int, surname: str) -> list[int]:
        rng = self.rng
        people = [("mother", True, rng.choice(self.girls), surname)]
        if rng.random() < 0.8:
            people.append(("father", rng.random() < 0.85, rng.choice(self.boys),
                           surname if rng.random() < 0.5 else rng.choice(self.surnames)))
        if rng.random() < 0.15:
            people.append(("maternal grandmother", rng.random() < 0.3, rng.choice(self.girls),
                           rng.choice(self.surnames)))
        recipients = []
        for relationship, pr, first, last in people:
            receives = receives_letters_by_default(relationship, pr)
            interpreter = rng.random() < 0.08
            has_solicitor = rng.random() < 0.7
            adult_id = self._add(
                "adults", family_id=family_id, first_name=first, last_name=last,
                address=rng.choice(self.addresses), address_confidential=rng.random() < 0.05,
                relationship=relationship, parental_responsibility=pr,
                receives_letters=receives,
                solicitor_name=rng.choice(self.solicitors) if has_solicitor else None,
                solicitor_firm=rng.choice(self.firms) if has_solicitor else None,
                needs_interpreter=interpreter,
                language=rng.choice(_LANGUAGES) if interpreter else None,
                needs_advocate=(advocate := rng.random() < 0.1),
                needs_intermediary=(intermediary := rng.random() < 0.03),
                learning_disability=rng.random() < 0.1, large_print=rng.random() < 0.04,
                **_supporters(first, advocate, intermediary),
            )
            if receives:
                recipients.append(adult_id)
        return recipients

    def _past_episode(self, family_id: int, start: date, worker_id: int) -> None:
        earlier = start - timedelta(days=self.rng.randint(400, 900))
        ended = earlier + timedelta(weeks=self.rng.randint(12, 20))
        episode_id = self._add("episodes", **self._episode_values(
            family_id, Stage.STEPPED_DOWN, GatewayDecision.ENTER_PRE_PROCEEDINGS, earlier,
            outcome=Outcome.STEP_DOWN, outcome_date=ended,
            step_down_plan=StepDownPlan.CHILD_PROTECTION, closed_date=ended))
        # The family came back: its last check found concerns and referred it back.
        self._followups(family_id, episode_id, ended, worker_id, came_back=True)

    @staticmethod
    def _episode_values(family_id: int, stage: Stage, decision: GatewayDecision | None,
                        start: date | None, **extra: Any) -> dict[str, Any]:
        values = dict(
            family_id=family_id, stage=stage.value,
            gateway_decision=decision.value if decision else None, gateway_date=start,
            outcome=None, outcome_date=None, step_down_plan=None, court_application_date=None,
            letter_of_issue_date=None, short_notice=None, short_notice_reason=None,
            court_reference=None, fgdm_offered=None, fgdm_held=None, closed_date=None,
            court_name=None, history=None,
        )
        for key, value in extra.items():
            values[key] = value.value if hasattr(value, "value") else value
        return values

    def _episode(self, family_id: int, plan: str, start: date, adults: list[int],
                 unborn_due: date | None, team: str, worker_id: int) -> None:
        rng = self.rng
        if plan == "awaiting":
            self._add("episodes", **self._episode_values(
                family_id, Stage.AWAITING_GATEWAY, None, None))
            return
        if plan == "not_entered":
            decision = rng.choice((GatewayDecision.CONTINUE_WITHOUT_PLO, GatewayDecision.OTHER))
            self._add("episodes", **self._episode_values(
                family_id, Stage.NOT_ENTERED, decision, start, closed_date=start))
            return
        if plan == "urgent":
            applied = next_working_day(start + timedelta(days=rng.randint(0, 3)))
            if applied > self.today:
                # Decided to issue now; the application is still to be made.
                self._add("episodes", **self._episode_values(
                    family_id, Stage.DECIDED_TO_ISSUE, GatewayDecision.ISSUE_PROCEEDINGS,
                    start))
                return
            concluded = start + timedelta(weeks=rng.randint(22, 30))
            closed = concluded <= self.today and rng.random() < 0.9
            self._add("episodes", **self._episode_values(
                family_id, Stage.CLOSED if closed else Stage.PROCEEDINGS_ISSUED,
                GatewayDecision.ISSUE_PROCEEDINGS, start,
                court_application_date=applied,
                letter_of_issue_date=min(applied + timedelta(days=1), self.today),
                short_notice=True, short_notice_reason="Immediate risk of serious harm.",
                court_reference=f"ZW{start:%y}C{rng.randint(10000, 99999)}",
                court_name=COURT_NAME,
                closed_date=concluded if closed else None))
            return

        episode_id = self.ids.take("episodes")
        values = self._episode_values(
            family_id, Stage.PRE_PROCEEDINGS, GatewayDecision.ENTER_PRE_PROCEEDINGS, start,
            history=rng.choice(_HISTORIES))
        # Walk the journey up to today (or to the outcome, for closed episodes).
        if plan == "open":
            horizon = self.today
        else:
            length = rng.randint(11, 24)
            horizon = min(start + timedelta(weeks=length), self.today)
        fgdm_offered = rng.random() < 0.9
        values["fgdm_offered"] = fgdm_offered
        letter_delay = rng.choices((2, 4, 5, 7, 9), weights=(25, 35, 20, 12, 8))[0]
        letter_day = add_working_days(start, letter_delay)
        sent_any = None
        for adult_id in adults:
            sent = letter_day if rng.random() < 0.93 else add_working_days(letter_day, 3)
            if sent <= horizon:
                sent_any = min(sent_any or sent, sent)
                self._add("letters", episode_id=episode_id, adult_id=adult_id,
                          kind=(LetterType.LBP_UNBORN if unborn_due else LetterType.LBP).value,
                          sent_date=sent, method=rng.choice(list(SendMethod)).value)
        if sent_any is None:
            values["fgdm_offered"] = None
        plan_items = self._plan(episode_id, start)
        meeting_day = add_working_days(letter_day, rng.choices((6, 8, 10, 13), (30, 35, 25, 10))[0])
        last_held = None
        if meeting_day <= horizon:
            last_held = meeting_day
            self._meeting(episode_id, MeetingKind.INITIAL_PPM, meeting_day, meeting_day)
            review = meeting_day
            while True:
                review = last_working_day(
                    review + timedelta(weeks=6, days=rng.randint(-3, 8)))
                if review > horizon:
                    break
                meeting_id = self._meeting(episode_id, MeetingKind.REVIEW_PPM, review, review)
                last_held = review
                for item_id in plan_items:
                    self._add("plan_progress", plan_item_id=item_id, meeting_id=meeting_id,
                              recorded_on=review, text=rng.choice(_PROGRESS))
            if review - timedelta(weeks=6) < self.today < review + timedelta(days=20):
                self._meeting(episode_id, MeetingKind.REVIEW_PPM, review, None)
            self._assessments(episode_id, meeting_day, horizon, unborn_due)
        elif plan == "open":
            # Not held yet: planned, with a time and place for the invitation letters, and
            # the assessments the letter before proceedings proposes.
            self._meeting(episode_id, MeetingKind.INITIAL_PPM, meeting_day, None)
            self._assessments(episode_id, start, horizon, unborn_due)
        values["fgdm_held"] = (fgdm_offered and sent_any is not None
                               and rng.random() < 0.6) if sent_any else None
        self._extensions(episode_id, start, horizon, team)
        if plan == "open":
            self.rows["episodes"].append({"id": episode_id, **values})
            return
        decided = last_held or horizon
        decided = max(decided, start + timedelta(days=1))
        if plan == "stepped_down" and rng.random() < 0.06:
            # Now and then the panel ends pre-proceedings some other way (the family moved away).
            values.update(stage=Stage.CLOSED.value, outcome=Outcome.OTHER.value,
                          outcome_date=decided, closed_date=decided)
        elif plan == "stepped_down":
            values.update(stage=Stage.STEPPED_DOWN.value, outcome=Outcome.STEP_DOWN.value,
                          outcome_date=decided, closed_date=decided,
                          step_down_plan=rng.choice((StepDownPlan.CHILD_PROTECTION,
                                                     StepDownPlan.CHILD_IN_NEED)).value)
            self._followups(family_id, episode_id, decided, worker_id, came_back=False)
        else:
            applied = next_working_day(decided + timedelta(days=rng.randint(3, 21)))
            if applied > self.today:
                # The panel decided to issue; the application is still to be made.
                values.update(stage=Stage.DECIDED_TO_ISSUE.value,
                              outcome=Outcome.ISSUE_PROCEEDINGS.value, outcome_date=decided)
                self.rows["episodes"].append({"id": episode_id, **values})
                return
            concluded = applied + timedelta(weeks=rng.randint(20, 34))
            closed = plan == "issued_closed" and concluded <= self.today
            short = rng.random() < 0.15
            values.update(
                stage=(Stage.CLOSED if closed else Stage.PROCEEDINGS_ISSUED).value,
                outcome=Outcome.ISSUE_PROCEEDINGS.value, outcome_date=decided,
                court_application_date=applied,
                letter_of_issue_date=min(applied + timedelta(days=rng.randint(0, 2)), self.today),
                short_notice=short,
                short_notice_reason="Risk escalated during pre-proceedings." if short else None,
                court_reference=f"ZW{applied:%y}C{rng.randint(10000, 99999)}",
                court_name=COURT_NAME,
                closed_date=concluded if closed else None,
            )
        self.rows["episodes"].append({"id": episode_id, **values})

    def _followups(self, family_id: int, episode_id: int, decided: date, worker_id: int,
                   came_back: bool) -> None:
        """The default check-ins (3 and 6 months) of a step-down: most of those already due
        are recorded, a few are overdue, and those still to come are open."""
        rng = self.followup_rng
        findings, weights = zip(*_FINDINGS, strict=True)
        closed = False
        for months in (3, 6):
            due = followup_due(decided, months)
            checked = None
            finding = None
            if not closed and due <= self.today and (came_back or rng.random() < 0.8):
                checked = min(due + timedelta(days=rng.randint(-5, 12)), self.today)
                finding = (Finding.REFERRED_BACK if came_back and months == 6
                           else Finding.PROGRESSING if came_back
                           else rng.choices(findings, weights)[0])
                closed = finding is Finding.CASE_CLOSED
            self._add("step_down_followups", family_id=family_id, episode_id=episode_id,
                      months=months, due_date=due, checked_on=checked,
                      finding=finding.value if finding else None,
                      notes=_FOLLOWUP_NOTES[finding] if finding else None,
                      recorded_by=self.worker_names.get(worker_id) if finding else None)

    def _meeting(self, episode_id: int, kind: MeetingKind, planned: date,
                 held: date | None) -> int:
        done = held is not None
        return self._add(
            "meetings", episode_id=episode_id, kind=kind.value, planned_date=planned,
            start_time=time(10, 0) if self.rng.random() < 0.6 else time(14, 0),
            place=self.rng.choice(PLACES), held_date=held,
            attendance="Both parents, their solicitors, social worker, manager." if done
            else None,
            parents_solicitors_present=self.rng.random() < 0.8 if done else None,
            agreement_signed=(kind is MeetingKind.INITIAL_PPM and self.rng.random() < 0.85)
            if done else None,
        )

    def _plan(self, episode_id: int, start: date) -> list[int]:
        rng = self.rng
        ids = []
        for text in rng.sample(_CONCERNS, rng.randint(2, 3)):
            self._add("plan_items", episode_id=episode_id, kind=PlanItemKind.CONCERN.value,
                      text=text, due_date=None, help_offered=None)
        for text in rng.sample(_EXPECTATIONS, rng.randint(2, 3)):
            ids.append(self._add(
                "plan_items", episode_id=episode_id, kind=PlanItemKind.EXPECTATION.value,
                text=text, due_date=start + timedelta(weeks=rng.choice((6, 8, 12))),
                help_offered=rng.choice(_SUPPORT)))
        for text in rng.sample(_SUPPORT, rng.randint(1, 2)):
            self._add("plan_items", episode_id=episode_id, kind=PlanItemKind.SUPPORT.value,
                      text=text, due_date=None, help_offered=None)
        return ids

    def _assessments(self, episode_id: int, commissioned: date, horizon: date,
                     unborn_due: date | None) -> None:
        rng = self.rng
        kinds = rng.sample([AssessmentKind.PARENTING, AssessmentKind.VIABILITY,
                            AssessmentKind.DRUG_ALCOHOL, AssessmentKind.PSYCHOLOGICAL,
                            AssessmentKind.KINSHIP, AssessmentKind.FGDM], rng.randint(1, 3))
        if unborn_due:
            kinds.append(AssessmentKind.PRE_BIRTH)
        for kind in kinds:
            due = commissioned + timedelta(weeks=rng.randint(6, 12))
            if kind is AssessmentKind.PRE_BIRTH and unborn_due:
                due = unborn_due - timedelta(weeks=4)
            lateness = rng.choices((-7, 0, 5, 20), weights=(30, 35, 20, 15))[0]
            completed = due + timedelta(days=lateness)
            done = completed <= horizon and completed <= self.today
            self._add(
                "assessments", episode_id=episode_id, kind=kind.value,
                subject=rng.choice(("Mother", "Father", "Both parents", "Maternal grandmother")),
                commissioned_date=commissioned, due_date=due,
                completed_date=completed if done else None,
                author=rng.choice(self.authors), reason=_REASONS[kind],
                conclusion="Recommendations set out in section 9." if done else None,
            )

    def _extensions(self, episode_id: int, start: date, horizon: date, team: str) -> None:
        target = self.rules.pre_proceedings_end(start)
        if target - timedelta(days=10) > horizon or self.rng.random() > 0.35:
            return
        new_end = target + timedelta(weeks=self.rng.choice((4, 6, 8)))
        decided = min(target - timedelta(days=7), horizon)
        self._add("extensions", episode_id=episode_id, decided_on=decided,
                  new_end_date=new_end,
                  reason=self.rng.choice((
                      "Awaiting the psychological assessment.",
                      "Parents are making progress; more time to show it can be sustained.",
                      "Kinship assessment of the grandparents is not yet finished.")),
                  approved_by=self.manager_names[team], approved_by_id=self.managers[team])
