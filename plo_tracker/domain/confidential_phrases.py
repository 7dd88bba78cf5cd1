"""What counts as a confidential phrase, and how phrases are compared with text.

The guard must find "14 Acacia Avenue, Leeds LS6 2AB" whether a document prints it
on one line, over three lines without commas, in capitals, with a hyphen where a
word was split at a line break, or with odd spacing ("LS6  2AB"); and a phone
number "07700 900123" written "07700-900123" or "07700900123". So phrases and page
text are compared by their letters and digits only, in order, regardless of case:
spaces, line breaks and punctuation are ignored on both sides. A multi-line address
is one phrase, entered with commas or new lines alike.

The price of this generosity is that a very short phrase would match inside
ordinary words ("Ann" in "planning"), so a phrase needs at least four letters or
digits; the services refuse shorter ones with the message below.
"""

from __future__ import annotations

import re
import unicodedata

from plo_tracker.domain.errors import DomainError

MIN_LETTERS_AND_DIGITS = 4
MAX_PHRASE_CHARS = 500  # a full postal address fits; a pasted paragraph does not


class PhraseRefused(DomainError):
    """A confidential phrase cannot be searched for; ``message`` says why and what to do."""


# Everything but letters and digits (\W is what is not a letter, digit or underscore).
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def comparison_key(text: str) -> str:
    """The letters and digits of ``text``, in order, case folded (ligatures and
    full-width forms made plain first): what the guard compares."""
    return _NOT_LETTER_OR_DIGIT.sub("", fold(text))


def fold(char_or_text: str) -> str:
    """Compatibility-normalised and case folded, so "ﬁ" is "fi" and "Ä" is "ä"."""
    return unicodedata.normalize("NFKC", char_or_text).casefold()


def phrase_problem(phrase: str) -> str | None:
    """Why this phrase cannot be kept in a family's register, or None when it can."""
    if len(phrase) > MAX_PHRASE_CHARS:
        return (f"This phrase is {len(phrase):,} characters long; the most it can be is "
                f"{MAX_PHRASE_CHARS:,}. Enter the address or detail on its own.")
    key = comparison_key(phrase)
    if not key:
        return "Enter the address, phone number, school or other detail to look for."
    if len(key) < MIN_LETTERS_AND_DIGITS:
        return (f"“{phrase.strip()}” is too short to search for safely: it has "
                f"{len(key)} letters or digits and would match inside ordinary words. "
                f"Enter at least {MIN_LETTERS_AND_DIGITS}, for example the whole street "
                "name or postcode.")
    return None


def checked_phrase(phrase: str) -> str:
    """The phrase with surrounding space removed, or PhraseRefused saying why."""
    problem = phrase_problem(phrase)
    if problem:
        raise PhraseRefused(problem, field="phrase")
    return phrase.strip()
