"""What administrators do to accounts: reset a password, disable, enable, unlock, change role.

The database is never left without an active administrator: the last one cannot be
disabled or given another role.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.errors import DomainError, ValidationFailed
from plo_tracker.domain.password_rules import password_problem
from plo_tracker.domain.vocabulary import Role
from plo_tracker.storage.models import User

from . import audit
from .actor import Actor
from .context import ServiceContext
from .errors import NotFound
from .permissions import Permission, require
from .sign_in import public_snapshot, store_password

LAST_ADMINISTRATOR = (
    "{name} is the last active administrator, so this would leave nobody able to manage "
    "accounts and settings. Make another account an administrator first."
)


def _user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip().lower())
                          .with_for_update())
    if user is None:
        raise NotFound(f"There is no account called '{username}'.", "username")
    return user


def _keep_an_administrator(session: Session, user: User) -> None:
    """Refuse a change that would leave no active administrator."""
    if user.role != Role.ADMINISTRATOR.value or not user.active:
        return
    others = session.scalar(select(func.count(User.id)).where(
        User.role == Role.ADMINISTRATOR.value, User.active.is_(True), User.id != user.id))
    if not others:
        raise DomainError(LAST_ADMINISTRATOR.format(name=user.display_name))


def reset_password(ctx: ServiceContext, actor: Actor, username: str, new_password: str) -> None:
    require(actor, Permission.MANAGE_USERS)
    problem = password_problem(new_password, username.strip().lower())
    if problem:
        raise ValidationFailed({"new_password": problem})
    with ctx.database.unit_of_work() as session:
        user = _user(session, username)
        # An administrator setting their own password keeps it; anyone else must choose
        # their own at the next sign-in, as only they should know it.
        store_password(user, new_password, ctx.clock.now(),
                       must_change=user.id != actor.user_id)
        audit.record(session, actor, AuditAction.USER_PASSWORD_RESET, "user", user.id, None,
                     after={"must_change_password": user.must_change_password})


def set_active(ctx: ServiceContext, actor: Actor, username: str, active: bool) -> None:
    require(actor, Permission.MANAGE_USERS)
    with ctx.database.unit_of_work() as session:
        user = _user(session, username)
        if user.active == active:
            return
        if not active:
            _keep_an_administrator(session, user)
        before = public_snapshot(user)
        user.active = active
        action = AuditAction.USER_ENABLE if active else AuditAction.USER_DISABLE
        audit.record(session, actor, action, "user", user.id, None,
                     before=before, after=public_snapshot(user))


def unlock(ctx: ServiceContext, actor: Actor, username: str) -> None:
    require(actor, Permission.MANAGE_USERS)
    with ctx.database.unit_of_work() as session:
        user = _user(session, username)
        before = public_snapshot(user)
        user.failed_sign_ins, user.locked_until = 0, None
        audit.record(session, actor, AuditAction.USER_UNLOCK, "user", user.id, None,
                     before=before, after=public_snapshot(user))


def change_role(ctx: ServiceContext, actor: Actor, username: str, role: Role) -> None:
    require(actor, Permission.MANAGE_USERS)
    with ctx.database.unit_of_work() as session:
        user = _user(session, username)
        if user.role == role.value:
            return
        if role is not Role.ADMINISTRATOR:
            _keep_an_administrator(session, user)
        before = public_snapshot(user)
        user.role = role.value
        audit.record(session, actor, AuditAction.USER_ROLE_CHANGE, "user", user.id, None,
                     before=before, after=public_snapshot(user))
