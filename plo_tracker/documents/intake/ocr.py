"""Giving scanned pages a text layer with Tesseract, keeping every page's own image.

Why not ocrmypdf: since version 17 it no longer needs Ghostscript, but it brings a
dozen more packages (fpdf2, uharfbuzz, pdfminer, pydantic, rich...) for what is here a
few steps, each with a library the app already has: PDFium draws the page as the reader
sees it, Tesseract writes the words it reads as an invisible text-only PDF page
(``textonly_pdf``), and pikepdf lays that page over the original, scaled to it and
turned with it. The page's content is not touched, so the scan stays byte for byte the
same and only Tesseract itself is needed (nothing else on a council's Windows desktop).
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from plo_tracker.documents.intake.ocr_overlay import lay_text_over
from plo_tracker.documents.intake.system_tools import ToolFailed, find_program, run_program

LANGUAGE = "eng"
# Tesseract reads ordinary print best at about 300 dots per inch.
DPI = 300
# A page drawn bigger than this (an A0 plan at 300 dpi is 140 million) is drawn at a
# lower resolution instead, to keep memory and time in bounds; an A3 page is 17 million.
MOST_PIXELS = 40_000_000
SECONDS_PER_PAGE = 180


def ocr_unavailable() -> str | None:
    """None when Tesseract can read English here; otherwise why not, in words."""
    program = find_program("tesseract")
    if program is None:
        return "Tesseract OCR is not installed"
    return _check_tesseract(str(program))


@lru_cache(maxsize=4)
def _check_tesseract(program: str) -> str | None:
    try:
        listed = run_program([program, "--list-langs"], timeout=60)
    except ToolFailed as failure:
        return f"Tesseract OCR did not work: {failure.why}"
    if LANGUAGE not in listed.split():
        return "Tesseract OCR is installed without its English language data"
    return None


def add_text_layer(pdf: Path, pages: Sequence[int], out: Path, *,
                   stop_if_cancelled: Callable[[], None] | None = None) -> tuple[int, ...]:
    """OCR the 1-based ``pages`` of ``pdf`` into ``out``, keeping each page's image.

    ``out`` is always written (a plain copy when nothing could be read).

    Args:
        stop_if_cancelled: called between pages and while Tesseract works; it raises
            to stop, and then ``out`` is not written.

    Returns:
        The pages that got text (a page where OCR read nothing gets no layer).
    """
    program = find_program("tesseract")
    read: dict[int, Path] = {}
    with tempfile.TemporaryDirectory(prefix=".ocr-", dir=out.parent) as folder:
        if program is not None and ocr_unavailable() is None:
            read = _read_pages(program, pdf, pages, Path(folder), stop_if_cancelled)
        partial = Path(folder) / "out.pdf"
        if read:
            lay_text_over(pdf, read, partial)
        else:
            shutil.copyfile(pdf, partial)
        os.replace(partial, out)
    return tuple(sorted(read))


def _read_pages(program: Path, pdf: Path, pages: Sequence[int], folder: Path,
                stop_if_cancelled: Callable[[], None] | None) -> dict[int, Path]:
    """Each page with words found -> Tesseract's text-only PDF page for it."""
    import pypdfium2

    from plo_tracker.documents.intake.page_text import page_texts

    # One thread per Tesseract: the machine's other cores are the user's; and
    # Tesseract's own threads make it slower, not faster, on one page.
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    read: dict[int, Path] = {}
    document = pypdfium2.PdfDocument(pdf)
    try:
        for number in sorted(set(pages)):
            if stop_if_cancelled is not None:
                stop_if_cancelled()
            image = folder / f"page-{number}.png"
            dpi = _draw_page(document[number - 1], image)
            base = folder / f"text-{number}"
            try:
                run_program([program, image, base, "--dpi", str(dpi), "-l", LANGUAGE,
                             "-c", "textonly_pdf=1", "pdf"], timeout=SECONDS_PER_PAGE,
                            stop_if_cancelled=stop_if_cancelled, env=env)
            except ToolFailed:
                continue  # this page stays without text and is listed as unchecked
            finally:
                image.unlink(missing_ok=True)
            text_pdf = base.with_suffix(".pdf")
            if text_pdf.is_file() and any(text.strip() for text in page_texts(text_pdf)):
                read[number] = text_pdf
    finally:
        document.close()
    return read


def _draw_page(page: object, image: Path) -> int:
    """Save the page as the reader sees it (turned by its /Rotate), in grey, as a PNG;
    returns the dots per inch it was drawn at."""
    width, height = page.get_size()  # type: ignore[attr-defined]
    scale = min(DPI / 72, math.sqrt(MOST_PIXELS / max(width * height, 1.0)))
    bitmap = page.render(scale=scale, grayscale=True)  # type: ignore[attr-defined]
    picture = bitmap.to_pil()
    dpi = round(scale * 72)
    picture.save(image, dpi=(dpi, dpi))
    page.close()  # type: ignore[attr-defined]
    return dpi
