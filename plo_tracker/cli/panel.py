"""plo-tracker panel: list the gateway panel's meetings; save an agenda pack or minutes."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .common import actor, opened, print_table

if TYPE_CHECKING:
    from plo_tracker.session import Location


def add_parsers(commands: argparse._SubParsersAction) -> None:
    panel = commands.add_parser("panel", help="the legal gateway panel's meetings and papers")
    panel.set_defaults(run=run)
    sub = panel.add_subparsers(dest="panel_command", metavar="ACTION", required=True)
    sub.add_parser("list", help="every meeting, newest first")
    for name, what in (("agenda", "save the agenda pack (PDF): contents, then a summary "
                                  "sheet per family"),
                       ("minutes", "save the minutes of a meeting (PDF)")):
        paper = sub.add_parser(name, help=what)
        paper.add_argument("--meeting", required=True, type=int, metavar="N",
                           help="the meeting's number, as 'plo-tracker panel list' shows it")
        paper.add_argument("--out", required=True, metavar="FILE.pdf")


def run(args: argparse.Namespace, location: Location) -> int:
    from pathlib import Path

    from plo_tracker.domain.date_text import short_date

    with opened(location, args) as services:
        user = actor(services, args.user)
        if args.panel_command == "list":
            rows = [(str(m.meeting_id), short_date(m.meeting_date),
                     f"{m.start_time:%H:%M}" if m.start_time else "", m.place, m.status,
                     {True: "yes", False: "no", None: "not recorded"}[m.quorate],
                     f"{m.decided} of {m.families}")
                    for m in services.panel.meetings(user)]
            if not rows:
                print("No panel meetings yet.")
                return 0
            print_table(("Meeting", "Date", "Time", "Place", "Status", "Quorate", "Decided"),
                        rows)
            return 0
        make = services.panel.summary_pack if args.panel_command == "agenda" \
            else services.panel.minutes
        written = make(user, args.meeting, Path(args.out))
        print(f"Wrote {written}.")
        return 0
