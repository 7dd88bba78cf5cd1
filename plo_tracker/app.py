"""The composition root of the window: paths, logging, database and services, then Qt."""

from __future__ import annotations

from plo_tracker.log import configure_logging
from plo_tracker.session import Location, open_services
from plo_tracker.storage.errors import DatabaseProblem


def run_gui(location: Location, username: str | None) -> int:
    """Open the window on a database, signing in first; returns the exit code."""
    from plo_tracker.gui import application  # Qt loads only when the window is wanted

    configure_logging()
    app = application.start_qt()
    try:
        services = open_services(location)
    except DatabaseProblem as problem:
        application.show_startup_problem(problem.message)
        return 2
    return application.run_main_window(app, services, username, location.description)
