"""Accounts: the first is made by the app itself, the rest by an administrator; signing in."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import update

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.vocabulary import Role
from plo_tracker.services.actor import SYSTEM
from plo_tracker.services.errors import NotFound, PermissionDenied
from plo_tracker.services.users import NewUser
from plo_tracker.storage.models import User

ADMIN = NewUser("alex", "Alex Byrne", Role.ADMINISTRATOR, email="alex@example.invalid")
WORKER = NewUser("sam", "Sam Okafor", Role.SOCIAL_WORKER, "North")


def test_the_first_account_of_an_empty_database_is_made_by_the_app(fresh_world):
    users = fresh_world.services.users
    assert not users.has_users()
    account = users.create(SYSTEM, ADMIN)
    assert (account.username, account.display_name, account.role, account.active) == (
        "alex", "Alex Byrne", Role.ADMINISTRATOR, True)
    assert users.has_users()
    entry = fresh_world.last_audit()
    assert (entry.action, entry.username, entry.user_id, entry.entity_id) == (
        "user.create", "system", None, account.user_id)
    assert json.loads(entry.after)["email"] == "alex@example.invalid"


def test_later_accounts_need_an_administrator(fresh_world):
    users = fresh_world.services.users
    users.create(SYSTEM, ADMIN)
    users.create(users.sign_in("alex"), WORKER)
    before = fresh_world.tables()
    with pytest.raises(PermissionDenied, match="does not allow you to manage user accounts"):
        users.create(users.sign_in("sam"), NewUser("kim", "Kim Lee", Role.READ_ONLY))
    # Signing in is audited, so compare the accounts rather than every table.
    assert fresh_world.tables()["users"] == before["users"]
    assert [a.username for a in users.accounts()] == ["alex", "sam"]


def test_the_app_itself_cannot_add_accounts_once_one_exists(fresh_world):
    users = fresh_world.services.users
    users.create(SYSTEM, ADMIN)
    before = fresh_world.tables()
    with pytest.raises(PermissionDenied) as refused:
        users.create(SYSTEM, WORKER)
    assert "administrator" in refused.value.message
    assert fresh_world.tables() == before


@pytest.mark.parametrize(("new", "field", "says"), [
    (NewUser("A", "Ada", Role.READ_ONLY), "username", "lower-case letters"),
    (NewUser("has space", "Ada", Role.READ_ONLY), "username", "lower-case letters"),
    (NewUser("ada", "   ", Role.READ_ONLY), "display_name", "Enter the person's full name"),
    (NewUser("Alex", "Alex Again", Role.READ_ONLY), "username", "'alex' is taken"),
])
def test_bad_accounts_are_refused(fresh_world, new, field, says):
    fresh_world.services.users.create(SYSTEM, ADMIN)
    admin = fresh_world.services.users.sign_in("alex")
    before = fresh_world.tables()
    with pytest.raises(ValidationFailed) as refused:
        fresh_world.services.users.create(admin, new)
    assert field in refused.value.problems
    assert says in refused.value.message
    assert fresh_world.tables() == before


def test_sign_in_refuses_an_unknown_account_naming_the_ones_there_are(fresh_world):
    users = fresh_world.services.users
    users.create(SYSTEM, ADMIN)
    users.create(users.sign_in("alex"), WORKER)
    before = fresh_world.tables()
    with pytest.raises(NotFound) as refused:
        users.sign_in("nobody")
    assert refused.value.message == (
        "There is no active account called 'nobody'. Accounts here include: alex, sam.")
    assert refused.value.field == "username"
    assert fresh_world.tables() == before


def test_sign_in_on_an_empty_database_says_how_to_make_an_account(fresh_world):
    with pytest.raises(NotFound) as refused:
        fresh_world.services.users.sign_in("admin")
    assert "no accounts yet" in refused.value.message
    assert "plo-tracker users add" in refused.value.message


def test_sign_in_refuses_an_inactive_account(fresh_world):
    users = fresh_world.services.users
    users.create(SYSTEM, ADMIN)
    users.create(users.sign_in("alex"), WORKER)
    with fresh_world.engine.begin() as conn:
        conn.execute(update(User).where(User.username == "sam").values(active=False))
    with pytest.raises(NotFound, match="no active account called 'sam'"):
        users.sign_in("sam")
    assert [a.username for a in users.accounts()] == ["alex"]


def test_sign_in_ignores_case_and_spaces_and_is_audited(fresh_world):
    users = fresh_world.services.users
    users.create(SYSTEM, ADMIN)
    actor = users.sign_in("  Alex ")
    assert (actor.username, actor.role, actor.display_name) == (
        "alex", Role.ADMINISTRATOR, "Alex Byrne")
    entry = fresh_world.last_audit()
    assert (entry.action, entry.username, entry.user_id) == (
        "user.sign_in", "alex", actor.user_id)
