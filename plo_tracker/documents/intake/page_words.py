"""Page numbers in a sentence: "page 3", "pages 2 and 5", "pages 1-4, 7 and 9"."""

from __future__ import annotations

from collections.abc import Sequence


def pages_in_words(pages: Sequence[int]) -> str:
    """Runs of three or more pages are written as a range, so a long scan stays short."""
    parts = []
    numbers = sorted(set(pages))
    start = 0
    while start < len(numbers):
        end = start
        while end + 1 < len(numbers) and numbers[end + 1] == numbers[end] + 1:
            end += 1
        if end - start >= 2:
            parts.append(f"{numbers[start]}-{numbers[end]}")
        else:
            parts.extend(str(number) for number in numbers[start:end + 1])
        start = end + 1
    if len(parts) == 1 and "-" not in parts[0]:
        return f"page {parts[0]}"
    if len(parts) == 1:
        return f"pages {parts[0]}"
    return f"pages {', '.join(parts[:-1])} and {parts[-1]}"
