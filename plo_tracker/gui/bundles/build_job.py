"""Building a bundle in the background: progress as it goes, and Cancel that leaves nothing.

The service writes each copy to a temporary file beside its target and renames it only
when complete, so a cancelled or failed build leaves no file behind.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from plo_tracker.services.actor import Actor
from plo_tracker.services.registry import Services

from ..workers import BackgroundTask

PARTIES_SUFFIX = " (parties' copy)"


def parties_path(court: Path) -> Path:
    """The parties' copy beside the court's: "Bundle.pdf" -> "Bundle (parties' copy).pdf"."""
    return court.with_name(f"{court.stem}{PARTIES_SUFFIX}{court.suffix or '.pdf'}")


@dataclass(frozen=True)
class BuildRequest:
    bundle_id: int
    court_out: Path
    redact: bool = False  # take the confidential details found out of the parties' copy
    confirm_unchecked: bool = False  # the worker looked at the pages the guard cannot read

    @property
    def parties_out(self) -> Path:
        return parties_path(self.court_out)


class BuildJob(QObject):
    """One build. ``progressed(done, total)`` documents; then ``succeeded(version)``,
    ``failed(error)`` or ``cancelled()``, on the GUI thread."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, services: Services, actor: Actor, request: BuildRequest,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.request = request
        self._stop = threading.Event()
        self._task: BackgroundTask | None = None
        self._services, self._actor = services, actor

    def start(self) -> None:
        services, actor, request, stop = self._services, self._actor, self.request, self._stop
        # Emitted from the pool's thread; this object lives on the GUI thread, so Qt queues it.
        report = self.progressed.emit

        def build():
            return services.bundles.build(
                actor, request.bundle_id, request.court_out, request.parties_out,
                redact=request.redact, confirm_unchecked=request.confirm_unchecked,
                progress=lambda done, total: report(done, total), cancelled=stop.is_set)

        self._task = BackgroundTask(build)
        self._task.succeeded.connect(self._done)
        self._task.failed.connect(self._failed)
        self._task.start()

    def cancel(self) -> None:
        """Stop at the next document; the build then removes what it had written."""
        self._stop.set()

    def is_running(self) -> bool:
        return self._task is not None and not self._task.is_done()

    def _done(self, version: object) -> None:
        self.succeeded.emit(version)

    def _failed(self, error: BaseException) -> None:
        # However the build stopped once Cancel was pressed, it was cancelled.
        if self._stop.is_set():
            self.cancelled.emit()
        else:
            self.failed.emit(error)
