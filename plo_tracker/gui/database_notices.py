"""What the window says about the database itself: a read-only banner, and the daily backup.

A damaged or read-only database opens for reading, with a banner across the top saying
why and how to put a backup back. The daily backup is taken in the background once the
families have arrived, so it never delays the first paint or the first list.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QToolBar

from plo_tracker.services.error_words import words_for
from plo_tracker.services.registry import Services

from .icons import icon
from .workers import BackgroundTask

READ_ONLY_TITLE = "Read only"
BACKUP_FAILED = "The daily backup could not be written:"


def show_read_only_banner(window: QMainWindow, reason: str) -> QToolBar:
    """A fixed bar across the top of the window with the reason the database is read-only."""
    bar = QToolBar(READ_ONLY_TITLE)
    bar.setObjectName("read_only_banner")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setEnabled(False)  # it cannot be hidden from the context menu
    sign = QLabel()
    sign.setPixmap(icon("warning").pixmap(24, 24))
    text = QLabel(f"<b>{READ_ONLY_TITLE}.</b> {_escaped(reason)}")
    text.setObjectName("read_only_reason")
    text.setWordWrap(True)
    # A tool bar gives a widget its size hint, which for wrapped text is narrow: let the
    # sentence take the window's width instead.
    text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    text.setMinimumWidth(600)
    text.setTextInteractionFlags(text.textInteractionFlags()
                                 | text.textInteractionFlags().TextSelectableByMouse)
    text.setAccessibleName("The database is read-only")
    text.setAccessibleDescription(reason)
    bar.addWidget(sign)
    bar.addWidget(text)
    window.addToolBar(bar)
    window.setWindowTitle(f"{window.windowTitle()} (read only)")
    return bar


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def start_daily_backup(window: QMainWindow, services: Services, folder: Path,
                       keep: int) -> BackgroundTask:
    """Take the daily backup (if one is due) off the GUI thread; a failure goes to the
    status bar in plain words, and the work in the window carries on."""
    task = BackgroundTask(lambda: services.backups.daily(folder, keep))

    def failed(error: BaseException) -> None:
        words = (f"the folder {folder} cannot be written to ({error.strerror})."
                 if isinstance(error, OSError) and error.strerror else words_for(error))
        window.statusBar().showMessage(f"{BACKUP_FAILED} {words}")

    task.failed.connect(failed)
    return task.start()
