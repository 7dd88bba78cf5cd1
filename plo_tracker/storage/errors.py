"""Problems with the database itself, each with what to do about it."""

from __future__ import annotations


class DatabaseProblem(Exception):
    """The database cannot be used as it is; ``message`` says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ReadOnlyDatabase(DatabaseProblem):
    """A change was asked of a database opened read-only; ``message`` says why it is."""


class DatabaseBusy(DatabaseProblem):
    """Another user's write held the database for longer than a change may wait."""

    def __init__(self, waited_seconds: int) -> None:
        waited = f"{waited_seconds} second{'' if waited_seconds == 1 else 's'}"
        super().__init__(
            f"The database is busy with another user's large change, and it was still busy "
            f"after {waited}. Nothing was changed. Try again in a few "
            "minutes; if it keeps happening, ask your IT service desk who is using it.")
