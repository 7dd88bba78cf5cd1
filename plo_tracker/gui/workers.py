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

    def is_done(self) -> bool:
        """True once the result has come back (or been dropped)."""
        return self._work is None

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


class NamedTasks(QObject):
    """Background calls kept by name: a newer call of a name replaces the one still running.

    ``work`` must never hold a widget: results come back by signal, and the work is let
    go of on the GUI thread, but a widget captured in it would tie its life to the pool.
    """

    finished = Signal()  # one of the calls reported back

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: dict[str, BackgroundTask] = {}

    def run(self, name: str, work: Callable[[], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[BaseException], None]) -> None:
        """Start ``work`` under ``name``, dropping the result of an earlier call of it."""
        self.discard(name)
        task = BackgroundTask(work)
        task.succeeded.connect(on_success)
        task.failed.connect(on_failure)
        # A bound method, not a lambda: Qt drops it if this object is deleted first.
        task.finished.connect(self._finished)
        self._tasks[name] = task
        task.start()

    def discard(self, name: str) -> None:
        """Forget a running call: its result, when it comes, is dropped."""
        task = self._tasks.pop(name, None)
        if task is not None:
            task.discard()

    def discard_all(self) -> None:
        for name in list(self._tasks):
            self.discard(name)

    def running(self, *names: str) -> bool:
        """True while any of the named calls (any call at all, with no names) is running."""
        return any(name in self._tasks for name in names) if names else bool(self._tasks)

    @Slot()
    def _finished(self) -> None:
        task = self.sender()
        for name, running in list(self._tasks.items()):
            if running is task:
                del self._tasks[name]
        self.finished.emit()
