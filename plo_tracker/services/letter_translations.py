"""Translated copies of kept letters: the translator's file kept as one of the family's
documents, with a record of its language and when and how it was sent.

A letter to an adult who needs an interpreter is written in English (it says an interpreter
will be at the meeting); a translation is made outside the app and sent too. The copy goes
through the same intake as any document (DocumentService.add_file), and its record is
written by that method's hook in the same unit of work: if anything is refused, nothing is
written and the stored files are swept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.case_actions import CaseAction
from plo_tracker.domain.date_rules import not_in_future
from plo_tracker.domain.date_text import short_date
from plo_tracker.domain.document_types import DEFAULT_SECTION, DocumentType
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.text_rules import TextKind, looks_blank, text_problem
from plo_tracker.domain.vocabulary import SendMethod
from plo_tracker.storage.models import Adult, Document, Family, GeneratedLetter, LetterTranslation

from . import audit
from .actor import Actor
from .case_base import refuse_if
from .context import ServiceContext
from .document_intake_job import Cancelled, Progress
from .document_views import DocumentForm
from .letter_translation_views import TranslationView, translation_view
from .letters import kept_letter
from .permissions import require, require_family_scope

if TYPE_CHECKING:
    from .documents import DocumentService

# Recording a copy sent is recording a letter sent: the same permission.
PERMISSION = CaseAction.LETTER_SENT.permission
METHOD_NEEDED = "Choose how the translated copy was sent: by post, by hand or by email."


@dataclass(frozen=True)
class TranslationForm:
    """What the person says about a translated copy they sent."""

    language: str
    sent_date: date | None
    method: SendMethod | str | None  # a SendMethod, or its code as typed at the command line


def _method(given: SendMethod | str | None) -> SendMethod | None:
    if isinstance(given, SendMethod) or given is None:
        return given
    try:
        return SendMethod(given.strip().lower())
    except ValueError:
        return None


def sent_date_problem(sent: date, letter_date: date, today: date) -> str | None:
    """Why a translated copy cannot have been sent on ``sent`` (the window asks too, as the
    date is typed), or None."""
    if sent < letter_date:
        return (f"The letter is dated {short_date(letter_date)}; its translated copy cannot "
                "have been sent before then.")
    return not_in_future("sent_date", "The date sent", sent, today).get("sent_date")


def form_problems(form: TranslationForm, letter: GeneratedLetter, recorded_language: str | None,
                  today: date) -> dict[str, str]:
    """Each field's problem in words (empty when the copy can be recorded)."""
    problems: dict[str, str] = {}
    language = " ".join(form.language.split())
    if not language or looks_blank(language):
        suggestion = (f", such as {recorded_language} (the language recorded for "
                      f"{letter.recipient_name})" if recorded_language else ", such as Polish")
        problems["language"] = f"Say which language the copy is in{suggestion}."
    elif problem := text_problem(language, TextKind.LANGUAGE):
        problems["language"] = problem
    if form.sent_date is None:
        problems["sent_date"] = "Enter the date the translated copy was sent."
    elif problem := sent_date_problem(form.sent_date, letter.letter_date, today):
        problems["sent_date"] = problem
    if _method(form.method) is None:
        problems["method"] = METHOD_NEEDED
    return problems


class LetterTranslationService:
    """Recording the translated copies sent of a family's kept letters."""

    def __init__(self, context: ServiceContext,
                 documents: Callable[[], DocumentService]) -> None:
        self._ctx = context
        self._documents = documents  # the registry's own, made on first use

    def add(self, actor: Actor, letter_id: int, path: Path, form: TranslationForm, *,
            progress: Progress | None = None,
            cancelled: Cancelled | None = None) -> TranslationView:
        """Keep the translator's file (PDF, Word document or picture, through the intake) as
        one of the family's documents, and record it as the letter's translated copy sent.

        The document is titled for the letter and the language ("Letter before proceedings
        to Sam Jones (Polish translation)"), dated the day it was sent, as a letter.

        Raises:
            PermissionDenied: the role may not record letters sent, or not for this family.
            NotFound: no such letter (or one of a family the actor may not see).
            ValidationFailed: the language, date sent or method, by field.
            DocumentRefused: the file cannot be used; the message names it.
            IntakeCancelled: ``cancelled`` said stop; nothing was added.
        """
        require(actor, PERMISSION)
        today = self._ctx.clock.today()
        with self._ctx.database.reading() as conn, Session(bind=conn) as session:
            letter = kept_letter(session, actor, letter_id)
            family = session.get(Family, letter.family_id)
            assert family is not None
            require_family_scope(actor, family.social_worker_id, family.team)
            recorded = session.get(Adult, letter.adult_id) if letter.adult_id else None
            refuse_if(form_problems(form, letter, recorded.language if recorded else None,
                                    today))
            family_id = letter.family_id
            language = " ".join(form.language.split())
            title = (f"{LetterType(letter.letter_type).title} to {letter.recipient_name} "
                     f"({language} translation)")
        method = _method(form.method)
        assert form.sent_date is not None and method is not None  # checked above
        sent_date = form.sent_date
        document = DocumentForm(title, sent_date, None, DocumentType.LETTER,
                                DEFAULT_SECTION[DocumentType.LETTER])
        made: list[TranslationView] = []

        def record_copy(session: Session, row: Document, family: Family) -> None:
            # The letter may have gone (its family deleted) while the file was prepared.
            kept_letter(session, actor, letter_id)
            copy = LetterTranslation(
                family_id=family.id, letter_id=letter_id, document_id=row.id,
                language=language, sent_date=sent_date, method=method.value,
                recorded_by=actor.username, recorded_at=self._ctx.clock.now())
            session.add(copy)
            session.flush()
            audit.record(session, actor, AuditAction.LETTER_TRANSLATION, "letter_translation",
                         copy.id, family.id, after=audit.snapshot(copy))
            made.append(translation_view(copy, actor.display_name))

        self._documents().add_file(actor, family_id, path, document, progress=progress,
                                   cancelled=cancelled, also=record_copy)
        return made[0]
