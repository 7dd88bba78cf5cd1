"""Page numbers in a sentence: "page 3", "pages 2 and 5", "pages 1, 4 and 7"."""

from __future__ import annotations

from collections.abc import Sequence


def pages_in_words(pages: Sequence[int]) -> str:
    numbers = [str(page) for page in pages]
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    return f"pages {', '.join(numbers[:-1])} and {numbers[-1]}"
