"""A new release's shipped templates, given to databases still using the old shipped ones.

A template whose newest version was loaded by PLO Tracker itself (``created_by`` is
"system") and is older than the template shipped now gets the new one as a new version,
with a note and an audit entry. A template the council has saved (its newest version was
written by a person) is never replaced: the council keeps its own words, and every old
version stays in the list of versions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from plo_tracker import __version__
from plo_tracker.domain import easy_read
from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.storage.models import LetterTemplate

from . import audit
from .actor import SYSTEM

LOADED_BY = "system"  # created_by of every version PLO Tracker loads itself
# What changed in the shipped templates since the last release that changed them.
WHAT_CHANGED = "shorter, plainer; names who supports the reader at meetings"


@dataclass(frozen=True)
class Shipped:
    """A template shipped with this release: its code, version, and how to read its text."""

    code: str
    version: int
    source: Callable[[], str]


def shipped_templates() -> list[Shipped]:
    """Every template this release ships, standard and Easy Read.

    The texts are read only when a template is added or upgraded: Jinja2 (behind the
    shipped templates) is not loaded at start-up once a database is up to date.
    """
    def standard(letter_type: LetterType) -> Callable[[], str]:
        def read() -> str:
            from plo_tracker.documents.templates import default_template

            return default_template(letter_type)
        return read

    def easy(letter_type: LetterType) -> Callable[[], str]:
        def read() -> str:
            from plo_tracker.documents.easy_read_pdf import default_easy_read_template

            return default_easy_read_template(letter_type)
        return read

    return ([Shipped(t.code, t.template_version, standard(t)) for t in LetterType]
            + [Shipped(easy_read.template_code(t), easy_read.template_version(t), easy(t))
               for t in sorted(easy_read.EASY_READ_TYPES, key=lambda t: t.code)])


@dataclass(frozen=True)
class Newest:
    """The newest version a database holds of one template, and who wrote it."""

    code: str
    version: int
    created_by: str


def stale(newest: Iterable[Newest]) -> list[tuple[Newest, Shipped]]:
    """The templates still on an older shipped version, each with the one shipped now."""
    shipped = {s.code: s for s in shipped_templates()}
    return [(row, shipped[row.code]) for row in newest
            if row.code in shipped and row.created_by == LOADED_BY
            and row.version < shipped[row.code].version]


def newest_versions(rows: Iterable[tuple[str, int, str]]) -> list[Newest]:
    """The newest of each template's versions, from (code, version, created_by) rows."""
    newest: dict[str, Newest] = {}
    for code, version, created_by in rows:
        if code not in newest or version > newest[code].version:
            newest[code] = Newest(code, version, created_by)
    return list(newest.values())


NEWEST_QUERY = select(LetterTemplate.letter_type, LetterTemplate.version,
                      LetterTemplate.created_by)


def upgrade_shipped_defaults(session: Session, when: datetime) -> int:
    """Add this release's template as a new version wherever the newest is an older
    shipped one; return how many were added. Each is audited, as a save is."""
    added = 0
    for row, shipped in stale(newest_versions(session.execute(NEWEST_QUERY))):
        # The shipped number when it is higher, so a database that skipped a release
        # numbers its versions as every other database does.
        new = LetterTemplate(
            letter_type=row.code, version=max(row.version + 1, shipped.version),
            source=shipped.source(),
            note=f"New shipped default ({__version__}): {WHAT_CHANGED}.",
            created_by=LOADED_BY, created_at=when,
        )
        session.add(new)
        session.flush()
        audit.record(session, SYSTEM, AuditAction.TEMPLATE_SAVE, "letter_template", new.id,
                     None, before={"letter_type": row.code, "version": row.version},
                     after={"letter_type": row.code, "version": new.version,
                            "note": new.note})
        added += 1
    return added
