"""plo-tracker letters: generate one family's letters, or one type for many families."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .common import UsageError, actor, opened

if TYPE_CHECKING:
    from plo_tracker.domain.letter_types import LetterType
    from plo_tracker.services.actor import Actor
    from plo_tracker.services.registry import Services
    from plo_tracker.session import Location


def add_parsers(commands: argparse._SubParsersAction) -> None:
    # A plain-Python domain module: the choices come from the one home of the letter types.
    from plo_tracker.domain.letter_types import LetterType

    letters = commands.add_parser("letters", help="generate letters from the case record")
    letters.set_defaults(run=run)
    letters_sub = letters.add_subparsers(dest="letters_command", metavar="ACTION", required=True)
    types = [t.code for t in LetterType]
    one = letters_sub.add_parser("generate", help="one family's letter, one per recipient")
    one.add_argument("--family", required=True, metavar="ID",
                     help="the family's PLO family id (e.g. PLO-2026-0042) or database id")
    one.add_argument("--type", required=True, choices=types, dest="letter_type")
    one.add_argument("--out", required=True, metavar="DIR", help="folder for the PDF files")
    one.add_argument("--recipient", metavar="NAME",
                     help="only the letter to this person (default: everyone entitled)")
    one.add_argument("--easy-read", action="store_true",
                     help="add the Easy Read version for every recipient (it is added by "
                          "itself for an adult recorded with a learning disability)")
    many = letters_sub.add_parser("batch", help="one letter type for many families")
    many.add_argument("--type", required=True, choices=types, dest="letter_type")
    many.add_argument("--families", required=True, metavar="ID,ID",
                      help="comma-separated PLO family ids or database ids")
    many.add_argument("--out", required=True, metavar="DIR")
    many.add_argument("--easy-read", action="store_true",
                      help="add the Easy Read version for every recipient (it is added by "
                           "itself for an adult recorded with a learning disability)")


def _family_ids(services: Services, user: Actor, given: str) -> list[int]:
    """PLO family ids (or database ids), comma-separated, each found or refused by name."""
    return [services.families.find(user, part) for part in given.split(",") if part.strip()]


def _refuse_easy_read_without_one(letter_type: LetterType, asked: bool) -> None:
    from plo_tracker.domain.easy_read import EASY_READ_TYPES, has_easy_read

    if asked and not has_easy_read(letter_type):
        have = ", ".join(sorted(t.code for t in EASY_READ_TYPES))
        raise UsageError(f"This letter has no Easy Read version. Easy Read versions are "
                         f"made for: {have}.")


def run(args: argparse.Namespace, location: Location) -> int:
    with opened(location, args) as services:
        return _letters(services, actor(services, args.user), args)


def _letters(services: Services, user: Actor, args: argparse.Namespace) -> int:
    from pathlib import Path

    from plo_tracker.domain.letter_types import LetterType
    from plo_tracker.services.letter_files import write_letters

    letter_type = LetterType.from_code(args.letter_type)
    _refuse_easy_read_without_one(letter_type, args.easy_read)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.letters_command == "generate":
        family_id = _family_ids(services, user, args.family)[0]
        checks = services.letters.check(user, family_id, letter_type)
        adult_ids = None
        if args.recipient:
            adult_ids = [c.adult_id for c in checks if c.name.lower() == args.recipient.lower()]
            if not adult_ids:
                raise UsageError(
                    f"'{args.recipient}' is not entitled to this letter. Recipients: "
                    + ", ".join(c.name for c in checks) + ".")
        made = services.letters.generate(user, family_id, letter_type, adult_ids,
                                         easy_read=args.easy_read)
        letters = [(view, services.letters.open(user, view.letter_id)) for view in made]
        for written in write_letters(out, letters):
            print(f"Wrote {written.describe()}.")
        for check in checks:
            if (check.easy_read or args.easy_read) and \
                    (adult_ids is None or check.adult_id in adult_ids):
                print(f"The letter to {check.name} is followed by its Easy Read version "
                      "in the same file.")
        return 0
    family_ids = _family_ids(services, user, args.families)
    result = services.letters.batch(user, letter_type, family_ids, easy_read=args.easy_read)
    # Said before writing, so a folder that refuses the files does not hide who was left out.
    for who, why in result.skipped:
        print(f"Skipped {who}: {why}", file=sys.stderr)
    for written in services.letter_prints.save_batch(user, out, result).files():
        print(f"Wrote {written.describe()}.")
    return 0 if result.letters else 1
