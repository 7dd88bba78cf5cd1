"""Backups and restores of the whole database: who may, and the audit entry of each.

The copying is storage's (storage/backup.py, storage/restore.py); this decides who may ask
(administrators, Permission.BACKUP_RESTORE, on a database with accounts) and records it.
Automatic daily backups are the app's own housekeeping: they need no one's permission and
are written to the log file, not the audit log, so opening the window stays a read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.storage import backup
from plo_tracker.storage.engine import sqlite_path
from plo_tracker.storage.models import User

from . import audit
from .actor import Actor
from .context import ServiceContext
from .permissions import Permission, require

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DailyBackup:
    """What an automatic daily backup did: the new file (None if none was due) and the old
    daily backups removed beyond the count kept."""

    made: Path | None
    removed: tuple[Path, ...]


class BackupService:
    """Taking backups of the open database, and recording restores."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def has_accounts(self) -> bool:
        """True when the database has any account (read only: works on a read-only copy)."""
        with self._ctx.database.reading() as conn:
            return bool(conn.scalar(select(func.count(User.id))))

    def _copy(self, folder: Path, label: str) -> Path:
        engine = self._ctx.database.engine
        path = sqlite_path(str(engine.url))
        if path is not None:
            return backup.backup_sqlite(path, folder, label)
        return backup.backup_tables(engine, folder, label)

    def take(self, actor: Actor, folder: Path) -> Path:
        """A backup on request, into ``folder``; audited when the database can be written.

        Raises:
            PermissionDenied: the actor may not back up the database.
        """
        require(actor, Permission.BACKUP_RESTORE)
        made = self._copy(folder, backup.MANUAL)
        if not self._ctx.database.read_only:
            with self._ctx.database.unit_of_work() as session:
                audit.record(session, actor, AuditAction.DATABASE_BACKUP, "database", None,
                             None, after={"file": made.name})
        return made

    def daily(self, folder: Path, keep: int = backup.DAILY_KEPT,
              now: datetime | None = None) -> DailyBackup:
        """Take the daily backup if the newest is more than a day old, then remove daily
        backups beyond the newest ``keep``. A database opened read-only is left alone: a
        damaged one's copies would push the good ones out, and a read-only one cannot have
        changed since its last backup."""
        if self._ctx.database.read_only:
            return DailyBackup(None, ())
        made = None
        if backup.daily_backup_due(folder, now or datetime.now(UTC)):
            made = self._copy(folder, backup.DAILY)
            log.info("Daily backup written: %s", made.name)
        removed = tuple(backup.remove_old(folder, backup.DAILY, keep))
        return DailyBackup(made, removed)

    @staticmethod
    def authorise_restore(actor: Actor) -> None:
        """Refuse a restore by anyone but an administrator.

        Raises:
            PermissionDenied: with the reason.
        """
        require(actor, Permission.BACKUP_RESTORE)

    def record_restore(self, actor: Actor, restored_from: Path, kept: Path | None,
                       signed_in_to: str) -> None:
        """The audit entry of a restore, written in the restored database. The actor is
        named, not linked: their account's id belongs to the database they signed in to.

        Raises:
            PermissionDenied: the actor may not restore (checked here too, so no one else
                can write a restore into the audit log).
        """
        require(actor, Permission.BACKUP_RESTORE)
        named = Actor(None, actor.username, actor.display_name, actor.role, actor.team)
        with self._ctx.database.unit_of_work() as session:
            audit.record(session, named, AuditAction.DATABASE_RESTORE, "database", None, None,
                         after={"backup": restored_from.name,
                                "replaced_kept_as": kept.name if kept else None,
                                "signed_in_to": signed_in_to})
