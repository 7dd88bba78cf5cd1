"""The one source of "today", so tests and `due --on DATE` can fix it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


class Clock:
    """Tells the date and time; services are given one instead of calling date.today()."""

    def today(self) -> date:
        """Return today's date in the UK."""
        return datetime.now(UK).date()

    def now(self) -> datetime:
        """Return the current time, timezone-aware UTC, for storage."""
        return datetime.now(UTC)


@dataclass(frozen=True)
class FixedClock(Clock):
    """A clock stopped at one day: for tests, demo data and `due --on DATE`."""

    day: date

    def today(self) -> date:
        return self.day

    def now(self) -> datetime:
        return datetime(self.day.year, self.day.month, self.day.day, 12, tzinfo=UTC)
