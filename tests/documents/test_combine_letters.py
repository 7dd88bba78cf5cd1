"""Letters combined for batch printing: every page, and a bookmark for each letter."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

import pytest
from pypdf import PdfReader

from plo_tracker.documents.letter_data import sample_context
from plo_tracker.documents.letter_pdf import combine_letters, letter_subject, render_letter
from plo_tracker.domain.letter_types import LetterType

KELLY = sample_context(LetterType.PPM_INVITE)
RYAN = replace(
    KELLY,
    family_reference="PLO-2026-0043",
    recipient=replace(KELLY.recipient, name="Ryan Marsh", large_print=True),
)
LBP = sample_context()
CONTEXTS = [KELLY, RYAN, LBP]
TITLES = [letter_subject(ctx) for ctx in CONTEXTS]


@pytest.fixture(scope="module")
def letters() -> list[bytes]:
    return [render_letter(ctx) for ctx in CONTEXTS]


def pages(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


def test_combined_pdf_has_every_page_and_a_bookmark_per_letter(letters: list[bytes]) -> None:
    combined = combine_letters(letters, TITLES)
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
    assert reader.metadata.title == "Letters for printing (3)"
    second_letter_start = reader.pages[first].extract_text()
    assert "Ryan Marsh" in second_letter_start
    assert "Page 1 of" in second_letter_start


def test_pages_keep_plain_numbers_for_printing(letters: list[bytes]) -> None:
    reader = PdfReader(BytesIO(combine_letters(letters, TITLES)))
    assert "/PageLabels" not in reader.trailer["/Root"]
    assert reader.page_labels == [str(number) for number in range(1, len(reader.pages) + 1)]


def test_combining_is_repeatable(letters: list[bytes]) -> None:
    assert combine_letters(letters, TITLES) == combine_letters(list(letters), list(TITLES))


def test_nothing_to_combine_is_refused() -> None:
    with pytest.raises(ValueError, match="no letters"):
        combine_letters([], [])
    with pytest.raises(ValueError, match="one bookmark title"):
        combine_letters([b"%PDF"], titles=[])
