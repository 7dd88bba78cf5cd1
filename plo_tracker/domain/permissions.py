"""Who may do what: each role's permissions, and whose families a social worker may change.

The services check these on every call (not only the window), and the window reads the
same table to grey out what a role cannot do and say why.
"""

from __future__ import annotations

import enum

from .vocabulary import Role


class Permission(enum.Enum):
    """One thing a role may be allowed; the value finishes "does not allow you to ..."."""

    VIEW_CASES = "see families and their records"
    EDIT_CASES = "change family records"
    DECIDE = "record gateway decisions, extensions and outcomes"
    SEE_CONFIDENTIAL_ADDRESSES = "see confidential addresses"
    MANAGE_USERS = "manage user accounts"
    MANAGE_SETTINGS = "change settings"
    LOAD_DEMO_DATA = "load demo data"
    CHECK_DATABASE = "check the database"
    # Batches of letters are business support's work (administrators only).
    BATCH_LETTERS = "make letters for many families at once"
    # Auditors (the read-only role) and administrators read the whole audit log.
    VIEW_AUDIT = "read the audit log"
    MANAGE_ACCESS = "decide who may see a restricted family"
    MANAGE_RETENTION = "place legal holds and delete records past their retention period"
    BACKUP_RESTORE = "back up and restore the database"
    # The gateway panel's meetings: agendas, summary sheets, attendance, minutes.
    RUN_PANEL = "prepare and run gateway panel meetings"
    VIEW_REPORTS = "see the management figures"
    # Child-level national returns (CIN census, Standard Safeguarding Dataset).
    MAKE_RETURNS = "make the national data returns"
    IMPORT_RECORDS = "import families from a spreadsheet"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.SOCIAL_WORKER: frozenset({
        Permission.VIEW_CASES, Permission.EDIT_CASES, Permission.SEE_CONFIDENTIAL_ADDRESSES}),
    Role.TEAM_MANAGER: frozenset({
        Permission.VIEW_CASES, Permission.EDIT_CASES, Permission.DECIDE,
        Permission.SEE_CONFIDENTIAL_ADDRESSES, Permission.MANAGE_ACCESS, Permission.RUN_PANEL,
        Permission.VIEW_REPORTS, Permission.MAKE_RETURNS}),
    # The panel decides from the record; it never needs to know where anyone is hiding.
    Role.PANEL_MEMBER: frozenset({Permission.VIEW_CASES, Permission.DECIDE, Permission.RUN_PANEL,
                                  Permission.VIEW_REPORTS}),
    Role.ADMINISTRATOR: frozenset(Permission),
    # Auditors and inspectors read the figures too, but take no child-level return away.
    Role.READ_ONLY: frozenset({Permission.VIEW_CASES, Permission.VIEW_AUDIT,
                               Permission.VIEW_REPORTS}),
}

# The roles whose members may approve an extension (the "approved by" list offers them).
APPROVER_ROLES = frozenset(r for r, allowed in ROLE_PERMISSIONS.items()
                           if Permission.DECIDE in allowed)


def allows(role: Role, permission: Permission) -> bool:
    """True if the role carries the permission."""
    return permission in ROLE_PERMISSIONS[role]


def role_problem(role: Role, permission: Permission) -> str | None:
    """Why the role may not do this, in words to show the user; None when it may."""
    if allows(role, permission):
        return None
    # A team manager refused something only administrators do is not told to ask one.
    ask = ("a team manager or administrator" if allows(Role.TEAM_MANAGER, permission)
           else "an administrator")
    return (f"Your role ({role.label.lower()}) does not allow you to {permission.value}. "
            f"Ask {ask}.")


def family_scope_problem(role: Role, user_id: int | None, team: str | None,
                         family_worker_id: int | None, family_team: str | None) -> str | None:
    """Why this person may not change this family, or None when they may.

    A social worker changes their own families and their team's; any other family is
    theirs to read only. Managers, the panel and administrators are not limited by team.
    """
    if role is not Role.SOCIAL_WORKER:
        return None
    if user_id is not None and family_worker_id == user_id:
        return None
    if team and family_team and team.casefold() == family_team.casefold():
        return None
    held_by = f"the {family_team} team" if family_team else "another team"
    return (f"This family is held by {held_by}, so you can read it but not change it. "
            "Ask its social worker or a team manager to record changes.")
