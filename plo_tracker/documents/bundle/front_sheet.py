"""The bundle's first page: the case, the court, the hearing, and which copy this is."""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from plo_tracker.documents.bundle.layout import FrontSheet
from plo_tracker.documents.pdf_style import LetterStyle
from plo_tracker.domain.date_text import short_date


def hearing_text(hearing_at: datetime | None) -> str:
    """The hearing as people read it, e.g. "Tue 3 Mar 2026, 10:30"."""
    if hearing_at is None:
        return "Date not yet fixed"
    return f"{short_date(hearing_at.date())}, {hearing_at:%H:%M}"


def front_sheet(front: FrontSheet, style: LetterStyle) -> list[Flowable]:
    """The front sheet's paragraphs, ending with a page break."""
    centred = ParagraphStyle("FrontBody", parent=style.body, alignment=TA_CENTER)
    heading = ParagraphStyle("FrontHeading", parent=style.heading, alignment=TA_CENTER,
                             fontSize=style.heading.fontSize * 1.3,
                             leading=style.heading.leading * 1.3)
    title = ParagraphStyle("FrontTitle", parent=style.subheading, alignment=TA_CENTER,
                           fontSize=style.subheading.fontSize * 1.4,
                           leading=style.subheading.leading * 1.4)

    def line(text: str, paragraph_style: ParagraphStyle = centred) -> Paragraph:
        return Paragraph(escape(text), paragraph_style)

    def labelled(label: str, value: str) -> Paragraph:
        return Paragraph(f"<b>{escape(label)}:</b> {escape(value or 'not given')}", centred)

    return [
        Spacer(1, 30 * mm),
        line(front.court, heading),
        labelled("Case number", front.case_number),
        Spacer(1, 12 * mm),
        line(front.case_title, title),
        Spacer(1, 12 * mm),
        labelled("Hearing", hearing_text(front.hearing_at)),
        labelled("Judge", front.judge),
        Spacer(1, 20 * mm),
        line("Court bundle", heading),
        line(front.version_label, title),
        line(front.copy_label, title),
        Spacer(1, 12 * mm),
        labelled("Prepared by", front.prepared_by),
        PageBreak(),
    ]
