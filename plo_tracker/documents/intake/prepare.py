"""Any accepted file in, one checked PDF out: the single door documents come in by.

The steps, each able to refuse the file with a reason: find the kind by content;
turn images and word-processor files into PDF; check and mend the PDF; find pages
with no text layer and give them one by OCR where Tesseract is installed. All of it
happens in a private scratch folder; only the finished PDF is moved into the work
folder, so a refusal, a failure or a cancel leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from plo_tracker.documents.intake.errors import DocumentRefused, IntakeCancelled
from plo_tracker.documents.intake.file_types import FileKind, Route, detect_kind
from plo_tracker.documents.intake.page_text import page_texts, pages_without_text
from plo_tracker.documents.intake.page_words import pages_in_words
from plo_tracker.documents.intake.pdf_intake import copy_checked_pdf, damaged
from plo_tracker.documents.intake.prepared import PreparedDocument
from plo_tracker.documents.intake.work_files import publish, scratch_folder


def prepare_document(source: Path, work_dir: Path, *, ocr: bool = True,
                     cancelled: Callable[[], bool] | None = None) -> PreparedDocument:
    """Make ``source`` into a checked PDF in ``work_dir``, with text on every page possible.

    Args:
        source: the file the user chose.
        work_dir: the folder for the finished PDF (created if missing).
        ocr: give scanned pages a text layer where Tesseract is installed.
        cancelled: asked between steps and pages; True stops the work.

    Raises:
        DocumentRefused: the file cannot be used; the message names it and says why.
        IntakeCancelled: ``cancelled`` said stop; nothing was left in ``work_dir``.
    """
    name = source.name

    def stop_if_cancelled() -> None:
        if cancelled is not None and cancelled():
            raise IntakeCancelled(name)

    kind = detect_kind(source)
    stop_if_cancelled()
    with scratch_folder(work_dir) as scratch:
        pdf, notes = _as_pdf(source, kind, scratch, stop_if_cancelled)
        stop_if_cancelled()
        checked = copy_checked_pdf(pdf, scratch / "checked.pdf", name)
        notes += checked.notes
        pdf = scratch / "checked.pdf"
        stop_if_cancelled()
        textless = _pages_without_text(pdf, name)
        ocr_pages: tuple[int, ...] = ()
        if textless and ocr:
            pdf, ocr_pages, ocr_notes = _ocr(pdf, textless, scratch, stop_if_cancelled, name)
            notes += ocr_notes
        still_textless = tuple(page for page in textless if page not in ocr_pages)
        if still_textless and not ocr:
            notes.append(_unchecked(still_textless, "OCR was not asked for"))
        stop_if_cancelled()
        final = publish(pdf, work_dir, name)
    return PreparedDocument(
        pdf_path=final, page_count=checked.page_count, pages_without_text=still_textless,
        ocr_pages=ocr_pages, repaired=checked.repaired,
        converted_from=None if kind is FileKind.PDF else kind.words, notes=tuple(notes))


def _as_pdf(source: Path, kind: FileKind, scratch: Path,
            stop_if_cancelled: Callable[[], None]) -> tuple[Path, list[str]]:
    """The file as a PDF, and what converting it did."""
    if kind.route is Route.PDF:
        return source, []
    if kind.route is Route.IMAGE:
        from plo_tracker.documents.intake.image_intake import image_to_pdf

        out = scratch / "image.pdf"
        return out, list(image_to_pdf(source, kind, out))
    from plo_tracker.documents.intake.office_convert import convert_with_office

    out = scratch / "converted.pdf"
    convert_with_office(source, kind, out, stop_if_cancelled=stop_if_cancelled)
    return out, [f"{source.name} ({kind.a_words}) was turned into a PDF by LibreOffice. "
                 "Check that its pages look as expected."]


def _pages_without_text(pdf: Path, name: str) -> tuple[int, ...]:
    import pypdfium2

    try:
        return pages_without_text(page_texts(pdf))
    except pypdfium2.PdfiumError as error:
        raise DocumentRefused(damaged(name)) from error


def _ocr(pdf: Path, pages: tuple[int, ...], scratch: Path,
         stop_if_cancelled: Callable[[], None],
         name: str) -> tuple[Path, tuple[int, ...], list[str]]:
    """Give ``pages`` a text layer if Tesseract can; the PDF to keep and what was done."""
    from plo_tracker.documents.intake.ocr import add_text_layer, ocr_unavailable

    reason = ocr_unavailable()
    if reason is not None:
        return pdf, (), [_unchecked(pages, reason)]
    out = scratch / "with-text.pdf"
    done = add_text_layer(pdf, pages, out, stop_if_cancelled=stop_if_cancelled)
    notes = []
    if done:
        notes.append(f"OCR read the words on {pages_in_words(done)} of {name}, which had "
                     "no text layer; the pages look exactly as before.")
    missed = tuple(page for page in pages if page not in done)
    if missed:
        notes.append(_unchecked(missed, "OCR found no words"))
    return out, done, notes


def _unchecked(pages: tuple[int, ...], why: str) -> str:
    """E.g. "Pages 2 and 3 have no text layer (OCR found no words), so they ..."."""
    words = pages_in_words(pages)
    one = len(pages) == 1
    return (f"{words[0].upper()}{words[1:]} {'has' if one else 'have'} no text layer ({why}), "
            f"so {'it' if one else 'they'} cannot be checked for confidential details.")
