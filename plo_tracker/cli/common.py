"""What every command shares: refusing bad input in words, signing in with a password, dates,
tables."""

from __future__ import annotations

import getpass
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
    """Sign in as the --user account with its password; refuse in one sentence if we cannot."""
    name = username or os.environ.get("PLO_TRACKER_USER")
    if not name:
        raise UsageError("Say who you are with --user NAME (or PLO_TRACKER_USER).")
    signed_in = services.users.sign_in(name, read_password(f"Password for {name}: "))
    if signed_in.must_choose_password:
        raise UsageError(
            f"The account '{name}' must choose a new password before doing anything else: "
            f"run 'plo-tracker --user {name} users password {name}'.")
    return signed_in.actor


def read_password(prompt: str) -> str:
    """PLO_TRACKER_PASSWORD for scripts, else asked at the terminal without echo."""
    given = os.environ.get("PLO_TRACKER_PASSWORD")
    if given is not None:
        return given
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise UsageError("A password is needed: run this in a terminal to be asked for it, or set "
                     "PLO_TRACKER_PASSWORD for a script.")


def read_new_password(whose: str) -> str:
    """A new password: PLO_TRACKER_NEW_PASSWORD for scripts, else asked twice at the terminal."""
    given = os.environ.get("PLO_TRACKER_NEW_PASSWORD")
    if given is not None:
        return given
    if sys.stdin is None or not sys.stdin.isatty():
        raise UsageError(f"A new password for {whose} is needed: run this in a terminal to be "
                         "asked for it, or set PLO_TRACKER_NEW_PASSWORD for a script.")
    first = getpass.getpass(f"New password for {whose} (at least 12 characters): ")
    if getpass.getpass("Type it again: ") != first:
        raise UsageError("The two passwords typed were not the same; nothing was changed. "
                         "Run the command again.")
    return first


def print_table(headings: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Columns as wide as their widest value (the last runs on), under their headings."""
    widths = [max(map(len, column)) for column in zip(headings, *rows, strict=True)]
    for row in (headings, *rows):
        cells = [f"{cell:<{width}}" for cell, width in zip(row[:-1], widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip())


