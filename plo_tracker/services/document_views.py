"""A family's documents as the window and the command line see them, and the form that
describes one (title, date, author, type, section), with its checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from plo_tracker.domain.date_rules import not_in_future
from plo_tracker.domain.document_types import DEFAULT_SECTION, DocumentType
from plo_tracker.domain.errors import ValidationFailed
from plo_tracker.domain.text_rules import TextKind, looks_blank, text_problem
from plo_tracker.settings import Settings
from plo_tracker.storage.models import Document

# Where a document came from (documents.source).
FROM_FILE, FROM_LETTER = "file", "letter"


@dataclass(frozen=True)
class DocumentForm:
    """What the person says about a document."""

    title: str
    document_date: date | None
    author: str | None
    doc_type: DocumentType
    default_section: str | None = None  # None: the type's section (DEFAULT_SECTION)


@dataclass(frozen=True)
class DocumentView:
    """One document of a family, with what intake did to it."""

    document_id: int
    family_id: int
    plo_family_id: str
    title: str
    document_date: date | None
    author: str | None
    doc_type: DocumentType
    default_section: str
    page_count: int
    sha256: str
    original_name: str
    original_kind: str
    pages_without_text: tuple[int, ...]
    ocr_pages: tuple[int, ...]
    repaired: bool
    intake_notes: tuple[str, ...]
    source: str
    letter_id: int | None
    meeting_id: int | None
    added_by: str
    added_at: datetime
    # Other documents of the family with the same PDF (flagged when both go in a bundle).
    same_file_as: tuple[int, ...]
    # The file as it was received (before conversion, repair or OCR), kept in the store too.
    original_sha256: str = ""
    # The display name of the account that added it ("Sam Okafor" for "worker06").
    added_by_name: str = ""


def document_view(row: Document, plo_family_id: str, same_file_as: tuple[int, ...] = (),
                  added_by_name: str = "") -> DocumentView:
    return DocumentView(
        row.id, row.family_id, plo_family_id, row.title, row.document_date, row.author,
        DocumentType.from_code(row.doc_type), row.default_section, row.page_count, row.sha256,
        row.original_name, row.original_kind, tuple(row.pages_without_text or ()),
        tuple(row.ocr_pages or ()), row.repaired,
        tuple(line for line in (row.intake_notes or "").split("\n") if line), row.source,
        row.letter_id, row.meeting_id, row.added_by, row.added_at, same_file_as,
        row.original_sha256, added_by_name or row.added_by)


def section_letters(settings: Settings) -> tuple[str, ...]:
    """The letterings a document's section may take: the bundle section template's, as
    administrators set it (Settings > Court bundles)."""
    return tuple(section.letter for section in settings.bundles.sections)


def checked_form(form: DocumentForm, settings: Settings, today: date) -> DocumentForm:
    """The form tidied (spaces trimmed, the type's section filled in), or ValidationFailed
    with a sentence for each field that cannot be kept."""
    title = " ".join(form.title.split())
    author = " ".join((form.author or "").split()) or None
    section = (form.default_section or "").strip().upper() or DEFAULT_SECTION[form.doc_type]
    problems: dict[str, str] = {}
    if not title or looks_blank(title):
        problems["title"] = "Give the document a title, such as “Parenting assessment”."
    elif problem := text_problem(title, TextKind.SHORT):
        problems["title"] = problem
    if author and (problem := text_problem(author, TextKind.SHORT)):
        problems["author"] = problem
    problems |= not_in_future("document_date", "A document's date", form.document_date, today)
    letters = section_letters(settings)
    if section not in letters:
        problems["default_section"] = (
            f"There is no section {section} in the bundle: choose one of "
            f"{', '.join(letters)}.")
    if problems:
        raise ValidationFailed(problems)
    return DocumentForm(title, form.document_date, author, form.doc_type, section)
