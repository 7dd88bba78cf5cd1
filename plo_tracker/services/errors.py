"""Errors services raise; each message is shown to the user as it is."""

from __future__ import annotations

from plo_tracker.domain.errors import DomainError


class PermissionDenied(DomainError):
    """The acting user's role does not allow this."""


class NotFound(DomainError):
    """The record asked for does not exist (or no longer does)."""


class ConflictingEdit(DomainError):
    """Someone else changed the record after this form was opened."""
