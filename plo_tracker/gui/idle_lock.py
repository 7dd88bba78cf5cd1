"""Locking the window after a set time without use, and unlocking it with the password.

Every open window (the main window and any form on top of it) is covered, not closed, so
whatever was half typed is still there afterwards. A wrong password counts towards the
account's lock-out, as at sign-in.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from plo_tracker.domain.errors import DomainError
from plo_tracker.services.actor import Actor
from plo_tracker.services.registry import Services

from .password_fields import error_label, password_edit

# What counts as using the app: a key, a click, the mouse moving or the wheel turning.
_USE = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                  QEvent.Type.Wheel, QEvent.Type.TouchBegin})


class IdleLock(QObject):
    """Covers the windows after ``idle_seconds`` without input, until the password is typed.

    Args:
        clock: seconds that only go forward (time.monotonic); tests give their own.
        check_ms: how often the idle time is looked at.
    """

    locked = Signal()
    unlocked = Signal()

    def __init__(self, services: Services, actor: Actor, idle_seconds: float,
                 clock: Callable[[], float] = time.monotonic, check_ms: int = 5_000,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services, self._actor = services, actor
        self.idle_seconds = idle_seconds
        self._clock = clock
        self._last_use = clock()
        self._covers: list[_Cover] = []
        self.dialog: UnlockDialog | None = None
        QApplication.instance().installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _USE and not self.is_locked:
            self._last_use = self._clock()
        return False

    def check(self) -> None:
        """Lock if the app has not been used for the idle time."""
        if not self.is_locked and self._clock() - self._last_use >= self.idle_seconds:
            self.lock()

    def lock(self) -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if w.isVisible() and not isinstance(w, UnlockDialog)
                   and w.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)]
        self._covers = [_Cover(window) for window in windows]
        self.dialog = UnlockDialog(self._services, self._actor, int(self.idle_seconds // 60))
        self.dialog.accepted.connect(self._unlock)
        self.dialog.open()  # not exec(): forms running their own exec() stay as they are
        self.locked.emit()

    def _unlock(self) -> None:
        for cover in self._covers:
            cover.remove()
        self._covers = []
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self._last_use = self._clock()
        self.unlocked.emit()

    def stop(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)


class _Cover(QWidget):
    """A plain panel over the whole of one window, following its size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.setObjectName("idleLockCover")
        self.setAutoFillBackground(True)
        label = QLabel("PLO Tracker is locked.", self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._window.rect())
        return False

    def remove(self) -> None:
        self._window.removeEventFilter(self)
        self.hide()
        self.deleteLater()


class UnlockDialog(QDialog):
    """Asks for the signed-in person's password; it cannot be closed any other way."""

    def __init__(self, services: Services, actor: Actor, minutes: int) -> None:
        super().__init__(None)
        self._services, self._actor = services, actor
        self.setWindowTitle("PLO Tracker is locked")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.intro = intro = QLabel(
            f"PLO Tracker was locked after {minutes} minutes without use. Your open work is "
            f"kept. Type the password of {actor.display_name} ({actor.username}) to go on.")
        intro.setWordWrap(True)
        self.password = password_edit("Password")
        self.error = error_label()
        self.error.setAccessibleName("Unlock problem")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Unlock")
        buttons.accepted.connect(self._unlock)
        layout = QVBoxLayout(self)
        for widget in (intro, QLabel("&Password:"), self.password, self.error, buttons):
            layout.addWidget(widget)
        layout.itemAt(1).widget().setBuddy(self.password)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.password.setFocus()

    def _unlock(self) -> None:
        try:
            self._services.users.sign_in(self._actor.username, self.password.text())
        except DomainError as refused:
            self.error.setText(refused.message)
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()

    def reject(self) -> None:
        """Escape and the close button do nothing: only the password unlocks."""
