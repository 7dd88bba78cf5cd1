"""Opening the right database for a run: the user's own, the demo one, or a URL."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from plo_tracker import paths
from plo_tracker.domain.clock import Clock
from plo_tracker.services.registry import Services
from plo_tracker.storage.engine import sqlite_path, sqlite_url
from plo_tracker.storage.schema import open_for_use

DEMO_FAMILIES = 175  # the scale of the inspection letter behind this project
# How many daily backups this computer keeps. Not stored in the database: it must be known
# when the database itself is damaged, and it is about this computer's backups folder.
DAILY_BACKUPS_VARIABLE = "PLO_TRACKER_DAILY_BACKUPS"


@dataclass(frozen=True)
class Location:
    """Which database a run uses, and how to describe it to the user."""

    url: str
    demo: bool

    @property
    def description(self) -> str:
        if self.demo:
            return "Demo data"
        return "This computer" if sqlite_path(self.url) is not None else "Team server"

    @property
    def backups(self) -> Path:
        """The backups folder: beside a database file, else the data folder's."""
        path = sqlite_path(self.url)
        return paths.backups_beside(path) if path is not None else paths.backups_dir()

    @property
    def documents_beside(self) -> Path | None:
        """The documents folder beside a database file; None for a team server."""
        path = sqlite_path(self.url)
        return paths.documents_beside(path) if path is not None else None


def choose_location(db: str | None, demo: bool) -> Location:
    """--demo, then --db, then PLO_TRACKER_DB, then the user's own database file."""
    if demo:
        return Location(sqlite_url(paths.demo_database()), True)
    url = db or os.environ.get("PLO_TRACKER_DB")
    if url:
        return Location(url if "://" in url else sqlite_url(Path(url).resolve()), False)
    return Location(sqlite_url(paths.own_database()), False)


def open_services(location: Location, clock: Clock | None = None) -> Services:
    """Prepare the database (creating or migrating it) and build the services on it.

    The demo database is filled with demo families the first time it is opened, and a few
    of them get documents, a confidential detail and court bundles (once per database).

    Raises:
        DatabaseProblem: when the database cannot be used; nothing was written to it.
    """
    services = open_database(location.url, location.backups, clock)
    if location.demo and not services.users.has_users():
        # Faker, for the synthetic names, loads only the first time the demo is opened.
        from plo_tracker.services.demo_data import DemoDataService

        DemoDataService(services.context).make_demo_database(DEMO_FAMILIES, seed=1)
    path = sqlite_path(location.url)
    if location.demo and path is not None:
        # Only here, for the app's own demo: the demo databases tests make stay fast.
        from plo_tracker.services.demo_documents import add_demo_documents

        add_demo_documents(services, paths.bundles_beside(path), seed=1)
        from plo_tracker.services.demo_panel import add_demo_panel

        add_demo_panel(services)  # a held and a planned gateway panel meeting, once
    return services


def open_database(url: str, backups: Path, clock: Clock | None = None) -> Services:
    """Bring a database up to date and build the services on it: migrations (after a
    backup), the shipped letter templates, and a due list made by this version's rules.

    Each of those writes only when something is missing or stale, so opening a current
    database writes nothing; a damaged or read-only one is opened read-only
    (``services.context.database.read_only_reason`` says why) and never written to.

    Raises:
        DatabaseProblem: when the database cannot be used; nothing was written to it.
    """
    database = open_for_use(url, backups)
    services = Services.build(database, clock)
    services.context.backups = backups
    path = sqlite_path(url)
    services.context.documents_beside = paths.documents_beside(path) if path else None
    if not database.read_only:
        services.templates.load_defaults()
        services.settings.ensure_due_list_current()
    return services


def daily_backups_kept(given: int | None = None) -> int:
    """The number of daily backups kept: ``given`` (--keep), else PLO_TRACKER_DAILY_BACKUPS,
    else 14.

    Raises:
        ValueError: with a sentence, when the number is not a whole number of at least 1.
    """
    from plo_tracker.storage.backup import DAILY_KEPT

    text = str(given) if given is not None else os.environ.get(DAILY_BACKUPS_VARIABLE, "")
    if not text:
        return DAILY_KEPT
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"The number of daily backups kept ({DAILY_BACKUPS_VARIABLE} or "
                         f"--keep) must be a whole number of at least 1, not '{text}'.")
    return int(text)
