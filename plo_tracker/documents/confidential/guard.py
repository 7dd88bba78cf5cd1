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
    """One place a phrase appears: its page (1-based) and the boxes covering it (the
    whole words it is in, one box per line)."""

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
                text_key = comparison_key(text)
                hits.extend(Hit(index + 1, phrase, (box,))
                            for phrase, key in keys if key in text_key)
    return hits


def _phrase_keys(phrases: Sequence[str]) -> list[tuple[str, str]]:
    """(phrase, key) once for each key: entries differing only in case, spacing or
    punctuation are one search, and its hits name the first as it was entered."""
    seen: dict[str, str] = {}
    for phrase in phrases:
        cleaned = checked_phrase(phrase)
        seen.setdefault(comparison_key(cleaned), cleaned)
    return [(phrase, key) for key, phrase in seen.items()]


def _text_hits(page, page_number: int, keys: list[tuple[str, str]]) -> list[Hit]:
    """The hits in the page's text, read as the page is shown and, on a turned page,
    also as it was drawn: PDFium puts lines in order as they appear on screen, so
    text that shows sideways would otherwise be read one column at a time."""
    hits = _hits_in_reading_order(page, page_number, keys)
    rotation = page.get_rotation()
    if rotation:
        page.set_rotation(0)  # in memory only; the file is never saved
        try:
            hits += [hit for hit in _hits_in_reading_order(page, page_number, keys)
                     if hit not in hits]
        finally:
            page.set_rotation(rotation)
    return hits


def _hits_in_reading_order(page, page_number: int, keys: list[tuple[str, str]]) -> list[Hit]:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        page_key = comparison_key(text)  # quick: most pages have no hit and stop here
        present = [(phrase, key) for phrase, key in keys if key in page_key]
        if not present:
            return []
        found = keyed(text)
        hits = []
        for phrase, key in present:
            places = list(found.find(key))
            if not places:
                # A Unicode oddity kept the characters from being placed: the whole
                # page is covered rather than anything left showing.
                hits.append(Hit(page_number, phrase, (tuple(page.get_mediabox()),)))
            for first, last in places:
                first, last = _whole_words(text, first, last)
                if _ocr_space_follows(textpage, text, last):
                    last += 1
                rects = line_boxes(_char_boxes(textpage, text, first, last))
                hits.append(Hit(page_number, phrase, rects))
        return hits
    finally:
        textpage.close()


def _whole_words(text: str, first: int, last: int) -> tuple[int, int]:
    """The match widened to the words it touches: a part-word left showing gives
    part of the detail away."""
    while first > 0 and not text[first - 1].isspace():
        first -= 1
    while last + 1 < len(text) and not text[last + 1].isspace():
        last += 1
    return first, last


def _ocr_space_follows(textpage, text: str, last: int) -> bool:
    """Whether an invisible space follows: an OCR layer (Tesseract's) spreads each
    word and the space after it evenly over the word's width in the picture, so the
    last letters of the picture are under that space's box."""
    import pypdfium2.raw as pdfium_c

    if last + 1 >= len(text) or text[last + 1] != " ":
        return False
    char_index = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, last + 1)
    text_object = pdfium_c.FPDFText_GetTextObject(textpage, char_index) if char_index >= 0 else None
    return bool(text_object) and (pdfium_c.FPDFTextObj_GetTextRenderMode(text_object)
                                  == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)


def _char_boxes(textpage, text: str, first: int, last: int) -> list[Box]:
    """The boxes of the visible characters from text index ``first`` to ``last``.

    Each is the union of the glyph's own box and its line-height box, so a
    redaction covers accents and descenders even where the font's glyph is empty
    (the invisible font of an OCR layer).
    """
    import pypdfium2.raw as pdfium_c

    boxes = []
    for text_index in range(first, last + 1):
        if text[text_index] in "\r\n":
            continue
        char_index = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, text_index)
        # A space PDFium made up between two pieces of text can span a gap as wide as
        # the page; only characters the PDF really has are covered.
        if char_index < 0 or pdfium_c.FPDFText_IsGenerated(textpage, char_index) == 1:
            continue
        parts = [normalised_box(textpage.get_charbox(char_index, loose=loose))
                 for loose in (False, True)]
        parts = [part for part in parts if part]
        if parts:
            boxes.append((min(p[0] for p in parts), min(p[1] for p in parts),
                          max(p[2] for p in parts), max(p[3] for p in parts)))
    return boxes
