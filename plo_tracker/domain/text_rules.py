"""Limits on the text people type: lengths that fit the record, and no control characters.

A 500-character surname once widened the window to 10,816 pixels; a pasted control
character can hide text or break a letter's layout. Each kind of text has a limit here,
which the services enforce and the forms give their inputs as a maximum length.
"""

from __future__ import annotations

import enum
import re
import unicodedata


class TextKind(enum.Enum):
    """A kind of text, with its longest length and whether it may run over several lines."""

    NAME = (80, False)  # a first name or surname
    FULL_NAME = (120, False)  # an account's or solicitor's full name
    RELATIONSHIP = (60, False)
    LANGUAGE = (60, False)
    REFERENCE = (60, False)  # a court reference, a council's child id
    FAMILY_ID = (32, False)  # a PLO family id
    TEAM = (120, False)
    SHORT = (160, False)  # a subject, an assessor, a court's name, a firm
    PLACE = (300, False)  # where a meeting is held
    ADDRESS = (500, True)
    PHONE = (40, False)
    EMAIL = (200, False)
    REASON = (2_000, True)  # why: an extension, a short-notice application, an assessment
    TEXT = (4_000, True)  # a plan item, who attended, help offered, progress
    LONG_TEXT = (20_000, True)  # a note, the short history, an assessment's conclusion

    limit: int
    multiline: bool

    def __new__(cls, limit: int, multiline: bool) -> TextKind:
        member = object.__new__(cls)
        member._value_ = (limit, multiline, len(cls.__members__))
        member.limit = limit
        member.multiline = multiline
        return member


# Line breaks and tabs are fine in text over several lines; every other control or
# formatting character (zero-width joiners, direction overrides, NUL) is refused.
_ALLOWED_IN_LINES = {"\n", "\r", "\t"}


def text_problem(value: str | None, kind: TextKind) -> str | None:
    """Why a piece of typed text cannot be kept, or None when it can (empty is fine here)."""
    if not value:
        return None
    if len(value) > kind.limit:
        return (f"This is {len(value):,} characters long; the most it can be is "
                f"{kind.limit:,}. Shorten it.")
    allowed = _ALLOWED_IN_LINES if kind.multiline else set()
    for char in value:
        if char not in allowed and unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            if char in _ALLOWED_IN_LINES:
                return "This must be on one line: remove the line break or tab."
            return (f"This holds a hidden control character (U+{ord(char):04X}), perhaps "
                    "from pasting. Type the text again rather than pasting it.")
    return None


def text_problems(**fields: tuple[str | None, TextKind]) -> dict[str, str]:
    """Problems for several fields at once: ``field=(value, kind)``."""
    found = {}
    for name, (value, kind) in fields.items():
        problem = text_problem(value, kind)
        if problem:
            found[name] = problem
    return found


# Values people type when they do not know yet. A letter showing any of these
# would look finished but is not, so they count as missing.
_PLACEHOLDER = re.compile(
    r"^\s*(?:tbc|tba|tbd|to be (?:confirmed|arranged|agreed|decided)|unknown|n/?a|none|"
    r"x+|\?+|-+|\.+|_+|\[.*\]|<.*>|\{.*\})\s*$",
    re.IGNORECASE,
)
_LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|\[\s*insert|\bX{3,}\b", re.IGNORECASE)


def looks_blank(value: object) -> bool:
    """Return True when a value is empty or a placeholder such as "TBC" or "[name]"."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip() or bool(_PLACEHOLDER.match(value) or _LEFTOVER.search(value))
    return False
