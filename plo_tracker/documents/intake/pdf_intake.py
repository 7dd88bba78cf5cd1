"""Checking a PDF from outside, mending what qpdf can mend, and refusing the rest.

Real-world PDFs come from word processors, scanners, LaTeX and web browsers; many are
slightly broken. qpdf (through pikepdf) rebuilds a broken cross-reference table on
opening and writes a clean copy; its warnings say whether it had to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plo_tracker.documents.intake.errors import DocumentRefused


def keep_streams() -> dict[str, object]:
    """Options for pikepdf's save copying every stream exactly as it is, so a scan's
    picture stays byte for byte the same. (Compressing the uncompressed streams would
    make qpdf re-encode some compressed ones too.)"""
    import pikepdf

    return {"stream_decode_level": pikepdf.StreamDecodeLevel.none, "compress_streams": False}


@dataclass(frozen=True)
class CheckedPdf:
    """A clean copy of a PDF written by ``copy_checked_pdf``."""

    page_count: int
    repaired: bool
    notes: tuple[str, ...]


def copy_checked_pdf(source: Path, out: Path, name: str) -> CheckedPdf:
    """Open ``source``, refuse it if it cannot be used, and write a clean copy to ``out``.

    Args:
        source: the PDF (or a PDF made from another file) to check.
        out: where the clean copy goes; written only when the file is accepted.
        name: the file name the user knows, for the messages.

    Raises:
        DocumentRefused: password protected, damaged beyond repair, or no pages.
    """
    import pikepdf

    try:
        pdf = pikepdf.open(source)
    except pikepdf.PasswordError as error:
        raise DocumentRefused(password_protected(name)) from error
    except (pikepdf.PdfError, RuntimeError, ValueError, OSError) as error:
        raise DocumentRefused(damaged(name)) from error
    notes: list[str] = []
    with pdf:
        warnings = list(pdf.get_warnings())
        try:
            page_count = len(pdf.pages)
        except (pikepdf.PdfError, RuntimeError, ValueError) as error:
            raise DocumentRefused(damaged(name)) from error
        if page_count == 0:
            raise DocumentRefused(f"{name} has no pages. Ask whoever sent it for the "
                                  "complete document.")
        if pdf.is_encrypted:
            # Only an owner password (restrictions on printing, copying or changing)
            # lets the file open without one; the copy kept drops those restrictions,
            # or no bundle could be made from it.
            notes.append(f"{name} had restrictions on copying or changing it; the copy "
                         "kept has them removed so that it can go into bundles.")
        try:
            # Saving reads every object, so damage deeper in the file shows here too.
            pdf.save(out, encryption=False, **keep_streams())
        except (pikepdf.PdfError, RuntimeError, ValueError) as error:
            out.unlink(missing_ok=True)
            raise DocumentRefused(damaged(name)) from error
        warnings += pdf.get_warnings()
    _check_it_renders(out, name)
    repaired = bool(warnings)
    if repaired:
        notes.insert(0, f"{name} was damaged and has been repaired. Check that every page "
                        "looks right.")
    return CheckedPdf(page_count=page_count, repaired=repaired, notes=tuple(notes))


def _check_it_renders(pdf: Path, name: str) -> None:
    """The text and the OCR read pages with PDFium: a copy it cannot open is no use."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError as error:
        pdf.unlink(missing_ok=True)
        raise DocumentRefused(damaged(name)) from error
    document.close()


def password_protected(name: str) -> str:
    return (f"{name} is password protected, so PLO Tracker cannot read it. Ask whoever "
            "sent it for a copy without a password, or open it with the password and "
            "print it to a new PDF.")


def damaged(name: str) -> str:
    return (f"{name} is damaged beyond repair and cannot be read. Ask whoever sent it for "
            "a new copy.")
