"""What every service needs: the database, the clock, and the current settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection

from plo_tracker.domain.clock import Clock
from plo_tracker.settings import Settings
from plo_tracker.storage.document_store import DocumentStore
from plo_tracker.storage.unit_of_work import Database

from .settings_store import read_settings


@dataclass
class ServiceContext:
    """Shared by the services of one open database."""

    database: Database
    clock: Clock = field(default_factory=Clock)
    # Where this database's backups go (beside a database file); None when none are taken.
    backups: Path | None = None
    # The documents folder beside a database file (paths.documents_beside); None on a server.
    documents_beside: Path | None = None

    def settings(self, conn: Connection | None = None) -> Settings:
        """The council's settings as stored now, defaults filling the gaps.

        Args:
            conn: the connection of a transaction already open, so it reads what that
                transaction sees without opening a second connection.
        """
        if conn is not None:
            return read_settings(conn)
        with self.database.reading() as reading:
            return read_settings(reading)

    @property
    def documents(self) -> DocumentStore | None:
        """Where documents' files are kept: the shared folder in the settings when one is set,
        else the folder beside the database file; None for a team server without one."""
        return self.document_store()

    def document_store(self, conn: Connection | None = None) -> DocumentStore | None:
        """``documents``, reading the settings on ``conn`` when a transaction is open."""
        shared = self.settings(conn).documents.shared_folder.strip()
        if shared:
            return DocumentStore(Path(shared))
        return DocumentStore(self.documents_beside) if self.documents_beside else None
