"""Opening the right database for a run: the user's own, the demo one, or a URL."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from plo_tracker import paths
from plo_tracker.domain.clock import Clock
from plo_tracker.services.registry import Services
from plo_tracker.storage.engine import sqlite_path, sqlite_url
from plo_tracker.storage.schema import prepare_database
from plo_tracker.storage.unit_of_work import Database

DEMO_FAMILIES = 175  # the scale of the inspection letter behind this project


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

    The demo database is filled with demo families the first time it is opened.

    Raises:
        DatabaseProblem: when the database cannot be used; nothing was written to it.
    """
    services = open_database(location.url, paths.backups_dir(), clock)
    if location.demo and not services.users.has_users():
        # Faker, for the synthetic names, loads only the first time the demo is opened.
        from plo_tracker.services.demo_data import DemoDataService

        DemoDataService(services.context).make_demo_database(DEMO_FAMILIES, seed=1)
    return services


def open_database(url: str, backups: Path, clock: Clock | None = None) -> Services:
    """Bring a database up to date and build the services on it: migrations (after a
    backup), the shipped letter templates, and a due list made by this version's rules.

    Raises:
        DatabaseProblem: when the database cannot be used; nothing was written to it.
    """
    engine = prepare_database(url, backups)
    services = Services.build(Database(engine), clock)
    services.templates.load_defaults()
    services.settings.ensure_due_list_current()
    return services
