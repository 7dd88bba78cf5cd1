"""`plo-tracker check`'s look at the documents folder: is every document's file there,
with the bytes it was stored with? One finding per document with a problem, naming the
family's PLO id and the document's title (never what is in it) and saying what to do."""

from __future__ import annotations

from sqlalchemy import Connection, select

from .document_store import DocumentStore
from .integrity import Finding
from .models import Document, Family

_WHAT_TO_DO = ("Put the documents folder back from the backup taken with the database, "
               "or remove the document and add it again.")


def document_findings(conn: Connection, store: DocumentStore | None) -> list[Finding]:
    """A finding per document whose PDF or original file is missing or altered, or one
    finding saying all are sound."""
    rows = conn.execute(select(Document.id, Document.title, Document.sha256,
                               Document.original_sha256, Family.plo_family_id)
                        .join(Family, Family.id == Document.family_id)
                        .order_by(Family.plo_family_id, Document.id)).all()
    if not rows:
        return [Finding("documents", True, "No documents are kept yet.")]
    if store is None:
        return [Finding("documents", False,
                        f"{len(rows)} documents are recorded, but this team database has no "
                        "shared documents folder set, so their files cannot be checked. Set "
                        "it in Settings (Documents).")]
    found, verified = [], {}
    for row in rows:
        for sha256, what in ((row.sha256, "PDF"), (row.original_sha256, "file as received")):
            if sha256 not in verified:
                verified[sha256] = store.verify(sha256)
            problem = verified[sha256]
            if problem:
                found.append(Finding(
                    "documents", False,
                    f"Family {row.plo_family_id}, “{row.title}” (document {row.id}): "
                    f"{problem.replace('its file', f'its {what}')}. {_WHAT_TO_DO}"))
                break  # one line per document is enough to act on
    if found:
        return found
    return [Finding("documents", True,
                    f"All {len(rows)} documents' files are in the documents folder, unchanged.")]
