"""Letters saved as files to print or send, audited: a copy of one letter, or a batch's files.

A letter leaving the app as a file is a print in all but name, so each one is in the audit
log, on the family's history, like a letter opened.
"""

from __future__ import annotations

from pathlib import Path

from plo_tracker.domain.audit_actions import AuditAction

from . import audit
from .actor import Actor
from .context import ServiceContext
from .letter_files import LettersNotWritten, WrittenBatch, write_batch
from .letters import BatchResult, kept_letter
from .permissions import Permission, require


class LetterPrintService:
    """Saving kept letters to files, each one audited."""

    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def save_copy(self, actor: Actor, letter_id: int, path: Path) -> Path:
        """Write a kept letter, byte for byte, to the file the person chose.

        The entry is written in the same transaction: a file that could not be written
        leaves no entry, and an entry is never missing for a file that was.

        Raises:
            NotFound: there is no such letter.
            OSError: the file could not be written (the window says why in words).
        """
        require(actor, Permission.VIEW_CASES)
        with audit.viewing(self._ctx.database) as session:
            row = kept_letter(session, actor, letter_id)  # a restricted family's is "no letter"
            audit.record_view(session, actor, AuditAction.LETTER_SAVE_COPY, "letter", row.id,
                              row.family_id, after={"file": path.name})
            session.flush()  # the entry is in place before the file is written
            path.write_bytes(row.pdf)
        return path

    def save_batch(self, actor: Actor, folder: Path, result: BatchResult) -> WrittenBatch:
        """Write a batch's letters to a folder (one file each, and one to print), audited.

        Raises:
            LettersNotWritten: the folder refused them; the letters written before that are
                recorded all the same.
            PermissionDenied: the role may not make batches of letters.
        """
        require(actor, Permission.BATCH_LETTERS)
        try:
            written = write_batch(folder, result)
        except LettersNotWritten as refused:
            self._record(actor, refused.written, result)
            raise
        self._record(actor, written.letters, result)
        return written

    def _record(self, actor: Actor, files, result: BatchResult) -> None:
        views = {view.file_name: view for view, _pdf in result.letters}
        with audit.viewing(self._ctx.database) as session:
            for file in files:
                view = views.get(file.wanted)
                if view is not None:
                    audit.record_view(session, actor, AuditAction.LETTER_SAVE_COPY, "letter",
                                      view.letter_id, view.family_id,
                                      after={"file": file.path.name, "batch": True})
