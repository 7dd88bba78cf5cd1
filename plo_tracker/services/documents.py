"""A family's documents: files added (prepared by the intake), letters the app made, and the
chronology and minutes; listed, described, opened, saved and removed, every step audited.

Nothing is half-added. The slow part (intake, with OCR) runs before any transaction and
puts the files in the document store; the row and its audit entry are then written in one
unit of work. If that fails, the files stored for it are deleted again unless another
document names them, so the store keeps only files some document names. (Should a file be
left behind all the same, by a crash between the two, it is harmless: nothing names it.)
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.orm import Session

from plo_tracker.domain.audit_actions import AuditAction
from plo_tracker.domain.document_types import DEFAULT_SECTION, DocumentType
from plo_tracker.domain.errors import DomainError, ValidationFailed
from plo_tracker.domain.letter_types import LetterType
from plo_tracker.storage.document_store import DocumentStore
from plo_tracker.storage.models import Bundle, BundleItem, Document, Family, LetterTranslation

from . import audit
from .actor import Actor
from .context import ServiceContext
from .document_intake_job import STEPS, Cancelled, Progress, StoredFile, prepare_and_store
from .document_intake_job import stored_bytes as store_pdf_bytes
from .document_views import FROM_LETTER, DocumentForm, DocumentView, checked_form, document_view
from .errors import NotFound
from .family_access import family_visible, visible_family
from .letters import kept_letter
from .permissions import Permission, require, require_family_scope
from .user_names import display_names

# More rows written with a new document, in its unit of work (a translated copy's record):
# given the session, the document's row (with its id) and its family. What it raises
# undoes the document too.
RecordHook = Callable[[Session, Document, Family], None]


class NoDocumentsFolder(DomainError):
    """A team server's database with no shared folder set for documents."""

    def __init__(self) -> None:
        super().__init__(
            "Documents cannot be added yet: this team database has no shared documents folder. "
            "Ask an administrator to set one in Settings (Documents), a folder every "
            "computer using the team database can reach.")


def _no_document(document_id: int) -> NotFound:
    return NotFound(f"There is no document with id {document_id}.")


def _document(session: Session, actor: Actor, document_id: int) -> tuple[Document, Family]:
    """A document of a family the actor may see; any other is answered as missing."""
    found = session.execute(select(Document, Family)
                            .join(Family, Family.id == Document.family_id)
                            .where(Document.id == document_id, family_visible(actor))).first()
    if found is None:
        raise _no_document(document_id)
    return found[0], found[1]


def _audited(row: Document) -> dict[str, object]:
    return audit.snapshot(row)


def _same_file(session: Session, row: Document) -> tuple[int, ...]:
    return tuple(session.scalars(select(Document.id).where(
        Document.family_id == row.family_id, Document.sha256 == row.sha256,
        Document.id != row.id).order_by(Document.id)))


