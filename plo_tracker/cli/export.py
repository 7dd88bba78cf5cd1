"""plo-tracker export: the national returns (CIN census module 5, the SSD's pre-proceedings
table) as CSV files."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .common import actor, opened

if TYPE_CHECKING:
    from plo_tracker.services.returns import CinReturn
    from plo_tracker.session import Location


def add_parsers(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export", help="national returns as CSV: the CIN census module 5 or the SSD "
        "pre-proceedings table (team managers, administrators)")
    export.set_defaults(run=run)
    kinds = export.add_subparsers(dest="export_command", metavar="RETURN", required=True)
    cin = kinds.add_parser(
        "cin", help="the Children in Need census, module 5: checked against the census rules "
        "first; each problem is printed (PROBLEM lines) and stops the file unless "
        "--allow-failures")
    cin.add_argument("--year", type=int, metavar="YEAR",
                     help="the reporting year by its first April: 2026 is 1 April 2026 to 31 "
                     "March 2027 (default: the year today is in)")
    cin.add_argument("--allow-failures", action="store_true",
                     help="save the return even with problems or restricted families left out")
    ssd = kinds.add_parser(
        "ssd", help="the Standard Safeguarding Dataset pre-proceedings table (PREP001A to "
        "PREP024A), one row per child per episode")
    for parser in (cin, ssd):
        parser.add_argument("--out", required=True, metavar="FILE.csv",
                            help="the file to write; a name already taken gets ' (2)' and so "
                            "on, never replacing a file")


def run(args: argparse.Namespace, location: Location) -> int:
    from pathlib import Path

    from plo_tracker.services.returns import ReturnBlocked

    out = Path(args.out)
    with opened(location, args) as services:
        user = actor(services, args.user)
        if args.export_command == "ssd":
            print(services.returns.write_ssd(user, out).words())
            return 0
        from plo_tracker.domain.census import reporting_year_of

        year = args.year or reporting_year_of(services.context.clock.today()).year
        try:
            written = services.returns.write_cin(user, year, out,
                                                 allow_failures=args.allow_failures)
        except ReturnBlocked as blocked:
            print_problems(blocked.result)
            print(f"plo-tracker: {blocked.message}")
            return 1
        if written.checked is not None:
            print_problems(written.checked)  # sent with them, or queries to confirm
        print(written.words())
    return 0


def print_problems(result: CinReturn) -> None:
    """Each failure on a line of its own: PROBLEM (stops the return) or QUERY (to confirm)."""
    for failure in result.failures:
        print(f"{'QUERY' if failure.is_query else 'PROBLEM'} {failure.line()}")
    if result.left_out:
        print(f"PROBLEM {result.left_out.words()}")
