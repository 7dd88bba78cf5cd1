"""plo-tracker audit: verify the audit log's hash chain, or export entries to CSV."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .common import UsageError, actor, date_arg, opened

if TYPE_CHECKING:
    from plo_tracker.session import Location


def add_parsers(commands: argparse._SubParsersAction) -> None:
    # A plain-Python domain module: the choices come from the one home of the actions.
    from plo_tracker.domain.audit_actions import AuditAction

    audit = commands.add_parser("audit", help="verify or export the audit log")
    audit.set_defaults(run=run)
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    actions.add_parser(
        "verify", help="check that no audit entry was changed, deleted, moved or added "
        "outside the app (no sign-in needed: it shows no names)")
    export = actions.add_parser(
        "export", help="write audit entries to a CSV file (administrators and auditors; "
        "sign in with --user)")
    export.add_argument("--out", required=True, metavar="FILE.csv",
                        help="the file to write (an existing file is not replaced)")
    export.add_argument("--user-name", metavar="U", help="only entries by this user name")
    export.add_argument("--family", metavar="ID", help="only entries about this PLO family id")
    export.add_argument("--action", metavar="A", choices=[a.code for a in AuditAction],
                        help="only this kind of entry, e.g. family.view or export")
    export.add_argument("--from", dest="date_from", metavar="DATE",
                        help="only entries on or after this day (UK time)")
    export.add_argument("--to", dest="date_to", metavar="DATE",
                        help="only entries on or before this day (UK time)")


def run(args: argparse.Namespace, location: Location) -> int:
    if args.audit_command == "verify":
        return _verify(location)
    return _export(args, location)


def _verify(location: Location) -> int:
    # No sign-in: the result names entries by number, time and action only, never a person
    # or a family, and anyone who can run this can read the file itself; a sign-in would
    # protect nothing and would stop an auditor checking a copy (a backup) whose accounts
    # they do not hold. `check` runs the same verification, also without a sign-in.
    from plo_tracker.services.audit_log import AuditLogService
    from plo_tracker.services.context import ServiceContext
    from plo_tracker.storage.integrity import chain_words

    from .check import for_checking

    state, database = for_checking(location)
    try:
        if not state.is_current:
            raise UsageError(
                f"The database is at version {state.revision}; this app uses {state.head}. "
                "Open it with this version of PLO Tracker first (it is upgraded after a "
                "backup, and its entries are sealed into the chain).")
        result = AuditLogService(ServiceContext(database)).verify()
    finally:
        database.dispose()
    print(chain_words(result))
    return 0 if result.intact else 1


def _export(args: argparse.Namespace, location: Location) -> int:
    from pathlib import Path

    from plo_tracker.services.audit_log import AuditFilter

    wanted = AuditFilter(
        user_name=args.user_name, plo_family_id=args.family, action=args.action,
        date_from=date_arg(args.date_from) if args.date_from else None,
        date_to=date_arg(args.date_to) if args.date_to else None)
    if wanted.date_from and wanted.date_to and wanted.date_to < wanted.date_from:
        raise UsageError("--to is before --from: give the earlier day first.")
    out = Path(args.out)
    if out.exists():
        raise UsageError(f"{out.name} already exists; choose another file name.")
    with opened(location, args) as services:
        count = services.audit_log.export_csv(actor(services, args.user), wanted, out)
    print(f"Wrote {count} audit entr{'y' if count == 1 else 'ies'} to {out.name}.")
    return 0
