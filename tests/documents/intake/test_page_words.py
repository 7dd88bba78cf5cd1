"""Pages named in the notes the user reads."""

from __future__ import annotations

import pytest

from plo_tracker.documents.intake.page_words import pages_in_words


@pytest.mark.parametrize(("pages", "words"), [
    ((3,), "page 3"),
    ((2, 5), "pages 2 and 5"),
    ((1, 2), "pages 1 and 2"),
    ((1, 2, 3, 4), "pages 1-4"),
    ((7, 1, 2, 3, 4, 9), "pages 1-4, 7 and 9"),
    ((1, 2, 5, 6, 7), "pages 1, 2 and 5-7"),
])
def test_pages_in_words(pages: tuple[int, ...], words: str) -> None:
    assert pages_in_words(pages) == words
