"""What every change has in common: permission, one audit entry in the same transaction, the
optimistic version check, and a due list that stays true to the rules."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import delete, update
from sqlalchemy.exc import DBAPIError

from plo_tracker.domain.vocabulary import (
    AssessmentKind,
    GatewayDecision,
    MeetingKind,
    Outcome,
    PlanItemKind,
    Role,
    SendMethod,
)
from plo_tracker.services import case_base
from plo_tracker.services.case_forms import AdultForm, ChildForm, GatewayForm, NewFamilyForm
from plo_tracker.services.demo_data import DemoDataService
from plo_tracker.services.errors import ConflictingEdit, PermissionDenied
from plo_tracker.services.users import NewUser
from plo_tracker.storage.models import Assessment, DueItemRow, Episode, FamilyListRow, PlanItem
from tests.support import TODAY


def _assessment_id(world, family_id: int) -> int:
    with world.database.unit_of_work() as session:
        return session.query(Assessment.id).join(Episode).filter(
            Episode.family_id == family_id).scalar()


def _approver(world) -> int:
    return world.actor("manager").user_id


def _plan_item_id(world, family_id: int) -> int:
    with world.database.unit_of_work() as session:
        return session.query(PlanItem.id).join(Episode).filter(
            Episode.family_id == family_id).scalar()


# One valid call of every method that records something on a family, on a family at the
# right stage: (name, stage builder, call(world, family_id, actor, expected_version),
# decides). ``decides`` marks the panel's decisions (gateway, extension, outcome), which
# team managers, panel members and administrators record; the rest is the family's work,
# which social workers, team managers and administrators record.
CALLS = [
    ("record_gateway_decision", "awaiting", lambda w, f, a, v: w.services.milestones
     .record_gateway_decision(a, f, GatewayDecision.ENTER_PRE_PROCEEDINGS, TODAY, v), True),
    ("record_letter_sent", "pre_proceedings", lambda w, f, a, v: w.services.milestones
     .record_letter_sent(a, f, w.adults(f)[0], TODAY, SendMethod.EMAIL, expected_version=v),
     False),
    ("schedule_meeting", "letters_sent", lambda w, f, a, v: w.services.milestones
     .schedule_meeting(a, f, MeetingKind.INITIAL_PPM, date(2026, 12, 3), v), False),
    ("record_meeting_held", "letters_sent", lambda w, f, a, v: w.services.milestones
     .record_meeting_held(a, f, MeetingKind.INITIAL_PPM, TODAY, expected_version=v), False),
    ("commission_assessment", "pre_proceedings", lambda w, f, a, v: w.services.milestones
     .commission_assessment(a, f, AssessmentKind.DNA, "Father", TODAY, date(2027, 1, 7),
                            expected_version=v), False),
    ("complete_assessment", "with_assessment", lambda w, f, a, v: w.services.milestones
     .complete_assessment(a, f, _assessment_id(w, f), TODAY, "Negative.", expected_version=v),
     False),
    ("record_fgdm", "letters_sent", lambda w, f, a, v: w.services.milestones
     .record_fgdm(a, f, True, False, v), False),
    ("record_extension", "initial_meeting_held", lambda w, f, a, v: w.services.milestones
     .record_extension(a, f, TODAY, date(2027, 2, 4), "Awaiting the kinship assessment.",
                       _approver(w), v), True),
    ("record_outcome", "letters_sent", lambda w, f, a, v: w.services.milestones
     .record_outcome(a, f, Outcome.ISSUE_PROCEEDINGS, TODAY, expected_version=v), True),
    ("record_court_application", "issued", lambda w, f, a, v: w.services.milestones
     .record_court_application(a, f, TODAY, False, None, "ZW26C09999", expected_version=v),
     False),
    ("close_proceedings", "applied", lambda w, f, a, v: w.services.milestones
     .close_proceedings(a, f, TODAY, v), False),
    ("add_note", "pre_proceedings", lambda w, f, a, v: w.services.milestones
     .add_note(a, f, "Telephone call with the mother.", v), False),
    ("record_history", "pre_proceedings", lambda w, f, a, v: w.services.milestones
     .record_history(a, f, "Known to children's services since 2023.", v), False),
    ("add_item", "pre_proceedings", lambda w, f, a, v: w.services.plan
     .add_item(a, f, PlanItemKind.SUPPORT, "Family support worker.", expected_version=v),
     False),
    ("record_progress", "with_plan_item", lambda w, f, a, v: w.services.plan
     .record_progress(a, f, _plan_item_id(w, f), TODAY, "Some progress.", expected_version=v),
     False),
    ("save_adult", "pre_proceedings", lambda w, f, a, v: w.services.people
     .save_adult(a, f, None, AdultForm("Tom", "Testcase", "uncle"), v), False),
    ("save_child", "pre_proceedings", lambda w, f, a, v: w.services.people
     .save_child(a, f, None, ChildForm("Ivy", "Testcase", date(2024, 2, 2)), v), False),
]


def test_every_method_that_records_on_a_family_is_covered():
    from plo_tracker.services.milestones import MilestoneService
    from plo_tracker.services.people import PeopleService
    from plo_tracker.services.plan import PlanService

    public = {name for service in (MilestoneService, PlanService, PeopleService)
              for name in vars(service) if not name.startswith("_")}
    assert public == {name for name, *_ in CALLS}


# Written out by hand from the README's table of roles.
WORK = {"socialworker", "manager", "admin"}
DECISIONS = {"manager", "panel", "admin"}


def _allowed(role: str, decides: bool) -> bool:
    return role in (DECISIONS if decides else WORK)


@pytest.mark.parametrize("role", ["readonly", "panel", "socialworker", "manager", "admin"])
@pytest.mark.parametrize(("build", "call", "decides"),
                         [pytest.param(*c[1:], id=c[0]) for c in CALLS])
def test_milestone_permissions_by_role(world, role, build, call, decides):
    family_id = getattr(world, build)()
    actor = world.actor(role)
    version = world.version(family_id)
    before = world.tables()
    if _allowed(role, decides):
        saved = call(world, family_id, actor, version)
        assert saved.family_version == version + 1
        assert world.last_audit().username == role
        return
    with pytest.raises(PermissionDenied) as refused:
        call(world, family_id, actor, version)
    role = Role(actor.role).label.lower()
    assert refused.value.message.startswith(f"Your role ({role}) does not allow you to")
    assert "Ask a team manager or administrator." in refused.value.message
    assert world.tables() == before


def _family_form() -> NewFamilyForm:
    return NewFamilyForm(children=(ChildForm("Ava", "Permission", date(2021, 6, 1)),),
                         adults=(AdultForm("Mia", "Permission", "mother"),))


@pytest.mark.parametrize(("role", "allowed"), [
    ("readonly", False), ("panel", False), ("socialworker", True), ("manager", True),
])
def test_only_case_workers_open_new_families(world, role, allowed):
    before = world.tables()
    if allowed:
        family_id = world.services.families.create(world.actor(role), _family_form())
        assert world.version(family_id) == 1
        return
    with pytest.raises(PermissionDenied, match="does not allow you to change family records"):
        world.services.families.create(world.actor(role), _family_form())
    assert world.tables() == before


@pytest.mark.parametrize(("role", "allowed"), [
    ("readonly", False), ("panel", False), ("socialworker", False), ("manager", False),
    ("admin", True),
])
def test_only_administrators_manage_accounts(world, role, allowed):
    new = NewUser(f"new.{role}", "New Person", Role.SOCIAL_WORKER, "North")
    before = world.tables()
    if allowed:
        assert world.services.users.create(world.actor(role), new).username == "new.admin"
        return
    with pytest.raises(PermissionDenied, match="does not allow you to manage user accounts"):
        world.services.users.create(world.actor(role), new)
    assert world.tables() == before


@pytest.mark.parametrize("role", ["readonly", "socialworker", "manager", "panel"])
def test_only_administrators_load_demo_data(world, role):
    before = world.tables()
    with pytest.raises(PermissionDenied, match="does not allow you to load demo data"):
        DemoDataService(world.services.context).generate(world.actor(role), 2, seed=9)
    assert world.tables() == before


@pytest.mark.parametrize("role", ["readonly", "panel", "socialworker", "manager", "admin"])
def test_every_role_can_see_the_caseload(world, role):
    actor = world.actor(role)
    assert world.services.caseload.families(actor)
    assert isinstance(world.services.caseload.due(actor), list)


# -- the audit entry ---------------------------------------------------------------------------

def test_opening_a_family_is_audited_once_with_its_people(world):
    actor = world.actor("socialworker")
    audits = world.audit_count()
    family_id = world.services.families.create(actor, _family_form())
    assert world.audit_count() == audits + 1
    entry = world.last_audit()
    assert (entry.action, entry.entity, entry.entity_id, entry.family_id, entry.username) == (
        "family.create", "family", family_id, family_id, "socialworker")
    assert entry.before is None
    after = json.loads(entry.after)
    assert after["id"] == family_id and after["version"] == 1
    assert len(after["children"]) == 1 and len(after["adults"]) == 1
    assert after["episode"]["stage"] == "awaiting_gateway"


# A trigger that refuses every new audit entry, on SQLite (False) and PostgreSQL (True).
_REFUSE_AUDIT = {
    False: ["CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_entries "
            "BEGIN SELECT RAISE(ABORT, 'audit refused by the test'); END"],
    True: ["CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger AS $$ BEGIN "
           "RAISE EXCEPTION 'audit refused by the test'; END $$ LANGUAGE plpgsql",
           "CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_entries "
           "FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()"],
}


def test_audit_entry_is_in_the_same_transaction_as_the_change(world):
    # If the audit entry cannot be written, the change must not be written either.
    family_id = world.pre_proceedings()
    before = world.tables()
    postgresql = world.engine.dialect.name == "postgresql"
    with world.engine.begin() as conn:
        for statement in _REFUSE_AUDIT[postgresql]:
            conn.exec_driver_sql(statement)
    try:
        with pytest.raises(DBAPIError, match="audit refused by the test"):
            world.services.milestones.record_letter_sent(
                world.actor("manager"), family_id, world.adults(family_id)[0], TODAY,
                SendMethod.POST)
    finally:
        with world.engine.begin() as conn:
            conn.exec_driver_sql("DROP TRIGGER test_refuse_audit"
                                 + (" ON audit_entries" if postgresql else ""))
    assert world.tables() == before


def test_a_failure_after_the_audit_entry_rolls_both_back(world, monkeypatch):
    family_id = world.pre_proceedings()
    real_record = case_base.audit.record

    def record_then_fail(*args, **kwargs):
        real_record(*args, **kwargs)
        args[0].flush()  # the entry reaches the database inside the transaction
        raise RuntimeError("power cut")

    monkeypatch.setattr(case_base.audit, "record", record_then_fail)
    before = world.tables()
    with pytest.raises(RuntimeError, match="power cut"):
        world.services.milestones.add_note(world.actor("manager"), family_id, "Visit.")
    assert world.tables() == before


# -- the optimistic version check --------------------------------------------------------------

@pytest.mark.parametrize(("build", "call"), [pytest.param(c[1], c[2], id=c[0]) for c in CALLS])
def test_a_save_from_a_stale_form_is_refused_and_writes_nothing(world, build, call):
    family_id = getattr(world, build)()
    stale = world.version(family_id)
    # Someone else saves first.
    world.services.milestones.add_note(world.actor("socialworker"), family_id, "Visit.", stale)
    before = world.tables()
    with pytest.raises(ConflictingEdit) as refused:
        call(world, family_id, world.actor("manager"), stale)
    assert "Someone else changed family PLO-2026-" in refused.value.message
    assert "while you were working on it" in refused.value.message
    assert world.tables() == before


def test_two_forms_opened_together_only_the_first_save_wins(world):
    family_id = world.letters_sent()
    opened = world.version(family_id)
    manager, worker = world.actor("manager"), world.actor("socialworker")
    first = world.services.milestones.record_fgdm(manager, family_id, True, None, opened)
    assert first.family_version == opened + 1
    with pytest.raises(ConflictingEdit):
        world.services.milestones.record_fgdm(worker, family_id, True, True, opened)
    second = world.services.milestones.record_fgdm(worker, family_id, True, True,
                                                   first.family_version)
    assert second.family_version == opened + 2


# -- the stored due list -----------------------------------------------------------------------

def test_due_list_is_true_to_the_rules_after_demo_data_and_changes(world):
    findings = {f.check: f for f in world.health()}
    assert set(findings) == {"schema", "integrity", "links", "audit log", "audit chain",
                             "letters", "documents", "due list", "families list"}
    assert all(f.ok for f in findings.values()), findings


def test_health_check_notices_a_due_list_that_has_drifted(world):
    family_id = world.pre_proceedings()
    with world.engine.begin() as conn:
        saved = [tuple(r) for r in conn.execute(
            DueItemRow.__table__.select().where(DueItemRow.family_id == family_id))]
        conn.execute(update(DueItemRow).where(DueItemRow.family_id == family_id)
                     .values(due_date=date(2030, 1, 1)))
    try:
        finding = next(f for f in world.health() if f.check == "due list")
        assert not finding.ok
        assert "differs from the rules" in finding.detail
    finally:
        with world.engine.begin() as conn:
            conn.execute(delete(DueItemRow).where(DueItemRow.family_id == family_id))
            conn.execute(DueItemRow.__table__.insert(), [
                dict(zip(DueItemRow.__table__.columns.keys(), row, strict=True))
                for row in saved])
    assert all(f.ok for f in world.health())


def test_health_check_notices_a_families_list_that_has_drifted(world):
    family_id = world.pre_proceedings()
    with world.engine.begin() as conn:
        conn.execute(update(FamilyListRow).where(FamilyListRow.family_id == family_id)
                     .values(surname="Drifted"))
    finding = next(f for f in world.health() if f.check == "families list")
    assert not finding.ok and "differs from the records" in finding.detail
    # Any change to the family rewrites its row.
    world.services.milestones.add_note(world.actor("manager"), family_id, "A note.")
    assert all(f.ok for f in world.health())


def _team_family(world, team: str) -> int:
    form = NewFamilyForm(children=(ChildForm("Ava", "Scope", date(2021, 6, 1)),),
                         adults=(AdultForm("Mia", "Scope", "mother"),), team=team)
    return world.services.families.create(world.actor("admin"), form)


def test_a_social_worker_changes_only_their_teams_and_their_own_families(world):
    worker = world.actor("socialworker")  # Sam Okafor, North team
    south = _team_family(world, "South")
    before = world.tables()
    with pytest.raises(PermissionDenied) as refused:
        world.services.milestones.add_note(worker, south, "A note.")
    assert refused.value.message == (
        "This family is held by the South team, so you can read it but not change it. Ask its "
        "social worker or a team manager to record changes.")
    assert world.tables() == before
    # Their own team's family, and a family allocated to them in another team, they change.
    world.services.milestones.add_note(worker, _team_family(world, "north"), "A note.")
    mine = world.services.families.create(world.actor("admin"), NewFamilyForm(
        children=(ChildForm("Ava", "Scope", date(2021, 6, 1)),),
        adults=(AdultForm("Mia", "Scope", "mother"),), team="East",
        social_worker_id=worker.user_id))
    world.services.milestones.add_note(worker, mine, "A note.")
    # Team managers and administrators are not limited by team.
    world.services.milestones.add_note(world.actor("manager"), south, "A note.")


def test_the_family_page_says_why_it_is_read_only(world):
    south = _team_family(world, "South")
    assert world.services.case_detail.family(world.actor("socialworker"), south) \
        .read_only_reason.startswith("This family is held by the South team")
    assert world.services.case_detail.family(world.actor("manager"), south) \
        .read_only_reason is None
    assert world.services.case_detail.family(world.actor("readonly"), south) \
        .read_only_reason.startswith("Your role (read only) does not allow you to change")


def test_opening_a_family_with_its_gateway_decision_needs_the_right_to_decide(world):
    form = NewFamilyForm(children=(ChildForm("Ava", "Gate", date(2021, 6, 1)),),
                         adults=(AdultForm("Mia", "Gate", "mother"),),
                         gateway=GatewayForm(GatewayDecision.ENTER_PRE_PROCEEDINGS, TODAY))
    before = world.tables()
    with pytest.raises(PermissionDenied, match="record gateway decisions"):
        world.services.families.create(world.actor("socialworker"), form)
    assert world.tables() == before
    assert world.services.families.create(world.actor("manager"), form)
