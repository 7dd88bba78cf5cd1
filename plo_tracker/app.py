"""The composition root of the window: paths, logging, database and services, then Qt."""

from __future__ import annotations

import logging

from plo_tracker.log import configure_logging
from plo_tracker.paths import keep_files_private
from plo_tracker.session import Location, daily_backups_kept, open_services
from plo_tracker.storage.backup import DAILY_KEPT
from plo_tracker.storage.errors import DatabaseProblem


def run_gui(location: Location, username: str | None) -> int:
    """Open the window on a database, signing in first; returns the exit code."""
    keep_files_private()  # the database, backups, letters and logs are the owner's alone
    configure_logging()
    try:
        from plo_tracker.gui import application  # Qt loads only when the window is wanted
    except ImportError as error:  # a system library Qt needs is missing: say which, exit 2
        from plo_tracker.gui.qt_preflight import stop_if_a_library_is_missing

        stop_if_a_library_is_missing(error)
        raise
    app = application.start_qt()
    try:
        services = open_services(location)
    except DatabaseProblem as problem:
        application.show_startup_problem(problem.message)
        return 2
    try:
        kept = daily_backups_kept()
    except ValueError as problem:
        logging.getLogger(__name__).warning("%s Keeping the default.", problem)
        kept = DAILY_KEPT
    try:
        return application.run_main_window(app, services, username, location.description,
                                           location.backups, kept)
    except DatabaseProblem as problem:
        # A database opened read-only refuses what cannot be done without writing (until
        # signing in writes nothing there, that includes signing in): say why, in words.
        application.show_startup_problem(problem.message)
        return 2
