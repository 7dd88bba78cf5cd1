"""A family's one-page summary sheet for the panel.

Kept to one page: long text is cut with "…(continued in the record)", and if the page still
runs over, the text is cut shorter and fewer lines shown, until it fits.
"""

from __future__ import annotations

from plo_tracker.documents.record_pdf import RenderedRecord, heading_block, render_record, text

from .layout import section
from .panel_data import SummarySheet

# (characters a line keeps, lines a section shows), tried in turn until the page fits.
_FITS = ((600, 8), (300, 6), (160, 4), (90, 3), (60, 2), (40, 1))


def render_summary_sheet(sheet: SummarySheet) -> RenderedRecord:
    """The sheet on one A4 page."""
    rendered = None
    for limit, most in _FITS:
        story = heading_block(sheet.title, [text(line) for line in sheet.details])
        for part in sheet.sections:
            story += section(part, limit, most)
        rendered = render_record(story, title=f"Summary for the gateway panel: {sheet.title}",
                                 author="PLO Tracker", subject="Gateway panel summary sheet",
                                 family_reference=sheet.plo_family_id)
        if rendered.pages == 1:
            return rendered
    assert rendered is not None
    return rendered
