"""Running the command line on a demo database as its demo accounts, with their passwords.

Tests import these as ``from tests.support.demo_cli import demo_database, run_cli``.
"""

from __future__ import annotations

import os
from pathlib import Path

from plo_tracker.cli import main
from plo_tracker.services.demo_data import DEMO_ACCOUNTS, DEMO_PASSWORDS, DemoDataService
from plo_tracker.session import open_database
from tests.support.backends import database_url

# Every demo account's password: the five listed, and worker01... and manager.south...
# share their role's.
_ROLE_OF = {username: role for username, _n, role, _t in DEMO_ACCOUNTS}


def demo_password(username: str) -> str:
    if username.startswith("worker"):
        return DEMO_PASSWORDS[_ROLE_OF["socialworker"]]
    if username.startswith("manager"):
        return DEMO_PASSWORDS[_ROLE_OF["manager"]]
    return DEMO_PASSWORDS[_ROLE_OF[username]]


def demo_database(file: Path, families: int, seed: int = 1) -> str:
    """A database marked demo and filled, as `plo-tracker --demo` makes its own; its URL.

    On the backend the tests run on: the file itself on SQLite, or a database of this
    test's own, named after the file, on PostgreSQL.
    """
    url = database_url(file.parent, file.stem)
    services = open_database(url, file.parent / "backups")
    try:
        DemoDataService(services.context).make_demo_database(families, seed)
    finally:
        services.context.database.dispose()
    return url


def run_cli(capsys, *argv: str, password: str | None = None) -> tuple[int, str, str]:
    """main(argv), with PLO_TRACKER_PASSWORD set to the --user demo account's password
    (or ``password``) while it runs; returns the exit code, stdout and stderr."""
    user = argv[argv.index("--user") + 1] if "--user" in argv else None
    if password is None and user in _ROLE_OF or (user or "").startswith(("worker", "manager.")):
        password = demo_password(user)
    saved = os.environ.get("PLO_TRACKER_PASSWORD")
    if password is not None:
        os.environ["PLO_TRACKER_PASSWORD"] = password
    try:
        code = main(list(argv))
    finally:
        if saved is None:
            os.environ.pop("PLO_TRACKER_PASSWORD", None)
        else:
            os.environ["PLO_TRACKER_PASSWORD"] = saved
    out, err = capsys.readouterr()
    return code, out, err
