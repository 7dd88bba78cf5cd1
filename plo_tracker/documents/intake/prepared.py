"""What preparing a file gives back: the PDF to keep and what was done to it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PreparedDocument:
    """A file made ready to store and to place in bundles.

    Args:
        pdf_path: the PDF to keep and to place in bundles (in the caller's work folder).
        page_count: its number of pages, at least 1.
        pages_without_text: 1-based pages still without a text layer after OCR; nobody
            can search them for confidential details.
        ocr_pages: 1-based pages that OCR gave a text layer.
        repaired: the file was damaged and has been mended; the user is told.
        converted_from: None for a PDF; else what it was, e.g. "JPEG image".
        notes: plain sentences for the user about what was done.
    """

    pdf_path: Path
    page_count: int
    pages_without_text: tuple[int, ...]
    ocr_pages: tuple[int, ...]
    repaired: bool
    converted_from: str | None
    notes: tuple[str, ...]
