"""Qt's core library loaded on request, so a list of versions can name it before any window
opens (the self-test prints the versions first). Only gui/ imports Qt."""

from __future__ import annotations


def load_qt_core() -> bool:
    """Import QtCore; False when it cannot load (a missing system library says so later,
    with its own sentence, in the check that opens the window)."""
    try:
        from PySide6 import QtCore  # noqa: F401 - loaded for plo_tracker.versions to read
    except (ImportError, OSError):
        return False
    return True
