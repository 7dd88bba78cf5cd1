"""The command line: the same services as the window, for scripts and people without a screen."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from plo_tracker import __version__

# Only argparse and the version are imported here: `--version` and `--help` answer before
# anything else loads, and each command imports what it uses when it runs (the window, the
# database and the PDF code each take a noticeable part of a second to load). The imports
# are ordinary statements inside the functions, so a packaged app still finds them all.
if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from plo_tracker.services.actor import Actor
    from plo_tracker.services.registry import Services
    from plo_tracker.session import Location


class UsageError(Exception):
    """The command line was given something it cannot use; the message says what to do."""


def build_parser() -> argparse.ArgumentParser:
    # Plain-Python domain modules: the choices below come from the one home of each rule.
    from plo_tracker.domain.letter_types import LetterType
    from plo_tracker.domain.vocabulary import Role

    parser = argparse.ArgumentParser(
        prog="plo-tracker",
        description="Track families through PLO (Public Law Outline) pre-proceedings. "
        "With no command, the window opens.",
        epilog="Global options come before the command, e.g. plo-tracker --db URL families.",
    )
    parser.add_argument("--version", action="version", version=f"PLO Tracker {__version__}")
    parser.add_argument("--db", metavar="URL",
                        help="database: a SQLAlchemy URL or a file path (default: your own "
                        "database; also PLO_TRACKER_DB)")
    parser.add_argument("--demo", action="store_true",
                        help="use the separate demo database, filled with synthetic families "
                        "on first use; never touches your own database")
    parser.add_argument("--user", metavar="NAME",
                        help="act as this account (also PLO_TRACKER_USER)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo-data", help="add synthetic demo families")
    demo.add_argument("--families", type=int, default=175, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S",
                      help="the same seed gives the same families (default 1)")

    families = commands.add_parser("families", help="list families")
    families.add_argument("--json", action="store_true", help="print JSON")
    families.add_argument("--on", metavar="DATE", help="as on this date (dd/mm/yyyy)")

    due = commands.add_parser("due", help="everything due or overdue, with the rule behind it")
    due.add_argument("--on", metavar="DATE", help="as on this date (dd/mm/yyyy or yyyy-mm-dd)")
    due.add_argument("--json", action="store_true", help="print JSON")

    commands.add_parser("check", help="check the database's integrity and migration state")

    letters = commands.add_parser("letters", help="generate letters from the case record")
    letters_sub = letters.add_subparsers(dest="letters_command", metavar="ACTION", required=True)
    types = [t.code for t in LetterType]
    one = letters_sub.add_parser("generate", help="one family's letter, one per recipient")
    one.add_argument("--family", required=True, metavar="ID",
                     help="the family's PLO family id (e.g. PLO-2026-0042) or database id")
    one.add_argument("--type", required=True, choices=types, dest="letter_type")
    one.add_argument("--out", required=True, metavar="DIR", help="folder for the PDF files")
    one.add_argument("--recipient", metavar="NAME",
                     help="only the letter to this person (default: everyone entitled)")
    many = letters_sub.add_parser("batch", help="one letter type for many families")
    many.add_argument("--type", required=True, choices=types, dest="letter_type")
    many.add_argument("--families", required=True, metavar="ID,ID",
                      help="comma-separated PLO family ids or database ids")
    many.add_argument("--out", required=True, metavar="DIR")

    users = commands.add_parser("users", help="list accounts, or add one")
    users_sub = users.add_subparsers(dest="users_command", metavar="ACTION")
    add = users_sub.add_parser("add", help="add an account (the first one needs no --user)")
    add.add_argument("--username", required=True)
    add.add_argument("--name", required=True, help="full name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--team")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; with no command, open the window."""
    args = build_parser().parse_args(argv)
    from plo_tracker.domain.errors import DomainError
    from plo_tracker.session import choose_location
    from plo_tracker.storage.errors import DatabaseProblem

    location = choose_location(args.db, args.demo)
    if args.command is None:
        from plo_tracker.app import run_gui  # Qt loads only when the window is wanted

        return run_gui(location, args.user or os.environ.get("PLO_TRACKER_USER"))
    try:
        return _run(args, location)
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


def _run(args: argparse.Namespace, location: Location) -> int:
    from plo_tracker.domain.clock import FixedClock
    from plo_tracker.session import open_services

    if args.command == "check":
        return _check(location)
    clock = FixedClock(_date_arg(args.on)) if getattr(args, "on", None) else None
    services = open_services(location, clock)
    try:
        if args.command == "demo-data":
            return _demo_data(services, args)
        if args.command == "users":
            return _users(services, args)
        actor = _actor(services, args.user)
        if args.command == "letters":
            return _letters(services, actor, args)
        if args.command == "families":
            return _families(services, actor, args.json)
        return _due(services, actor, args.json)
    finally:
        services.context.database.dispose()


def _date_arg(text: str) -> date:
    from plo_tracker.domain.date_text import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _actor(services: Services, username: str | None) -> Actor:
    name = username or os.environ.get("PLO_TRACKER_USER")
    if not name:
        accounts = ", ".join(sorted(a.username for a in services.users.accounts())[:8])
        raise UsageError(
            "Say who you are with --user NAME (or PLO_TRACKER_USER)."
            + (f" Accounts here include: {accounts}." if accounts else
               " This database has no accounts yet: add one with 'plo-tracker users add'.")
        )
    return services.users.sign_in(name)


