"""Preparing a file the person chose and putting it in the document store, before (and
outside) the transaction that records it: OCR can take minutes, and no database lock may
be held that long."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from plo_tracker.storage.document_store import DocumentStore, file_sha256

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
# The steps reported to ``progress``: preparing (the long one), storing, recording.
STEPS = 3


@dataclass(frozen=True)
class StoredFile:
    """A file made ready and stored: the PDF to place in bundles, and the file as received."""

    sha256: str
    original_sha256: str
    original_name: str
    original_kind: str
    page_count: int
    pages_without_text: tuple[int, ...]
    ocr_pages: tuple[int, ...]
    repaired: bool
    notes: tuple[str, ...]


def prepare_and_store(store: DocumentStore, source: Path, *,
                      progress: Progress | None = None, cancelled: Cancelled | None = None,
                      known: Callable[[str], StoredFile | None] = lambda _sha256: None,
                      ) -> StoredFile:
    """Run the intake on ``source`` in a temporary folder and store both files.

    A file received before (``known`` gives what its intake made, by the SHA-256 of the
    file as received) is not prepared again: the same PDF is named, so identical files are
    stored once and flagged as the same, and no OCR is run twice.

    Raises:
        DocumentRefused: the file cannot be used (the message names it and says why).
        IntakeCancelled: the person cancelled; nothing was stored.
        OSError: the documents folder could not be written.
    """
    from plo_tracker.documents.intake import prepare_document

    if progress is not None:
        progress(0, STEPS)
    if source.is_file():
        earlier = known(file_sha256(source))
        if earlier is not None and store.verify(earlier.sha256) is None:
            store.put(source)
            return dataclasses.replace(earlier, original_name=source.name)
    with tempfile.TemporaryDirectory(prefix="plo-intake-") as work:
        prepared = prepare_document(source, Path(work), cancelled=cancelled)
        if progress is not None:
            progress(1, STEPS)
        sha256 = store.put(prepared.pdf_path)
        original = store.put(source)
    return StoredFile(
        sha256, original, source.name, prepared.converted_from or "PDF", prepared.page_count,
        prepared.pages_without_text, prepared.ocr_pages, prepared.repaired, prepared.notes)


def stored_bytes(store: DocumentStore, pdf: bytes, name: str) -> StoredFile:
    """A PDF the app made itself (a letter, the chronology, minutes), stored as it is: it
    has a text layer on every page, so there is nothing to prepare."""
    from plo_tracker.documents.pdf_assembly import page_count

    sha256 = store.put_bytes(pdf)
    return StoredFile(sha256, sha256, name, "PDF made by PLO Tracker", page_count(pdf),
                      (), (), False, ())
