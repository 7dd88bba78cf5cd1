"""Permission checks in every service: the rules are the domain's, refusals are errors here."""

from __future__ import annotations

from plo_tracker.domain.case_actions import CaseAction
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.permissions import Permission, family_scope_problem, role_problem
from plo_tracker.domain.permissions import allows as role_allows
from plo_tracker.domain.stages import Stage

from .actor import Actor
from .errors import PermissionDenied

__all__ = ["Permission", "allows", "require", "require_action", "require_family_scope"]


def allows(actor: Actor, permission: Permission) -> bool:
    """True if the actor's role carries the permission (for a window deciding what to show)."""
    return role_allows(actor.role, permission)


def require(actor: Actor, permission: Permission) -> None:
    """Refuse the call unless the actor's role carries the permission.

    Raises:
        PermissionDenied: saying what the role cannot do and whom to ask.
    """
    problem = role_problem(actor.role, permission)
    if problem:
        raise PermissionDenied(problem)


def require_family_scope(actor: Actor, worker_id: int | None, team: str | None) -> None:
    """Refuse a change to a family this person may only read (another team's, for a worker).

    Raises:
        PermissionDenied: naming whose family it is and whom to ask.
    """
    problem = family_scope_problem(actor.role, actor.user_id, actor.team, worker_id, team)
    if problem:
        raise PermissionDenied(problem)


def require_action(actor: Actor, action: CaseAction, stage: Stage | None) -> None:
    """Refuse an action the role may not take, or that the family's stage does not allow.

    Raises:
        PermissionDenied: the role does not allow it.
        ValidationFailed: the stage does not allow it (under the "stage" key).
    """
    require(actor, action.permission)
    problem = action.stage_problem(stage)
    if problem:
        raise ValidationFailed({"stage": problem})
