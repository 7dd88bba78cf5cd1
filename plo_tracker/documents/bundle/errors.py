"""Why a bundle was not built, in words for the person building it."""

from __future__ import annotations

from plo_tracker.domain.errors import DomainError


class BundleNotBuilt(DomainError):
    """A document could not be bound in (unreadable, locked, a different page count)."""


class BuildCancelled(DomainError):
    """The person building asked to stop; nothing was written."""

    def __init__(self) -> None:
        super().__init__("The bundle was not built: building was cancelled. Nothing was saved.")
