"""Translated copies of kept letters: the translator's file goes in through the real intake
as one of the family's documents, with a record of its language, date and method, and its
audit entries, all at once or not at all."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from plo_tracker.documents.intake import DocumentRefused
from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.domain.permissions import Permission, allows
from plo_tracker.domain.vocabulary import Role, SendMethod
from plo_tracker.services import audit
from plo_tracker.services.errors import NotFound, PermissionDenied
from plo_tracker.services.letter_translations import TranslationForm
from plo_tracker.storage.models import (
    Adult,
    AuditEntry,
    Document,
    GeneratedLetter,
    LetterTranslation,
)
from tests.services.test_documents import statement_pdf
from tests.services.test_letters import build_family
from tests.services.test_retention import services_on
from tests.support import TODAY

FORM = TranslationForm("Polish", TODAY, SendMethod.POST)


# A real PDF of text, one page per line, as a translator's word processor would send it.
translated_pdf = statement_pdf


def _letter(world, surname: str, language: str | None = "Polish") -> GeneratedLetter:
    """The mother's letter before proceedings, kept today, with her language recorded."""
    built = build_family(world, surname)
    with world.database.unit_of_work() as session:
        session.execute(update(Adult).where(Adult.id == built.mother).values(
            needs_interpreter=language is not None, language=language))
    letters = world.services.letters.generate(world.actor("manager"), built.family_id,
                                              LetterType.LBP, [built.mother])
    with world.database.unit_of_work() as session:
        row = session.get(GeneratedLetter, letters[0].letter_id)
        session.expunge(row)
        return row


def _count(world, model, *where) -> int:
    with world.database.reading() as conn:
        return conn.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def _stored_files(world) -> set[str]:
    return {p.name for p in world.services.context.documents.root.rglob("*") if p.is_file()}


def _nothing_written(world, letter: GeneratedLetter, audits: int, files: set[str]) -> None:
    assert _count(world, LetterTranslation, LetterTranslation.letter_id == letter.id) == 0
    assert _count(world, Document, Document.family_id == letter.family_id) == 0
    assert world.audit_count() == audits
    assert _stored_files(world) == files


def test_a_translated_copy_is_kept_as_a_document_with_its_record_and_audit(world, tmp_path):
    letter = _letter(world, "Nowak")
    source = translated_pdf(tmp_path / "list-polski.pdf", "List przed postepowaniem",
                            "Spotkanie z tlumaczem")
    worker = world.actor("socialworker")
    view = world.services.letter_translations.add(worker, letter.id, source, FORM)

    with world.database.unit_of_work() as session:
        row = session.scalar(select(LetterTranslation).where(
            LetterTranslation.letter_id == letter.id))
        document = session.get(Document, row.document_id)
        assert (row.family_id, row.language, row.sent_date, row.method, row.recorded_by) == (
            letter.family_id, "Polish", TODAY, "post", "socialworker")
        assert (document.title, document.doc_type, document.default_section,
                document.document_date, document.page_count, document.original_name,
                document.family_id, document.letter_id) == (
            "Letter before proceedings to Jade Nowak (Polish translation)", "letter", "F",
            TODAY, 2, "list-polski.pdf", letter.family_id, None)
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(2))
        assert [(e.action, e.entity, e.entity_id) for e in entries] == [
            ("letter.translation", "letter_translation", row.id),
            ("document.add", "document", document.id)]
    assert (view.document_id, view.language, view.method, view.recorded_by) == (
        row.document_id, "Polish", SendMethod.POST, "Sam Okafor")
    assert view.words() == "Polish translation sent by post on 26 November 2026"
    # The letters list reads it back with the letter, and offers the recorded language.
    [kept] = [x for x in world.services.letters.generated(world.actor("readonly"),
                                                          letter.family_id)
              if x.letter_id == letter.id]
    assert kept.translations == (view,)
    assert kept.recipient_language == "Polish"
    # And it is one of the family's documents, to open or put in a bundle.
    assert [d.title for d in world.services.documents.list(worker, letter.family_id)] == [
        "Letter before proceedings to Jade Nowak (Polish translation)"]


def test_the_audit_viewer_has_words_for_the_translated_copy():
    assert AuditAction.words_for("letter.translation") == (
        "Recorded a translated copy of a letter as sent")


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"language": "  "}, "language",
     "Say which language the copy is in, such as Polish (the language recorded for Jade"),
    ({"language": "Polish " * 10}, "language", "the most it can be is 60"),
    ({"sent_date": None}, "sent_date", "Enter the date the translated copy was sent."),
    ({"sent_date": TODAY + timedelta(days=1)}, "sent_date", "cannot be in the future"),
    ({"sent_date": TODAY - timedelta(days=1)}, "sent_date",
     "The letter is dated Thu 26 Nov 2026; its translated copy cannot have been sent before"),
    ({"method": "pigeon"}, "method", "by post, by hand or by email"),
    ({"method": None}, "method", "by post, by hand or by email"),
])
def test_each_field_is_checked_and_nothing_is_written(world, tmp_path, change, field, words):
    letter = _letter(world, "Checked")
    source = translated_pdf(tmp_path / "copy.pdf", "Kopia")
    audits, files = world.audit_count(), _stored_files(world)
    with pytest.raises(ValidationFailed) as refused:
        world.services.letter_translations.add(world.actor("manager"), letter.id, source,
                                               dataclasses.replace(FORM, **change))
    assert list(refused.value.problems) == [field]
    assert words in refused.value.problems[field]
    _nothing_written(world, letter, audits, files)


