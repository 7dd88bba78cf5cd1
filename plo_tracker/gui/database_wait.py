"""Showing, while a save runs, that it is waiting for another user's write to finish.

A save runs on the window's own thread, so the window cannot repaint by itself while the
database keeps it waiting: the message is painted at once (user input stays queued, so
nothing can be clicked twice meanwhile).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEventLoop

from plo_tracker.storage import lock_wait

WAITING = lock_wait.WAITING


@contextmanager
def showing_waits(show: Callable[[str], None], hide: Callable[[], None]) -> Iterator[None]:
    """While inside, ``show(WAITING)`` when a change waits for the database, ``hide()`` after."""

    def changed(waiting: bool) -> None:
        if waiting:
            show(WAITING)
        else:
            hide()
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    stop = lock_wait.listen(changed)
    try:
        yield
    finally:
        stop()
