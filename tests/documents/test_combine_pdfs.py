"""Letters combined for batch printing: every page, and a bookmark for each letter."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

import pytest
from pypdf import PdfReader

from plo_tracker.documents.letter_data import sample_context
from plo_tracker.documents.letter_pdf import combine_pdfs, render_letter
from plo_tracker.domain.letter_types import LetterType


@pytest.fixture(scope="module")
def letters() -> list[bytes]:
    ctx = sample_context(LetterType.PPM_INVITE)
    second = replace(
        ctx,
        family_reference="PLO-2026-0043",
        recipient=replace(ctx.recipient, name="Ryan Marsh", large_print=True),
    )
    return [render_letter(ctx), render_letter(second), render_letter(sample_context())]


def pages(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


def test_combined_pdf_has_every_page_and_a_bookmark_per_letter(letters: list[bytes]) -> None:
    combined = combine_pdfs(letters)
    reader = PdfReader(BytesIO(combined))
    assert len(reader.pages) == sum(pages(letter) for letter in letters)
    marks = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    first, second = pages(letters[0]), pages(letters[1])
    assert marks == [
        ("Invitation to the pre-proceedings meeting to Kelly Marsh (PLO-2026-0042)", 0),
        ("Invitation to the pre-proceedings meeting to Ryan Marsh (PLO-2026-0043)", first),
        ("Letter before proceedings to Kelly Marsh (PLO-2026-0042)", first + second),
    ]
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    second_letter_start = reader.pages[first].extract_text()
    assert "Ryan Marsh" in second_letter_start
    assert "Page 1 of" in second_letter_start


def test_bookmark_titles_can_be_given(letters: list[bytes]) -> None:
    combined = combine_pdfs(letters[:2], titles=["Kelly Marsh – PLO-2026-0042", "Ryan Marsh"])
    reader = PdfReader(BytesIO(combined))
    assert [item.title for item in reader.outline] == ["Kelly Marsh – PLO-2026-0042", "Ryan Marsh"]


def test_combining_is_repeatable(letters: list[bytes]) -> None:
    assert combine_pdfs(letters) == combine_pdfs(letters)


def test_nothing_to_combine_is_refused() -> None:
    with pytest.raises(ValueError, match="no letters"):
        combine_pdfs([])
    with pytest.raises(ValueError, match="one bookmark title"):
        combine_pdfs([b"%PDF"], titles=[])
