"""People's names for lists that record a user name (who added a document, who built a bundle)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from plo_tracker.storage.models import User


def display_names(session: Session, usernames: Iterable[str]) -> dict[str, str]:
    """Each user name's display name as its account has it now; a name with no account
    (a system job, or an account since removed) is given back as it is."""
    wanted = set(usernames)
    if not wanted:
        return {}
    found = dict(session.execute(select(User.username, User.display_name).where(
        User.username.in_(wanted))).all())
    return {name: found.get(name) or name for name in wanted}
