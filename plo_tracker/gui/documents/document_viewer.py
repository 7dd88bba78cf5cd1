"""Open on the Documents tab: the stored PDF in the app's own viewer, with Save a copy…."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from plo_tracker.services.document_views import DocumentView

from ..letters.pdf_preview import PdfPreview
from .copy_path import choose_copy_path
from .document_rows import describe


class DocumentViewer(QDialog):
    """One document's PDF as it is kept (after any repair, conversion and OCR)."""

    def __init__(self, document: DocumentView, pdf: bytes,
                 save: Callable[[Path, QLabel], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._save_to = save  # saves through the service, so the copy is audited
        self.setWindowTitle(document.title)
        self.preview = PdfPreview()
        self.preview.view.setAccessibleName("Document")
        self.preview.set_pdf(pdf)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton("Save a copy…",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self._save)
        about = QLabel(f"{describe(document)}: {document.doc_type.label.lower()}, "
                       f"{document.page_count:,} page{'' if document.page_count == 1 else 's'}.")
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(760, 700)

    def _save(self) -> None:
        path = choose_copy_path(self, self.document)
        if path is not None:
            self._save_to(path, self.status)


def show_viewer(document: DocumentView, pdf: bytes, save: Callable[[Path, QLabel], None],
                parent: QWidget, open_viewers: list[DocumentViewer]) -> DocumentViewer:
    """Show a document in a window of its own, kept in ``open_viewers`` while it is open
    (several may be open side by side; each goes when closed)."""
    viewer = DocumentViewer(document, pdf, save, parent)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.finished.connect(lambda _r: open_viewers.remove(viewer))
    open_viewers.append(viewer)
    viewer.show()
    return viewer
