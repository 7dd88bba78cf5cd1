"""plo-tracker backup and restore: a copy of the whole database, and putting one back."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .common import UsageError, actor, opened

if TYPE_CHECKING:
    from plo_tracker.services.actor import Actor
    from plo_tracker.session import Location



def add_parsers(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser(
        "backup", help="copy the whole database (with its kept letters) while it is in use")
    backup.add_argument("--out", metavar="PATH", type=Path,
                        help="folder for the backup (default: the backups folder beside the "
                        "database)")
    backup.add_argument("--daily", action="store_true",
                        help="take the daily backup if the newest is over a day old, and "
                        "remove daily backups beyond the number kept")
    backup.add_argument("--keep", type=int, metavar="N",
                        help="daily backups kept (default 14; also PLO_TRACKER_DAILY_BACKUPS)")
    backup.set_defaults(run=run_backup)

    restore = commands.add_parser(
        "restore", help="put a backup back, after checking it; the replaced database is kept")
    restore.add_argument("backup", metavar="PATH", type=Path, help="the backup file")
    restore.set_defaults(run=run_restore)


def run_backup(args: argparse.Namespace, location: Location) -> int:
    from plo_tracker.services.actor import SYSTEM
    from plo_tracker.session import daily_backups_kept

    try:
        keep = daily_backups_kept(args.keep)
    except ValueError as problem:
        raise UsageError(str(problem)) from None
    folder = args.out.resolve() if args.out else location.backups
    with opened(location, args) as services:
        if args.daily:
            done = services.backups.daily(folder, keep)
            print(f"Daily backup written to {done.made}." if done.made
                  else "The newest daily backup is less than a day old; none was needed.")
            for old in done.removed:
                print(f"Removed an old daily backup: {old.name}")
            return 0
        user = actor(services, args.user) if services.backups.has_accounts() else SYSTEM
        made = services.backups.take(user, folder)
        documents = services.context.documents
    print(f"Backup written to {made} (readable by you only).")
    _say_documents_folder(documents)
    return 0


def _say_documents_folder(store) -> None:
    """The backup holds the database only: say where the documents' files are, to copy too."""
    if store is None:
        print("This team database has no shared documents folder set, so no documents' "
              "files need copying.")
    else:
        print(f"Documents' files are not in the backup: back up the folder {store.root} "
              "too.")


def run_restore(args: argparse.Namespace, location: Location) -> int:
    from plo_tracker.storage.engine import sqlite_path

    backup = args.backup.resolve()
    target = sqlite_path(location.url)
    if target is None:
        return _restore_server(args, location, backup)
    from plo_tracker.session import open_database
    from plo_tracker.storage.restore import (
        is_table_dump,
        refuse_if_in_use,
        replace_sqlite,
        stage_sqlite_backup,
    )

    if is_table_dump(backup):
        raise UsageError("That is a backup of a team server's database; restore it with --db "
                         "set to the server's address.")
    stage = stage_sqlite_backup(backup, target)  # checked whole before anything is replaced
    try:
        who, signed_in_to = _restorer(args, location, target, stage)
        refuse_if_in_use(target)
        kept = replace_sqlite(stage, target)
    finally:
        stage.unlink(missing_ok=True)
    services = open_database(location.url, location.backups)
    try:
        services.backups.record_restore(who, backup, kept, signed_in_to)
    finally:
        services.context.database.dispose()
    print(f"Restored {target.name} from {backup.name}.")
    if kept is not None:
        print(f"The database it replaced is kept as {kept}.")
    return 0


def _restorer(args: argparse.Namespace, location: Location, target: Path,
              stage: Path) -> tuple[Actor, str]:
    """Who restores, signed in and allowed to.

    An administrator of the database being replaced, when it can be read and has accounts:
    the people responsible for it now decide. When it is damaged, missing or cannot be
    read, its accounts cannot be trusted or reached, so an administrator of the backup
    signs in instead (whoever can replace the file could copy the backup over it anyway;
    this only records who did, in the restored database's audit log).
    """
    from plo_tracker.services.actor import SYSTEM
    from plo_tracker.session import open_database
    from plo_tracker.storage.engine import sqlite_url
    from plo_tracker.storage.errors import DatabaseProblem

    current = None
    if target.exists():
        try:
            current = open_database(location.url, location.backups)
        except DatabaseProblem:
            current = None
        if current is not None and current.context.database.read_only:
            current.context.database.dispose()
            current = None
    where, label = (current, "the database replaced") if current is not None else (
        None, "the backup")
    if where is None:
        where = open_database(sqlite_url(stage), location.backups)
    try:
        if not where.backups.has_accounts():
            return SYSTEM, label
        who = actor(where, args.user)
        where.backups.authorise_restore(who)
        return who, label
    finally:
        where.context.database.dispose()


def _restore_server(args: argparse.Namespace, location: Location, backup: Path) -> int:
    from plo_tracker.services.actor import SYSTEM
    from plo_tracker.storage.restore import is_table_dump, restore_tables

    if not is_table_dump(backup):
        raise UsageError("A team server's database is restored from a backup ending in "
                         ".jsonl.gz (made by 'plo-tracker backup' against the server).")
    with opened(location, args) as services:
        who = actor(services, args.user) if services.backups.has_accounts() else SYSTEM
        services.backups.authorise_restore(who)
        kept = restore_tables(services.context.database.engine, backup, location.backups)
        services.backups.record_restore(who, backup, kept, "the database replaced")
    print(f"Restored the server's database from {backup.name}.")
    print(f"Its data before the restore is kept in {kept}.")
    return 0
