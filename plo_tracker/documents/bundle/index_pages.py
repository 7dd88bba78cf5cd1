"""The index: per section, each document's date, title and page range, each entry a link
to the document's first page; then what changed since the previous version.

The links are added once the documents are bound in (their physical pages are known only
then), so each entry notes where on which index page it was drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from plo_tracker.documents.bundle.layout import BundleLayout
from plo_tracker.documents.bundle.numbering import PlacedDocument
from plo_tracker.documents.pdf_style import RULE, LetterStyle
from plo_tracker.domain.date_text import medium_date

INDEX_TITLE = "Index"
CHANGES_TITLE = "Changes since the previous version"
_DATE_WIDTH = 28 * mm
_PAGES_WIDTH = 32 * mm
_CELL_PADDING = 3
_CELL_GAP = 6  # between the columns


@dataclass(frozen=True)
class EntryPlace:
    """Where an index entry was drawn: ``page`` counted from 0 in the front matter,
    ``rect`` (x0, y0, x1, y1) in that page's PDF coordinates, ``entry`` the document's
    place in binding order (from 0)."""

    page: int
    rect: tuple[float, float, float, float]
    entry: int


def index_date(day: date | None) -> str:
    """A document's date in the index, e.g. "3 Mar 2026"; "Undated" when it has none."""
    return "Undated" if day is None else medium_date(day)


class _Row(Flowable):
    """A row of the index: date, title and pages side by side, a rule below; an entry's
    row notes where it was drawn so that it can become a link.

    Drawn directly rather than as a reportlab table, which took longer than the rest of
    the front matter together; an index lists hundreds of documents.
    """

    def __init__(self, cells: Sequence[Paragraph], rule: float,
                 entry: int | None = None, places: list[EntryPlace] | None = None) -> None:
        super().__init__()
        self._cells = cells
        self._rule = rule
        self._entry = entry
        self._places = places

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        widths = (_DATE_WIDTH, available_width - _DATE_WIDTH - _PAGES_WIDTH, _PAGES_WIDTH)
        heights = [cell.wrap(width - _CELL_GAP, available_height)[1]
                   for cell, width in zip(self._cells, widths, strict=True)]
        self._lefts = (0, widths[0], widths[0] + widths[1])
        self.width, self.height = available_width, max(heights) + 2 * _CELL_PADDING
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        for cell, left in zip(self._cells, self._lefts, strict=True):
            cell.drawOn(canvas, left, self.height - _CELL_PADDING - cell.height)
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(self._rule)
        canvas.line(0, 0, self.width, 0)
        canvas.restoreState()
        if self._places is not None and self._entry is not None:
            x0, y0 = canvas.absolutePosition(0, 0)
            x1, y1 = canvas.absolutePosition(self.width, self.height)
            self._places.append(EntryPlace(canvas.getPageNumber() - 1, (x0, y0, x1, y1),
                                           self._entry))


def index_pages(layout: BundleLayout, placed: Sequence[PlacedDocument], style: LetterStyle,
                places: list[EntryPlace]) -> list[Flowable]:
    """The index's paragraphs and rows; ``places`` fills in as the rows are drawn."""
    body, bold = style.body, style.notice
    story: list[Flowable] = [Paragraph(INDEX_TITLE, style.heading)]
    by_section = {id(section): [] for section in layout.sections}
    for number, document in enumerate(placed):
        by_section[id(document.section)].append((number, document))
    for section in layout.sections:
        story.append(Paragraph(f"Section {escape(section.letter)}: {escape(section.title)}",
                               style.subheading))
        entries = by_section[id(section)]
        if not entries:
            story.append(Paragraph("No documents in this section.", body))
            continue
        story.append(_Row([Paragraph("Date", bold), Paragraph("Document", bold),
                           Paragraph("Pages", bold)], rule=0.8))
        for number, document in entries:
            cells = [Paragraph(index_date(document.document.document_date), body),
                     Paragraph(escape(document.document.title), body),
                     Paragraph(document.page_range, body)]
            story.append(_Row(cells, 0.25, number, places))
    if layout.changes:
        story.append(Paragraph(CHANGES_TITLE, style.heading))
        story.extend(Paragraph(escape(change), style.bullet, bulletText="•")
                     for change in layout.changes)
    return story
