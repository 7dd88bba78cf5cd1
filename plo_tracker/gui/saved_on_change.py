"""A window that keeps its work as it goes, in the shape the family's actions expect.

Such a window (letters, a court bundle) has Close, not Save; the family's page still
needs to know whether to load the family again, so ``saved`` is set once the window
changed anything and ``exec()`` then answers Accepted.
"""

from __future__ import annotations

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QDialog


class SavedOnChange:
    """Mixed in before a QDialog class; call ``watch(self.changed)`` in ``__init__``."""

    saved: bool | None = None

    def watch(self, changed: SignalInstance) -> None:
        self.saved = None
        changed.connect(self._mark_saved)

    def _mark_saved(self) -> None:
        self.saved = True

    def exec(self) -> int:
        super().exec()  # type: ignore[misc]
        return QDialog.DialogCode.Accepted if self.saved else QDialog.DialogCode.Rejected
