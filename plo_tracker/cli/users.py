"""plo-tracker users: list accounts, add one, set passwords, change roles, disable, enable
and unlock."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from .common import actor, opened, read_new_password, read_password

if TYPE_CHECKING:
    from plo_tracker.services.registry import Services
    from plo_tracker.session import Location


def add_parsers(commands: argparse._SubParsersAction) -> None:
    from plo_tracker.domain.vocabulary import Role

    users = commands.add_parser("users", help="list accounts (administrators), add one, "
                                "set a password, disable, enable or unlock an account")
    users.set_defaults(run=run)
    users_sub = users.add_subparsers(dest="users_command", metavar="ACTION")
    add = users_sub.add_parser("add", help="add an account (the first one needs no --user and "
                               "must be an administrator); asks for its password")
    add.add_argument("--username", required=True)
    add.add_argument("--name", required=True, help="full name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--team")
    for action, words in (
        ("password", "choose your own new password, or (administrators) give another account "
                     "a new one that its owner must change at their next sign-in"),
        ("disable", "stop an account signing in (administrators)"),
        ("enable", "let a disabled account sign in again (administrators)"),
        ("unlock", "lift the lock-out after failed sign-ins (administrators)"),
    ):
        sub = users_sub.add_parser(action, help=words)
        sub.add_argument("account", metavar="USER")
    role = users_sub.add_parser("role", help="give an account another role (administrators; "
                                "the last active administrator keeps theirs)")
    role.add_argument("account", metavar="USER")
    role.add_argument("role", choices=[r.value for r in Role])


def run(args: argparse.Namespace, location: Location) -> int:
    with opened(location, args) as services:
        command = args.users_command
        if command == "add":
            return _add(services, args)
        if command == "password":
            return _password(services, args)
        if command == "role":
            from plo_tracker.domain.vocabulary import Role

            new_role = Role(args.role)
            services.users.change_role(actor(services, args.user), args.account, new_role)
            print(f"'{args.account.strip().lower()}' is now a {new_role.label.lower()}.")
            return 0
        if command in ("disable", "enable", "unlock"):
            admin = actor(services, args.user)
            getattr(services.users, command)(admin, args.account)
            print(f"{_past[command]} the account '{args.account.strip().lower()}'.")
            return 0
        admin = actor(services, args.user)
        for status in services.users.all_accounts(admin):
            account = status.account
            print(f"{account.username:<16} {account.display_name:<24} {account.role.label}"
                  + (f", {account.team}" if account.team else "")
                  + ("" if status.state == "Active"
                     else f" ({status.state[0].lower()}{status.state[1:]})"))
    return 0


_past = {"disable": "Disabled", "enable": "Enabled", "unlock": "Unlocked"}


def _add(services: Services, args: argparse.Namespace) -> int:
    from plo_tracker.domain.vocabulary import Role
    from plo_tracker.services.actor import SYSTEM
    from plo_tracker.services.users import NewUser

    user = actor(services, args.user) if services.users.has_users() else SYSTEM
    password = read_new_password(args.username.strip().lower())
    account = services.users.create(user, NewUser(
        args.username, args.name, Role(args.role), args.team), password)
    print(f"Added {account.display_name} as '{account.username}' ({account.role.label}).")
    if user is not SYSTEM:
        print("They choose their own password when they first sign in.")
    return 0


def _password(services: Services, args: argparse.Namespace) -> int:
    target = args.account.strip().lower()
    me = (args.user or os.environ.get("PLO_TRACKER_USER") or target).strip().lower()
    if me == target:
        current = read_password(f"Current password for {target}: ") \
            if services.users.has_password(target) else None
        services.users.change_password(target, current, read_new_password(target))
        print(f"Changed the password of '{target}'.")
        return 0
    admin = actor(services, args.user)
    services.users.reset_password(admin, target, read_new_password(target))
    print(f"Gave '{target}' a new password; they must choose their own at their next sign-in.")
    return 0
