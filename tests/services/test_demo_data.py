"""Demo data: repeatable from its seed, covering every stage, and never mixed with real families."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from plo_tracker.domain.due import DueStatus
from plo_tracker.domain.errors import DomainError
from plo_tracker.domain.password_rules import password_problem
from plo_tracker.domain.stages import Stage
from plo_tracker.domain.vocabulary import GatewayDecision, Outcome, Role, StepDownPlan
from plo_tracker.services.actor import SYSTEM
from plo_tracker.services.case_forms import AdultForm, ChildForm, NewFamilyForm
from plo_tracker.services.demo_data import DEMO_ACCOUNTS, DEMO_PASSWORDS, DemoDataService
from plo_tracker.services.users import NewUser
from plo_tracker.storage.models import DatabaseFact, Episode, Family


@pytest.fixture(scope="module")
def big(tmp_path_factory, dump_database, build_world):
    """120 demo families: enough for every stage and kind of record to turn up."""
    built = build_world(tmp_path_factory.mktemp("demo"), dump_database, families=120, seed=3)
    yield built
    built.database.dispose()


@pytest.fixture
def make_world(tmp_path, dump_database, build_world):
    made = []

    def make(name: str, families: int, seed: int):
        folder = tmp_path / name
        folder.mkdir()
        made.append(build_world(folder, dump_database, families=families, seed=seed))
        return made[-1]

    yield make
    for built in made:
        built.database.dispose()


def _episodes(world) -> list[Episode]:
    with world.database.unit_of_work() as session:
        return list(session.scalars(select(Episode)))


def test_same_seed_and_same_day_give_identical_data(make_world):
    first, second = make_world("a", 30, 3), make_world("b", 30, 3)
    # The audit log says when each was really made (the computer's clock), so it differs,
    # and each password hash has a salt of its own.
    audit = {"audit_entries", "audit_chain_head"}

    def unsalted(tables):
        return {name: [tuple("hash" if str(v).startswith("$argon2id$") else v for v in row)
                       for row in rows] for name, rows in tables.items() if name not in audit}

    assert unsalted(first.tables()) == unsalted(second.tables())
    reader = "readonly"
    assert (first.services.caseload.families(first.actor(reader))
            == second.services.caseload.families(second.actor(reader)))


def test_different_seeds_give_different_families(make_world):
    first, other = make_world("a", 30, 3), make_world("b", 30, 4)
    ours = first.services.caseload.families(first.actor("readonly"))
    theirs = other.services.caseload.families(other.actor("readonly"))
    assert len(ours) == len(theirs) == 30
    assert [(s.surname, s.children_text, s.start) for s in ours] != [
        (s.surname, s.children_text, s.start) for s in theirs]


def test_every_stage_is_present(big):
    rows = big.services.caseload.families(big.actor("readonly"))
    assert len(rows) == 120
    assert {r.stage for r in rows} == set(Stage)


def test_unborn_babies_extensions_and_overdue_families(big):
    rows = big.services.caseload.families(big.actor("readonly"))
    assert any(r.has_unborn for r in rows)
    assert any("unborn, due" in r.children_text for r in rows)
    assert any(r.extended for r in rows)
    statuses = Counter(r.status for r in rows)
    assert statuses[DueStatus.OVERDUE] > 0 and statuses[DueStatus.DUE_SOON] > 0
    assert statuses[DueStatus.CLOSED] > 0
    assert any(r.week and r.week.days_past for r in rows)  # past the 16 weeks
    due = big.services.caseload.due(big.actor("readonly"))
    assert {e.status for e in due} == {DueStatus.OVERDUE, DueStatus.DUE_SOON}


def test_gateway_decisions_and_outcomes_of_each_kind(big):
    episodes = _episodes(big)
    assert {e.gateway_decision for e in episodes} >= {d.value for d in GatewayDecision}
    outcomes = {e.outcome for e in episodes}
    assert {Outcome.STEP_DOWN.value, Outcome.ISSUE_PROCEEDINGS.value} <= outcomes
    assert {e.step_down_plan for e in episodes if e.step_down_plan} == {
        StepDownPlan.CHILD_PROTECTION.value, StepDownPlan.CHILD_IN_NEED.value}
    issued = [e for e in episodes if e.court_application_date]
    assert issued and all(e.court_reference for e in issued)
    assert any(e.short_notice for e in issued) and not all(e.short_notice for e in issued)
    assert all(e.letter_of_issue_date >= e.court_application_date for e in issued)
    assert any(e.fgdm_offered for e in episodes)
    # Some families have an earlier, finished episode.
    per_family = Counter(e.family_id for e in episodes)
    assert max(per_family.values()) >= 2


def test_demo_data_includes_the_outcome_other(big):
    assert Outcome.OTHER.value in {e.outcome for e in _episodes(big)}


def test_demo_records_obey_the_census_date_order(big):
    for e in _episodes(big):
        if e.outcome_date and e.gateway_date:
            assert e.outcome_date >= e.gateway_date
        if e.court_application_date and e.outcome_date:
            assert e.court_application_date >= e.outcome_date
        for when in (e.gateway_date, e.outcome_date, e.court_application_date,
                     e.letter_of_issue_date):
            assert when is None or when <= date(2026, 11, 26)


def test_demo_accounts_for_every_role_and_a_sound_database(big):
    accounts = {a.username: a for a in big.services.users.accounts()}
    for username, name, role, team in DEMO_ACCOUNTS:
        assert (accounts[username].display_name, accounts[username].role,
                accounts[username].team) == (name, role, team)
    assert {a.role for a in accounts.values()} == set(Role)
    assert all(f.ok for f in big.health())
    with big.database.reading() as conn:
        assert conn.execute(select(DatabaseFact.value).where(DatabaseFact.key == "demo")
                            ).scalar_one() == "true"
        plo_ids = conn.execute(select(Family.plo_family_id)).scalars().all()
    assert len(plo_ids) == len(set(plo_ids)) == 120


def test_more_demo_data_can_be_added_to_a_demo_database(make_world):
    world = make_world("more", 10, 2)
    result = DemoDataService(world.services.context).generate(world.actor("admin"), 5, seed=6)
    assert result.families == 5
    assert len(world.services.caseload.families(world.actor("readonly"))) == 15
    assert all(f.ok for f in world.health())
    entry = world.last_audit()
    assert (entry.action, entry.username) == ("demo.generate", "admin")


def test_demo_data_refuses_a_database_with_real_families(fresh_world):
    users = fresh_world.services.users
    users.create(SYSTEM, NewUser("admin", "Alex Byrne", Role.ADMINISTRATOR))
    admin = users.trusted_actor("admin")
    fresh_world.services.families.create(admin, NewFamilyForm(
        children=(ChildForm("Ava", "Real", date(2020, 1, 1)),),
        adults=(AdultForm("Mia", "Real", "mother"),)))
    before = fresh_world.tables()
    for actor in (SYSTEM, admin):
        with pytest.raises(DomainError) as refused:
            DemoDataService(fresh_world.services.context).generate(actor, 5, seed=1)
        assert "holds real families" in refused.value.message
        assert "plo-tracker --demo" in refused.value.message
    assert fresh_world.tables() == before


@pytest.mark.parametrize("count", [0, -3, 100_001])
def test_demo_data_asks_for_a_sensible_number_of_families(fresh_world, count):
    before = fresh_world.tables()
    with pytest.raises(DomainError, match="from 1 to 100,000"):
        DemoDataService(fresh_world.services.context).generate(SYSTEM, count)
    assert fresh_world.tables() == before


def test_demo_data_refuses_an_empty_real_database_and_writes_nothing(fresh_world):
    """It used to mark such a database demo for good and add accounts anyone could use."""
    before = fresh_world.tables()
    demo = DemoDataService(fresh_world.services.context)
    for refuse in (demo.refuse_unless_demo, lambda: demo.generate(SYSTEM, 5, seed=1)):
        with pytest.raises(DomainError, match="^This is not a demo database"):
            refuse()
    assert fresh_world.tables() == before


def test_a_demo_database_is_made_only_from_an_empty_one(fresh_world):
    users = fresh_world.services.users
    users.create(SYSTEM, NewUser("admin", "Alex Byrne", Role.ADMINISTRATOR),
                 "quiet harbour lantern")
    before = fresh_world.tables()
    with pytest.raises(DomainError, match="^This is not a demo database"):
        DemoDataService(fresh_world.services.context).make_demo_database(3)
    assert fresh_world.tables() == before


def test_demo_accounts_sign_in_with_the_passwords_the_readme_lists(world):
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for username, _name, role, _team in DEMO_ACCOUNTS:
        password = DEMO_PASSWORDS[role]
        assert f"`{username}`" in readme and f"`{password}`" in readme
        signed_in = world.services.users.sign_in(username, password)
        assert (signed_in.actor.username, signed_in.must_choose_password) == (username, False)
        assert password_problem(password, username) is None  # they keep the app's own rules
    assert world.services.users.sign_in("worker03", DEMO_PASSWORDS[Role.SOCIAL_WORKER])


def test_demo_letters_before_proceedings_read_at_the_target_grade(big):
    """The demo's plan wording is plain enough that its letters before proceedings pass the
    readability check the window shows (grade 6 or lower), so a trainee sees no flag
    caused by the demo's own text; and supporters are named where needed."""
    from plo_tracker.domain.letter_types import LetterType

    admin = big.actor("admin")
    scored = []
    for family in big.services.caseload.families(admin):
        if family.stage is not Stage.PRE_PROCEEDINGS:
            continue
        for kind in (LetterType.LBP, LetterType.LBP_UNBORN):
            try:
                checks = big.services.letters.check(admin, family.family_id, kind)
            except DomainError:  # the other kind of letter for this family
                continue
            for check in checks:
                if not check.missing:
                    scored.append(big.services.letters.readability(
                        admin, family.family_id, kind, check.adult_id).flesch_kincaid_grade)
    assert len(scored) >= 3
    assert max(scored) <= 6.0, sorted(scored)
