"""The text of each page as a reader would search it, and which pages have none.

PDFium reads every text layer, OCR layers included (their text is invisible but
present), which is what the confidential-details guard searches.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

# A page counts as having a text layer when it has at least this many characters other
# than spaces. Fewer is "nearly none": a scanned page often carries a few characters of
# text added later (a page number, "C12" stamped by an earlier bundle, "Page 3 of 10"),
# which says nothing about the scanned words on it. Treating such a page as a scan costs
# one OCR run; treating a scan as text would leave it unchecked for confidential
# details. A real text page below the limit (a divider saying "Section C") is OCR'd for
# nothing, which is harmless: its words are then simply there twice.
MIN_TEXT_CHARACTERS = 20


def page_texts(pdf: Path) -> list[str]:
    """The text of each page of ``pdf``, in page order, OCR text layers included."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        texts = []
        for page in document:
            text_page = page.get_textpage()
            texts.append(text_page.get_text_bounded())
            text_page.close()
            page.close()
        return texts
    finally:
        document.close()


def has_text_layer(text: str) -> bool:
    """Whether a page's text is enough to call it a text page (see MIN_TEXT_CHARACTERS)."""
    return sum(not character.isspace() for character in text) >= MIN_TEXT_CHARACTERS


def pages_without_text(texts: Sequence[str]) -> tuple[int, ...]:
    """The 1-based numbers of the pages whose text is empty or nearly so."""
    return tuple(number for number, text in enumerate(texts, start=1)
                 if not has_text_layer(text))
