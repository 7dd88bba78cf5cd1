"""The command line: the same services as the window, for scripts and people without a screen."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from plo_tracker import __version__

# Each command has its own module here, which adds its parser and, only when it runs,
# imports what it uses: `--version` and `--help` answer before anything else loads (the
# window, the database and the PDF code each take a noticeable part of a second to load).
# The imports are ordinary statements inside the functions, so a packaged app finds them.
from . import (
    access,
    audit,
    backup,
    bundle,
    caseload,
    check,
    demo,
    documents,
    export,
    import_cmd,
    letters,
    panel,
    report,
    retention,
    users,
)
from .common import UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plo-tracker",
        description="Track families through PLO (Public Law Outline) pre-proceedings. "
        "With no command, the window opens.",
        epilog="Global options come before the command, e.g. plo-tracker --db URL families.",
    )
    parser.add_argument("--version", action="version", version=f"PLO Tracker {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check that this installation works, on a temporary database "
                        "(never your own), with the window offscreen; exit 0 if all passed")
    parser.add_argument("--db", metavar="URL",
                        help="database: a SQLAlchemy URL or a file path (default: your own "
                        "database; also PLO_TRACKER_DB)")
    parser.add_argument("--demo", action="store_true",
                        help="use the separate demo database, filled with synthetic families "
                        "on first use; never touches your own database")
    parser.add_argument("--user", metavar="NAME",
                        help="act as this account (also PLO_TRACKER_USER)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (demo, caseload, check, letters, users, access, retention, backup, audit,
                   documents, bundle, panel, export, import_cmd, report):
        module.add_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; with no command, open the window."""
    args = build_parser().parse_args(argv)
    from plo_tracker.paths import keep_files_private

    keep_files_private()  # the database, backups, letters and logs are the owner's alone
    if args.self_test:
        from plo_tracker.self_test import run_self_test  # loads everything it checks

        return run_self_test()
    from plo_tracker.domain.errors import DomainError
    from plo_tracker.session import choose_location
    from plo_tracker.storage.errors import DatabaseProblem

    location = choose_location(args.db, args.demo)
    if args.command is None:
        from plo_tracker.app import run_gui  # Qt loads only when the window is wanted

        return run_gui(location, args.user or os.environ.get("PLO_TRACKER_USER"))
    try:
        return args.run(args, location)
    except (DatabaseProblem, DomainError, UsageError) as problem:
        print(f"plo-tracker: {getattr(problem, 'message', problem)}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader (e.g. `head`) stopped early; that is not an error of ours.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silences the flush at exit
        return 0
    except Exception as error:  # noqa: BLE001 - every failure is a sentence, never a traceback
        return _unexpected(error)


def _unexpected(error: Exception) -> int:
    """Say what went wrong in words; a failure we cannot explain is logged as a safe report."""
    from plo_tracker.services.error_words import is_explained, words_for

    print(f"plo-tracker: {words_for(error)}", file=sys.stderr)
    if is_explained(error):
        return 2
    try:
        from plo_tracker.error_report import safe_report
        from plo_tracker.log import log_failure

        log_file = log_failure(safe_report(type(error), error, error.__traceback__))
        print(f"plo-tracker: details for your IT service desk (no names or case details) are in "
              f"{log_file}", file=sys.stderr)
    except OSError:
        pass  # the log cannot be written either; the sentence above is all there is to say
    return 1
