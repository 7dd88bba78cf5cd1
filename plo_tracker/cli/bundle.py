"""plo-tracker bundle: build a family's court bundle (both copies), or list its bundles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .common import UsageError, actor, date_arg, opened, print_table

if TYPE_CHECKING:
    from plo_tracker.services.actor import Actor
    from plo_tracker.services.registry import Services
    from plo_tracker.session import Location


def add_parsers(commands: argparse._SubParsersAction) -> None:
    bundle = commands.add_parser("bundle", help="court bundles: build one, list a family's")
    bundle.set_defaults(run=run)
    actions = bundle.add_subparsers(dest="bundle_command", metavar="ACTION", required=True)
    build = actions.add_parser(
        "build", help="build the court's copy and the parties' copy (FILE-parties.pdf)",
        description="Build a family's bundle. Where the family has no bundle (for that "
        "hearing date), one is made with every document in its default section.")
    build.add_argument("--family", required=True, metavar="ID",
                       help="the family's PLO family id (e.g. PLO-2026-0042) or database id")
    build.add_argument("--out", required=True, metavar="FILE.pdf",
                       help="the court's copy; the parties' copy goes beside it as "
                       "FILE-parties.pdf")
    build.add_argument("--hearing-date", metavar="D",
                       help="the bundle for the hearing on this day (dd/mm/yyyy)")
    build.add_argument("--redact", action="store_true",
                       help="remove confidential details found from the parties' copy")
    build.add_argument("--confirm-unchecked", action="store_true",
                       help="build although some pages have no text layer, so could not be "
                       "checked for confidential details (look at them yourself first)")
    listing = actions.add_parser("list", help="a family's bundles and the versions built")
    listing.add_argument("--family", required=True, metavar="ID")


def parties_path(court: Path) -> Path:
    """FILE.pdf -> FILE-parties.pdf, beside it."""
    return court.with_name(f"{court.stem}-parties{court.suffix or '.pdf'}")


def run(args: argparse.Namespace, location: Location) -> int:
    with opened(location, args) as services:
        user = actor(services, args.user)
        family_id = services.families.find(user, args.family)
        if args.bundle_command == "list":
            return _list(services, user, family_id)
        return _build(services, user, family_id, args)


def _build(services: Services, user: Actor, family_id: int, args: argparse.Namespace) -> int:
    from plo_tracker.services.bundle_views import ConfidentialDetailsFound, PagesNotChecked

    court = Path(args.out)
    if court.suffix.lower() != ".pdf":
        raise UsageError(f"Give the bundle a name ending .pdf, for example {court.stem}.pdf.")
    parties = parties_path(court)
    for path in (court, parties):
        if path.exists():
            raise UsageError(f"{path} exists already; nothing is overwritten. Choose another "
                             "name with --out.")
    if not court.parent.is_dir():
        raise UsageError(f"There is no folder {court.parent}; make it first.")
    hearing = date_arg(args.hearing_date) if args.hearing_date else None
    bundle = services.bundles.for_hearing(user, family_id, hearing)
    try:
        version = services.bundles.build(
            user, bundle.bundle_id, court, parties, redact=args.redact,
            confirm_unchecked=args.confirm_unchecked)
    except ConfidentialDetailsFound as found:
        for hit in found.hits:
            print(f"PROBLEM {hit.words}", file=sys.stderr)
        print(f"plo-tracker: {found.finding} Nothing was written. Run the command again with "
              "--redact to remove them from the parties' copy (the court's copy keeps them), "
              "or take those documents out of the bundle.", file=sys.stderr)
        return 1
    except PagesNotChecked as unchecked:
        for pages in unchecked.unchecked:
            print(f"NOT CHECKED {pages.words}: no text layer", file=sys.stderr)
        print(f"plo-tracker: {unchecked.finding} Nothing was written. Run the command again "
              "with --confirm-unchecked once you have looked at them.", file=sys.stderr)
        return 1
    when = bundle.hearing_words if bundle.hearing_at is None else f"hearing {bundle.hearing_words}"
    print(f"Built version {version.number} of the bundle for {bundle.plo_family_id} "
          f"({bundle.court}, {when}): {version.page_count} pages.")
    print(f"Court's copy: {court}")
    print(f"Parties' copy (confidential details removed): {parties}")
    for line in version.redacted:
        print(f"Redacted in the parties' copy: {line}")
    for line in version.unchecked:
        print(f"Not checked for confidential details (confirmed): {line}")
    for line in version.changes:
        print(f"Changed since the last issued version: {line}")
    for line in version.warnings:
        print(f"Warning: {line}")
    return 0


def _list(services: Services, user: Actor, family_id: int) -> int:
    from plo_tracker.domain.date_text import short_date

    bundles = services.bundles.for_family(user, family_id)
    if not bundles:
        print("This family has no court bundle yet. 'plo-tracker bundle build' makes one.")
        return 0
    print_table(("bundle", "hearing", "court", "case number", "versions", "issued"), [
        (str(b.bundle_id), b.hearing_words, b.court, b.case_number or "-", str(b.versions),
         short_date(b.issued_at.date()) if b.issued_at else "no") for b in bundles])
    for b in bundles:
        for v in services.bundles.versions(user, b.bundle_id):
            print(f"Bundle {b.bundle_id} version {v.number}: {v.page_count} pages, built by "
                  f"{v.built_by} on {short_date(v.built_at.date())}"
                  f"{', issued' if v.issued else ''}.")
    return 0
