"""Opening a PDF for the guard and for redaction, with the words for a file that
cannot be opened (intake refuses such files, but one may be damaged since)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from plo_tracker.domain.errors import DomainError


class UnreadablePdf(DomainError):
    """A PDF could not be read to check it for confidential details."""


def unreadable(pdf: Path) -> UnreadablePdf:
    return UnreadablePdf(
        f"“{pdf.name}” could not be read to check it for confidential details: it is "
        "missing, damaged or password protected. Add the document again, then rebuild."
    )


def opened_pdfium(pdf: Path):
    """The PDF opened with PDFium (text with positions, rendering), closed after."""
    import pypdfium2

    return _opened(pdf, pypdfium2.PdfDocument, (OSError, pypdfium2.PdfiumError))


def opened_pikepdf(pdf: Path):
    """The PDF opened with pikepdf (its objects: annotations, metadata), closed after."""
    import pikepdf

    return _opened(pdf, pikepdf.open, (OSError, pikepdf.PdfError))


@contextmanager
def _opened(pdf: Path, open_document: Callable, failures: tuple[type[Exception], ...]) -> Iterator:
    try:
        document = open_document(pdf)
    except failures as error:
        raise unreadable(pdf) from error
    try:
        yield document
    finally:
        document.close()