def test_without_a_recorded_language_the_message_gives_an_example(world, tmp_path):
    letter = _letter(world, "Unrecorded", language=None)
    with pytest.raises(ValidationFailed) as refused:
        world.services.letter_translations.add(
            world.actor("manager"), letter.id, translated_pdf(tmp_path / "c.pdf", "Kopia"),
            dataclasses.replace(FORM, language=""))
    assert refused.value.problems == {"language": "Say which language the copy is in, such "
                                                  "as Polish."}


def test_a_method_typed_as_its_code_is_accepted(world, tmp_path):
    letter = _letter(world, "Typed")
    view = world.services.letter_translations.add(
        world.actor("manager"), letter.id, translated_pdf(tmp_path / "c.pdf", "Copia"),
        TranslationForm(" Romanian ", TODAY, "Email"))
    assert (view.language, view.method) == ("Romanian", SendMethod.EMAIL)
    assert view.words() == "Romanian translation sent by email on 26 November 2026"


@pytest.mark.parametrize("role", list(Role))
def test_only_roles_that_record_letters_sent_may_add_a_copy(world, tmp_path, role):
    from tests.services.test_every_service_every_role import ACCOUNT

    letter = _letter(world, f"Role{role.name.title().replace('_', '')}")
    source = translated_pdf(tmp_path / "c.pdf", "Kopia")
    call = lambda: world.services.letter_translations.add(  # noqa: E731
        world.actor(ACCOUNT[role]), letter.id, source, FORM)
    if allows(role, Permission.EDIT_CASES):
        assert call().language == "Polish"
    else:
        with pytest.raises(PermissionDenied):
            call()
        assert _count(world, LetterTranslation, LetterTranslation.letter_id == letter.id) == 0


def test_a_social_worker_of_another_team_may_not_add_a_copy(world, tmp_path):
    letter = _letter(world, "Elsewhere")
    other = world.services.users.trusted_actor("worker01")  # team South; the family is North
    assert other.team != "North"
    audits, files = world.audit_count(), _stored_files(world)
    with pytest.raises(PermissionDenied):
        world.services.letter_translations.add(
            other, letter.id, translated_pdf(tmp_path / "c.pdf", "Kopia"), FORM)
    _nothing_written(world, letter, audits, files)


def test_a_restricted_family_is_answered_as_missing(world, tmp_path):
    letter = _letter(world, "Hidden")
    # Restricted by an administrator who is not named: only its worker and manager see it.
    admin = world.actor("admin")
    world.services.family_access.set_access(admin, letter.family_id, True, [])
    source = translated_pdf(tmp_path / "c.pdf", "Kopia")
    add = world.services.letter_translations.add
    with pytest.raises(NotFound) as hidden:
        add(admin, letter.id, source, FORM)
    with pytest.raises(NotFound) as missing:
        add(admin, 999_999, source, FORM)
    assert _count(world, LetterTranslation, LetterTranslation.letter_id == letter.id) == 0
    assert hidden.value.message == f"There is no letter with id {letter.id}."
    assert missing.value.message == "There is no letter with id 999999."


def test_a_failure_while_recording_leaves_no_row_and_no_stored_file(world, tmp_path,
                                                                    monkeypatch):
    letter = _letter(world, "Atomic")
    source = translated_pdf(tmp_path / "c.pdf", f"Kopia dla rodziny {letter.family_id}")
    audits, files = world.audit_count(), _stored_files(world)
    real = audit.record

    def failing_at_the_copy(session, actor, action, *args, **kwargs):
        if action is AuditAction.LETTER_TRANSLATION:
            raise OSError("the disk went away")
        return real(session, actor, action, *args, **kwargs)

    monkeypatch.setattr(audit, "record", failing_at_the_copy)
    with pytest.raises(OSError):
        world.services.letter_translations.add(world.actor("manager"), letter.id, source, FORM)
    monkeypatch.undo()
    _nothing_written(world, letter, audits, files)


def test_a_file_the_intake_refuses_leaves_nothing(world, tmp_path):
    letter = _letter(world, "Refused")
    notes = tmp_path / "translation.txt"
    notes.write_text("not a document we accept")
    audits, files = world.audit_count(), _stored_files(world)
    with pytest.raises(DocumentRefused) as refused:
        world.services.letter_translations.add(world.actor("manager"), letter.id, notes, FORM)
    assert "translation.txt" in refused.value.message
    _nothing_written(world, letter, audits, files)


def test_the_copy_cannot_be_removed_from_the_documents(world, tmp_path):
    letter = _letter(world, "Kept")
    view = world.services.letter_translations.add(
        world.actor("manager"), letter.id, translated_pdf(tmp_path / "c.pdf", "Kopia"), FORM)
    with pytest.raises(ValidationFailed) as refused:
        world.services.documents.remove(world.actor("manager"), view.document_id)
    assert refused.value.problems == {"document": (
        "“Letter before proceedings to Jade Kept (Polish translation)” is the translated "
        "copy of a letter that was sent, so it must stay: it is the record of what the "
        "family was sent.")}
    assert _count(world, Document, Document.id == view.document_id) == 1


def test_a_family_with_a_translated_copy_is_deleted_cleanly(world, tmp_path):
    from plo_tracker.domain.vocabulary import Outcome, StepDownPlan

    letter = _letter(world, "Retained")
    world.services.letter_translations.add(
        world.actor("manager"), letter.id, translated_pdf(tmp_path / "c.pdf", "Kopia"), FORM)
    world.services.milestones.record_outcome(world.actor("manager"), letter.family_id,
                                             Outcome.STEP_DOWN, date(2026, 11, 25),
                                             StepDownPlan.CHILD_IN_NEED)
    services_on(world, date(2061, 11, 26)).retention.delete(
        world.actor("admin"), letter.family_id, tmp_path / "backups")
    for model in (LetterTranslation, Document, GeneratedLetter):
        assert _count(world, model, model.family_id == letter.family_id) == 0
    assert [f.detail for f in world.health() if not f.ok] == []
