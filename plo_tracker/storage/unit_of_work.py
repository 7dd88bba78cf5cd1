"""The unit of work: one transaction that either commits whole or leaves no trace."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from .engine import WRITES
from .errors import ReadOnlyDatabase


class Database:
    """An open database: hands out units of work and read-only connections."""

    def __init__(self, engine: Engine, read_only_reason: str | None = None) -> None:
        self.engine = engine
        # Set when the database may only be read (a damaged file, a read-only copy): the
        # sentence says why, and every unit of work is refused before it starts.
        self.read_only_reason = read_only_reason
        writer = engine.execution_options(**{WRITES: True})
        self._sessions = sessionmaker(writer, expire_on_commit=False)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """Yield a session whose changes commit on success and roll back on any error.

        Raises:
            ReadOnlyDatabase: when the database was opened read-only; nothing is written.
        """
        if self.read_only_reason is not None:
            raise ReadOnlyDatabase(self.read_only_reason)
        session = self._sessions()
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """Yield a plain connection for fast reads of many rows (no ORM objects)."""
        with self.engine.connect() as conn:
            yield conn

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
