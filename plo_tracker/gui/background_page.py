"""A page whose contents are read in the background the first time it is shown (not with
the window, which must open at once), and again whenever ``reload()`` is called."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel

from .workers import BackgroundTask


class BackgroundPage:
    """Mixed into a QWidget page before QWidget. The page sets ``status`` (a label for the
    loading sentence), and gives ``_read`` (the service call, run on a worker thread),
    ``_arrived(result)`` and ``_failed(error)``, both of which must clear ``_task``."""

    status: QLabel
    loading_text = "Loading…"

    def _start_background_page(self) -> None:
        self._task: BackgroundTask | None = None
        self._loaded_once = False

    def _read(self) -> Callable[[], object]:
        raise NotImplementedError

    def _arrived(self, result: object) -> None:
        raise NotImplementedError

    def _failed(self, error: BaseException) -> None:
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[misc]
        if not self._loaded_once:
            self.reload()

    def reload(self) -> None:
        """Read the page's contents again, in the background; a read still running is
        dropped, since the newer one replaces it."""
        self._loaded_once = True
        if self._task is not None:
            self._task.discard()
        self.status.setText(self.loading_text)
        self.status.show()
        self._task = BackgroundTask(self._read())
        self._task.succeeded.connect(self._arrived)
        self._task.failed.connect(self._failed)
        self._task.start()
