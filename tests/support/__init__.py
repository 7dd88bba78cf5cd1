"""What every test shares: the one "today", and the one way to make a test database.

Tests import these as ``from tests.support import TODAY, open_test_database``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from plo_tracker.domain.clock import Clock, FixedClock
from plo_tracker.services.registry import Services
from plo_tracker.session import open_database
from tests.support.backends import database_url

# Thursday 26 November 2026: every test's clock. "This week" runs to Sunday 29 November.
TODAY = date(2026, 11, 26)


def open_test_database(folder: Path, name: str = "tracker", clock: Clock | None = None,
                       ) -> Services:
    """A database of this test's own in ``folder``, opened exactly as the app opens one
    (migrated, templates loaded, due list by the current rules), on TODAY's clock.
    A SQLite file in ``folder``, or a PostgreSQL database of its own (``--backend``)."""
    folder.mkdir(parents=True, exist_ok=True)
    services = open_database(database_url(folder, name), folder / "backups",
                             clock or FixedClock(TODAY))
    if services.context.documents_beside is None:
        # A team server's documents go in the shared folder of the settings; a test's own
        # folder stands in for it, as the folder beside a SQLite file would be.
        services.context.documents_beside = folder / f"{name}-documents"
    return services