def _demo_data(services: Services, args: argparse.Namespace) -> int:
    # Faker, for the synthetic names, is needed by this command only.
    from plo_tracker.services.actor import SYSTEM
    from plo_tracker.services.demo_data import DEMO_ACCOUNTS, DemoDataService

    actor = _actor(services, args.user) if services.users.has_users() else SYSTEM
    result = DemoDataService(services.context).generate(actor, args.families, args.seed)
    print(f"Added {result.families} demo families ({result.rows} records).")
    print("Demo accounts: " + ", ".join(
        f"{username} ({role.label.lower()})" for username, _n, role, _t in DEMO_ACCOUNTS))
    return 0


def _users(services: Services, args: argparse.Namespace) -> int:
    from plo_tracker.domain.vocabulary import Role
    from plo_tracker.services.actor import SYSTEM
    from plo_tracker.services.users import NewUser

    if args.users_command == "add":
        actor = _actor(services, args.user) if services.users.has_users() else SYSTEM
        account = services.users.create(actor, NewUser(
            args.username, args.name, Role(args.role), args.team))
        print(f"Added {account.display_name} as '{account.username}' ({account.role.label}).")
        return 0
    for account in services.users.accounts():
        print(f"{account.username:<16} {account.display_name:<24} {account.role.label}"
              + (f", {account.team}" if account.team else ""))
    return 0


def _families(services: Services, actor: Actor, as_json: bool) -> int:
    import json

    from plo_tracker.domain.date_text import short_date

    if as_json:
        print(json.dumps(services.exports.families(actor), indent=1))
        return 0
    summaries = services.caseload.families(actor)
    _print_table(("Family", "Surname", "Stage", "Week", "Status", "Social worker", "Next due"), [
        (s.plo_family_id, s.surname, s.stage_label, s.week.text() if s.week else "",
         s.status.value, s.social_worker,
         f"{s.next_due.title}, {short_date(s.next_due.due)}" if s.next_due else "")
        for s in summaries])
    print(f"{len(summaries)} families")
    return 0


def _print_table(headings: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Columns as wide as their widest value (the last runs on), under their headings."""
    widths = [max(map(len, column)) for column in zip(headings, *rows, strict=True)]
    for row in (headings, *rows):
        cells = [f"{cell:<{width}}" for cell, width in zip(row[:-1], widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip())


def _due(services: Services, actor: Actor, as_json: bool) -> int:
    import json

    from plo_tracker.domain.date_text import short_date

    if as_json:
        print(json.dumps(services.exports.due(actor), indent=1))
        return 0
    entries = services.caseload.due(actor)
    _print_table(("Due", "Status", "Family", "What, and the rule that made it due"), [
        (short_date(e.item.due), e.status.value, e.family_text,
         f"{e.item.title} (rule: {e.item.rule.value}, {e.item.reason})."
         + (f" {e.item.deadline_note}." if e.item.deadline_note else ""))
        for e in entries])
    print(f"{len(entries)} items due or overdue")
    return 0


def _family_ids(services: Services, actor: Actor, given: str) -> list[int]:
    """PLO family ids (or database ids), comma-separated, each found or refused by name."""
    return [services.families.find(actor, part) for part in given.split(",") if part.strip()]


def _letters(services: Services, actor: Actor, args: argparse.Namespace) -> int:
    from pathlib import Path

    from plo_tracker.domain.letter_types import LetterType
    from plo_tracker.services.letter_files import write_batch, write_letters

    letter_type = LetterType.from_code(args.letter_type)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.letters_command == "generate":
        family_id = _family_ids(services, actor, args.family)[0]
        checks = services.letters.check(actor, family_id, letter_type)
        adult_ids = None
        if args.recipient:
            adult_ids = [c.adult_id for c in checks if c.name.lower() == args.recipient.lower()]
            if not adult_ids:
                raise UsageError(
                    f"'{args.recipient}' is not entitled to this letter. Recipients: "
                    + ", ".join(c.name for c in checks) + ".")
        made = services.letters.generate(actor, family_id, letter_type, adult_ids)
        letters = [(view, services.letters.open(actor, view.letter_id)) for view in made]
        for written in write_letters(out, letters):
            print(f"Wrote {written.describe()}.")
        return 0
    family_ids = _family_ids(services, actor, args.families)
    result = services.letters.batch(actor, letter_type, family_ids)
    # Said before writing, so a folder that refuses the files does not hide who was left out.
    for who, why in result.skipped:
        print(f"Skipped {who}: {why}", file=sys.stderr)
    for written in write_batch(out, result).files():
        print(f"Wrote {written.describe()}.")
    return 0 if result.letters else 1


def _check(location: Location) -> int:
    from plo_tracker.services.context import ServiceContext
    from plo_tracker.services.health import HealthService
    from plo_tracker.storage.engine import make_engine, sqlite_path
    from plo_tracker.storage.schema import inspect_database
    from plo_tracker.storage.unit_of_work import Database

    path = sqlite_path(location.url)
    if path is not None and not path.exists():
        raise UsageError(f"There is no database at {path.name} yet; it is made on first start.")
    state = inspect_database(location.url)
    database = Database(make_engine(location.url))
    try:
        findings = HealthService(ServiceContext(database)).check(state)
    finally:
        database.dispose()
    for finding in findings:
        print(f"{'ok' if finding.ok else 'PROBLEM':<8} {finding.check:<10} {finding.detail}")
    return 0 if all(f.ok for f in findings) else 1
