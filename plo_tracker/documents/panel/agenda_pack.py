"""The agenda pack: a contents page listing each family with its page, then each family's
summary sheet, with a bookmark per family."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Paragraph, Table, TableStyle

from plo_tracker.documents.pdf_assembly import Part, combine
from plo_tracker.documents.record_pdf import (
    heading_block,
    render_record,
    style,
    table_style,
    text,
)

from .panel_data import SummarySheet
from .summary_sheet import render_summary_sheet


@dataclass(frozen=True)
class PackEntry:
    sheet: SummarySheet
    reason: str  # why the family is on the agenda


def _contents(title: str, details: Sequence[str], entries: Sequence[PackEntry],
              first_page: int) -> bytes:
    cell, bold = table_style(), table_style(bold=True)
    rows = [[Paragraph("No.", bold), Paragraph("Family", bold), Paragraph("Why", bold),
             Paragraph("Page", bold)]]
    rows += [[Paragraph(str(number), cell), Paragraph(text(entry.sheet.title), cell),
              Paragraph(text(entry.reason), cell), Paragraph(str(first_page + number - 1), cell)]
             for number, entry in enumerate(entries, start=1)]
    width = style().frame_width
    table = Table(rows, colWidths=[width * 0.08, width * 0.42, width * 0.38, width * 0.12],
                  repeatRows=1)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black")]))
    story = heading_block(title, [text(line) for line in details])
    if entries:
        story.append(table)
    else:
        story.append(Paragraph("No families are on this agenda.", style().body))
    return render_record(story, title=title, author="PLO Tracker", subject="Gateway panel agenda",
                         family_reference="Gateway panel").pdf


def render_agenda_pack(title: str, details: Sequence[str],
                       entries: Sequence[PackEntry]) -> bytes:
    """The contents page(s), then one page per family; bookmarks: contents and each family."""
    from plo_tracker.documents.pdf_assembly import page_count

    sheets = [render_summary_sheet(entry.sheet) for entry in entries]
    contents_pages = 1
    while True:  # the page numbers depend on how long the contents themselves are
        contents = _contents(title, details, entries, contents_pages + 1)
        pages = page_count(contents)
        if pages == contents_pages:
            break
        contents_pages = pages
    # Each sheet is one page, so family N is on page contents + N; a sheet that could not
    # be kept to one page moves the ones after it, and the bookmarks still find them.
    parts = [Part(contents, "Contents")]
    parts += [Part(rendered.pdf, f"{number}. {entry.sheet.title}")
              for number, (entry, rendered) in enumerate(zip(entries, sheets, strict=True),
                                                         start=1)]
    return combine(parts, title)
