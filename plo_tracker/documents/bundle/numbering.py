"""Page numbers: the front sheet and index are i, ii ...; each section counts its own
pages from 1 behind its letter (A1, A2 ... C12), as PD27A asks.

A section's numbers depend only on the documents before in that section, so a late
document put at the end of its section leaves every earlier number as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from plo_tracker.documents.bundle.layout import BundleDocument, BundleLayout, BundleSection
from plo_tracker.documents.pdf_assembly import LabelStyle, PageLabel, label_text

FRONT_LABEL = PageLabel(style=LabelStyle.ROMAN_LOWER)


def section_label(section: BundleSection) -> PageLabel:
    """The label of a section's pages: its letter, then the page within the section."""
    return PageLabel(prefix=section.letter)


@dataclass(frozen=True)
class PlacedDocument:
    """A document with its place in its section: ``position`` is its first page's number
    within the section (from 1)."""

    document: BundleDocument
    section: BundleSection
    position: int

    @property
    def first_label(self) -> str:
        return label_text(section_label(self.section), self.position - 1)

    @property
    def last_label(self) -> str:
        return label_text(section_label(self.section),
                          self.position + self.document.page_count - 2)

    @property
    def page_range(self) -> str:
        """As the index prints it, e.g. "C1 - C12" (one label for a one-page document)."""
        if self.document.page_count == 1:
            return self.first_label
        return f"{self.first_label} - {self.last_label}"


def placed_documents(layout: BundleLayout) -> Iterator[PlacedDocument]:
    """Every document of the layout in binding order, with its numbers."""
    for section in layout.sections:
        position = 1
        for document in section.documents:
            yield PlacedDocument(document, section, position)
            position += document.page_count


def total_pages(layout: BundleLayout) -> int:
    """Pages of the documents alone (the front sheet and index come on top)."""
    return sum(document.page_count for section in layout.sections
               for document in section.documents)
