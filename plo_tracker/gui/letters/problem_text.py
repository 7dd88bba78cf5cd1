"""What the letters windows say when something fails: the service's words, or a plain apology."""

from __future__ import annotations

from plo_tracker.domain.errors import DomainError

UNEXPECTED = ("Something went wrong on our side, so this could not be done. Try again in a "
              "minute; if it keeps happening, tell your IT service desk.")


def problem_text(error: BaseException) -> str:
    """Words for the user: a service's own message, or a plain apology for anything else."""
    return error.message if isinstance(error, DomainError) else UNEXPECTED
