"""plo-tracker access: who may see a family; restrict it, lift that, name or remove people."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .common import UsageError, actor, opened

if TYPE_CHECKING:
    from plo_tracker.services.family_access import FamilyAccessView
    from plo_tracker.session import Location

_ACTIONS = {
    "show": "who may see the family",
    "restrict": "let only named people see it (you are named if you are not its worker or "
                "manager)",
    "unrestrict": "let everyone who may see families see it again (the named list is cleared)",
    "grant": "name a person who may see the restricted family",
    "revoke": "remove a named person",
}


def add_parsers(commands: argparse._SubParsersAction) -> None:
    access = commands.add_parser(
        "access", help="who may see a restricted family (team managers, administrators)")
    access.set_defaults(run=run)
    access_sub = access.add_subparsers(dest="access_command", metavar="ACTION", required=True)
    for name, words in _ACTIONS.items():
        action = access_sub.add_parser(name, help=words)
        action.add_argument("--family", required=True, metavar="ID",
                            help="the family's PLO family id (e.g. PLO-2026-0042) or database id")
        if name in ("grant", "revoke"):
            action.add_argument("--person", required=True, metavar="USER",
                                help="the account's user name")


def run(args: argparse.Namespace, location: Location) -> int:
    with opened(location, args) as services:
        user = actor(services, args.user)
        access = services.family_access
        family_id = access.find(user, args.family)
        if args.access_command == "show":
            view = access.show(user, family_id)
        elif args.access_command == "restrict":
            view = access.restrict(user, family_id)
        elif args.access_command == "unrestrict":
            view = access.unrestrict(user, family_id)
        else:
            person = _person(access.show(user, family_id), args.person,
                             args.access_command == "grant")
            change = access.grant if args.access_command == "grant" else access.revoke
            view = change(user, family_id, person)
        _print(view)
    return 0


def _person(view: FamilyAccessView, username: str, granting: bool) -> int:
    """The account id of ``username``, from the people the family's list offers."""
    wanted = username.strip().lower()
    pool = view.others if granting else view.named
    for person in pool:
        if person.username.lower() == wanted:
            return person.user_id
    for person in (*view.always, *view.named):
        if person.username.lower() == wanted:
            if granting:
                raise UsageError(f"{person.display_name} already sees family "
                                 f"{view.plo_family_id} ({person.why}).")
            raise UsageError(f"{person.display_name} always sees family {view.plo_family_id} "
                             f"as its {person.why}; allocate someone else to change that.")
    if granting:
        raise UsageError(f"No active account is called '{username}'. "
                         "'plo-tracker users' lists them.")
    raise UsageError(f"'{username}' is not named for family {view.plo_family_id}.")


def _print(view: FamilyAccessView) -> None:
    from plo_tracker.services.family_access import restricted_words

    if not view.restricted:
        print(f"Family {view.plo_family_id} is not restricted: everyone who may see families "
              "sees it.")
        return
    print(f"Family {view.plo_family_id}. {restricted_words(view.seen_by)}:")
    for person in (*view.always, *view.named):
        print(f"  {person.username:<16} {person.display_name:<24} {person.why}")
