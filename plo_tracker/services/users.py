"""User accounts: listing them for sign-in, creating them, signing in and managing them.

Signing in and changing one's own password are in ``sign_in.py``; what administrators do
to other accounts (reset, disable, enable, unlock, change role) is in
``account_admin.py``. This class is the one door to all of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.password_rules import password_problem
from plo_tracker.domain.vocabulary import Role
from plo_tracker.storage.models import User

from . import account_admin, audit, passwords, sign_in
from .actor import SYSTEM, Actor
from .context import ServiceContext
from .errors import NotFound, PermissionDenied
from .permissions import Permission, require
from .sign_in import SignIn, actor_of, public_snapshot, when_words

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
class AccountStatus:
    """An account as administrators see it: whether it can sign in, and why not."""

    account: UserAccount
    has_password: bool
    must_change_password: bool
    failed_sign_ins: int
    locked_until: datetime | None

    @property
    def state(self) -> str:
        """Whether it can sign in, in words for the accounts list."""
        if not self.account.active:
            return "Disabled"
        if self.locked_until is not None:
            return f"Locked until {when_words(self.locked_until)}"
        if not self.has_password:
            return "No password yet"
        return "Must choose a new password" if self.must_change_password else "Active"


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
    """Accounts, passwords and the actor behind every change."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def accounts(self) -> list[UserAccount]:
        """Active accounts, for the sign-in list (no permission needed to see names to sign in)."""
        with self._ctx.database.reading() as conn:
            users = conn.execute(
                select(User).where(User.active.is_(True)).order_by(User.display_name))
            return [_account(u) for u in users]

    def has_users(self) -> bool:
        """True once any account exists."""
        with self._ctx.database.reading() as conn:
            return bool(conn.scalar(select(func.count(User.id))))

    # -- signing in -----------------------------------------------------------------------
    def sign_in(self, username: str, password: str) -> SignIn:
        """Check a person's password and return who they are, audited (see sign_in.py).

        Raises:
            SignInRefused: a wrong user name or password (one message for both), a locked
                or disabled account; the failure is counted and audited unless the
                database is read-only.
        """
        return sign_in.sign_in(self._ctx, username, password)

    def change_password(self, username: str, current: str | None, new: str) -> SignIn:
        """A person choosing their own password: the current one is checked first (an
        account with no password yet has none to give)."""
        return sign_in.change_password(self._ctx, username, current, new)

    def has_password(self, username: str) -> bool:
        """False only for an existing active account with no password yet, which chooses
        one without giving a current one (an unknown name is True: it reveals nothing)."""
        with self._ctx.database.reading() as conn:
            row = conn.execute(select(User.password_hash, User.active).where(
                User.username == username.strip().lower())).first()
        return row is None or row.password_hash is not None or not row.active

    def trusted_actor(self, username: str) -> Actor:
        """The actor for an account, with no password and no audit entry.

        Only for code that is trusted to act as anyone: tests, benchmarks and demo
        generation. Never call it with a name a person typed: people sign in with sign_in.

        Raises:
            NotFound: when no active account has that user name.
        """
        with self._ctx.database.reading() as conn:
            user = conn.execute(select(User).where(
                User.username == username.strip().lower(), User.active.is_(True))).first()
        if user is None:
            raise NotFound(f"There is no active account called '{username}'.", "username")
        return actor_of(user)

    # -- managing accounts ----------------------------------------------------------------
    def create(self, actor: Actor, new: NewUser, password: str | None = None) -> UserAccount:
        """Create an account. The first account of an empty database needs no permission,
        and must be an administrator, so the database is never left without one.

        An account made with a password by an administrator must choose its own at its
        first sign-in; the first account keeps the one it chose. ``password`` None leaves
        the account without one: it chooses one at its first sign-in, as accounts made
        before passwords existed do (the window and the command line always give one).
        """
        problems = {}
        username = new.username.strip().lower()
        if not _USERNAME.match(username):
            problems["username"] = (
                "Use 2 to 64 lower-case letters, digits, dots, dashes or underscores, "
                "starting with a letter or digit."
            )
        elif username == SYSTEM.username:
            # The app's own name in the records (the letter templates it ships, its audit
            # entries): an account of that name could pass its work off as the app's.
            problems["username"] = (f"The user name '{username}' is kept for PLO Tracker "
                                    "itself. Choose another.")
        if not new.display_name.strip():
            problems["display_name"] = "Enter the person's full name."
        if password is not None and (problem := password_problem(password, username)):
            problems["password"] = problem
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
            if first and new.role is not Role.ADMINISTRATOR:
                raise ValidationFailed({"role": (
                    "The first account must be an administrator, so that someone can add "
                    "the others and look after the database. Choose the administrator role.")})
            if session.scalar(select(User.id).where(User.username == username)):
                raise ValidationFailed({"username": f"The user name '{username}' is taken."})
            now = self._ctx.clock.now()
            user = User(username=username, display_name=new.display_name.strip(),
                        role=new.role.value, team=new.team, email=new.email, phone=new.phone,
                        active=True, created_at=now, failed_sign_ins=0,
                        must_change_password=password is not None and not first)
            if password is not None:
                user.password_hash = passwords.hash_password(password)
                user.password_changed_at = now
            session.add(user)
            session.flush()
            audit.record(session, actor, AuditAction.USER_CREATE,
                         "user", user.id,
                         None, after=public_snapshot(user))
            return _account(user)

    def all_accounts(self, actor: Actor) -> list[AccountStatus]:
        """Every account, disabled ones too, with whether each can sign in (administrators)."""
        require(actor, Permission.MANAGE_USERS)
        with self._ctx.database.reading() as conn:
            rows = conn.execute(select(User).order_by(User.display_name))
            return [AccountStatus(_account(u), u.password_hash is not None,
                                  u.must_change_password, u.failed_sign_ins or 0,
                                  u.locked_until) for u in rows]

    def reset_password(self, actor: Actor, username: str, new_password: str) -> None:
        """An administrator gives an account a new password, which its owner must change
        at their next sign-in; a lock-out is lifted."""
        account_admin.reset_password(self._ctx, actor, username, new_password)

    def disable(self, actor: Actor, username: str) -> None:
        """Stop an account signing in (never the last active administrator)."""
        account_admin.set_active(self._ctx, actor, username, False)

    def enable(self, actor: Actor, username: str) -> None:
        account_admin.set_active(self._ctx, actor, username, True)

    def unlock(self, actor: Actor, username: str) -> None:
        """Lift a lock-out after failed sign-ins before its time is up."""
        account_admin.unlock(self._ctx, actor, username)

    def change_role(self, actor: Actor, username: str, role: Role) -> None:
        """Give an account another role (never demoting the last active administrator)."""
        account_admin.change_role(self._ctx, actor, username, role)
