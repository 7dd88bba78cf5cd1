"""Where the app keeps its files: the platform's data folder, or PLO_TRACKER_HOME."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "PLO Tracker"


def data_dir() -> Path:
    """The folder for the user's database, backups and logs."""
    override = os.environ.get("PLO_TRACKER_HOME")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def own_database() -> Path:
    """The user's own database, created on first run."""
    return data_dir() / "plo-tracker.sqlite3"


def demo_database() -> Path:
    """The demo database, kept apart so --demo never touches real records."""
    return data_dir() / "demo" / "plo-tracker-demo.sqlite3"


def backups_dir() -> Path:
    """Where backups of a server database go (and of the user's own database, which sits
    in the data folder): the data folder's backups folder."""
    return data_dir() / "backups"


def backups_beside(database: Path) -> Path:
    """The backups folder beside a database file, where its backups go (the README's
    "backups folder beside it"): for the user's own database this is backups_dir()."""
    return database.parent / "backups"


def documents_beside(database: Path) -> Path:
    """The folder beside a database file where its documents' files are kept
    ("plo-tracker-documents" beside "plo-tracker.sqlite3")."""
    return database.parent / f"{database.stem}-documents"


def bundles_beside(database: Path) -> Path:
    """The folder beside the demo database where its demo bundle's built copies are written
    ("plo-tracker-demo-bundles" beside "plo-tracker-demo.sqlite3")."""
    return database.parent / f"{database.stem}-bundles"


def keep_files_private() -> None:
    """Make every file the process creates from now on readable by its owner only (0600,
    folders 0700): called first by the command line and the window."""
    os.umask(0o077)


def log_file() -> Path:
    """The log file; it never holds personal data."""
    return data_dir() / "logs" / "plo-tracker.log"
