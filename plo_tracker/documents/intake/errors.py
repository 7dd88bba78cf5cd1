"""Why a file was not added: refusals the user can act on, and the user's own cancel."""

from __future__ import annotations

from plo_tracker.domain.errors import DomainError


class DocumentRefused(DomainError):
    """A file cannot become a document; ``message`` names the file, says why and what to do."""


class IntakeCancelled(DomainError):
    """The user cancelled while a file was being prepared; nothing was left behind.

    Not a DocumentRefused: the file may be perfectly good, and a caller showing
    refusals in red should show a cancel as the user's own choice.
    """

    def __init__(self, file_name: str) -> None:
        super().__init__(f"Adding {file_name} was cancelled. Nothing was added.")
