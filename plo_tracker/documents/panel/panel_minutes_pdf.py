"""The minutes of a gateway panel meeting: when and where, who attended, whether it was
quorate, and for each family the decision, reasons, actions and next review."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from plo_tracker.documents.record_pdf import (
    RenderedRecord,
    heading_block,
    render_record,
    style,
    text,
)

from .layout import decision_block, section
from .panel_data import PanelMinutes, Section


def render_panel_minutes(minutes: PanelMinutes) -> RenderedRecord:
    sheet = style()
    story: list[Flowable] = heading_block(minutes.title, [
        text(minutes.where), f"Prepared by {text(minutes.prepared_by)}"])
    story += section(Section("Who attended", minutes.attended, "Nobody is recorded as attending."))
    if minutes.absent:
        story += section(Section("Apologies (did not attend)", minutes.absent))
    story.append(Paragraph(f"<b>{text(minutes.quorum_text)}</b>", sheet.body))
    story.append(Paragraph("Decisions", sheet.heading))
    if not minutes.items:
        story.append(Paragraph("No families were on the agenda.", sheet.body))
    for item in minutes.items:
        story.append(Paragraph(f"{item.number}. {text(item.family_text)}", sheet.subheading))
        story.append(Paragraph(f"On the agenda: {text(item.reason)}", sheet.details))
        if item.recommendation:
            story.append(Paragraph(
                f"<b>Social worker's recommendation:</b> {text(item.recommendation)}",
                sheet.body))
        story += decision_block(item)
    return render_record(story, title=minutes.title, author=minutes.prepared_by,
                         subject="Minutes of the gateway panel", family_reference="Gateway panel")
