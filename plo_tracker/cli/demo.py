"""plo-tracker demo-data: synthetic families for training and trying things out."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .common import actor, opened

if TYPE_CHECKING:
    from plo_tracker.session import Location


def add_parsers(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser(
        "demo-data", help="add synthetic demo families to the demo database (--demo) or one "
        "already marked demo; never to a real one")
    demo.add_argument("--families", type=int, default=175, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S",
                      help="the same seed gives the same families (default 1)")
    demo.set_defaults(run=run)


def run(args: argparse.Namespace, location: Location) -> int:
    # Faker, for the synthetic names, is needed by this command only.
    from plo_tracker.services.demo_data import DEMO_ACCOUNTS, DEMO_PASSWORDS, DemoDataService

    # Only the demo database (--demo, filled when first opened) or one already marked demo:
    # demo accounts have published passwords, so a real database never gets them.
    with opened(location, args) as services:
        demo = DemoDataService(services.context)
        demo.refuse_unless_demo()
        result = demo.generate(actor(services, args.user), args.families, args.seed)
    print(f"Added {result.families} demo families ({result.rows} records).")
    print("Demo accounts: " + ", ".join(
        f"{username} ({role.label.lower()}, password '{DEMO_PASSWORDS[role]}')"
        for username, _n, role, _t in DEMO_ACCOUNTS))
    return 0
