"""Starting Qt, signing in and showing the main window: the window side of app.py."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from plo_tracker import __version__
from plo_tracker.domain.errors import DomainError
from plo_tracker.services.actor import Actor
from plo_tracker.services.registry import Services

from .error_dialog import install_exception_hook
from .first_account_dialog import FirstAccountDialog
from .keyboard import install_keyboard_aids
from .main_window import MainWindow
from .sign_in_dialog import SignInDialog

_window: MainWindow | None = None


def start_qt() -> QApplication:
    """The one QApplication, with unexpected errors going to the error dialog, a focus ring
    that can be seen and Enter that presses the focused button."""
    QCoreApplication.setApplicationName("PLO Tracker")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv)
    install_exception_hook(parent=lambda: _window)
    install_keyboard_aids(app)
    return app


def show_startup_problem(message: str) -> None:
    """The database could not be opened: say why, in the words the store gave."""
    QMessageBox.critical(None, "PLO Tracker cannot open this database", message)


def sign_in(services: Services, username: str | None) -> Actor | None:
    """The named account, else the first-account dialog on a new database, else the list."""
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


def run_main_window(app: QApplication, services: Services, username: str | None,
                    where: str) -> int:
    """Sign in, then show the window until it closes; returns the exit code."""
    global _window
    actor = sign_in(services, username)
    if actor is None:
        return 0
    _window = MainWindow(services, actor, where)
    _window.show()
    return app.exec()
