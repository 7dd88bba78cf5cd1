"""Records filed at court (the chronology, meeting minutes): one page layout for them all.

They share the letters' style sheet and page furniture (pdf_style, fonts, "Page 1 of 3"
with the family reference on every page), so everything the council files looks alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer

from plo_tracker.documents import fonts

# The letters' paged canvas draws the footer once the page count is known; records use it
# as it is rather than a second copy of it.
from plo_tracker.documents.letter_pdf import PagedCanvas
from plo_tracker.documents.pdf_assembly import CREATOR
from plo_tracker.documents.pdf_style import LetterStyle, letter_style

# Dense tables of a record are a little smaller than a letter's body, so a long chronology
# keeps within PD27A's ten pages; still above 9 pt, readable when printed.
TABLE_PT = 9.5


@dataclass(frozen=True)
class RenderedRecord:
    pdf: bytes
    pages: int


def text(value: str) -> str:
    """Typed text as paragraph markup: escaped, its line breaks kept."""
    return escape(value).replace("\n", "<br/>")


def style() -> LetterStyle:
    return letter_style(False)


def table_style(bold: bool = False) -> ParagraphStyle:
    """The paragraph style of a table cell."""
    body = style().body
    return ParagraphStyle("RecordBold" if bold else "RecordCell", parent=body,
                          fontName=fonts.BOLD if bold else body.fontName, fontSize=TABLE_PT,
                          leading=round(TABLE_PT * 1.3, 1), spaceAfter=0)


def heading_block(title: str, lines: Sequence[str]) -> list[Flowable]:
    """The record's title and the lines under it (family, children, date)."""
    sheet = style()
    block: list[Flowable] = [Paragraph(text(title), sheet.heading)]
    block += [Paragraph(line, sheet.details) for line in lines]
    block.append(Spacer(1, sheet.body.fontSize))
    return block


def render_record(story: list[Flowable], *, title: str, author: str, subject: str,
                  family_reference: str = "", footer: str | None = None) -> RenderedRecord:
    """The story on A4 pages with "Page N of M" and the family reference on each (or
    ``footer``, for a record about no one family, such as the management report).

    The same story always gives the same bytes (reportlab's invariant mode).
    """
    sheet = style()
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=sheet.page_size, leftMargin=sheet.margin_left,
        rightMargin=sheet.margin_right, topMargin=sheet.margin_top,
        bottomMargin=sheet.margin_bottom, title=title, author=author, subject=subject,
        creator=CREATOR, lang="en-GB", displayDocTitle=1,
        # Otherwise reportlab starts each page in Helvetica, which is not embedded.
        initialFontName=sheet.footer_font, initialFontSize=sheet.footer_size, invariant=1)
    frame = Frame(sheet.margin_left, sheet.margin_bottom, sheet.frame_width,
                  sheet.page_size[1] - sheet.margin_top - sheet.margin_bottom,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="record", frames=[frame])])
    doc.build(story, canvasmaker=partial(
        PagedCanvas, style=sheet,
        footer_text=f"Family reference: {family_reference}" if footer is None else footer))
    return RenderedRecord(buffer.getvalue(), doc.page)
