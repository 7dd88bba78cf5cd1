"""Dates: the England and Wales bank holidays the working-day sums skip (the holidays
package, whose country tables are loaded by name)."""

from __future__ import annotations

from datetime import date

from plo_tracker.domain.working_days import add_working_days, non_working_reason

from .runner import CheckFailed
from .workspace import Workspace

CHRISTMAS = date(2026, 12, 25)
EASTER_MONDAY = date(2027, 3, 29)


def bank_holidays(_workspace: Workspace) -> str:
    for day, name in ((CHRISTMAS, "Christmas Day"), (EASTER_MONDAY, "Easter Monday")):
        reason = non_working_reason(day)
        if reason is None or "bank holiday" not in reason:
            raise CheckFailed(f"{name} ({day:%d %b %Y}) is not known as a bank holiday in "
                              "England and Wales: the holiday tables are missing.")
    # Thursday 24 Dec 2026 + 1 working day skips Christmas Day and Boxing Day (substitute).
    after = add_working_days(date(2026, 12, 24), 1)
    if after != date(2026, 12, 29):
        raise CheckFailed(f"One working day after 24 Dec 2026 came out as {after:%d %b %Y}, "
                          "not 29 Dec 2026.")
    return ("25 Dec 2026 and Easter Monday 29 Mar 2027 are bank holidays; one working day "
            "after 24 Dec 2026 is 29 Dec 2026")
