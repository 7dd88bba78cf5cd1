"""Reading back what the self-test made, with the library the app reads pages with (PDFium)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .runner import CheckFailed


@dataclass(frozen=True)
class ReadBack:
    pages: int
    text: str  # every page's text, in order


def read_pdf(pdf: Path, what: str) -> ReadBack:
    """The pages and text of a PDF file, read with PDFium (pypdfium2); a PDF it cannot
    open, or one without pages, is a failure named after ``what``."""
    import pypdfium2

    from plo_tracker.documents.intake.page_text import page_texts

    try:
        texts = page_texts(pdf)
    except pypdfium2.PdfiumError:
        raise CheckFailed(f"The {what} could not be read back as a PDF.") from None
    if not texts:
        raise CheckFailed(f"The {what} has no pages.")
    return ReadBack(len(texts), "\n".join(texts))


def require_words(read: ReadBack, words: str, what: str) -> None:
    """The text must name ``words`` (spaces and line breaks aside)."""
    if "".join(words.split()).casefold() not in "".join(read.text.split()).casefold():
        raise CheckFailed(f"The {what} does not contain '{words}'.")
