"""The confidential-details guard: where in a PDF any of a family's confidential
phrases appears, page by page, with the boxes to black out.

It reads what a reader of the PDF can get at on each page: the page's text (OCR
text layers included: they are ordinary invisible text) and the text of the
page's form fields and comments, which a bundle's flattening would make visible.
Pages with no text at all (scans never OCR'd) cannot be read here: the caller
lists them from the intake step's ``pages_without_text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from plo_tracker.documents.confidential.annotations import page_annotation_texts
from plo_tracker.documents.confidential.matching import Box, keyed, line_boxes, normalised_box
from plo_tracker.documents.confidential.reading import opened_pdfium
from plo_tracker.domain.confidential_phrases import checked_phrase, comparison_key


@dataclass(frozen=True)
class Hit:
    """One place a phrase appears: its page (1-based) and the boxes covering it."""

    page: int
    phrase: str
    rects: tuple[Box, ...]  # PDF user-space (left, bottom, right, top) on that page


def find_confidential(pdf: Path, phrases: Sequence[str]) -> list[Hit]:
    """Every place any phrase appears in ``pdf``, in page order.

    Matching ignores case, spaces, line breaks and punctuation; a phrase too short
    to search for safely raises PhraseRefused. The file is read, never changed.
    """
    keys = _phrase_keys(phrases)
    if not keys:
        return []
    hits: list[Hit] = []
    annotation_texts = page_annotation_texts(pdf)
    with opened_pdfium(pdf) as document:
        for index in range(len(document)):
            page = document[index]
            try:
                hits.extend(_text_hits(page, index + 1, keys))
            finally:
                page.close()
            for text, box in annotation_texts.get(index, ()):
                found = keyed(text)
                hits.extend(Hit(index + 1, phrase, (box,))
                            for phrase, key in keys if next(found.find(key), None))
    return hits


def _phrase_keys(phrases: Sequence[str]) -> list[tuple[str, str]]:
    """(phrase, key) for each different phrase; a phrase that is a longer version of
    another is still searched for itself, so each hit names what the user entered."""
    seen: dict[str, str] = {}
    for phrase in phrases:
        cleaned = checked_phrase(phrase)
        seen.setdefault(comparison_key(cleaned), cleaned)
    return [(phrase, key) for key, phrase in seen.items()]


def _text_hits(page, page_number: int, keys: list[tuple[str, str]]) -> list[Hit]:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        found = keyed(text)
        hits = []
        for phrase, key in keys:
            for first, last in found.find(key):
                rects = line_boxes(_char_boxes(textpage, text, first, last))
                hits.append(Hit(page_number, phrase, rects))
        return hits
    finally:
        textpage.close()


def _char_boxes(textpage, text: str, first: int, last: int) -> list[Box]:
    """The boxes of the visible characters from text index ``first`` to ``last``.

    Each is the union of the glyph's own box and its line-height box, so a
    redaction covers accents and descenders even where the font's glyph is empty
    (the invisible font of an OCR layer).
    """
    import pypdfium2.raw as pdfium_c

    boxes = []
    for text_index in range(first, last + 1):
        if text[text_index].isspace():
            continue
        char_index = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, text_index)
        if char_index < 0:
            continue
        parts = [normalised_box(textpage.get_charbox(char_index, loose=loose))
                 for loose in (False, True)]
        parts = [part for part in parts if part]
        if parts:
            boxes.append((min(p[0] for p in parts), min(p[1] for p in parts),
                          max(p[2] for p in parts), max(p[3] for p in parts)))
    return boxes
