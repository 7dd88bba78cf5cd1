"""Errors the domain raises, each with a message a social worker understands."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the PLO process was broken; ``message`` is shown to the user as is."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class IllegalTransition(DomainError):
    """An episode was asked to move to a stage it cannot reach from where it is."""


class ValidationFailed(DomainError):
    """One or more values were refused; ``problems`` maps field name to message."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        summary = " ".join(self.problems.values())
        super().__init__(summary, field=next(iter(self.problems), None))
