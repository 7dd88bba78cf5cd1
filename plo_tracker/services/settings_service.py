"""Changing the council's settings: administrators only, audited, due list rebuilt."""

from __future__ import annotations

from dataclasses import asdict

from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.settings import Settings

from . import audit
from .actor import Actor
from .context import ServiceContext
from .due_index import refresh_due
from .permissions import Permission, require
from .settings_store import write_settings


class SettingsService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def current(self) -> Settings:
        """The settings in force (anyone signed in may read them)."""
        return self._ctx.settings()

    def save(self, actor: Actor, settings: Settings) -> Settings:
        """Store new settings; every family's due dates are worked out again by them.

        Raises:
            ValidationFailed: naming each timescale out of range; nothing is written.
        """
        require(actor, Permission.MANAGE_SETTINGS)
        problems = {f"timescales.{k}": v for k, v in settings.timescales.problems().items()}
        if not settings.council.name.strip():
            problems["council.name"] = "Enter the council's name; it appears on every letter."
        if problems:
            raise ValidationFailed(problems)
        before = self._ctx.settings()
        with self._ctx.database.unit_of_work() as session:
            write_settings(session, settings)
            session.flush()
            if settings.timescales != before.timescales:
                refresh_due(session.connection(), settings.timescales)
            audit.record(session, actor, self._ctx.clock.now(), "settings.save", "settings",
                         None, None, before=_flat(before), after=_flat(settings))
        return settings


def _flat(settings: Settings) -> dict[str, object]:
    return {f"{section}.{k}": v for section in ("timescales", "council", "letters")
            for k, v in asdict(getattr(settings, section)).items()}
