"""Hearing how an intake running in the background is going, and asking it to stop."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar


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


def show_report(report: tuple, bar: QProgressBar, label: QLabel, stopping: bool) -> None:
    """Show one report from the intake: how far it is on the bar, and the sentence of what
    it is doing on the label (unless it is being stopped, which the label says already)."""
    numbers = [value for value in report if isinstance(value, int)]
    words = [value for value in report if isinstance(value, str)]
    if len(numbers) >= 2 and numbers[1] > 0:
        bar.setRange(0, numbers[1])
        bar.setValue(min(numbers[0], numbers[1]))
    if words and not stopping:
        label.setText(words[0])
