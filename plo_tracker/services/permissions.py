"""Who may do what: checked in every service, not only hidden in the window."""

from __future__ import annotations

import enum

from plo_tracker.domain.vocabulary import Role

from .actor import Actor
from .errors import PermissionDenied


class Permission(enum.Enum):
    VIEW_CASES = "see families and their records"
    EDIT_CASES = "change family records"
    DECIDE = "record gateway decisions, extensions and outcomes"
    MANAGE_USERS = "manage user accounts"
    MANAGE_SETTINGS = "change settings"
    LOAD_DEMO_DATA = "load demo data"
    CHECK_DATABASE = "check the database"
    # Issue 4: batches of letters are business support's work (administrators only).
    BATCH_LETTERS = "make letters for many families at once"


_ALL = frozenset(Permission)
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.SOCIAL_WORKER: frozenset({Permission.VIEW_CASES, Permission.EDIT_CASES}),
    Role.TEAM_MANAGER: frozenset({Permission.VIEW_CASES, Permission.EDIT_CASES, Permission.DECIDE}),
    Role.PANEL_MEMBER: frozenset({Permission.VIEW_CASES, Permission.DECIDE}),
    Role.ADMINISTRATOR: _ALL,
    Role.READ_ONLY: frozenset({Permission.VIEW_CASES}),
}


def allows(actor: Actor, permission: Permission) -> bool:
    """True if the actor's role carries the permission."""
    return permission in ROLE_PERMISSIONS[actor.role]


def require(actor: Actor, permission: Permission, *alternatives: Permission) -> None:
    """Refuse the call unless the actor's role carries the permission (or an alternative).

    Raises:
        PermissionDenied: saying what the role cannot do and whom to ask.
    """
    if not any(allows(actor, p) for p in (permission, *alternatives)):
        raise PermissionDenied(
            f"Your role ({actor.role.label.lower()}) does not allow you to {permission.value}. "
            "Ask a team manager or administrator."
        )
