"""Problems with the database itself, each with what to do about it."""

from __future__ import annotations


class DatabaseProblem(Exception):
    """The database cannot be used as it is; ``message`` says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ReadOnlyDatabase(DatabaseProblem):
    """A change was asked of a database opened read-only; ``message`` says why it is."""
