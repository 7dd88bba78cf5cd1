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
from reportlab.platypus import Flowable, Paragraph, Table

from plo_tracker.documents import fonts
from plo_tracker.documents.bundle.layout import BundleLayout
from plo_tracker.documents.bundle.numbering import PlacedDocument
from plo_tracker.documents.pdf_style import RULE, LetterStyle

INDEX_TITLE = "Index"
CHANGES_TITLE = "Changes since the previous version"
_DATE_WIDTH = 28 * mm
_PAGES_WIDTH = 32 * mm
_FRAME_PADDING = 6  # reportlab's frames keep this much inside each side


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
    return "Undated" if day is None else f"{day.day} {day:%b %Y}"


class _Entry(Flowable):
    """One index row; notes where it was drawn so that it can become a link."""

    def __init__(self, row: Table, entry: int, places: list[EntryPlace]) -> None:
        super().__init__()
        self._row = row
        self._entry = entry
        self._places = places

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self._row.wrap(available_width, available_height)
        return self.width, self.height

    def draw(self) -> None:
        self._row.drawOn(self.canv, 0, 0)
        x0, y0 = self.canv.absolutePosition(0, 0)
        x1, y1 = self.canv.absolutePosition(self.width, self.height)
        self._places.append(EntryPlace(self.canv.getPageNumber() - 1, (x0, y0, x1, y1),
                                       self._entry))


def _row(cells: Sequence[Paragraph], width: float, header: bool = False) -> Table:
    table = Table([list(cells)], colWidths=[_DATE_WIDTH, width - _DATE_WIDTH - _PAGES_WIDTH,
                                            _PAGES_WIDTH])
    commands = [("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("LINEBELOW", (0, 0), (-1, -1), 0.8 if header else 0.25, RULE)]
    table.setStyle(commands)
    return table


def index_pages(layout: BundleLayout, placed: Sequence[PlacedDocument], style: LetterStyle,
                places: list[EntryPlace]) -> list[Flowable]:
    """The index's paragraphs and rows; ``places`` fills in as the rows are drawn."""
    width = style.frame_width - 2 * _FRAME_PADDING
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
        story.append(_row([Paragraph("Date", bold), Paragraph("Document", bold),
                           Paragraph("Pages", bold)], width, header=True))
        for number, document in entries:
            cells = [Paragraph(index_date(document.document.document_date), body),
                     Paragraph(escape(document.document.title), body),
                     Paragraph(document.page_range, body)]
            story.append(_Entry(_row(cells, width), number, places))
    if layout.changes:
        story.append(Paragraph(CHANGES_TITLE, style.heading))
        story.extend(Paragraph(escape(change), style.bullet, bulletText="•")
                     for change in layout.changes)
    return story
