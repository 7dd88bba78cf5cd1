"""Letters from the case record: check, preview, generate, keep, re-open, record as sent, batch."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

# The documents package is imported where a letter is checked or made: the services load
# when the window starts, long before any letter is. Only the renderer's module (small,
# with no PDF code of its own) is here, for the batch size it starts worker processes at.
from plo_tracker.documents.letter_renderer import PARALLEL_FROM, LetterRenderer
from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.case_actions import CaseAction
from plo_tracker.domain.date_rules import not_in_future
from plo_tracker.domain.easy_read import easy_read_for, has_easy_read
from plo_tracker.domain.errors import DomainError, ValidationFailed
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.vocabulary import SendMethod
from plo_tracker.storage.models import (
    Adult,
    Episode,
    Family,
    GeneratedLetter,
    Letter,
    LetterTemplate,
    User,
)

from . import audit
from .actor import Actor
from .case_base import CaseWriter, Change, Saved, current_episode, refuse_if
from .errors import NotFound
from .family_access import family_visible
from .family_record import load_family
from .letter_context import build_context, check_stage, entitled_recipients
from .letter_templates import current_template, ensure_default_templates
from .letter_translation_views import TranslationView, translations_of
from .milestones import refuse_second_letter
from .permissions import Permission, require, require_family_scope

if TYPE_CHECKING:
    from plo_tracker.documents.letter_data import LetterContext
    from plo_tracker.domain.readability import Readability

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class RecipientCheck:
    """One recipient's letter, and what the case still lacks for it (empty when ready)."""

    adult_id: int
    name: str
    missing: tuple[str, ...]
    large_print: bool = False
    easy_read: bool = False  # chosen by itself: the adult is recorded with a learning disability


@dataclass(frozen=True)
class GeneratedLetterView:
    letter_id: int
    family_id: int
    plo_family_id: str
    letter_type: LetterType
    adult_id: int | None
    recipient_name: str
    letter_date: date
    template_version: int
    created_by: str
    created_at: datetime
    sha256: str
    pages: int
    sent_date: date | None
    method: SendMethod | None
    # Read by ``generated``: the copies in other languages sent with it, and the language
    # recorded for the recipient (the one a translated copy is offered in).
    translations: tuple[TranslationView, ...] = ()
    recipient_language: str | None = None

    @property
    def file_name(self) -> str:
        """A file name that says what the letter is, safe on every system."""
        raw = f"{self.plo_family_id} {self.letter_type.code} {self.recipient_name} {self.letter_id}"
        return re.sub(r"[^A-Za-z0-9 ._-]+", "", raw).replace(" ", "_") + ".pdf"


@dataclass(frozen=True)
class BatchResult:
    letters: tuple[tuple[GeneratedLetterView, bytes], ...]
    combined: bytes | None
    skipped: tuple[tuple[str, str], ...]  # (family id and recipient, why)
    cancelled: bool


def _view(row: GeneratedLetter, plo_family_id: str,
          translations: tuple[TranslationView, ...] = (),
          recipient_language: str | None = None) -> GeneratedLetterView:
    return GeneratedLetterView(
        row.id, row.family_id, plo_family_id, LetterType.from_code(row.letter_type),
        row.adult_id, row.recipient_name, row.letter_date, row.template_version,
        row.created_by, row.created_at, row.sha256, row.pages, row.sent_date,
        SendMethod(row.method) if row.method else None, translations, recipient_language,
    )


def _no_family(family_id: int) -> NotFound:
    return NotFound(f"There is no family with id {family_id}.")


def _load_family(session: Session, actor: Actor, family_id: int) -> Family:
    family = load_family(session, family_id, actor)
    if family is None:
        raise _no_family(family_id)
    return family


def _easy_read_ids(family: Family, letter_type: LetterType, asked: bool) -> set[int]:
    """The adults whose letter comes with an Easy Read copy: each one recorded with a
    learning disability, and everyone when it is asked for (if the letter has one)."""
    return {adult.id for adult in family.adults
            if easy_read_for(letter_type, bool(adult.learning_disability), asked)}


