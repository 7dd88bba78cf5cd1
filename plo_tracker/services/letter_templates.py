"""Letter templates kept in the database with every version, editable by administrators."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plo_tracker.domain import easy_read
from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.storage.models import LetterTemplate

from . import audit
from .actor import Actor
from .context import ServiceContext
from .permissions import Permission, require
from .template_upgrades import NEWEST_QUERY, newest_versions, stale, upgrade_shipped_defaults


@dataclass(frozen=True)
class TemplateVersion:
    template_id: int
    letter_type: LetterType
    version: int
    source: str
    note: str
    created_by: str
    created_at: datetime
    easy_read: bool = False  # the Easy Read version of the letter, kept under its own name

    @property
    def title(self) -> str:
        """The template's name for people: "Letter before proceedings – Easy Read"."""
        return easy_read.template_title(self.letter_type, self.easy_read)


def _view(row: LetterTemplate) -> TemplateVersion:
    letter_type, easy = easy_read.from_stored_code(row.letter_type)
    return TemplateVersion(row.id, letter_type, row.version, row.source, row.note,
                           row.created_by, row.created_at, easy)


def _code(letter_type: LetterType, easy: bool) -> str:
    """The stored name of a template, refusing an Easy Read version that does not exist."""
    if easy and not easy_read.has_easy_read(letter_type):
        raise ValidationFailed({"letter_type": f"The letter '{letter_type.title}' has no "
                                               "Easy Read version."})
    return easy_read.stored_code(letter_type, easy)


def ensure_default_templates(session: Session, when: datetime) -> int:
    """Load the shipped template of every letter type that has none yet, and this release's
    template where the newest version is an older shipped one; return how many."""
    present = set(session.scalars(select(LetterTemplate.letter_type).distinct()))
    added = 0
    for letter_type in LetterType:
        if letter_type.code not in present:
            # Jinja2 (behind the shipped templates) loads only when one is missing: every
            # start-up checks, and after the first run they are all there.
            from plo_tracker.documents.templates import default_template

            session.add(LetterTemplate(
                letter_type=letter_type.code, version=letter_type.template_version,
                source=default_template(letter_type),
                note="The template shipped with PLO Tracker.", created_by="system",
                created_at=when,
            ))
            added += 1
    added += _ensure_easy_read_templates(session, present, when)
    return added + upgrade_shipped_defaults(session, when)


def _ensure_easy_read_templates(session: Session, present: set[str], when: datetime) -> int:
    """Load the shipped Easy Read templates that are missing.

    They are kept in the same table as the others, each under its own name ("lbp-easy-read"),
    so they are versioned the same way without a new column or table.
    """
    added = 0
    for letter_type in sorted(easy_read.EASY_READ_TYPES, key=lambda t: t.code):
        code = easy_read.template_code(letter_type)
        if code not in present:
            from plo_tracker.documents.easy_read_pdf import default_easy_read_template

            session.add(LetterTemplate(
                letter_type=code, version=easy_read.template_version(letter_type),
                source=default_easy_read_template(letter_type),
                note="The Easy Read template shipped with PLO Tracker.", created_by="system",
                created_at=when,
            ))
            added += 1
    return added


def _all_codes() -> set[str]:
    return ({letter_type.code for letter_type in LetterType}
            | {easy_read.template_code(t) for t in easy_read.EASY_READ_TYPES})


def current_template(session: Session, letter_type: LetterType,
                     easy: bool = False) -> LetterTemplate:
    """The template in use for a letter type (or its Easy Read version): its highest version."""
    code = easy_read.stored_code(letter_type, easy)
    row = session.scalar(
        select(LetterTemplate).where(LetterTemplate.letter_type == code)
        .order_by(LetterTemplate.version.desc()).limit(1)
    )
    assert row is not None, "default templates are loaded when the database opens"
    return row


class TemplateService:
    """Reading, checking and saving templates; every save is a new version."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def load_defaults(self) -> int:
        """Load the shipped templates into a database that lacks them (first run), and a new
        release's into one still on the old shipped ones; a database that is up to date is
        only read (opening a database must not write)."""
        with self._ctx.database.reading() as conn:
            newest = newest_versions(conn.execute(NEWEST_QUERY))
        if {row.code for row in newest} >= _all_codes() and not stale(newest):
            return 0
        with self._ctx.database.unit_of_work() as session:
            return ensure_default_templates(session, self._ctx.clock.now())

    def current(self, letter_type: LetterType, easy: bool = False) -> TemplateVersion:
        """The version in use of a letter's template, or with ``easy`` of its Easy Read one."""
        _code(letter_type, easy)
        with self._ctx.database.unit_of_work() as session:
            ensure_default_templates(session, self._ctx.clock.now())
            return _view(current_template(session, letter_type, easy))

    def versions(self, letter_type: LetterType, easy: bool = False) -> list[TemplateVersion]:
        """Every version of one letter's template (with ``easy``, its Easy Read one), newest
        first."""
        code = _code(letter_type, easy)
        with self._ctx.database.unit_of_work() as session:
            ensure_default_templates(session, self._ctx.clock.now())
            rows = session.scalars(
                select(LetterTemplate).where(LetterTemplate.letter_type == code)
                .order_by(LetterTemplate.version.desc())
            )
            return [_view(r) for r in rows]

    def check(self, letter_type: LetterType, source: str, easy: bool = False) -> None:
        """Refuse a template that does not render; an Easy Read one also needs a known
        picture named at the start of each heading (the check its renderer uses).

        Raises:
            TemplateProblem: with the line and the reason.
            ValidationFailed: the letter has no Easy Read version.
        """
        _code(letter_type, easy)
        if easy:
            # reportlab and svglib, behind the Easy Read renderer: on first use.
            from plo_tracker.documents.easy_read_pdf import validate_easy_read_template

            validate_easy_read_template(source, letter_type)
            return
        from plo_tracker.documents.templates import validate_template  # Jinja2: on first use

        validate_template(source, letter_type)

    def save(self, actor: Actor, letter_type: LetterType, source: str,
             note: str, easy: bool = False) -> TemplateVersion:
        """Save a new version of a template (with ``easy``, of the letter's Easy Read
        template) after checking that it renders.

        Raises:
            TemplateProblem: the template does not render (line and reason); nothing saved.
            ValidationFailed: no note saying what changed, or no Easy Read version.
        """
        require(actor, Permission.MANAGE_SETTINGS)
        code = _code(letter_type, easy)
        if not note.strip():
            raise ValidationFailed({"note": "Say in a few words what you changed, for the "
                                            "record of versions."})
        self.check(letter_type, source, easy)
        now = self._ctx.clock.now()
        with self._ctx.database.unit_of_work() as session:
            ensure_default_templates(session, now)
            latest = session.scalar(select(func.max(LetterTemplate.version)).where(
                LetterTemplate.letter_type == code)) or 0
            row = LetterTemplate(letter_type=code, version=latest + 1,
                                 source=source, note=note.strip(), created_by=actor.username,
                                 created_at=now)
            session.add(row)
            session.flush()
            audit.record(session, actor, AuditAction.TEMPLATE_SAVE,
                         "letter_template", row.id, None,
                         before={"letter_type": code, "version": latest},
                         after={"letter_type": code, "version": row.version,
                                "note": row.note})
            return _view(row)
