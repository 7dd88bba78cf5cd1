"""Changing the council's settings: administrators only, audited, due list rebuilt."""

from __future__ import annotations

from dataclasses import asdict

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.settings import Settings

from . import audit
from .actor import Actor
from .case_index import index_is_current, rebuild_if_outdated, refresh_case_index
from .context import ServiceContext
from .permissions import Permission, require
from .settings_store import SECTIONS, write_settings


class SettingsService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def current(self) -> Settings:
        """The settings in force (anyone signed in may read them)."""
        return self._ctx.settings()

    def save(self, actor: Actor, settings: Settings) -> Settings:
        """Store new settings; every family's due dates are worked out again by them.

        Raises:
            ValidationFailed: naming each value refused ("council.phone"...); nothing is
                written.
        """
        require(actor, Permission.MANAGE_SETTINGS)
        problems = settings.problems()
        if problems:
            raise ValidationFailed(problems)
        before = self._ctx.settings()
        with self._ctx.database.unit_of_work() as session:
            write_settings(session, settings)
            session.flush()
            if settings.timescales != before.timescales:
                refresh_case_index(session.connection(), settings.timescales)
            audit.record(session, actor, AuditAction.SETTINGS_SAVE,
                         "settings", None, None, before=_flat(before), after=_flat(settings))
        return settings

    def ensure_due_list_current(self) -> bool:
        """Rebuild the stored due list if an older version of the rules made it (once, when a
        database is opened); True if it was rebuilt. A current list is only read: opening a
        database must not write to it."""
        with self._ctx.database.reading() as conn:
            if index_is_current(conn):
                return False
        with self._ctx.database.unit_of_work() as session:
            conn = session.connection()
            return rebuild_if_outdated(conn, self._ctx.settings(conn).timescales)


def _flat(settings: Settings) -> dict[str, object]:
    return {f"{section}.{k}": v for section in SECTIONS
            for k, v in asdict(getattr(settings, section)).items()}
