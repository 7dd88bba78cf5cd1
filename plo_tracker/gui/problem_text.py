"""What a window says when something fails, in the words every part of the app uses.

The words come from services/error_words.py (the command line says the same). A failure
those words cannot explain is also reported: the error dialog offers a report for the IT
service desk, with nothing personal in it.
"""

from __future__ import annotations

import sys

from plo_tracker.services.error_words import is_explained, words_for


def problem_text(error: BaseException, failed: str = "") -> str:
    """Words for the user, after ``failed`` (what could not be done); an unexplained failure
    is reported as well."""
    if not is_explained(error):
        sys.excepthook(type(error), error, error.__traceback__)
    return f"{failed} {words_for(error)}".strip()
