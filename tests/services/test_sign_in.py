"""Signing in with a password: one message for any wrong name or password, lock-out after
five failures, reading never writes, and the database always keeps an administrator."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from plo_tracker.domain.clock import Clock
from plo_tracker.domain.errors import DomainError, ValidationFailed
from plo_tracker.domain.vocabulary import Role
from plo_tracker.services import passwords
from plo_tracker.services.actor import SYSTEM
from plo_tracker.services.registry import Services
from plo_tracker.services.sign_in import WRONG, SignInRefused
from plo_tracker.services.users import NewUser
from plo_tracker.settings import AccountSettings, CouncilDetails, Settings
from plo_tracker.storage.models import AuditEntry, User
from plo_tracker.storage.unit_of_work import Database

ALEX, SAM = "quiet harbour lantern", "purple kettle meadow"
# Thursday 26 November 2026 at 09:00 in London (GMT in winter, so 09:00 UTC too).
NINE = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


class MovableClock(Clock):
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def today(self):
        return self.moment.date()


@pytest.fixture
def people(fresh_world):
    """Alex (administrator) and Sam (social worker, who has chosen their password)."""
    users = fresh_world.services.users
    users.create(SYSTEM, NewUser("alex", "Alex Byrne", Role.ADMINISTRATOR), ALEX)
    users.create(users.trusted_actor("alex"),
                 NewUser("sam", "Sam Okafor", Role.SOCIAL_WORKER, "North"), "temporary words here")
    users.change_password("sam", "temporary words here", SAM)
    fresh_world.services.context.clock = MovableClock(NINE)
    return fresh_world


def _user(world, username: str) -> User:
    with world.database.unit_of_work() as session:
        return session.scalar(select(User).where(User.username == username))


def _actions(world) -> list[tuple[str, str]]:
    with world.database.reading() as conn:
        return [tuple(r) for r in conn.execute(
            select(AuditEntry.username, AuditEntry.action).order_by(AuditEntry.id))]


def test_the_right_password_signs_in_and_is_audited(people):
    signed_in = people.services.users.sign_in("  Sam ", SAM)
    assert (signed_in.actor.username, signed_in.actor.role, signed_in.must_choose_password) == (
        "sam", Role.SOCIAL_WORKER, False)
    assert _actions(people)[-1] == ("sam", "user.sign_in")


def test_a_wrong_password_and_an_unknown_name_get_the_same_one_message(people):
    users = people.services.users
    with pytest.raises(SignInRefused) as wrong:
        users.sign_in("sam", "not the password at all")
    with pytest.raises(SignInRefused) as unknown:
        users.sign_in("nobody", SAM)
    assert wrong.value.message == unknown.value.message == WRONG
    assert "alex" not in WRONG and "sam" not in WRONG  # never lists the accounts
    assert wrong.value.field == "password"
    assert _actions(people)[-2:] == [("sam", "user.sign_in_failed"),
                                     ("system", "user.sign_in_failed")]
    assert _user(people, "sam").failed_sign_ins == 1


def test_five_failures_lock_the_account_until_a_time_it_names(people):
    users = people.services.users
    for _attempt in range(4):
        with pytest.raises(SignInRefused, match="^The user name or password is not right"):
            users.sign_in("sam", "wrong guess number")
    with pytest.raises(SignInRefused) as fifth:
        users.sign_in("sam", "wrong guess number")
    # 09:00 plus the default 15 minutes.
    assert fifth.value.message == (
        WRONG + " This account is locked after 5 failed sign-ins, until 09:15 on Thu 26 Nov "
        "2026. Try again then, or ask an administrator to unlock it.")
    # While locked, even the right password is refused, and nothing more is counted.
    people.services.context.clock.moment = NINE + timedelta(minutes=14)
    before = people.tables()
    with pytest.raises(SignInRefused, match="until 09:15 on Thu 26 Nov 2026"):
        users.sign_in("sam", SAM)
    assert people.tables() == before
    assert ("sam", "user.locked") in _actions(people)
    # Once the time is up the right password works, and the count starts again.
    people.services.context.clock.moment = NINE + timedelta(minutes=15, seconds=1)
    assert users.sign_in("sam", SAM).actor.username == "sam"
    assert _user(people, "sam").failed_sign_ins == 0


def test_the_lock_out_lasts_as_long_as_the_setting_says(people):
    admin = people.services.users.trusted_actor("alex")
    people.services.settings.save(admin, Settings(
        council=CouncilDetails(name="Northshire County Council"),
        accounts=AccountSettings(lockout_minutes=60)))
    for _attempt in range(5):
        with pytest.raises(SignInRefused):
            people.services.users.sign_in("sam", "wrong guess number")
    assert _user(people, "sam").locked_until == datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def test_an_administrator_unlocks_an_account(people):
    users = people.services.users
    for _attempt in range(5):
        with pytest.raises(SignInRefused):
            users.sign_in("sam", "wrong guess number")
    users.unlock(users.trusted_actor("alex"), "sam")
    assert users.sign_in("sam", SAM).actor.username == "sam"
    assert ("alex", "user.unlock") in _actions(people)
    with pytest.raises(DomainError, match="does not allow you to manage user accounts"):
        users.unlock(users.trusted_actor("sam"), "alex")


def test_on_a_read_only_database_sign_in_checks_the_password_but_writes_nothing(people):
    read_only = Services.build(Database(people.engine, "This copy is read-only."),
                               MovableClock(NINE))
    before = people.tables()
    assert read_only.users.sign_in("sam", SAM).actor.username == "sam"
    for _attempt in range(6):
        with pytest.raises(SignInRefused) as refused:
            read_only.users.sign_in("sam", "wrong guess number")
        assert refused.value.message == WRONG  # never counted, so never locked
    with pytest.raises(SignInRefused, match=WRONG):
        read_only.users.sign_in("nobody", SAM)
    assert people.tables() == before
    # The sign-in list reads too.
    assert [a.username for a in read_only.users.accounts()] == ["alex", "sam"]


def test_a_disabled_account_cannot_sign_in_and_is_told_so_only_with_its_password(people):
    users = people.services.users
    admin = users.trusted_actor("alex")
    users.disable(admin, "sam")
    with pytest.raises(SignInRefused, match="^This account is disabled. Ask an administrator"):
        users.sign_in("sam", SAM)
    with pytest.raises(SignInRefused, match=WRONG):
        users.sign_in("sam", "wrong guess number")
    assert [a.username for a in users.accounts()] == ["alex"]
    users.enable(admin, "sam")
    assert users.sign_in("sam", SAM).actor.username == "sam"
    assert [a for _u, a in _actions(people)][-4:] == [
        "user.disable", "user.sign_in_failed", "user.enable", "user.sign_in"]


def test_an_administrator_reset_must_be_changed_at_the_next_sign_in(people):
    users = people.services.users
    users.reset_password(users.trusted_actor("alex"), "sam", "given by the desk")
    with pytest.raises(SignInRefused):
        users.sign_in("sam", SAM)  # the old password no longer works
    assert users.sign_in("sam", "given by the desk").must_choose_password
    with pytest.raises(ValidationFailed, match="not the one you have now"):
        users.change_password("sam", "given by the desk", "given by the desk")
    users.change_password("sam", "given by the desk", "mossy granite window")
    assert not users.sign_in("sam", "mossy granite window").must_choose_password
    entries = _actions(people)
    assert ("alex", "user.password_reset") in entries and ("sam", "user.password_change") in entries


def test_changing_a_password_needs_the_current_one_and_a_good_new_one(people):
    users = people.services.users
    with pytest.raises(SignInRefused, match=WRONG):
        users.change_password("sam", "wrong guess number", "mossy granite window")
    assert _user(people, "sam").failed_sign_ins == 1  # a wrong current password counts
    with pytest.raises(ValidationFailed) as refused:
        users.change_password("sam", SAM, "qwerty123456")
    assert "commonest passwords" in refused.value.problems["new_password"]


def test_an_account_from_before_passwords_chooses_one_at_its_next_sign_in(people):
    """password_hash NULL, as after upgrading from release 0.2."""
    with people.engine.begin() as conn:
        conn.execute(update(User).where(User.username == "sam").values(password_hash=None))
    users = people.services.users
    signed_in = users.sign_in("sam", "")
    assert signed_in.must_choose_password and not signed_in.password_checked
    assert users.has_password("sam") is False and users.has_password("nobody") is True
    users.change_password("sam", None, "mossy granite window")
    assert users.sign_in("sam", "mossy granite window").actor.username == "sam"
    read_only = Services.build(Database(people.engine, "This copy is read-only."))
    with people.engine.begin() as conn:
        conn.execute(update(User).where(User.username == "sam").values(password_hash=None))
    with pytest.raises(SignInRefused, match="no password yet, and this database is open read"):
        read_only.users.sign_in("sam", "")


def test_the_last_active_administrator_cannot_be_disabled_or_demoted(people):
    users = people.services.users
    alex = users.trusted_actor("alex")
    before = people.tables()
    with pytest.raises(DomainError, match="Alex Byrne is the last active administrator"):
        users.disable(alex, "alex")
    with pytest.raises(DomainError, match="Make another account an administrator first"):
        users.change_role(alex, "alex", Role.READ_ONLY)
    assert people.tables() == before
    users.change_role(alex, "sam", Role.ADMINISTRATOR)
    users.change_role(alex, "alex", Role.READ_ONLY)  # now there is another
    assert ("alex", "user.role_change") in _actions(people)


def test_a_hash_of_an_older_cost_is_replaced_at_the_next_sign_in(people):
    old = _user(people, "sam").password_hash
    passwords.use_cost(passwords.HashCost(time_cost=2, memory_kib=16, parallelism=1))
    people.services.users.sign_in("sam", SAM)
    new = _user(people, "sam").password_hash
    assert new != old and "$m=16,t=2,p=1$" in new
    assert people.services.users.sign_in("sam", SAM).actor.username == "sam"
