"""Opening a PDF for the guard and for redaction, with the words for a file that
cannot be opened (intake refuses such files, but one may be damaged since)."""

from __future__ import annotations

from collections.abc import Iterator
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


@contextmanager
def opened_pdfium(pdf: Path) -> Iterator:
    """The PDF opened with PDFium (text with positions, rendering), closed after."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(pdf)
    except (OSError, pypdfium2.PdfiumError) as error:
        raise unreadable(pdf) from error
    try:
        yield document
    finally:
        document.close()


@contextmanager
def opened_pikepdf(pdf: Path) -> Iterator:
    """The PDF opened with pikepdf (its objects: annotations, metadata), closed after."""
    import pikepdf

    try:
        document = pikepdf.open(pdf)
    except (OSError, pikepdf.PdfError) as error:
        raise unreadable(pdf) from error
    try:
        yield document
    finally:
        document.close()
