"""Every failure has words for a person: our own, a known database state, or an apology."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from plo_tracker.domain.errors import DomainError
from plo_tracker.services.error_words import (
    BUSY,
    DISK_FULL,
    READ_ONLY,
    UNEXPECTED,
    is_explained,
    words_for,
)
from plo_tracker.storage.errors import DatabaseProblem


def _sqlite(reason: str) -> OperationalError:
    return OperationalError("UPDATE families SET ...", {}, Exception(reason))


@pytest.mark.parametrize(("error", "words"), [
    (DomainError("The meeting date cannot be before the letter was sent."),
     "The meeting date cannot be before the letter was sent."),
    (DatabaseProblem("The database file is damaged: restore the last backup."),
     "The database file is damaged: restore the last backup."),
    (_sqlite("database is locked"), BUSY),
    (_sqlite("attempt to write a readonly database"), READ_ONLY),
    (_sqlite("database or disk is full"), DISK_FULL),
    (_sqlite("no such table: families"), UNEXPECTED),
    (KeyError("Kylie Smith"), UNEXPECTED),
], ids=["ours", "database-problem", "locked", "read-only", "disk-full", "other-sql", "fault"])
def test_words_for_each_kind_of_failure(error, words):
    assert words_for(error) == words
    assert is_explained(error) == (words != UNEXPECTED)


def test_the_apology_never_repeats_what_the_error_held():
    assert "Kylie" not in words_for(KeyError("Kylie Smith"))
