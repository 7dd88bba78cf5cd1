"""plo-tracker users: list the accounts, or add one."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .common import actor, opened

if TYPE_CHECKING:
    from plo_tracker.session import Location


def add_parsers(commands: argparse._SubParsersAction) -> None:
    from plo_tracker.domain.vocabulary import Role

    users = commands.add_parser("users", help="list accounts, or add one")
    users.set_defaults(run=run)
    users_sub = users.add_subparsers(dest="users_command", metavar="ACTION")
    add = users_sub.add_parser("add", help="add an account (the first one needs no --user)")
    add.add_argument("--username", required=True)
    add.add_argument("--name", required=True, help="full name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--team")


def run(args: argparse.Namespace, location: Location) -> int:
    from plo_tracker.domain.vocabulary import Role
    from plo_tracker.services.actor import SYSTEM
    from plo_tracker.services.users import NewUser

    with opened(location, args) as services:
        if args.users_command == "add":
            user = actor(services, args.user) if services.users.has_users() else SYSTEM
            account = services.users.create(user, NewUser(
                args.username, args.name, Role(args.role), args.team))
            print(f"Added {account.display_name} as '{account.username}' "
                  f"({account.role.label}).")
            return 0
        for account in services.users.accounts():
            print(f"{account.username:<16} {account.display_name:<24} {account.role.label}"
                  + (f", {account.team}" if account.team else ""))
    return 0
