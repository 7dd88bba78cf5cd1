"""Restricted families: seen only by the people named, the family's social worker and its
team manager, in every list, search, due view, export, count, record and letter; anyone
else gets the answer a family that does not exist gets. Every change is audited."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, update

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.errors import DomainError, ValidationFailed
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.vocabulary import SendMethod
from plo_tracker.services.errors import NotFound, PermissionDenied
from plo_tracker.services.family_access import restricted_words
from plo_tracker.storage.models import AuditEntry, Family
from tests.services.test_letters import build_family
from tests.support import TODAY

MISSING = 999_999  # no family or letter has this id


def user_id(world, username: str) -> int:
    return world.actor(username).user_id


def restricted_family(world) -> int:
    """A family in pre-proceedings allocated to Sam (socialworker), restricted by Morgan
    (manager, who is then named): nobody else may see it."""
    family_id = world.new_family(social_worker_id=user_id(world, "socialworker"))
    world.services.family_access.restrict(world.actor("manager"), family_id)
    return family_id


def plo_id(world, family_id: int) -> str:
    return world.services.case_detail.family(world.actor("manager"), family_id,
                                             record_view=False).plo_family_id


def refusal(call) -> tuple[type, str]:
    """The kind and words of what a call raises."""
    with pytest.raises(DomainError) as raised:
        call()
    return type(raised.value), raised.value.message


def listed(world, username: str) -> set[int]:
    return {s.family_id for s in world.services.caseload.families(world.actor(username))}


def due_families(world, username: str) -> set[int]:
    return {e.item.family_id for e in world.services.caseload.due(world.actor(username),
                                                                  on=TODAY)}


OUTSIDERS = ("admin", "panel", "readonly")


@pytest.mark.parametrize("username", OUTSIDERS)
def test_lists_due_list_exports_and_counts_leave_it_out(world, username):
    family_id = restricted_family(world)
    # It has letters before proceedings due (the gateway was 12 weeks ago), so it would be
    # in the due list of anyone allowed.
    assert family_id in due_families(world, "manager")
    assert family_id in listed(world, "manager")
    assert family_id not in listed(world, username)
    assert family_id not in due_families(world, username)
    exports = world.services.exports
    actor = world.actor(username)
    assert family_id not in {r["id"] for r in exports.families(actor, on=TODAY)}
    assert family_id not in {r["family_id"] for r in exports.due(actor, on=TODAY)}
    # A row read again after a save (the window asks for one family's line) is not given.
    assert world.services.caseload.families(actor, family_ids=[family_id]) == []


def test_the_counts_leave_out_every_family_not_seen(world):
    """The window's counts (families, My work) are the lengths of these lists: for someone
    named for nothing, every family less the restricted ones."""
    restricted_family(world)
    with world.database.reading() as conn:
        families = conn.execute(select(func.count(Family.id))).scalar_one()
        hidden = conn.execute(select(func.count(Family.id))
                              .where(Family.restricted.is_(True))).scalar_one()
    assert hidden >= 1
    assert len(listed(world, "readonly")) == families - hidden


@pytest.mark.parametrize("username", OUTSIDERS)
def test_reading_it_gets_the_answer_a_missing_family_gets(world, username):
    family_id = restricted_family(world)
    actor = world.actor(username)
    services = world.services
    reference = plo_id(world, family_id)
    # The same kind of refusal in the same words as for an id that is no family.
    for hidden, missing in [
        (lambda: services.families.find(actor, reference),
         lambda: services.families.find(actor, "PLO-1999-0001")),
        (lambda: services.case_detail.family(actor, family_id),
         lambda: services.case_detail.family(actor, MISSING)),
        (lambda: services.letters.generated(actor, family_id),
         lambda: services.letters.generated(actor, MISSING)),
        (lambda: services.letters.check(actor, family_id, LetterType.LBP),
         lambda: services.letters.check(actor, MISSING, LetterType.LBP)),
    ]:
        kind, words = refusal(hidden)
        assert kind is NotFound
        assert words == refusal(missing)[1].replace("PLO-1999-0001", reference).replace(
            str(MISSING), str(family_id))
    kind, words = refusal(lambda: services.families.find(actor, str(family_id)))
    assert (kind, words) == (NotFound, f"No family has the id {family_id}. Use "
                                       "'plo-tracker families' to list them.")
    assert services.case_detail.history(actor, family_id) == []


def test_changing_it_is_refused_as_for_a_missing_family(world):
    family_id = restricted_family(world)
    admin = world.actor("admin")
    before = world.version(family_id)
    kind, words = refusal(lambda: world.services.milestones.add_note(admin, family_id, "x"))
    assert (kind, words) == (NotFound, "That family no longer exists. Refresh the list.")
    assert refusal(lambda: world.services.milestones.add_note(admin, MISSING, "x")) == (
        kind, words)
    adult = world.adults(family_id)[0]
    assert refusal(lambda: world.services.milestones.record_letter_sent(
        admin, family_id, adult, date(2026, 9, 3), SendMethod.POST))[0] is NotFound
    assert world.version(family_id) == before


def test_its_kept_letters_are_hidden_as_if_there_were_none(world):
    family_id = build_family(world, "Quill").family_id  # ready for its letters
    manager, admin = world.actor("manager"), world.actor("admin")
    world.services.family_access.restrict(manager, family_id)
    letter = world.services.letters.generate(manager, family_id, LetterType.LBP)[0]
    assert world.services.letters.open(manager, letter.letter_id)[:4] == b"%PDF"
    words = f"There is no letter with id {letter.letter_id}."
    assert refusal(lambda: world.services.letters.open(admin, letter.letter_id)) == (
        NotFound, words)
    assert refusal(lambda: world.services.letters.record_sent(
        admin, letter.letter_id, TODAY, SendMethod.POST)) == (NotFound, words)


def test_a_batch_skips_it_in_the_words_for_a_missing_family(world):
    family_id = restricted_family(world)
    result = world.services.letters.batch(world.actor("admin"), LetterType.LBP,
                                          [family_id, MISSING])
    assert result.letters == ()
    assert result.skipped == (
        (f"family {family_id}", f"There is no family with id {family_id}."),
        (f"family {MISSING}", f"There is no family with id {MISSING}."))


@pytest.mark.parametrize("username", ["socialworker", "manager"])
def test_the_worker_and_the_people_named_see_and_change_it(world, username):
    family_id = restricted_family(world)
    actor = world.actor(username)
    assert family_id in listed(world, username)
    assert family_id in due_families(world, username)
    assert world.services.families.find(actor, plo_id(world, family_id)) == family_id
    detail = world.services.case_detail.family(actor, family_id)
    # Morgan (named when restricting) and Sam (the allocated social worker).
    assert (detail.restricted, detail.seen_by) == (True, 2)
    world.services.milestones.add_note(actor, family_id, "Seen at home.")


def test_the_team_manager_of_the_family_always_sees_it(world):
    manager = user_id(world, "manager")
    family_id = world.new_family(social_worker_id=user_id(world, "socialworker"))
    with world.database.unit_of_work() as session:
        session.execute(update(Family).where(Family.id == family_id)
                        .values(team_manager_id=manager))
    view = world.services.family_access.restrict(world.actor("manager"), family_id)
    # Morgan is its team manager, so is not named as well.
    assert [(p.username, p.why) for p in view.always] == [
        ("socialworker", "allocated social worker"), ("manager", "team manager")]
    assert view.named == () and view.seen_by == 2
    assert family_id in listed(world, "manager")


def test_an_unrestricted_family_is_seen_by_everyone(world):
    family_id = world.new_family()
    for username in ("socialworker", "panel", "admin", "readonly"):
        assert family_id in listed(world, username)
    detail = world.services.case_detail.family(world.actor("readonly"), family_id)
    assert (detail.restricted, detail.seen_by) == (False, 0)


def entries(world, family_id: int) -> list[tuple[str, str, object, str | None, str | None]]:
    with world.database.reading() as conn:
        return [tuple(r) for r in conn.execute(
            select(AuditEntry.username, AuditEntry.action, AuditEntry.entity_id,
                   AuditEntry.before, AuditEntry.after)
            .where(AuditEntry.family_id == family_id,
                   AuditEntry.action.like("family.%"),
                   AuditEntry.action != AuditAction.FAMILY_VIEW.code,
                   AuditEntry.action != AuditAction.FAMILY_CREATE.code)
            .order_by(AuditEntry.id))]


def test_every_change_to_who_may_see_it_is_audited(world):
    family_id = world.new_family(social_worker_id=user_id(world, "socialworker"))
    access, manager = world.services.family_access, world.actor("manager")
    panel = user_id(world, "panel")
    access.restrict(manager, family_id)
    access.grant(manager, family_id, panel)
    assert family_id in listed(world, "panel")
    access.revoke(manager, family_id, panel)
    assert family_id not in listed(world, "panel")
    view = access.unrestrict(manager, family_id)
    assert (view.restricted, view.named) == (False, ())
    assert family_id in listed(world, "panel")
    morgan = user_id(world, "manager")
    assert entries(world, family_id) == [
        ("manager", "family.restrict", family_id, '{"restricted": false}',
         '{"restricted": true}'),
        ("manager", "family.access_grant", morgan, None,
         f'{{"user_id": {morgan}, "username": "manager"}}'),
        ("manager", "family.access_grant", panel, None,
         f'{{"user_id": {panel}, "username": "panel"}}'),
        ("manager", "family.access_revoke", panel,
         f'{{"user_id": {panel}, "username": "panel"}}', None),
        ("manager", "family.access_revoke", morgan,
         f'{{"user_id": {morgan}, "username": "manager"}}', None),
        ("manager", "family.unrestrict", family_id, '{"restricted": true}',
         '{"restricted": false}'),
    ]


def test_an_administrator_keeps_the_list_without_seeing_the_record_and_is_audited(world):
    family_id = restricted_family(world)
    access, admin = world.services.family_access, world.actor("admin")
    view = access.show(admin, family_id)
    assert [p.username for p in view.named] == ["manager"]
    assert view.named[0].why.startswith("named by manager on ")
    assert [p.username for p in view.always] == ["socialworker"]
    assert "admin" in {p.username for p in view.others}
    last = world.last_audit()
    assert (last.username, last.action, last.family_id) == (
        "admin", "family.access_view", family_id)
    assert family_id not in listed(world, "admin")  # the list is not the record
    access.grant(admin, family_id, user_id(world, "admin"))
    assert family_id in listed(world, "admin")
    last = world.last_audit()
    assert (last.username, last.action) == ("admin", "family.access_grant")
    count = world.audit_count()
    access.show(admin, family_id)  # now named: looking at the list is ordinary
    assert world.audit_count() == count


def test_a_team_manager_cannot_find_the_list_of_a_family_they_may_not_see(world):
    family_id = world.new_family(social_worker_id=user_id(world, "socialworker"))
    access = world.services.family_access
    access.set_access(world.actor("admin"), family_id, True, [])
    assert refusal(lambda: access.show(world.actor("manager"), family_id)) == (
        NotFound, "That family no longer exists. Refresh the list.")
    assert refusal(lambda: access.grant(world.actor("manager"), family_id,
                                        user_id(world, "manager")))[0] is NotFound


def test_a_team_manager_cannot_hide_it_from_themselves(world):
    family_id = restricted_family(world)
    access, manager = world.services.family_access, world.actor("manager")
    with pytest.raises(ValidationFailed) as refused:
        access.revoke(manager, family_id, user_id(world, "manager"))
    assert refused.value.problems == {"named": (
        "You would no longer see this family after this change. Keep yourself named, or ask "
        "an administrator to make it.")}
    assert family_id in listed(world, "manager")


@pytest.mark.parametrize(("change", "says"), [
    ("worker", "Sam Okafor always sees this family as its allocated social worker; allocate "
               "someone else to change that."),
    ("not named", "Priya Lambert is not named for this family."),
    ("no account", "Name people from the list of active accounts: one of those chosen is "
                   "not an active account."),
])
def test_changes_that_make_no_sense_are_refused_in_words(world, change, says):
    family_id = restricted_family(world)
    access, manager = world.services.family_access, world.actor("manager")
    call = {
        "worker": lambda: access.revoke(manager, family_id, user_id(world, "socialworker")),
        "not named": lambda: access.revoke(manager, family_id, user_id(world, "panel")),
        "no account": lambda: access.grant(manager, family_id, MISSING),
    }[change]
    with pytest.raises(ValidationFailed) as refused:
        call()
    assert refused.value.problems == {"named": says}


def test_naming_people_on_a_family_that_is_not_restricted_is_refused(world):
    family_id = world.new_family()
    with pytest.raises(ValidationFailed) as refused:
        world.services.family_access.grant(world.actor("manager"), family_id,
                                           user_id(world, "panel"))
    assert refused.value.problems["named"].endswith("Restrict it first, then name people.")


@pytest.mark.parametrize("username", ["socialworker", "panel", "readonly"])
def test_other_roles_may_not_decide_who_sees_a_family(world, username):
    family_id = world.new_family(social_worker_id=user_id(world, "socialworker"))
    kind, words = refusal(lambda: world.services.family_access.restrict(
        world.actor(username), family_id))
    assert kind is PermissionDenied
    assert "does not allow you to decide who may see a restricted family" in words


@pytest.mark.parametrize(("count", "words"), [
    (1, "Restricted: seen only by 1 named person"),
    (3, "Restricted: seen only by 3 named people"),
])
def test_the_header_words(count, words):
    assert restricted_words(count) == words
