"""Starting Qt, signing in and showing the main window: the window side of app.py."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from plo_tracker import __version__
from plo_tracker.services.actor import Actor
from plo_tracker.services.registry import Services

from .error_dialog import install_exception_hook
from .icons import app_icon
from .keyboard import install_keyboard_aids
from .qt_preflight import check_qt_can_start
from .sign_in_dialog import SignInDialog

# The first screen is the sign-in list; only what it needs is imported above. The main
# window (with a family's workspace and every form) and the first-account dialog are
# imported where they are used, once the sign-in list is on screen.
if TYPE_CHECKING:
    from .main_window import MainWindow

_window: MainWindow | None = None

# Set to 1 by benchmarks/bench_startup.py: the process ends as soon as the sign-in list is
# on screen and has answered a key press, so the real start can be timed from outside.
MEASURE_START = "PLO_TRACKER_MEASURE_START"


def start_qt() -> QApplication:
    """The one QApplication, with unexpected errors going to the error dialog, a focus ring
    that can be seen and Enter that presses the focused button."""
    QCoreApplication.setApplicationName("PLO Tracker")
    QCoreApplication.setApplicationVersion(__version__)
    if QApplication.instance() is None:
        # A missing display or X11 library: a sentence and exit 2, not Qt's abort.
        check_qt_can_start()
    app = QApplication.instance() or QApplication(sys.argv)
    # The installed .desktop file's name (packaging/linux/), so desktops match the window to it.
    app.setDesktopFileName("uk.gov.plotracker.PLOTracker")
    install_exception_hook(parent=lambda: _window)
    install_keyboard_aids(app)
    app.setWindowIcon(app_icon())
    return app


def show_startup_problem(message: str) -> None:
    """The database could not be opened: say why, in the words the store gave."""
    QMessageBox.critical(None, "PLO Tracker cannot open this database", message)


def sign_in(services: Services, username: str | None) -> Actor | None:
    """The first-account dialog on a new database, else the sign-in dialog (with the named
    account already chosen); then a new password, if the account must choose one."""
    if not services.users.has_users():
        from .first_account_dialog import FirstAccountDialog

        first = FirstAccountDialog(services)
        if first.exec() != QDialog.DialogCode.Accepted or first.signed_in is None:
            return None
        return first.signed_in.actor
    dialog = SignInDialog(services, username)
    if os.environ.get(MEASURE_START) == "1":
        QTimer.singleShot(0, lambda: _close_once_answering(dialog))
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.signed_in is None:
        return None
    signed_in = dialog.signed_in
    if signed_in.must_choose_password:
        from .change_password_dialog import (
            FORCED_AFTER_RESET,
            FORCED_NO_PASSWORD,
            ChangePasswordDialog,
        )

        checked = signed_in.password_checked
        choose = ChangePasswordDialog(
            services, signed_in.actor.username, dialog.typed_password if checked else None,
            needs_current=checked, reason=FORCED_AFTER_RESET if checked else FORCED_NO_PASSWORD)
        if choose.exec() != QDialog.DialogCode.Accepted:
            return None
    return signed_in.actor


def _close_once_answering(dialog: SignInDialog) -> None:
    """Press End in the list once the dialog is on screen; end the process once it moved."""
    handle = dialog.windowHandle()
    if handle is None or not handle.isExposed():
        QTimer.singleShot(1, lambda: _close_once_answering(dialog))
        return
    accounts = dialog.accounts
    # End moves to the last account; with none chosen, a key moves to the first instead.
    start = 0 if accounts.count() > 1 else -1
    accounts.setCurrentRow(start)
    if accounts.count():
        QCoreApplication.postEvent(accounts, QKeyEvent(
            QEvent.Type.KeyPress, Qt.Key.Key_End, Qt.KeyboardModifier.NoModifier))

    def end_when_moved() -> None:
        if accounts.count() and accounts.currentRow() == start:
            QTimer.singleShot(1, end_when_moved)
            return
        # At once: what is timed is the start, and a bare window's process ends the same way.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)

    QTimer.singleShot(0, end_when_moved)


def run_main_window(app: QApplication, services: Services, username: str | None,
                    where: str, backups: Path | None = None, daily_kept: int = 14) -> int:
    """Sign in, then show the window until it closes; returns the exit code.

    Args:
        backups: the folder for the daily backup, taken in the background once the families
            have arrived (None: no daily backup).
    """
    global _window
    actor = sign_in(services, username)
    if actor is None:
        return 0
    _window = open_main_window(services, actor, where, backups, daily_kept)
    return app.exec()


def open_main_window(services: Services, actor: Actor, where: str, backups: Path | None,
                     daily_kept: int) -> MainWindow:
    """The main window on screen, with the read-only banner when the database may only be
    read, and the daily backup to follow the first load."""
    from .database_notices import show_read_only_banner, start_daily_backup
    from .main_window import MainWindow

    window = MainWindow(services, actor, where)
    reason = services.context.database.read_only_reason
    if reason:
        show_read_only_banner(window, reason)
    elif backups is not None:
        def first_load_done(_count: int) -> None:
            window.families_loaded.disconnect(first_load_done)
            start_daily_backup(window, services, backups, daily_kept)

        window.families_loaded.connect(first_load_done)
    window.show()
    return window
