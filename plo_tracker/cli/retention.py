"""plo-tracker retention: records past their retention period, legal holds, and deletion."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .common import UsageError, actor, opened, print_table

if TYPE_CHECKING:
    from plo_tracker.session import Location


def add_parsers(commands: argparse._SubParsersAction) -> None:
    retention = commands.add_parser(
        "retention", help="records past their retention period, legal holds, deletion "
        "(administrators)")
    retention.set_defaults(run=run)
    actions = retention.add_subparsers(dest="retention_command", metavar="ACTION",
                                       required=True)
    actions.add_parser("report", help="families and backups past their retention period, "
                       "longest past first")
    for name, words in (("hold", "place a family on legal hold: it cannot be deleted"),
                        ("release", "release a family's legal hold")):
        action = actions.add_parser(name, help=words)
        action.add_argument("--family", required=True, metavar="ID",
                            help="PLO family id, e.g. PLO-2026-0042")
        action.add_argument("--reason", required=True, help="why, in a sentence (audited)")
    delete = actions.add_parser("delete", help="delete a family past its retention period, "
                                "after a backup (refused while on legal hold)")
    delete.add_argument("--family", required=True, metavar="ID")
    delete.add_argument("--yes", action="store_true",
                        help="confirm: the family's record cannot be brought back except "
                        "from the backup taken first")


def run(args: argparse.Namespace, location: Location) -> int:

    with opened(location, args) as services:
        user = actor(services, args.user)
        retention = services.retention
        if args.retention_command == "report":
            _print_report(retention.report(user, location.backups))
            return 0
        family_id = services.families.find(user, args.family)
        if args.retention_command == "hold":
            held = retention.hold(user, family_id, args.reason)
            print(f"Family {held.plo_family_id} is on legal hold: it cannot be deleted until "
                  "the hold is released.")
        elif args.retention_command == "release":
            released = retention.release(user, family_id, args.reason)
            print(f"The legal hold on family {released.plo_family_id} is released.")
        else:
            if not args.yes:
                raise UsageError("Deleting a family cannot be undone (except from the backup "
                                 "taken first); add --yes to confirm.")
            deleted = retention.delete(user, family_id, location.backups)
            print(f"Deleted family {deleted.plo_family_id}. A backup taken first is at "
                  f"{deleted.backup}; the audit log records the deletion.")
    return 0


def _print_report(report) -> None:  # a RetentionReport
    from plo_tracker.domain.date_text import short_date

    if not report.families:
        print(f"No family is past its retention period on {short_date(report.today)}.")
    else:
        print_table(("family", "surname", "kept until", "days past", "legal hold", "rule"), [
            (f.plo_family_id, f.surname, short_date(f.kept_until), f"{f.days_past:,}",
             "on hold" if f.legal_hold else "", f.rule)
            for f in report.families])
    if report.undetermined:
        print(f"Cannot be worked out (a child's date of birth is missing): "
              f"{', '.join(report.undetermined)}.")
    if report.backups:
        print()
        print_table(("backup", "made", "kept until", "days past"), [
            (b.path.name, short_date(b.made_on), short_date(b.kept_until), f"{b.days_past:,}")
            for b in report.backups])
