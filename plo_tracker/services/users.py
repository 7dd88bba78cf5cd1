"""User accounts: listing them for sign-in, creating them, and acting as one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.vocabulary import Role
from plo_tracker.storage.models import User

from . import audit
from .actor import SYSTEM, Actor
from .context import ServiceContext
from .errors import NotFound, PermissionDenied
from .permissions import Permission, require

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


@dataclass(frozen=True)
class UserAccount:
    user_id: int
    username: str
    display_name: str
    role: Role
    team: str | None
    active: bool


@dataclass(frozen=True)
class NewUser:
    username: str
    display_name: str
    role: Role
    team: str | None = None
    email: str | None = None
    phone: str | None = None


def _account(user: User) -> UserAccount:
    return UserAccount(user.id, user.username, user.display_name, Role(user.role), user.team,
                       user.active)


class UserService:
    """Accounts and the actor behind every change. Passwords come later, behind sign_in."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def accounts(self) -> list[UserAccount]:
        """Active accounts, for the sign-in list (no permission needed to see names to sign in)."""
        with self._ctx.database.unit_of_work() as session:
            users = session.scalars(
                select(User).where(User.active.is_(True)).order_by(User.display_name)
            )
            return [_account(u) for u in users]

    def has_users(self) -> bool:
        """True once any account exists."""
        with self._ctx.database.unit_of_work() as session:
            return bool(session.scalar(select(func.count(User.id))))

    def sign_in(self, username: str) -> Actor:
        """Return the actor for an account; the one place a later issue adds passwords.

        Raises:
            NotFound: when no active account has that user name.
        """
        with self._ctx.database.unit_of_work() as session:
            user = session.scalar(select(User).where(User.username == username.strip().lower()))
            if user is None or not user.active:
                known = ", ".join(
                    session.scalars(select(User.username).where(User.active.is_(True))
                                    .order_by(User.username).limit(8))
                )
                hint = f" Accounts here include: {known}." if known else (
                    " This database has no accounts yet; create one with 'plo-tracker users add'."
                )
                raise NotFound(f"There is no active account called '{username}'.{hint}",
                               field="username")
            audit.record(session, _actor(user), AuditAction.USER_SIGN_IN,
                         "user",
                         user.id, None)
            return _actor(user)

    def create(self, actor: Actor, new: NewUser) -> UserAccount:
        """Create an account. The first account of an empty database needs no permission."""
        problems = {}
        username = new.username.strip().lower()
        if not _USERNAME.match(username):
            problems["username"] = (
                "Use 2 to 64 lower-case letters, digits, dots, dashes or underscores, "
                "starting with a letter or digit."
            )
        if not new.display_name.strip():
            problems["display_name"] = "Enter the person's full name."
        if problems:
            raise ValidationFailed(problems)
        with self._ctx.database.unit_of_work() as session:
            first = not session.scalar(select(func.count(User.id)))
            if actor is SYSTEM and not first:
                # SYSTEM is an administrator by role, but may only make the very first account.
                raise PermissionDenied(
                    "Accounts can only be added by an administrator once the first exists. "
                    "Sign in as an administrator."
                )
            if actor is not SYSTEM:
                require(actor, Permission.MANAGE_USERS)
            if session.scalar(select(User.id).where(User.username == username)):
                raise ValidationFailed({"username": f"The user name '{username}' is taken."})
            user = User(username=username, display_name=new.display_name.strip(),
                        role=new.role.value, team=new.team, email=new.email, phone=new.phone,
                        active=True, created_at=self._ctx.clock.now())
            session.add(user)
            session.flush()
            audit.record(session, actor, AuditAction.USER_CREATE,
                         "user", user.id,
                         None, after=audit.snapshot(user))
            return _account(user)


def _actor(user: User) -> Actor:
    return Actor(user.id, user.username, user.display_name, Role(user.role), user.team)
