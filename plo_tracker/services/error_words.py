"""Any failure in words for a person: the window and the command line both say it this way.

Our own errors carry their message. A few failures of the database itself are common
enough to explain (another program holding it, a read-only copy, a full disk); anything
else gets one plain apology, and the details go to the log, never to the screen.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, OperationalError

from plo_tracker.domain.errors import DomainError
from plo_tracker.storage.errors import DatabaseProblem

UNEXPECTED = ("Something went wrong on our side; nothing was changed. Try again in a minute; "
              "if it keeps happening, tell your IT service desk.")
BUSY = ("The database is busy with another change. Nothing was changed: try again in a "
        "moment.")
READ_ONLY = ("The database can only be read, not changed (it may be a copy, or on a drive "
             "you cannot write to). Nothing was changed.")
DISK_FULL = "The disk holding the database is full. Nothing was changed: free some space."
DAMAGED = ("The database file is damaged, so this could not be read. Nothing was changed. "
           "Close PLO Tracker and put back the latest backup (plo-tracker restore).")


def words_for(error: BaseException) -> str:
    """What to tell the person: one or two plain sentences, never a code or a traceback."""
    if isinstance(error, DomainError | DatabaseProblem):
        return error.message
    if isinstance(error, OperationalError):
        reason = str(error.orig).lower()
        # SQLite says "locked"; PostgreSQL a "lock timeout" or a "deadlock" (a team server).
        if any(word in reason for word in ("locked", "busy", "lock timeout", "deadlock")):
            return BUSY
        if "readonly" in reason or "read-only" in reason:
            return READ_ONLY
        if "disk" in reason and "full" in reason:
            return DISK_FULL
    if isinstance(error, DBAPIError) and "malformed" in str(error.orig).lower():
        return DAMAGED
    return UNEXPECTED


def is_explained(error: BaseException) -> bool:
    """True when the words say what happened; False for the plain apology (a fault to report)."""
    return words_for(error) != UNEXPECTED
