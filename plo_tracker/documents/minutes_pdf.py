"""Minutes of a pre-proceedings meeting as a PDF, made from the meeting's record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable, Paragraph

from plo_tracker.documents.record_pdf import (
    RenderedRecord,
    heading_block,
    render_record,
    style,
    text,
)
from plo_tracker.domain.date_text import long_date, medium_date

NO_PROGRESS = "No progress recorded at this meeting."
NO_EXPECTATIONS = "The plan has no expectations recorded."


@dataclass(frozen=True)
class ExpectationMinute:
    """One expectation of the plan (what must change) and the progress seen at the meeting."""

    text: str
    due_date: date | None
    progress: tuple[str, ...]


@dataclass(frozen=True)
class MinutesPrint:
    plo_family_id: str
    children: tuple[str, ...]
    title: str  # "Minutes of the initial pre-proceedings meeting, 12 Mar 2026"
    meeting: str  # "Initial pre-proceedings meeting"
    held_date: date
    place: str | None
    attendance: str
    solicitors_present: bool | None
    expectations: tuple[ExpectationMinute, ...]
    agreed: str
    next_meeting: str  # a sentence
    prepared_by: str


def minutes_title(meeting: str, held: date) -> str:
    """E.g. "Minutes of the initial pre-proceedings meeting, 12 Mar 2026"."""
    return f"Minutes of the {meeting[0].lower()}{meeting[1:]}, {medium_date(held)}"


def _solicitors(present: bool | None) -> str:
    return {True: "The parents' solicitors were present.",
            False: "The parents' solicitors were not present.",
            None: "Whether the parents' solicitors were present is not recorded."}[present]


def _expectations(minutes: MinutesPrint) -> list[Flowable]:
    sheet = style()
    if not minutes.expectations:
        return [Paragraph(NO_EXPECTATIONS, sheet.body)]
    block: list[Flowable] = []
    for number, item in enumerate(minutes.expectations, start=1):
        due = f" (by {long_date(item.due_date)})" if item.due_date else ""
        block.append(Paragraph(f"{number}. {text(item.text)}{due}", sheet.subheading))
        progress = item.progress or (NO_PROGRESS,)
        block += [Paragraph(f"Progress: {text(line)}", sheet.bullet, bulletText="•")
                  for line in progress]
    return block


def render_minutes(minutes: MinutesPrint) -> RenderedRecord:
    """The minutes: when and where, who attended, each expectation with its progress, what
    was agreed, and the next meeting."""
    sheet = style()
    children = "; ".join(minutes.children) or "None recorded"
    where = f" at {text(minutes.place)}" if minutes.place else ""
    story = heading_block(minutes.title, [
        f"Family: {text(minutes.plo_family_id)}",
        f"Children: {text(children)}",
        f"Prepared by {text(minutes.prepared_by)}",
    ])
    story += [
        Paragraph("Meeting", sheet.subheading),
        Paragraph(f"{text(minutes.meeting)}, held on {long_date(minutes.held_date)}{where}.",
                  sheet.body),
        Paragraph("Who attended", sheet.subheading),
        Paragraph(text(minutes.attendance), sheet.body),
        Paragraph(_solicitors(minutes.solicitors_present), sheet.body),
        Paragraph("What must change, and the progress seen", sheet.heading),
        *_expectations(minutes),
        Paragraph("What was agreed", sheet.heading),
        Paragraph(text(minutes.agreed), sheet.body),
        Paragraph("Next meeting", sheet.heading),
        Paragraph(text(minutes.next_meeting), sheet.body),
    ]
    return render_record(story, title=minutes.title, author=minutes.prepared_by,
                         subject=minutes.title, family_reference=minutes.plo_family_id)