class DocumentService:
    """Adding, describing, listing, opening and removing a family's documents."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    # -- adding -----------------------------------------------------------------------------
    def add_file(self, actor: Actor, family_id: int, path: Path, form: DocumentForm, *,
                 progress: Progress | None = None, cancelled: Cancelled | None = None,
                 also: RecordHook | None = None) -> DocumentView:
        """Prepare the file (PDF checked and mended, images and Word documents converted,
        scans read by OCR), store it, and record it as the family's document.

        ``also`` writes more rows about the document in the same unit of work (see
        ``RecordHook``); if it fails, nothing is written and the stored files are swept.

        Raises:
            PermissionDenied: the role may not change families, or not this one.
            NotFound: no such family (or one the actor may not see).
            ValidationFailed: the form's problems, by field.
            DocumentRefused: the file cannot be used; the message names it.
            IntakeCancelled: ``cancelled`` said stop; nothing was added.
            NoDocumentsFolder: a team database without a shared documents folder.
        """
        store, form = self._ready_to_add(actor, family_id, form)
        stored = prepare_and_store(store, path, progress=progress, cancelled=cancelled,
                                   known=self._received_before)
        if progress is not None:
            progress(2, STEPS)
        view = self._record(actor, store, family_id, form, stored, source="file", also=also)
        if progress is not None:
            progress(STEPS, STEPS)
        return view

    def add_letter(self, actor: Actor, letter_id: int,
                   form: DocumentForm | None = None) -> DocumentView:
        """Add a letter the app made (its kept PDF) to its family's documents.

        By default it is titled for its type and recipient ("Letter before proceedings to
        Sam Jones"), dated as the letter, and goes in section F as a letter.

        Raises:
            NotFound: no such letter (or one of a family the actor may not see).
            ValidationFailed: the letter is among the family's documents already.
        """
        require(actor, Permission.EDIT_CASES)
        with self._ctx.database.reading() as conn, Session(bind=conn) as session:
            letter = kept_letter(session, actor, letter_id)
            family_id, pdf = letter.family_id, letter.pdf
            form = form or DocumentForm(
                f"{LetterType(letter.letter_type).title} to {letter.recipient_name}",
                letter.letter_date, None, DocumentType.LETTER,
                DEFAULT_SECTION[DocumentType.LETTER])
            name = f"letter-{letter.id}.pdf"
        store, form = self._ready_to_add(actor, family_id, form)
        self._refuse_letter_twice(actor, letter_id)
        stored = store_pdf_bytes(store, pdf, name)
        return self._record(actor, store, family_id, form, stored, source=FROM_LETTER,
                            letter_id=letter_id)

    def add_generated(self, actor: Actor, family_id: int, pdf: bytes, form: DocumentForm, *,
                      source: str, meeting_id: int | None = None) -> DocumentView:
        """Keep a PDF the app made (the chronology, a meeting's minutes) as a document.

        Args:
            source: where it came from, e.g. "chronology" or "minutes".
        """
        store, form = self._ready_to_add(actor, family_id, form)
        stored = store_pdf_bytes(store, pdf, f"{source}.pdf")
        return self._record(actor, store, family_id, form, stored, source=source,
                            meeting_id=meeting_id)

    def _ready_to_add(self, actor: Actor, family_id: int,
                      form: DocumentForm) -> tuple[DocumentStore, DocumentForm]:
        """The store and the checked form, once the actor may add to this family: all
        refused before any slow work is done."""
        require(actor, Permission.EDIT_CASES)
        with self._ctx.database.reading() as conn, Session(bind=conn) as session:
            family = visible_family(session, actor, family_id)
            require_family_scope(actor, family.social_worker_id, family.team)
            form = checked_form(form, self._ctx.settings(conn), self._ctx.clock.today())
            store = self._ctx.document_store(conn)
        if store is None:
            raise NoDocumentsFolder()
        return store, form

    def _received_before(self, original_sha256: str) -> StoredFile | None:
        """What the intake made of this same file when it was added before (any family:
        the store is shared, and the bytes are the same)."""
        with self._ctx.database.reading() as conn, Session(bind=conn) as session:
            earlier = session.scalar(select(Document).where(
                Document.original_sha256 == original_sha256, Document.source == "file")
                .order_by(Document.id).limit(1))
        if earlier is None:
            return None
        return StoredFile(
            earlier.sha256, earlier.original_sha256, earlier.original_name,
            earlier.original_kind, earlier.page_count, tuple(earlier.pages_without_text or ()),
            tuple(earlier.ocr_pages or ()), earlier.repaired,
            tuple(line for line in (earlier.intake_notes or "").split("\n") if line))

    def _refuse_letter_twice(self, actor: Actor, letter_id: int) -> None:
        with self._ctx.database.reading() as conn:
            there = conn.execute(select(Document.title).where(
                Document.letter_id == letter_id)).first()
        if there is not None:
            raise ValidationFailed({"letter": (
                f"This letter is already among the family's documents, as “{there.title}”.")})

    def _record(self, actor: Actor, store: DocumentStore, family_id: int, form: DocumentForm,
                stored: StoredFile, *, source: str, letter_id: int | None = None,
                meeting_id: int | None = None, also: RecordHook | None = None) -> DocumentView:
        """Write the row and its audit entry in one unit of work; if that fails, take the
        stored files back out unless another document names them."""
        with self._sweeping_on_failure(store, stored.sha256, stored.original_sha256), \
                self._ctx.database.unit_of_work() as session:
            family = visible_family(session, actor, family_id)  # it may have changed meanwhile
            require_family_scope(actor, family.social_worker_id, family.team)
            if letter_id is not None and session.scalar(select(Document.id).where(
                    Document.letter_id == letter_id)) is not None:
                raise ValidationFailed({"letter": (
                    "This letter is already among the family's documents.")})
            assert form.default_section is not None  # filled in by checked_form
            row = Document(
                family_id=family.id, title=form.title, document_date=form.document_date,
                author=form.author, doc_type=form.doc_type.value,
                default_section=form.default_section, sha256=stored.sha256,
                original_sha256=stored.original_sha256, original_name=stored.original_name[:255],
                original_kind=stored.original_kind[:40], page_count=stored.page_count,
                pages_without_text=list(stored.pages_without_text),
                ocr_pages=list(stored.ocr_pages), repaired=stored.repaired,
                intake_notes="\n".join(stored.notes) or None, source=source,
                letter_id=letter_id, meeting_id=meeting_id, added_by=actor.username,
                added_at=self._ctx.clock.now())
            session.add(row)
            session.flush()
            audit.record(session, actor, AuditAction.DOCUMENT_ADD, "document", row.id,
                         family.id, after=_audited(row))
            if also is not None:
                also(session, row, family)
            return document_view(row, family.plo_family_id, _same_file(session, row),
                                 actor.display_name)

    @contextmanager
    def _sweeping_on_failure(self, store: DocumentStore, *hashes: str) -> Iterator[None]:
        try:
            yield
        except BaseException:
            self._sweep(store, hashes)
            raise

    def _sweep(self, store: DocumentStore, hashes) -> None:
        """Delete the stored files of these hashes that no document names."""
        with self._ctx.database.reading() as conn:
            for sha256 in set(hashes):
                named = conn.execute(select(exists().where(or_(
                    Document.sha256 == sha256, Document.original_sha256 == sha256)))).scalar()
                if not named:
                    store.delete(sha256)

    # -- reading ----------------------------------------------------------------------------
    def list(self, actor: Actor, family_id: int) -> tuple[DocumentView, ...]:
        """The family's documents, by date (undated last), then as added."""
        require(actor, Permission.VIEW_CASES)
        with self._ctx.database.reading() as conn, Session(bind=conn) as session:
            family = visible_family(session, actor, family_id)
            rows = list(session.scalars(select(Document).where(
                Document.family_id == family_id).order_by(
                Document.document_date.is_(None), Document.document_date, Document.id)))
            names = display_names(session, (row.added_by for row in rows))
        by_hash: dict[str, list[int]] = {}
        for row in rows:
            by_hash.setdefault(row.sha256, []).append(row.id)
        return tuple(document_view(row, family.plo_family_id,
                                   tuple(i for i in by_hash[row.sha256] if i != row.id),
                                   names[row.added_by])
                     for row in rows)

    def get(self, actor: Actor, document_id: int) -> DocumentView:
        require(actor, Permission.VIEW_CASES)
        with self._ctx.database.reading() as conn, Session(bind=conn) as session:
            row, family = _document(session, actor, document_id)
            return document_view(row, family.plo_family_id, _same_file(session, row),
                                 display_names(session, [row.added_by])[row.added_by])

    def same_file_as(self, actor: Actor, document_id: int) -> tuple[int, ...]:
        """The family's other documents with exactly the same PDF."""
        return self.get(actor, document_id).same_file_as

    # -- changing ---------------------------------------------------------------------------
    def update(self, actor: Actor, document_id: int, form: DocumentForm) -> DocumentView:
        """Change a document's title, date, author, type or section (audited)."""
        require(actor, Permission.EDIT_CASES)
        with self._ctx.database.unit_of_work() as session:
            row, family = _document(session, actor, document_id)
            require_family_scope(actor, family.social_worker_id, family.team)
            form = checked_form(form, self._ctx.settings(session.connection()),
                                self._ctx.clock.today())
            before = _audited(row)
            row.title, row.document_date, row.author = form.title, form.document_date, form.author
            row.doc_type, row.default_section = form.doc_type.value, form.default_section
            session.flush()
            audit.record(session, actor, AuditAction.DOCUMENT_UPDATE, "document", row.id,
                         family.id, before=before, after=_audited(row))
            return document_view(row, family.plo_family_id, _same_file(session, row))

    def remove(self, actor: Actor, document_id: int) -> None:
        """Remove a document and its places in bundles not yet issued (audited); its files
        go from the store when no other document names them.

        Raises:
            ValidationFailed: it is in a bundle that was issued (the court has it), or it
                is a translated copy of a letter as sent (the record of what was sent).
        """
        require(actor, Permission.EDIT_CASES)
        with self._ctx.database.unit_of_work() as session:
            row, family = _document(session, actor, document_id)
            require_family_scope(actor, family.social_worker_id, family.team)
            issued = session.scalar(
                select(Bundle.case_number).join(BundleItem, BundleItem.bundle_id == Bundle.id)
                .where(BundleItem.document_id == row.id, Bundle.issued_at.is_not(None)))
            if issued is not None:
                raise ValidationFailed({"document": (
                    f"“{row.title}” is in the bundle for case {issued or 'without a number'}, "
                    "which was issued, so it must stay: the court and the parties have it.")})
            if session.scalar(select(LetterTranslation.id).where(
                    LetterTranslation.document_id == row.id)) is not None:
                raise ValidationFailed({"document": (
                    f"“{row.title}” is the translated copy of a letter that was sent, so it "
                    "must stay: it is the record of what the family was sent.")})
            before = _audited(row)
            hashes = (row.sha256, row.original_sha256)
            session.execute(delete(BundleItem).where(BundleItem.document_id == row.id))
            session.delete(row)
            audit.record(session, actor, AuditAction.DOCUMENT_REMOVE, "document", document_id,
                         family.id, before=before)
            store = self._ctx.document_store(session.connection())
        if store is not None:
            self._sweep(store, hashes)

    # -- the file itself --------------------------------------------------------------------
    def pdf_path(self, actor: Actor, document_id: int) -> Path:
        """The stored PDF, to show; looking is audited. Documents are unredacted evidence,
        so this needs the permission to see confidential addresses."""
        return self._file(actor, document_id, AuditAction.DOCUMENT_OPEN, None)

    def save_copy(self, actor: Actor, document_id: int, target: Path) -> Path:
        """Copy the stored PDF to the file the person chose (audited, like a print)."""
        return self._file(actor, document_id, AuditAction.DOCUMENT_SAVE_COPY, target)

    def _file(self, actor: Actor, document_id: int, action: AuditAction,
              target: Path | None) -> Path:
        require(actor, Permission.VIEW_CASES)
        require(actor, Permission.SEE_CONFIDENTIAL_ADDRESSES)
        with audit.viewing(self._ctx.database) as session:
            row, family = _document(session, actor, document_id)
            store = self._ctx.document_store(session.connection())
            problem = ("there is no documents folder for this team database" if store is None
                       else store.verify(row.sha256))
            if problem or store is None:
                raise DomainError(
                    f"“{row.title}” of family {family.plo_family_id} cannot be opened: "
                    f"{problem}. Put the documents folder back from a backup, or add the "
                    "document again.")
            after = {"file": target.name} if target is not None else None
            audit.record_view(session, actor, action, "document", row.id, family.id,
                              after=after)
            session.flush()  # the entry is in place before the file leaves the app
            source = store.path(row.sha256)
            if target is None:
                return source
            shutil.copyfile(source, target)
            return target
