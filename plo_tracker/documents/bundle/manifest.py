"""The manifest: where each document went, kept with the bundle version."""

from __future__ import annotations

from collections.abc import Sequence

from plo_tracker.documents.bundle.layout import ManifestEntry
from plo_tracker.documents.bundle.numbering import PlacedDocument


def manifest_entry(placed: PlacedDocument, first_page: int) -> ManifestEntry:
    """The entry of a document bound in from physical page ``first_page`` (from 1)."""
    document = placed.document
    return ManifestEntry(
        key=document.key, title=document.title, sha256=document.sha256,
        section=placed.section.letter, first_label=placed.first_label,
        last_label=placed.last_label, first_page=first_page,
        last_page=first_page + document.page_count - 1,
    )


def manifest(placed: Sequence[PlacedDocument], starts: Sequence[int]) -> tuple[ManifestEntry, ...]:
    """Every document's entry; ``starts`` are their first pages counted from 0."""
    return tuple(manifest_entry(document, start + 1)
                 for document, start in zip(placed, starts, strict=True))
