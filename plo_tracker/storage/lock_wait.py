"""Telling the window that a save is waiting for another user's write to finish.

The engine (engine.py) calls ``notify(True)`` when a change has to wait for the database's
write lock and ``notify(False)`` when the wait is over; the window listens while it saves
(gui/database_wait.py) and shows that it is waiting. Plain Python, no SQL, so the window
may import it. One process has one window, so the listeners are the process's own.
"""

from __future__ import annotations

from collections.abc import Callable

WAITING = ("Waiting for the database: someone else is saving a change. Your entries are kept; "
           "this usually takes a few seconds.")

_listeners: list[Callable[[bool], None]] = []


def listen(listener: Callable[[bool], None]) -> Callable[[], None]:
    """Call ``listener(True)`` when a wait starts and ``listener(False)`` when it ends.

    Returns:
        A function that stops the listening.
    """
    _listeners.append(listener)
    return lambda: _listeners.remove(listener)


def notify(waiting: bool) -> None:
    for listener in list(_listeners):
        listener(waiting)
