"""The composition root of the window: paths, database, services, sign-in, main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from plo_tracker import __version__, paths
from plo_tracker.domain.errors import DomainError
from plo_tracker.gui.error_dialog import install_exception_hook
from plo_tracker.gui.first_account_dialog import FirstAccountDialog
from plo_tracker.gui.main_window import MainWindow
from plo_tracker.gui.sign_in_dialog import SignInDialog
from plo_tracker.services.actor import Actor
from plo_tracker.services.registry import Services
from plo_tracker.session import Location, open_services
from plo_tracker.storage.errors import DatabaseProblem


def _configure_logging() -> None:
    """Log to a file in the data folder; messages never carry names or case details."""
    log_file = paths.log_file()
    log_file.parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(filename=log_file, level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _sign_in(services: Services, username: str | None) -> Actor | None:
    if username:
        try:
            return services.users.sign_in(username)
        except DomainError as problem:
            QMessageBox.warning(None, "PLO Tracker", problem.message)
    if not services.users.has_users():
        first = FirstAccountDialog(services)
        if first.exec() != QDialog.DialogCode.Accepted or first.account is None:
            return None
        return services.users.sign_in(first.account.username)
    dialog = SignInDialog(services)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def run_gui(location: Location, username: str | None) -> int:
    """Open the window on a database, signing in first; returns the exit code."""
    _configure_logging()
    QCoreApplication.setApplicationName("PLO Tracker")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv)
    window: MainWindow | None = None
    install_exception_hook(parent=lambda: window)
    try:
        services = open_services(location)
    except DatabaseProblem as problem:
        QMessageBox.critical(None, "PLO Tracker cannot open this database", problem.message)
        return 2
    actor = _sign_in(services, username)
    if actor is None:
        return 0
    window = MainWindow(services, actor, location.description)
    window.show()
    return app.exec()
