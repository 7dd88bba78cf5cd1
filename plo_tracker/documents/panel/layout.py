"""Shared pieces of the panel's PDFs: sections as headings with lines, the quorate mark,
and text cut short to fit."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from plo_tracker.documents.record_pdf import style, text
from plo_tracker.domain.panel import NOT_QUORATE_MARK

from .panel_data import ItemMinute, Section

CONTINUED = "…(continued in the record)"


def shorten(value: str, limit: int | None) -> str:
    """The text, or its first ``limit`` characters ended at a word and marked as cut."""
    if limit is None or len(value) <= limit:
        return value
    cut = value[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return f"{cut} {CONTINUED}"


def section(part: Section, limit: int | None = None,
            most_lines: int | None = None) -> list[Flowable]:
    """A section's heading and its lines, each cut to ``limit`` characters and at most
    ``most_lines`` of them (the rest counted in one more line)."""
    sheet = style()
    block: list[Flowable] = [Paragraph(text(part.heading), sheet.subheading)]
    lines = part.lines
    if not lines:
        return [*block, Paragraph(text(part.empty), sheet.body)]
    shown = lines if most_lines is None else lines[:most_lines]
    block += [Paragraph(text(shorten(line, limit)), sheet.bullet, bulletText="•")
              for line in shown]
    if len(shown) < len(lines):
        more = len(lines) - len(shown)
        block.append(Paragraph(text(f"and {more} more {CONTINUED}"), sheet.bullet,
                               bulletText="•"))
    return block


def quorate_words(quorate: bool | None) -> str | None:
    """The mark on a decision taken at a meeting that was not quorate."""
    return f"{NOT_QUORATE_MARK}." if quorate is False else None


def decision_block(item: ItemMinute) -> list[Flowable]:
    """A family's decision, reasons, actions and next review, as minutes and letters give it."""
    sheet = style()
    block: list[Flowable] = [Paragraph(f"<b>Decision:</b> {text(item.decision)}", sheet.body)]
    mark = quorate_words(item.quorate)
    if mark:
        block.append(Paragraph(f"<b>{text(mark)}</b>", sheet.notice))
    block.append(Paragraph(f"<b>Reasons:</b> {text(item.reasons or 'None recorded.')}",
                           sheet.body))
    block += section(Section("Actions", item.actions, "No actions were set."))
    block.append(Paragraph(text(item.next_review), sheet.body))
    return block
