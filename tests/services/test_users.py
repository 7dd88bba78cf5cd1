"""Accounts: the first is an administrator made by the app; the rest by an administrator."""

from __future__ import annotations

import json

import pytest

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.vocabulary import Role
from plo_tracker.services.actor import SYSTEM
from plo_tracker.services.errors import NotFound, PermissionDenied
from plo_tracker.services.users import NewUser

ADMIN = NewUser("alex", "Alex Byrne", Role.ADMINISTRATOR, email="alex@example.invalid")
WORKER = NewUser("sam", "Sam Okafor", Role.SOCIAL_WORKER, "North")
ALEX_PASSWORD = "quiet harbour lantern"
SAM_PASSWORD = "purple kettle meadow"


def test_the_first_account_of_an_empty_database_is_made_by_the_app(fresh_world):
    users = fresh_world.services.users
    assert not users.has_users()
    account = users.create(SYSTEM, ADMIN, ALEX_PASSWORD)
    assert (account.username, account.display_name, account.role, account.active) == (
        "alex", "Alex Byrne", Role.ADMINISTRATOR, True)
    assert users.has_users()
    entry = fresh_world.last_audit()
    assert (entry.action, entry.username, entry.user_id, entry.entity_id) == (
        "user.create", "system", None, account.user_id)
    after = json.loads(entry.after)
    assert after["email"] == "alex@example.invalid"
    assert "password_hash" not in after  # never in the audit log
    # The first account keeps the password it chose.
    assert not users.sign_in("alex", ALEX_PASSWORD).must_choose_password


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMINISTRATOR])
def test_the_first_account_must_be_an_administrator(fresh_world, role):
    """A first read-only account would leave the database without anyone to manage it."""
    before = fresh_world.tables()
    with pytest.raises(ValidationFailed) as refused:
        fresh_world.services.users.create(SYSTEM, NewUser("robin", "Robin Hale", role),
                                          "steady copper bridge")
    assert refused.value.problems["role"].startswith("The first account must be an administrator")
    assert fresh_world.tables() == before


def test_later_accounts_need_an_administrator(fresh_world):
    users = fresh_world.services.users
    users.create(SYSTEM, ADMIN, ALEX_PASSWORD)
    users.create(users.trusted_actor("alex"), WORKER, SAM_PASSWORD)
    before = fresh_world.tables()
    with pytest.raises(PermissionDenied, match="does not allow you to manage user accounts"):
        users.create(users.trusted_actor("sam"), NewUser("kim", "Kim Lee", Role.READ_ONLY),
                     "steady copper bridge")
    assert fresh_world.tables() == before
    assert [a.username for a in users.accounts()] == ["alex", "sam"]


def test_an_account_made_by_an_administrator_chooses_its_own_password(fresh_world):
    users = fresh_world.services.users
    users.create(SYSTEM, ADMIN, ALEX_PASSWORD)
    users.create(users.trusted_actor("alex"), WORKER, SAM_PASSWORD)
    assert users.sign_in("sam", SAM_PASSWORD).must_choose_password


def test_the_app_itself_cannot_add_accounts_once_one_exists(fresh_world):
    users = fresh_world.services.users
    users.create(SYSTEM, ADMIN, ALEX_PASSWORD)
    before = fresh_world.tables()
    with pytest.raises(PermissionDenied) as refused:
        users.create(SYSTEM, WORKER, SAM_PASSWORD)
    assert "administrator" in refused.value.message
    assert fresh_world.tables() == before


@pytest.mark.parametrize(("new", "password", "field", "says"), [
    (NewUser("A", "Ada", Role.READ_ONLY), SAM_PASSWORD, "username", "lower-case letters"),
    (NewUser("has space", "Ada", Role.READ_ONLY), SAM_PASSWORD, "username", "lower-case letters"),
    (NewUser("ada", "   ", Role.READ_ONLY), SAM_PASSWORD, "display_name",
     "Enter the person's full name"),
    (NewUser("Alex", "Alex Again", Role.READ_ONLY), SAM_PASSWORD, "username", "'alex' is taken"),
    (NewUser("System", "Sys Admin", Role.READ_ONLY), SAM_PASSWORD, "username",
     "kept for PLO Tracker itself"),
    (NewUser("ada", "Ada Lovelace", Role.READ_ONLY), "short", "password", "at least 12"),
    (NewUser("ada", "Ada Lovelace", Role.READ_ONLY), "password1234", "password", "commonest"),
])
def test_bad_accounts_are_refused(fresh_world, new, password, field, says):
    fresh_world.services.users.create(SYSTEM, ADMIN, ALEX_PASSWORD)
    admin = fresh_world.services.users.trusted_actor("alex")
    before = fresh_world.tables()
    with pytest.raises(ValidationFailed) as refused:
        fresh_world.services.users.create(admin, new, password)
    assert field in refused.value.problems
    assert says in refused.value.message
    assert fresh_world.tables() == before


def test_the_trusted_lookup_neither_lists_accounts_nor_audits(fresh_world):
    users = fresh_world.services.users
    users.create(SYSTEM, ADMIN, ALEX_PASSWORD)
    before = fresh_world.tables()
    actor = users.trusted_actor("  Alex ")
    assert (actor.username, actor.role, actor.display_name) == (
        "alex", Role.ADMINISTRATOR, "Alex Byrne")
    with pytest.raises(NotFound) as refused:
        users.trusted_actor("nobody")
    assert refused.value.message == "There is no active account called 'nobody'."
    assert fresh_world.tables() == before
