"""What every test shares: the one "today", and the one way to make a test database.

Tests import these as ``from tests.support import TODAY, open_test_database``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from plo_tracker.domain.clock import Clock, FixedClock
from plo_tracker.services.registry import Services
from plo_tracker.session import open_database
from plo_tracker.storage.engine import sqlite_url

# Thursday 26 November 2026: every test's clock. "This week" runs to Sunday 29 November.
TODAY = date(2026, 11, 26)


def open_test_database(folder: Path, name: str = "tracker", clock: Clock | None = None,
                       ) -> Services:
    """A database of this test's own in ``folder``, opened exactly as the app opens one
    (migrated, templates loaded, due list by the current rules), on TODAY's clock."""
    folder.mkdir(parents=True, exist_ok=True)
    return open_database(sqlite_url(folder / f"{name}.sqlite3"), folder / "backups",
                         clock or FixedClock(TODAY))
