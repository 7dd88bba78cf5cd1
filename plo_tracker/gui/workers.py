"""Run a service call off the GUI thread and hear back by Qt signals on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

# Tasks still running: kept here so Python does not collect one before it reports back.
_running: set[BackgroundTask] = set()


class BackgroundTask(QObject):
    """One call of ``work`` in a thread pool.

    Create it on the GUI thread, connect ``succeeded`` (the result) and ``failed`` (the
    exception raised), then ``start()``. Both arrive on the GUI thread, followed by
    ``finished``.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()
    # Emitted from the worker thread; this object lives on the GUI thread, so Qt queues it.
    _report = Signal(bool, object)

    def __init__(self, work: Callable[[], Any]) -> None:
        # No parent: a parent deleted mid-task would take the signals with it.
        super().__init__()
        self._work = work
        self._discarded = False
        self._report.connect(self._deliver)

    def discard(self) -> None:
        """Drop the result when it comes (the work itself cannot be stopped part way)."""
        self._discarded = True

    def start(self, pool: QThreadPool | None = None) -> BackgroundTask:
        """Queue the work; returns self so a caller can connect and start in one line."""
        _running.add(self)
        (pool or QThreadPool.globalInstance()).start(_Runner(self))
        return self

    def _run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # noqa: BLE001 - every failure is reported, never lost
            self._report.emit(False, error)
        else:
            self._report.emit(True, result)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        _running.discard(self)
        # Let go of the work here, on the GUI thread: if the pool's thread dropped the last
        # reference instead, a widget the work refers to would be destroyed off the GUI thread.
        self._work = None
        if self._discarded:
            return
        if ok:
            self.succeeded.emit(value)
        else:
            self.failed.emit(value)
        self.finished.emit()


class _Runner(QRunnable):
    def __init__(self, task: BackgroundTask) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run()


def run_in_background(
    work: Callable[[], Any],
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    pool: QThreadPool | None = None,
) -> BackgroundTask:
    """Start ``work`` in the pool; the callbacks run on the GUI thread."""
    task = BackgroundTask(work)
    if on_success is not None:
        task.succeeded.connect(on_success)
    if on_failure is not None:
        task.failed.connect(on_failure)
    return task.start(pool)
