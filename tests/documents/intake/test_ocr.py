"""Scanned pages get an invisible text layer by Tesseract, keeping the scan untouched.

Tesseract is installed here and in CI (.ci/run), so these run; each reads one small page.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2
import pytest

from plo_tracker.documents.intake import (
    IntakeCancelled,
    add_text_layer,
    ocr_unavailable,
    page_texts,
    prepare_document,
)
from tests.documents.intake.makers import scan_image, scan_pdf, text_pdf

LINES = ["Confidential address", "12 Acacia Avenue Leeds"]


def normalised(text: str) -> str:
    return " ".join(text.split())


def only_image(pdf_path: Path) -> bytes:
    """The raw bytes of the one image the first page draws (a scan's picture)."""
    with pikepdf.open(pdf_path) as pdf:
        resources = pdf.pages[0].Resources.XObject
        (image,) = [xobject for xobject in resources.values()
                    if xobject.Subtype == pikepdf.Name.Image]
        return image.read_raw_bytes()


def first_char_box(pdf_path: Path) -> tuple[float, float, float, float]:
    """Where the first character of the page's text lies, in the page's own coordinates."""
    document = pypdfium2.PdfDocument(pdf_path)
    text_page = document[0].get_textpage()
    box = text_page.get_charbox(0)
    document.close()
    return box


def test_tesseract_is_found_here() -> None:
    assert ocr_unavailable() is None


def test_a_scanned_page_becomes_searchable_and_keeps_its_picture(tmp_path: Path) -> None:
    source = scan_pdf(tmp_path / "scan.pdf", scan_image(tmp_path / "page.png", LINES))
    assert page_texts(source) == [""]
    prepared = prepare_document(source, tmp_path / "work")
    assert prepared.ocr_pages == (1,)
    assert prepared.pages_without_text == ()
    assert normalised(page_texts(prepared.pdf_path)[0]) == " ".join(LINES)
    assert only_image(prepared.pdf_path) == only_image(source)
    assert any("OCR read the words on page 1 of scan.pdf" in note for note in prepared.notes)
    assert first_char_box(prepared.pdf_path) == pytest.approx(STORED_C[0], abs=4)


# The scan's first letter, "C", as the reader sees the page upright: 60 px (28.8 pt at
# 150 dpi) from the left, its top 60 px from the top of a page 595.2 x 336 pt, about
# 9 pt wide and 17 pt tall. Stored sideways, the page's own coordinates are turned:
UPRIGHT_C = (29.7, 289.0, 38.4, 306.2)
STORED_C = {
    0: UPRIGHT_C,
    # Turned back anticlockwise into a page 336 wide: x = 336 - v, y = u.
    90: (336 - 306.2, 29.7, 336 - 289.0, 38.4),
    # Turned back clockwise into a page 595.2 high: x = v, y = 595.2 - u.
    270: (289.0, 595.2 - 38.4, 306.2, 595.2 - 29.7),
}


@pytest.mark.parametrize("turn", [90, 270])
def test_the_text_layer_of_a_turned_page_lies_over_its_words(tmp_path: Path,
                                                            turn: int) -> None:
    source = scan_pdf(tmp_path / "scan.pdf", scan_image(tmp_path / "page.png", LINES),
                      rotate=turn)
    out = tmp_path / "with-text.pdf"
    assert add_text_layer(source, [1], out) == (1,)
    assert normalised(page_texts(out)[0]) == " ".join(LINES)
    assert first_char_box(out) == pytest.approx(STORED_C[turn], abs=4)
    assert only_image(out) == only_image(source)


def test_a_picture_file_is_read_by_ocr_too(tmp_path: Path) -> None:
    source = scan_image(tmp_path / "photo of a letter.png", LINES)
    prepared = prepare_document(source, tmp_path / "work")
    assert prepared.converted_from == "PNG image"
    assert prepared.ocr_pages == (1,)
    assert normalised(page_texts(prepared.pdf_path)[0]) == " ".join(LINES)


def test_only_the_pages_asked_for_are_read_and_blank_ones_get_nothing(tmp_path: Path) -> None:
    scan = scan_pdf(tmp_path / "scan.pdf", scan_image(tmp_path / "page.png", LINES))
    blank = scan_pdf(tmp_path / "blank.pdf", scan_image(tmp_path / "white.png", []))
    typed = text_pdf(tmp_path / "typed.pdf", ["A typed page that already has its text"])
    mixed = tmp_path / "mixed.pdf"
    with pikepdf.Pdf.new() as pdf:
        for part in (typed, blank, scan):
            with pikepdf.open(part) as other:
                pdf.pages.extend(other.pages)
        pdf.save(mixed)
    out = tmp_path / "out.pdf"
    assert add_text_layer(mixed, [2, 3], out) == (3,)
    texts = page_texts(out)
    assert normalised(texts[0]) == "A typed page that already has its text"
    assert texts[1].strip() == ""
    assert normalised(texts[2]) == " ".join(LINES)


def test_without_tesseract_scanned_pages_are_listed_as_unchecked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = scan_pdf(tmp_path / "scan.pdf", scan_image(tmp_path / "page.png", LINES))
    (tmp_path / "empty-bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    assert ocr_unavailable() == "Tesseract OCR is not installed"
    prepared = prepare_document(source, tmp_path / "work")
    assert prepared.ocr_pages == ()
    assert prepared.pages_without_text == (1,)
    assert prepared.notes == ("Page 1 has no text layer (Tesseract OCR is not installed), so "
                              "it cannot be checked for confidential details.",)
    assert only_image(prepared.pdf_path) == only_image(source)


def test_cancelling_during_ocr_leaves_nothing_behind(tmp_path: Path) -> None:
    source = scan_pdf(tmp_path / "scan.pdf", scan_image(tmp_path / "page.png", LINES))
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 4  # as OCR is about to read the page

    with pytest.raises(IntakeCancelled):
        prepare_document(source, tmp_path / "work", cancelled=cancelled)
    assert len(asked) == 4
    assert list((tmp_path / "work").iterdir()) == []
