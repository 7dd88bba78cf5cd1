"""The store: a new database made and migrated, its first administrator, synthetic families
added through the services and read back, and `plo-tracker check` on it."""

from __future__ import annotations

import secrets

from plo_tracker.domain.clock import FixedClock
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.vocabulary import Role
from plo_tracker.services.actor import SYSTEM
from plo_tracker.session import open_database
from plo_tracker.storage.engine import sqlite_url
from plo_tracker.storage.schema import inspect_database

from .runner import CheckFailed
from .workspace import SELF_TEST_DAY, Workspace

COMMON_PASSWORD = "password123456"  # "password" with digits: zxcvbn's list must refuse it
DEMO_FAMILIES = 4
# With SELF_TEST_DAY, this seed gives a family in pre-proceedings ready for its letter.
DEMO_SEED = 3
DEMO_ADMIN = "admin"


def _open(workspace: Workspace, name: str):
    url = sqlite_url(workspace.path(f"{name}.sqlite3"))
    return url, open_database(url, workspace.path("backups"), FixedClock(SELF_TEST_DAY))


def new_database(workspace: Workspace) -> str:
    """A new SQLite file, made and migrated by Alembic from the migration files shipped."""
    url, workspace.first_database = _open(workspace, "self-test")
    state = inspect_database(url)
    if not state.is_current:
        raise CheckFailed(f"The new database is at version {state.revision}, not the "
                          f"current {state.head}: the migrations did not all run.")
    return f"made and migrated to the current version ({state.head})"


def first_administrator(workspace: Workspace) -> str:
    """The first account of a new database: a common password refused, then an argon2id
    hash kept, and signing in with it."""
    from plo_tracker.services.users import NewUser

    users = workspace.first_database.users
    account = NewUser("selftest.admin", "Self Test", Role.ADMINISTRATOR)
    try:
        users.create(SYSTEM, account, COMMON_PASSWORD)
    except ValidationFailed as refused:
        if "password" not in refused.problems:
            raise
    else:
        raise CheckFailed(f"The common password '{COMMON_PASSWORD}' was accepted: the list "
                          "of common passwords (zxcvbn) is not working.")
    password = secrets.token_urlsafe(18)
    users.create(SYSTEM, account, password)
    # Signing in checks the password against the stored hash with argon2, which accepts
    # nothing but an argon2 hash: it proves the hash was made and kept.
    signed_in = users.sign_in(account.username, password)
    if signed_in.actor.role is not Role.ADMINISTRATOR:
        raise CheckFailed("The first account did not become an administrator.")
    return (f"made with an argon2id hash and signed in; '{COMMON_PASSWORD}' refused as a "
            "common password")


def demo_families(workspace: Workspace) -> str:
    """Synthetic families (Faker's names) written by the demo generator, read back as the
    demo administrator signed in with the password."""
    from plo_tracker.services.demo_data import DEMO_PASSWORDS, DemoDataService

    _url, workspace.demo = _open(workspace, "self-test-demo")
    DemoDataService(workspace.demo.context).make_demo_database(DEMO_FAMILIES, seed=DEMO_SEED)
    workspace.admin = workspace.demo.users.sign_in(
        DEMO_ADMIN, DEMO_PASSWORDS[Role.ADMINISTRATOR]).actor
    families = workspace.demo.caseload.families(workspace.admin)
    if len(families) != DEMO_FAMILIES:
        raise CheckFailed(f"{DEMO_FAMILIES} families were added but {len(families)} were "
                          "read back.")
    named = [f for f in families if f.surname.strip()]
    if len(named) != len(families):
        raise CheckFailed("Some families were read back without a surname.")
    return f"{len(families)} synthetic families added and read back"


def database_check(workspace: Workspace) -> str:
    """What `plo-tracker check` runs: integrity, the audit log's triggers and hash chain,
    letters, documents and the due list, on both databases."""
    from plo_tracker.services.health import HealthService

    for services in (workspace.first_database, workspace.demo):
        state = inspect_database(
            services.context.database.engine.url.render_as_string(hide_password=False))
        findings = HealthService(services.context).check(state)
        bad = [f for f in findings if not f.ok]
        if bad:
            raise CheckFailed(" ".join(f"{f.check}: {f.detail}" for f in bad))
    names = ", ".join(f.check for f in findings)
    chain = next(f.detail for f in findings if f.check == "audit chain")
    return f"{names} pass on both databases ({chain[0].lower()}{chain[1:].rstrip('.')})"
