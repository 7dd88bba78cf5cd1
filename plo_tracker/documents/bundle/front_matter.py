"""Lays the front sheet and the index out as one PDF, before the documents are bound in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO

from reportlab.platypus import SimpleDocTemplate

from plo_tracker.documents.bundle.front_sheet import front_sheet
from plo_tracker.documents.bundle.index_pages import EntryPlace, index_pages
from plo_tracker.documents.bundle.layout import BundleLayout
from plo_tracker.documents.bundle.numbering import PlacedDocument
from plo_tracker.documents.pdf_assembly import CREATOR
from plo_tracker.documents.pdf_style import letter_style

# The page numbers are stamped afterwards, as on every page; this leaves room for them.
_BOTTOM_MARGIN_EXTRA = 6


@dataclass(frozen=True)
class FrontMatter:
    """The front sheet and index as PDF bytes; ``index_page`` is the index's first page
    (from 0) and ``places`` where each index entry was drawn."""

    pdf: bytes = field(repr=False)
    index_page: int
    places: tuple[EntryPlace, ...]


def bundle_title(layout: BundleLayout) -> str:
    """The title viewers show for the bundle's file."""
    front = layout.front
    return f"Court bundle – {front.case_title} – {front.case_number}"


def render_front_matter(layout: BundleLayout, placed: Sequence[PlacedDocument]) -> FrontMatter:
    """The front sheet (one page) and the index (as many pages as it needs)."""
    style = letter_style(False)
    buffer = BytesIO()
    template = SimpleDocTemplate(
        buffer, pagesize=style.page_size, leftMargin=style.margin_left,
        rightMargin=style.margin_right, topMargin=style.margin_top,
        bottomMargin=style.margin_bottom + _BOTTOM_MARGIN_EXTRA,
        title=bundle_title(layout), creator=CREATOR, invariant=1,
    )
    places: list[EntryPlace] = []
    story = front_sheet(layout.front, style) + index_pages(layout, placed, style, places)
    template.build(story)
    return FrontMatter(buffer.getvalue(), 1, tuple(places))
