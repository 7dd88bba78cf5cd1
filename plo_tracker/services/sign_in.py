"""Signing in with a password, lock-out after failed attempts, and choosing one's password.

Reading never writes: on a read-only database the password is still checked, but nothing
is recorded (no audit entry, no failure counted, no lock-out).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, select

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.clock import UK
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.errors import DomainError, ValidationFailed
from plo_tracker.domain.password_rules import password_problem
from plo_tracker.domain.vocabulary import Role
from plo_tracker.storage.models import User

from . import audit, passwords
from .actor import SYSTEM, Actor
from .context import ServiceContext

MAX_FAILED_SIGN_INS = 5
# One message for an unknown user name and a wrong password: it never tells which.
WRONG = "The user name or password is not right. Check both and try again."


class SignInRefused(DomainError):
    """Signing in was refused; the message says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="password")


@dataclass(frozen=True)
class SignIn:
    """Who signed in, and whether they must choose a new password before going on."""

    actor: Actor
    must_choose_password: bool = False
    # False for an account with no password yet: nothing was checked, so it may do
    # nothing until it has chosen one.
    password_checked: bool = True


def actor_of(user: User | Row[Any]) -> Actor:
    return Actor(user.id, user.username, user.display_name, Role(user.role), user.team)


def public_snapshot(user: User) -> dict[str, Any]:
    """An account's values for the audit log, never its password hash."""
    return {k: v for k, v in audit.snapshot(user).items() if k != "password_hash"}


def when_words(moment: datetime) -> str:
    """A moment in UK time for people, e.g. "12:15 on Thu 26 Nov 2026"."""
    local = moment.astimezone(UK)
    return f"{local:%H:%M} on {short_date(local.date())}"


def locked_words(until: datetime) -> str:
    return (f"This account is locked after {MAX_FAILED_SIGN_INS} failed sign-ins, until "
            f"{when_words(until)}. Try again then, or ask an administrator to unlock it.")


def _find(ctx: ServiceContext, username: str) -> Row[Any] | None:
    with ctx.database.reading() as conn:
        return conn.execute(select(User).where(User.username == username)).first()


def sign_in(ctx: ServiceContext, username: str, password: str) -> SignIn:
    name = username.strip().lower()
    user = _find(ctx, name)
    now = ctx.clock.now()
    if user is None:
        passwords.verify(None, password)  # takes as long as a real check
        _record_unknown(ctx, name)
        raise SignInRefused(WRONG)
    if user.locked_until is not None and user.locked_until > now:
        raise SignInRefused(locked_words(user.locked_until))
    if user.password_hash is None:
        if not user.active:
            raise SignInRefused(WRONG)
        if ctx.database.read_only:
            raise SignInRefused(
                "This account has no password yet, and this database is open read-only, so "
                "one cannot be chosen now. Sign in with an account that has a password.")
        return SignIn(actor_of(user), must_choose_password=True, password_checked=False)
    if not passwords.verify(user.password_hash, password):
        raise SignInRefused(_count_failure(ctx, user.id, now))
    if not user.active:
        raise SignInRefused("This account is disabled. Ask an administrator to enable it.")
    if not ctx.database.read_only:
        with ctx.database.unit_of_work() as session:
            row = session.get(User, user.id, with_for_update=True)
            row.failed_sign_ins, row.locked_until = 0, None
            if passwords.needs_new_hash(row.password_hash):
                row.password_hash = passwords.hash_password(password)
            audit.record(session, actor_of(row), AuditAction.USER_SIGN_IN, "user", row.id, None)
    return SignIn(actor_of(user), must_choose_password=user.must_change_password)


def _record_unknown(ctx: ServiceContext, name: str) -> None:
    if ctx.database.read_only:
        return
    with ctx.database.unit_of_work() as session:
        audit.record(session, SYSTEM, AuditAction.USER_SIGN_IN_FAILED, "user", None, None,
                     after={"username": name[:64]})


def _count_failure(ctx: ServiceContext, user_id: int, now: datetime) -> str:
    """Count a wrong password, locking the account at the limit; return the words to show."""
    if ctx.database.read_only:
        return WRONG
    minutes = ctx.settings().accounts.lockout_minutes
    with ctx.database.unit_of_work() as session:
        row = session.get(User, user_id, with_for_update=True)
        if row.locked_until is not None and row.locked_until <= now:
            row.failed_sign_ins, row.locked_until = 0, None  # a lock that ran out starts over
        row.failed_sign_ins = (row.failed_sign_ins or 0) + 1
        audit.record(session, actor_of(row), AuditAction.USER_SIGN_IN_FAILED, "user", row.id,
                     None, after={"failed_sign_ins": row.failed_sign_ins})
        if row.failed_sign_ins < MAX_FAILED_SIGN_INS:
            return WRONG
        row.locked_until = now + timedelta(minutes=minutes)
        audit.record(session, actor_of(row), AuditAction.USER_LOCKED, "user", row.id, None,
                     after={"locked_until": row.locked_until})
        return f"{WRONG} {locked_words(row.locked_until)}"


def change_password(ctx: ServiceContext, username: str, current: str | None,
                    new: str) -> SignIn:
    """Check the current password (as a sign-in: failures count), then store the new one.

    An account with no password yet (made before passwords existed) has none to check.
    """
    if ctx.database.read_only:
        raise SignInRefused("This database is open read-only, so no password can be changed "
                            "in it now.")
    name = username.strip().lower()
    user = _find(ctx, name)
    if user is not None and user.password_hash is None and user.active:
        checked = SignIn(actor_of(user), True, password_checked=False)
    else:
        checked = sign_in(ctx, name, current or "")
    problem = password_problem(new, name)
    if problem is None and current is not None and new == current:
        problem = "Choose a new password, not the one you have now."
    if problem:
        raise ValidationFailed({"new_password": problem})
    with ctx.database.unit_of_work() as session:
        row = session.get(User, checked.actor.user_id, with_for_update=True)
        store_password(row, new, ctx.clock.now(), must_change=False)
        audit.record(session, checked.actor, AuditAction.USER_PASSWORD_CHANGE, "user", row.id,
                     None)
    return SignIn(checked.actor)


def store_password(row: User, password: str, now: datetime, must_change: bool) -> None:
    """Give an account a new password; a lock-out and the failures counted so far end."""
    row.password_hash = passwords.hash_password(password)
    row.password_changed_at = now
    row.must_change_password = must_change
    row.failed_sign_ins, row.locked_until = 0, None