def _render(ctx: LetterContext, source: str, easy_source: str | None) -> bytes:
    """The letter alone, or followed by its Easy Read version in the same PDF."""
    if easy_source is None:
        from plo_tracker.documents.letter_pdf import render_letter

        return render_letter(ctx, source)
    from plo_tracker.documents.easy_read_pdf import render_with_easy_read

    return render_with_easy_read(ctx, source, easy_source)


def kept_letter(session: Session, actor: Actor, letter_id: int) -> GeneratedLetter:
    """A kept letter of a family the actor may see; any other is answered as missing."""
    row = session.scalar(select(GeneratedLetter)
                         .join(Family, Family.id == GeneratedLetter.family_id)
                         .where(GeneratedLetter.id == letter_id, family_visible(actor)))
    if row is None:
        raise NotFound(f"There is no letter with id {letter_id}.")
    return row


class LetterService(CaseWriter):
    """Every letter generated is kept with its template version, hash, recipient, who and when."""

    def _contexts(self, session: Session, family: Family, letter_type: LetterType,
                  adult_ids: list[int] | None,
                  letter_date: date) -> list[tuple[int, LetterContext]]:
        """Each recipient's id with the details of their letter."""
        episode = check_stage(family.episodes[-1] if family.episodes else None, letter_type)
        recipients = entitled_recipients(family)
        if adult_ids is not None:
            chosen = [a for a in recipients if a.id in adult_ids]
            if len(chosen) != len(set(adult_ids)):
                raise ValidationFailed({"recipient": (
                    "Letters go to parents and others with parental responsibility in this "
                    "family; choose recipients from that list."
                )})
            recipients = chosen
        if not recipients:
            raise ValidationFailed({"recipient": (
                "Nobody in this family is recorded as receiving letters (each parent, and "
                "everyone with parental responsibility), so there is nobody to write to. "
                "Add the parents first."
            )})
        settings = self._ctx.settings(session.connection())
        users = {u.id: u for u in session.scalars(select(User).where(
            User.id.in_([family.social_worker_id or 0, family.team_manager_id or 0])))}
        return [(adult.id, build_context(family, episode, adult, letter_type, settings, users,
                                         letter_date, settings.timescales))
                for adult in recipients]

    def check(self, actor: Actor, family_id: int, letter_type: LetterType,
              adult_ids: list[int] | None = None) -> list[RecipientCheck]:
        """Who would get this letter, and what each letter still lacks."""
        from plo_tracker.documents.letter_checks import missing_fields

        require(actor, Permission.VIEW_CASES)
        with self._ctx.database.unit_of_work() as session:
            family = _load_family(session, actor, family_id)
            contexts = self._contexts(session, family, letter_type, adult_ids,
                                      self._ctx.clock.today())
            easy = _easy_read_ids(family, letter_type, asked=False)
            return [RecipientCheck(adult_id, ctx.recipient.name, tuple(missing_fields(ctx)),
                                   ctx.recipient.large_print, adult_id in easy)
                    for adult_id, ctx in contexts]

    def preview(self, actor: Actor, family_id: int, letter_type: LetterType, adult_id: int,
                template_source: str | None = None, easy_read: bool = False) -> bytes:
        """The letter as it would be generated now; nothing is kept.

        With the stored templates (no ``template_source``) an Easy Read copy follows when
        generating would add one: for an adult with a learning disability, or ``easy_read``.

        Raises:
            LetterNotReady: naming what the case lacks.
            TemplateProblem: the template given does not render.
        """
        require(actor, Permission.VIEW_CASES)
        with self._ctx.database.unit_of_work() as session:
            family, ctx = self._one_context(session, actor, family_id, letter_type, adult_id)
            if template_source is None:
                # Preview may be the first use of a database: load the shipped templates.
                ensure_default_templates(session, self._ctx.clock.now())
            if template_source is not None:
                return _render(ctx, template_source, None)
            easy = adult_id in _easy_read_ids(family, letter_type, easy_read)
            return _render(ctx, current_template(session, letter_type).source,
                           current_template(session, letter_type, easy=True).source
                           if easy else None)

    def _one_context(self, session: Session, actor: Actor, family_id: int,
                     letter_type: LetterType, adult_id: int) -> tuple[Family, LetterContext]:
        """The family (if the actor may see it) and one recipient's letter as of today."""
        family = _load_family(session, actor, family_id)
        _adult, ctx = self._contexts(session, family, letter_type, [adult_id],
                                     self._ctx.clock.today())[0]
        return family, ctx

    def readability(self, actor: Actor, family_id: int, letter_type: LetterType,
                    adult_id: int) -> Readability:
        """How easy this recipient's letter is to read, scored as it would be sent now.

        The letter is filled in with the family's details from the current template
        (``documents/letter_text``); nothing is made, kept or written.

        Raises:
            TemplateProblem: the current template does not render.
        """
        from plo_tracker.documents.letter_text import letter_readability

        require(actor, Permission.VIEW_CASES)
        with self._ctx.database.unit_of_work() as session:
            _family, ctx = self._one_context(session, actor, family_id, letter_type, adult_id)
            # A database without templates yet scores the shipped one (None): reading
            # writes nothing, not even the templates preview would load.
            stored = session.scalar(select(LetterTemplate.id).where(
                LetterTemplate.letter_type == letter_type.code).limit(1))
            source = current_template(session, letter_type).source if stored else None
        return letter_readability(ctx, source)

    def generate(self, actor: Actor, family_id: int, letter_type: LetterType,
                 adult_ids: list[int] | None = None,
                 easy_read: bool = False) -> list[GeneratedLetterView]:
        """Make and keep one letter per recipient (each entitled one by default).

        A recipient recorded with a learning disability (everyone, with ``easy_read``) gets
        the standard letter followed by its Easy Read version, kept as one PDF. Nothing is
        kept unless every letter can be made.

        Raises:
            LetterNotReady: naming, for each recipient, what the case lacks.
        """
        require(actor, CaseAction.WRITE_LETTERS.permission)
        today = self._ctx.clock.today()
        with self._ctx.database.unit_of_work() as session:
            ensure_default_templates(session, self._ctx.clock.now())
            family = _load_family(session, actor, family_id)
            require_family_scope(actor, family.social_worker_id, family.team)
            contexts = self._contexts(session, family, letter_type, adult_ids, today)
            _refuse_gaps(letter_type, [ctx for _adult, ctx in contexts])
            template = current_template(session, letter_type)
            easy_ids = _easy_read_ids(family, letter_type, easy_read)
            easy = current_template(session, letter_type, easy=True) if easy_ids else None
            episode = current_episode(family)
            views = []
            for adult_id, ctx in contexts:
                chosen = easy if adult_id in easy_ids else None
                pdf = _render(ctx, template.source, chosen.source if chosen else None)
                row = self._keep(session, actor, family, episode, adult_id, ctx, template, pdf,
                                 chosen)
                views.append(_view(row, family.plo_family_id))
            return views

    def _keep(self, session: Session, actor: Actor, family: Family, episode: Episode,
              adult_id: int | None, ctx: LetterContext, template, pdf: bytes,
              easy_template=None) -> GeneratedLetter:
        from plo_tracker.documents.pdf_assembly import page_count

        row = GeneratedLetter(
            family_id=family.id, episode_id=episode.id, adult_id=adult_id,
            letter_type=ctx.letter_type.code, template_id=template.id,
            template_version=template.version, recipient_name=ctx.recipient.name,
            letter_date=ctx.letter_date, created_by=actor.username,
            created_at=self._ctx.clock.now(), sha256=hashlib.sha256(pdf).hexdigest(),
            pages=page_count(pdf), pdf=pdf,
        )
        session.add(row)
        session.flush()
        after = {k: v for k, v in audit.snapshot(row).items() if k != "pdf"}
        if easy_template is not None:
            # The row names the standard template; the Easy Read one is in the record.
            after["easy_read_template_version"] = easy_template.version
        audit.record(session, actor, AuditAction.LETTER_GENERATE,
                     "letter", row.id, family.id, after=after)
        return row

    def generated(self, actor: Actor, family_id: int) -> list[GeneratedLetterView]:
        """Every letter kept for a family, newest first, each with its translated copies."""
        require(actor, Permission.VIEW_CASES)
        with audit.viewing(self._ctx.database) as session:
            family = session.scalar(select(Family).where(Family.id == family_id,
                                                         family_visible(actor)))
            if family is None:
                raise _no_family(family_id)
            # The list needs no PDFs: each is read when the letter is opened.
            rows = list(session.scalars(
                select(GeneratedLetter).options(defer(GeneratedLetter.pdf))
                .where(GeneratedLetter.family_id == family_id)
                .order_by(GeneratedLetter.id.desc())
            ))
            copies = translations_of(session, (r.id for r in rows))
            languages = dict(session.execute(select(Adult.id, Adult.language).where(
                Adult.family_id == family_id, Adult.language.is_not(None))).all())
            return [_view(r, family.plo_family_id, copies.get(r.id, ()),
                          languages.get(r.adult_id)) for r in rows]

    def open(self, actor: Actor, letter_id: int) -> bytes:
        """The kept PDF, byte for byte as generated; opening it is audited."""
        require(actor, Permission.VIEW_CASES)
        with audit.viewing(self._ctx.database) as session:
            row = kept_letter(session, actor, letter_id)
            audit.record_view(session, actor, AuditAction.LETTER_OPEN,
                              "letter", row.id, row.family_id)
            return row.pdf

    def record_sent(self, actor: Actor, letter_id: int, sent_on: date, method: SendMethod,
                    expected_version: int | None = None) -> Saved:
        """Record a kept letter as sent; a letter before proceedings also sets the milestone."""
        refuse_if(not_in_future("sent_date", "The date sent", sent_on, self._ctx.clock.today()))
        with self._ctx.database.unit_of_work() as session:
            row = kept_letter(session, actor, letter_id)
            family_id = row.family_id
            letter_type = LetterType(row.letter_type)

        def apply(session: Session, family: Family) -> Change:
            letter = session.get(GeneratedLetter, letter_id)
            assert letter is not None
            if letter.sent_date is not None:
                raise ValidationFailed({"sent_date": (
                    f"This letter was already recorded as sent on {letter.sent_date:%d %B %Y}."
                )})
            if sent_on < letter.letter_date:
                raise ValidationFailed({"sent_date": (
                    "A letter cannot be sent before the date written on it."
                )})
            episode = session.get(Episode, letter.episode_id)
            assert episode is not None
            if letter_type.is_letter_before_proceedings and letter.adult_id is not None:
                adult = session.get(Adult, letter.adult_id)
                assert adult is not None
                refuse_second_letter(episode, adult)
            before = {k: v for k, v in audit.snapshot(letter).items() if k != "pdf"}
            letter.sent_date, letter.method = sent_on, method.value
            record = Letter(kind=LetterType(letter.letter_type).value, adult_id=letter.adult_id,
                            sent_date=sent_on, method=method.value)
            episode.letters.append(record)
            if letter_type.is_letter_before_proceedings:
                # The letter itself makes the statutory offer of a family group meeting.
                episode.fgdm_offered = True
            session.flush()
            letter.letter_id = record.id
            return "letter", record, before

        # A letter before proceedings sent is its milestone; other letters go with writing them.
        action = (CaseAction.LETTER_SENT if letter_type.is_letter_before_proceedings
                  else CaseAction.WRITE_LETTERS)
        return self._change(actor, family_id, expected_version, action,
                            AuditAction.LETTER_SENT, apply)

    def batch(self, actor: Actor, letter_type: LetterType, family_ids: list[int],
              progress: Progress | None = None, cancelled: Cancelled | None = None,
              parallel_from: int = PARALLEL_FROM, easy_read: bool = False) -> BatchResult:
        """Make the letter for many families at once (administrators): kept, and combined.

        Each recipient gets an Easy Read copy by the same rule as one family's letters: when
        recorded with a learning disability, or for everyone with ``easy_read``.

        Families whose letters cannot be made are skipped with the reason. Cancelling keeps
        nothing: the letters are stored together only when all are made. ``progress`` counts
        families whose letters are made; ``parallel_from`` is the number of letters from
        which they are drawn in worker processes.
        """
        # reportlab, Jinja2 and pikepdf load with the first letters, not with the window.
        from plo_tracker.documents.letter_pdf import combine_letters, letter_subject
        from plo_tracker.documents.templates import TemplateProblem

        require(actor, Permission.BATCH_LETTERS)
        today = self._ctx.clock.today()
        total = len(family_ids)
        skipped: list[tuple[str, str]] = []
        with self._ctx.database.unit_of_work() as session, \
                LetterRenderer(2 * total, parallel_from) as renderer:
            ensure_default_templates(session, self._ctx.clock.now())
            template = current_template(session, letter_type)
            easy = (current_template(session, letter_type, easy=True)
                    if has_easy_read(letter_type) else None)
            # Read every family first, handing each letter to the renderer as it is ready,
            # so drawing (in other processes when the batch is big) overlaps the reading.
            jobs: list[list[tuple[Family, int, LetterContext, Future, bool]]] = []
            for family_id in family_ids:
                if cancelled is not None and cancelled():
                    renderer.cancel()
                    session.rollback()
                    return BatchResult((), None, tuple(skipped), True)
                jobs.append(self._batch_family(
                    session, actor, family_id, letter_type, today, renderer, skipped,
                    (template.source, easy.source if easy else None, easy_read)))
            made: list[tuple[Family, int, LetterContext, bytes, bool]] = []
            for done, family_jobs in enumerate(jobs):
                if progress is not None:
                    progress(done, total)
                if cancelled is not None and cancelled():
                    renderer.cancel()
                    session.rollback()
                    return BatchResult((), None, tuple(skipped), True)
                for family, adult_id, ctx, future, with_easy in family_jobs:
                    try:
                        made.append((family, adult_id, ctx, future.result(), with_easy))
                    except TemplateProblem as problem:
                        # A template stopped by its limits (or broken for this family)
                        # costs this letter only; the rest of the batch carries on.
                        skipped.append((f"{family.plo_family_id}, {ctx.recipient.name}",
                                        problem.message))
            if progress is not None:
                progress(total, total)
            letters = []
            for family, adult_id, ctx, pdf, with_easy in made:
                row = self._keep(session, actor, family, current_episode(family), adult_id, ctx,
                                 template, pdf, easy if with_easy else None)
                letters.append((_view(row, family.plo_family_id), pdf))
            combined = combine_letters(
                [pdf for _v, pdf in letters],
                [letter_subject(ctx) for _f, _e, ctx, _p, _w in made],
            ) if letters else None
            return BatchResult(tuple(letters), combined, tuple(skipped), False)

    def _batch_family(self, session: Session, actor: Actor, family_id: int,
                      letter_type: LetterType, today: date, renderer: LetterRenderer,
                      skipped: list[tuple[str, str]],
                      sources: tuple[str, str | None, bool]) -> list:
        """Start one family's letters; note why any cannot be made.

        ``sources``: the template, the Easy Read template (None when the letter has none),
        and whether Easy Read was asked for everyone.
        """
        from plo_tracker.documents.letter_checks import missing_fields

        try:
            family = _load_family(session, actor, family_id)
        except DomainError as problem:
            skipped.append((f"family {family_id}", problem.message))
            return []
        try:
            contexts = self._contexts(session, family, letter_type, None, today)
        except DomainError as problem:
            skipped.append((family.plo_family_id, problem.message))
            return []
        source, easy_source, asked = sources
        easy_ids = _easy_read_ids(family, letter_type, asked) if easy_source else set()
        started = []
        for adult_id, ctx in contexts:
            gaps = missing_fields(ctx)
            if gaps:
                skipped.append((f"{family.plo_family_id}, {ctx.recipient.name}",
                                "missing " + "; ".join(gaps)))
                continue
            with_easy = adult_id in easy_ids
            started.append((family, adult_id, ctx,
                             renderer.submit(ctx, source, easy_source if with_easy else None),
                             with_easy))
        return started


def _refuse_gaps(letter_type: LetterType, contexts: list[LetterContext]) -> None:
    from plo_tracker.documents.letter_checks import LetterNotReady, missing_fields

    gaps = {ctx.recipient.name: missing_fields(ctx) for ctx in contexts}
    gaps = {name: missing for name, missing in gaps.items() if missing}
    if gaps:
        raise LetterNotReady(letter_type, [
            f"{item} (letter to {name})" for name, missing in gaps.items() for item in missing
        ])
