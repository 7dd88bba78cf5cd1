"""Hearing how an intake running in the background is going, and asking it to stop."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal


class IntakeProgress(QObject):
    """Carries the service's progress reports from the worker thread to the window.

    Made without a parent on the GUI thread, so ``moved`` (emitted from the worker) is
    queued to the GUI thread; the work holds it, so it lives as long as the work does.
    ``cancelled`` is what the service asks between steps.
    """

    moved = Signal(object)  # the arguments of one report, as a tuple

    def __init__(self) -> None:
        super().__init__()
        self._stop = threading.Event()

    def report(self, *args: object) -> None:
        self.moved.emit(args)

    def cancel(self) -> None:
        self._stop.set()

    def cancelled(self) -> bool:
        return self._stop.is_set()
