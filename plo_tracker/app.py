"""The composition root of the window: paths, logging, database and services, then Qt."""

from __future__ import annotations

import logging

from plo_tracker import paths
from plo_tracker.session import Location, open_services
from plo_tracker.storage.errors import DatabaseProblem


def _configure_logging() -> None:
    """Log to a file in the data folder; messages never carry names or case details."""
    log_file = paths.log_file()
    log_file.parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(filename=log_file, level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def run_gui(location: Location, username: str | None) -> int:
    """Open the window on a database, signing in first; returns the exit code."""
    from plo_tracker.gui import application  # Qt loads only when the window is wanted

    _configure_logging()
    app = application.start_qt()
    try:
        services = open_services(location)
    except DatabaseProblem as problem:
        application.show_startup_problem(problem.message)
        return 2
    return application.run_main_window(app, services, username, location.description)
