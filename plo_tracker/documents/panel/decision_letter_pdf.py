"""A family's decision letter from the panel, to its social worker and team manager."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from plo_tracker.documents.record_pdf import (
    RenderedRecord,
    heading_block,
    render_record,
    style,
    text,
)
from plo_tracker.domain.date_text import long_date

from .layout import decision_block
from .panel_data import DecisionLetter


def render_decision_letter(letter: DecisionLetter) -> RenderedRecord:
    sheet = style()
    story: list[Flowable] = heading_block(letter.title, [
        f"To: {text('; '.join(letter.to) or 'The allocated social worker and team manager')}",
        f"Meeting: gateway panel, {long_date(letter.meeting_date)}",
        f"On the agenda: {text(letter.item.reason)}",
    ])
    story.append(Paragraph(
        f"The legal gateway panel considered family {text(letter.plo_family_id)} at its "
        f"meeting on {long_date(letter.meeting_date)}. Its decision, reasons and the actions "
        "set are below. Please make sure each action is done by its date.", sheet.body))
    story += decision_block(letter.item)
    story.append(Paragraph(f"For the panel: {text(letter.signed_by)}", sheet.signature))
    return render_record(story, title=letter.title, author=letter.signed_by,
                         subject="Gateway panel decision", family_reference=letter.plo_family_id)
