"""plo-tracker import: families from the council's spreadsheet (.csv or .xlsx), all or nothing."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .common import UsageError, actor, opened

if TYPE_CHECKING:
    from plo_tracker.services.imports import ImportPreview
    from plo_tracker.session import Location


def add_parsers(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "import", help="add families from a spreadsheet (.csv or .xlsx): a preview with every "
        "problem, then all or nothing (administrators)",
        description="One row per child per episode: the CIN census columns, and optionally "
        "names, dates of birth, team, social worker and adults. Problems are printed as "
        "PROBLEM lines and nothing is imported (exit 1) until there are none.")
    command.add_argument("file", nargs="?", type=Path, metavar="FILE",
                         help="the spreadsheet: .csv (UTF-8 or Excel's) or .xlsx")
    command.add_argument("--dry-run", action="store_true",
                         help="check the file and print the preview; write nothing")
    command.add_argument("--template", type=Path, metavar="OUT",
                         help="write a blank template (.csv, every column's heading) and stop")
    command.set_defaults(run=run)


def run(args: argparse.Namespace, location: Location) -> int:
    if args.template is not None:
        from plo_tracker.services.import_files import write_template

        if args.template.exists():
            raise UsageError(f"{args.template} already exists; choose a new file name.")
        write_template(args.template)
        print(f"Blank template written to {args.template}.")
        return 0
    if args.file is None:
        raise UsageError("Name the spreadsheet to import, e.g. plo-tracker import "
                         "families.xlsx (or --template OUT for a blank one).")
    from plo_tracker.services.imports import ImportRefused

    with opened(location, args) as services:
        user = actor(services, args.user)
        if args.dry_run:
            preview = services.imports.preview(user, args.file)
            _print(preview)
            if preview.errors:
                return 1
            print("Dry run: nothing was written. Run again without --dry-run to import.")
            return 0
        try:
            result = services.imports.run(user, args.file)
        except ImportRefused as refused:
            _print(refused.preview)
            print(refused.message)
            return 1
    _print(result.preview)
    print(f"Imported {len(result.family_ids):,} families from {result.preview.file_name}.")
    return 0


def _print(preview: ImportPreview) -> None:
    print(f"{preview.file_name}: {preview.summary()}")
    for problem in preview.problems:
        print(f"{'PROBLEM' if problem.is_error else 'NOTE'}: {problem.text}")
    errors = len(preview.errors)
    if errors:
        print(f"{errors:,} problem{'s' if errors != 1 else ''} to fix; nothing is imported "
              "until there are none.")
