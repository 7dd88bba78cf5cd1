"""The person a service acts for: every change is theirs in the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from plo_tracker.domain.vocabulary import Role


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    display_name: str
    role: Role
    team: str | None = None


# Acts only while creating a brand-new database's first accounts, when no user exists yet.
SYSTEM = Actor(None, "system", "PLO Tracker", Role.ADMINISTRATOR)
