"""Save a copy…: where a copy of a document goes, asked with the system's file dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from plo_tracker.services.document_views import DocumentView


def copy_name(document: DocumentView) -> str:
    """A file name for a saved copy: the title, safe on every system, as a PDF."""
    safe = "".join(c if c.isalnum() or c in " ._-" else " " for c in document.title)
    return (" ".join(safe.split()) or "document") + ".pdf"


def choose_copy_path(parent: QWidget, document: DocumentView) -> Path | None:
    """Ask where to save a copy of a document; None if the user changed their mind."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, "Save a copy of the document", str(Path.home() / copy_name(document)),
        "PDF files (*.pdf)")
    return Path(name) if name else None
