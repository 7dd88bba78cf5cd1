"""Finding phrases in a page's text whatever its case, spacing and line breaks,
and turning the characters found into boxes on the page.

A page's text is reduced to its comparison key (letters and digits only, case
folded: see domain/confidential_phrases.py), remembering for each key character
which character of the text it came from; a phrase's key is then looked for in the
page's key, so "14 ACACIA\\nAve-\\nnue" holds "14 Acacia Avenue".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from plo_tracker.domain.confidential_phrases import fold

Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF user space

_ASCII_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class KeyedText:
    """A text's comparison key and, for each key character, its index in the text."""

    key: str
    positions: tuple[int, ...]

    def find(self, phrase_key: str) -> Iterator[tuple[int, int]]:
        """The (first, last) text indices of every place ``phrase_key`` occurs.

        Occurrences may overlap ("aaaa" twice in "aaaaa"): every one is reported,
        so nothing is left out of a redaction.
        """
        start = self.key.find(phrase_key)
        while start != -1:
            yield self.positions[start], self.positions[start + len(phrase_key) - 1]
            start = self.key.find(phrase_key, start + 1)


def keyed(text: str) -> KeyedText:
    """The comparison key of ``text`` with the text index of each key character.

    Slower than domain's comparison_key, so only made for a page where that found a
    phrase. The two agree but for rare Unicode compositions across characters (a
    character's combining accents are folded with it, as comparison_key does).
    """
    if text.isascii():
        # The common case, a hundred times quicker than folding each character.
        key_parts: list[str] = []
        positions: list[int] = []
        for run in _ASCII_ALNUM_RUN.finditer(text):
            key_parts.append(run.group())
            positions.extend(range(run.start(), run.end()))
        return KeyedText("".join(key_parts).lower(), tuple(positions))
    chars: list[str] = []
    positions = []
    for index, cluster in _clusters(text):
        # One character may fold to several ("ß" is "ss", "ﬁ" is "fi"): each keeps
        # the index of the character it came from.
        for folded in fold(cluster):
            if folded.isalnum():
                chars.append(folded)
                positions.append(index)
    return KeyedText("".join(chars), tuple(positions))


def _clusters(text: str) -> Iterator[tuple[int, str]]:
    """(index, a character with the combining accents after it), so "e" + acute
    folds to "é" as it does in the whole text."""
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or not unicodedata.combining(text[index]):
            yield start, text[start:index]
            start = index


def line_boxes(char_boxes: Iterable[Box]) -> tuple[Box, ...]:
    """Character boxes in reading order merged into one box per line.

    A character starts a new box when its middle is above or below the current
    box, or when it sits left of where the current box ends (the next line, or a
    column jump); otherwise the box grows to take it in.
    """
    merged: list[Box] = []
    for left, bottom, right, top in char_boxes:
        if merged:
            m_left, m_bottom, m_right, m_top = merged[-1]
            middle = (bottom + top) / 2
            height = max(m_top - m_bottom, top - bottom)
            same_line = m_bottom <= middle <= m_top and left >= m_right - height
            if same_line:
                merged[-1] = (min(m_left, left), min(m_bottom, bottom),
                              max(m_right, right), max(m_top, top))
                continue
        merged.append((left, bottom, right, top))
    return tuple(merged)


def normalised_box(box: Iterable[float]) -> Box | None:
    """(left, bottom, right, top) from any two corners, or None for an empty box."""
    x0, y0, x1, y1 = (float(value) for value in box)
    left, right = sorted((x0, x1))
    bottom, top = sorted((y0, y1))
    if right - left <= 0 or top - bottom <= 0:
        return None
    return left, bottom, right, top
