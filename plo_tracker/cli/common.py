"""What every command shares: refusing bad input in words, signing in, dates, tables."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from datetime import date

    from plo_tracker.services.actor import Actor
    from plo_tracker.services.registry import Services
    from plo_tracker.session import Location


class UsageError(Exception):
    """The command line was given something it cannot use; the message says what to do."""


@contextmanager
def opened(location: Location, args: argparse.Namespace) -> Iterator[Services]:
    """The services on the chosen database (made or migrated first), closed afterwards."""
    from plo_tracker.domain.clock import FixedClock
    from plo_tracker.session import open_services

    clock = FixedClock(date_arg(args.on)) if getattr(args, "on", None) else None
    services = open_services(location, clock)
    if services.context.database.read_only_reason:  # damaged, or a read-only file: say so
        print(f"plo-tracker: {services.context.database.read_only_reason}", file=sys.stderr)
    try:
        yield services
    finally:
        services.context.database.dispose()


def date_arg(text: str) -> date:
    from plo_tracker.domain.date_text import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def actor(services: Services, username: str | None) -> Actor:
    name = username or os.environ.get("PLO_TRACKER_USER")
    if not name:
        accounts = ", ".join(sorted(a.username for a in services.users.accounts())[:8])
        raise UsageError(
            "Say who you are with --user NAME (or PLO_TRACKER_USER)."
            + (f" Accounts here include: {accounts}." if accounts else
               " This database has no accounts yet: add one with 'plo-tracker users add'.")
        )
    return services.users.sign_in(name)


def print_table(headings: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Columns as wide as their widest value (the last runs on), under their headings."""
    widths = [max(map(len, column)) for column in zip(headings, *rows, strict=True)]
    for row in (headings, *rows):
        cells = [f"{cell:<{width}}" for cell, width in zip(row[:-1], widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip())


