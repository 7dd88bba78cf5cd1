"""What makes a password acceptable: long enough, and not one of the commonest passwords.

The list of common passwords is zxcvbn's (the 30,000 commonest passwords in published
leaks, as ranked by Dropbox's zxcvbn and kept up to date in the `zxcvbn` package on PyPI).
It is installed with the app, so nothing is downloaded when a password is checked. Only
its list is used, not its score: a rule a person can be told in one sentence ("not one
of the commonest passwords") beats a strength score they cannot see.
"""

from __future__ import annotations

from functools import cache

MIN_LENGTH = 12
# Long enough for any passphrase; a limit keeps a pasted book from being hashed.
MAX_LENGTH = 256
# "password123456" is still "password": digits and symbols around a common word add little.
_PADDING = "0123456789!@#$%^&*()-_=+.,;:?'\"`~ "


@cache
def common_passwords() -> frozenset[str]:
    """The commonest passwords, lower-case (loaded on first use: the list is large)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(word.casefold() for word in FREQUENCY_LISTS["passwords"])


def password_problem(password: str, username: str = "") -> str | None:
    """Why this password cannot be used, with how to fix it; None when it can."""
    advice = "A few unrelated words make a long password that is easy to remember."
    if not password:
        return f"Choose a password of at least {MIN_LENGTH} characters. {advice}"
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters (this has {len(password)}). {advice}"
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    if not password.strip():
        return "A password of spaces alone is too easy to guess. Use words or characters."
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in password):
        return "Use letters, digits, spaces and punctuation only (no control characters)."
    lowered = password.casefold()
    if username and username.casefold() in lowered:
        return "Do not use your user name in your password. Choose words that are not about you."
    if _is_common(lowered):
        return ("This is one of the commonest passwords (or one with a few digits or symbols "
                "added), so it is among the first that people try. Choose something else.")
    if len(set(lowered)) < 5:
        return "This repeats a few characters. Use more different letters or words."
    return None


def _is_common(lowered: str) -> bool:
    common = common_passwords()
    core = lowered.strip(_PADDING)
    if lowered in common or (len(core) >= 4 and core in common):
        return True
    # The same common word twice or more ("letmeinletmein").
    for size in range(4, len(core) // 2 + 1):
        if len(core) % size == 0 and core == core[:size] * (len(core) // size):
            return core[:size] in common
    return False
