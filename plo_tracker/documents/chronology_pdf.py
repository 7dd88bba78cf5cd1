"""The social work chronology as a PDF: a numbered table of date, event and source."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from plo_tracker.documents import fonts
from plo_tracker.documents.pdf_style import NOTICE_BACKGROUND, RULE
from plo_tracker.documents.record_pdf import (
    RenderedRecord,
    heading_block,
    render_record,
    style,
    table_style,
    text,
)
from plo_tracker.domain.chronology import ChronologyLine
from plo_tracker.domain.date_text import long_date, short_date

TITLE = "Social work chronology"
HEADINGS = ("No.", "Date", "Event", "Source")
# Widths of No., Date and Source; the event takes the rest of the line.
_NUMBER, _DATE, _SOURCE = 10 * mm, 30 * mm, 42 * mm


@dataclass(frozen=True)
class ChronologyPrint:
    plo_family_id: str
    children: tuple[str, ...]
    lines: tuple[ChronologyLine, ...]
    as_of: date
    prepared_by: str


def _table(lines: Sequence[ChronologyLine]) -> Table:
    cell, bold = table_style(), table_style(bold=True)
    rows = [[Paragraph(h, bold) for h in HEADINGS]]
    rows += [[Paragraph(str(number), cell), Paragraph(short_date(line.entry_date), cell),
              Paragraph(text(line.event), cell), Paragraph(text(line.source), cell)]
             for number, line in enumerate(lines, start=1)]
    width = style().frame_width
    table = Table(rows, colWidths=(_NUMBER, _DATE, width - _NUMBER - _DATE - _SOURCE, _SOURCE),
                  repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), NOTICE_BACKGROUND),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def render_chronology(chronology: ChronologyPrint) -> RenderedRecord:
    """The chronology, its entries numbered in the order given, on A4 pages."""
    children = "; ".join(chronology.children) or "None recorded"
    story = heading_block(TITLE, [
        f"Family: {text(chronology.plo_family_id)}",
        f"Children: {text(children)}",
        f"As at {long_date(chronology.as_of)}; prepared by {text(chronology.prepared_by)}",
    ])
    story.append(_table(chronology.lines))
    return render_record(story, title=f"{TITLE}, {chronology.plo_family_id}",
                         author=chronology.prepared_by, subject=TITLE,
                         family_reference=chronology.plo_family_id)
