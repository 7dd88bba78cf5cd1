"""Easy Read letters: which letters have one, who gets one, and the pictures they may use.

An Easy Read letter is sent with the standard letter, never instead of it, so the legal
wording is always there. It is chosen for every adult recorded with a learning disability,
and may be asked for anyone else.
"""

from __future__ import annotations

import re

from .letter_types import LetterType

# The letter before proceedings (and its unborn-baby form), the two meeting invitations,
# and the outcome letters: the letters that tell a parent how pre-proceedings ended or
# goes on (stepped down, applied to court, extended). The written agreement is left out:
# it is a plan the parent signs with their solicitor, not a letter telling them something.
# Each with the version of its shipped template: raise one whenever its wording changes
# (version 2 names who supports the reader at the meeting).
_TEMPLATE_VERSIONS = {
    LetterType.LBP: 2, LetterType.LBP_UNBORN: 2,
    LetterType.PPM_INVITE: 2, LetterType.REVIEW_INVITE: 2,
    LetterType.STEP_DOWN: 1, LetterType.ISSUE: 1, LetterType.EXTENSION: 1,
}
EASY_READ_TYPES = frozenset(_TEMPLATE_VERSIONS)
OUTCOME_LETTERS = frozenset({LetterType.STEP_DOWN, LetterType.ISSUE, LetterType.EXTENSION})

SUFFIX = "-easy-read"

# The pictures shipped in resources/letters/easy-read/, one SVG each.
PICTURES = (
    "letter", "worried", "change", "help", "meeting", "solicitor", "court",
    "calendar", "family", "phone",
)

# "# [meeting] Come to a meeting": a heading that starts with a picture's name in brackets.
PICTURE_TAG = re.compile(r"^\s*\[([A-Za-z-]+)\]\s*")


def has_easy_read(letter_type: LetterType) -> bool:
    """True when the letter type has an Easy Read version."""
    return letter_type in EASY_READ_TYPES


def template_code(letter_type: LetterType) -> str:
    """The name the Easy Read template is kept under, e.g. ``lbp-easy-read``.

    The templates' table keys versions by this text, so Easy Read templates are versioned
    like the standard ones without a new column.
    """
    return letter_type.code + SUFFIX


def template_version(letter_type: LetterType) -> int:
    """The version of the Easy Read template this release ships for the letter type."""
    return _TEMPLATE_VERSIONS[letter_type]


def stored_code(letter_type: LetterType, easy: bool = False) -> str:
    """The name a letter's template is kept under: its own code, or its Easy Read one."""
    return template_code(letter_type) if easy else letter_type.code


def from_stored_code(code: str) -> tuple[LetterType, bool]:
    """The letter type a kept template is for, and whether it is the Easy Read version.

    Raises:
        ValueError: no letter (or no Easy Read letter) is kept under that name.
    """
    if code.endswith(SUFFIX):
        letter_type = LetterType.from_code(code.removesuffix(SUFFIX))
        if not has_easy_read(letter_type):
            raise ValueError(f"The letter '{letter_type.title}' has no Easy Read version.")
        return letter_type, True
    return LetterType.from_code(code), False


def template_title(letter_type: LetterType, easy: bool = False) -> str:
    """The name people see for a template: "Letter before proceedings – Easy Read"."""
    return f"{letter_type.title} – Easy Read" if easy else letter_type.title


def split_picture(heading: str) -> tuple[str | None, str]:
    """The shipped picture a heading names in brackets, and the heading's words as a reader
    sees them: ("meeting", "Come to a meeting"); (None, heading) when it names none."""
    match = PICTURE_TAG.match(heading)
    if match is None or match.group(1).lower() not in PICTURES:
        return None, heading
    return match.group(1).lower(), heading[match.end():]


def template_file(letter_type: LetterType) -> str:
    """The shipped Easy Read template's file, beside the standard one."""
    return template_code(letter_type) + ".md.j2"


def easy_read_for(letter_type: LetterType, learning_disability: bool, asked: bool) -> bool:
    """Whether a recipient's letter comes with an Easy Read copy.

    Chosen for an adult recorded with a learning disability, and for anyone it is asked
    for, whenever the letter type has an Easy Read version.
    """
    return has_easy_read(letter_type) and (learning_disability or asked)
