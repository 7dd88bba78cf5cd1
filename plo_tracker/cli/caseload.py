"""plo-tracker families and due: the caseload and what is due, as tables or JSON."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from .common import actor, opened, print_table

if TYPE_CHECKING:
    from plo_tracker.session import Location


def add_parsers(commands: argparse._SubParsersAction) -> None:
    families = commands.add_parser("families", help="list families")
    families.add_argument("--json", action="store_true", help="print JSON")
    families.add_argument("--on", metavar="DATE", help="as on this date (dd/mm/yyyy)")
    families.set_defaults(run=run_families)

    due = commands.add_parser("due", help="everything due or overdue, with the rule behind it")
    due.add_argument("--on", metavar="DATE", help="as on this date (dd/mm/yyyy or yyyy-mm-dd)")
    due.add_argument("--json", action="store_true", help="print JSON")
    due.set_defaults(run=run_due)


def run_families(args: argparse.Namespace, location: Location) -> int:
    from plo_tracker.domain.date_text import short_date

    summaries = _listed(args, location, "families")
    if summaries is None:
        return 0
    print_table(("Family", "Surname", "Stage", "Week", "Status", "Social worker", "Next due"), [
        (s.plo_family_id, s.surname, s.stage_label, s.week.text() if s.week else "",
         s.status.value, s.social_worker,
         f"{s.next_due.title}, {short_date(s.next_due.due)}" if s.next_due else "")
        for s in summaries])
    print(f"{len(summaries)} families")
    return 0


def run_due(args: argparse.Namespace, location: Location) -> int:
    from plo_tracker.domain.date_text import short_date

    entries = _listed(args, location, "due")
    if entries is None:
        return 0
    print_table(("Due", "Status", "Family", "What, and the rule that made it due"), [
        (short_date(e.item.due), e.status.value, e.family_text,
         f"{e.item.title} (rule: {e.item.rule.value}, {e.item.reason})."
         + (f" {e.item.deadline_note}." if e.item.deadline_note else ""))
        for e in entries])
    print(f"{len(entries)} items due or overdue")
    return 0


def _listed(args: argparse.Namespace, location: Location, what: str) -> list | None:
    """The signed-in person's families or due items ("families" or "due"); with --json they
    are printed as the audited export instead, and None is returned."""
    with opened(location, args) as services:
        user = actor(services, args.user)
        if args.json:
            print(json.dumps(getattr(services.exports, what)(user), indent=1))
            return None
        return getattr(services.caseload, what)(user)
