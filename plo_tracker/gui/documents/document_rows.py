"""How a family's documents show in a table: the columns, and the marks a document carries."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QIcon

from plo_tracker.domain.clock import UK
from plo_tracker.domain.date_text import short_date
from plo_tracker.services.document_views import DocumentView

from ..case_tabs.case_data import local_time
from ..case_tabs.record_table import Column
from ..icons import icon

NOT_CHECKED = "No text layer: not checked for confidential details"
REPAIRED = "Repaired"


def pages_text(pages: Sequence[int]) -> str:
    """Page numbers for people: "page 3", "pages 2, 5 and 7"."""
    numbers = [str(page) for page in pages]
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    return f"pages {', '.join(numbers[:-1])} and {numbers[-1]}"


def marks(document: DocumentView, titles: dict[int, str]) -> list[str]:
    """What a reader must know about a document before it goes to court, in short lines.

    ``titles`` names the family's other documents, for "same file as …".
    """
    found: list[str] = []
    if document.pages_without_text:
        found.append(f"{NOT_CHECKED} ({pages_text(document.pages_without_text)})")
    if document.repaired:
        found.append(f"{REPAIRED}: the file was damaged and has been mended")
    for other in document.same_file_as:
        found.append(f"Same file as “{titles.get(other, 'another document')}”")
    return found


def mark_icon(document: DocumentView) -> QIcon | None:
    """A warning sign beside a document that needs a look; the words say what."""
    if document.pages_without_text or document.repaired or document.same_file_as:
        return icon("warning")
    return None


def describe(document: DocumentView) -> str:
    """Words naming a document, for messages: “Care plan” dated Tue 3 Mar 2026."""
    dated = f" dated {short_date(document.document_date)}" if document.document_date else ""
    return f"“{document.title}”{dated}"


_MADE_HERE = {
    "letter": "A letter made by PLO Tracker.",
    "chronology": "The chronology made by PLO Tracker from the case record.",
    "minutes": "Minutes made by PLO Tracker from the meeting record.",
    "demo": "A synthetic document made by PLO Tracker for the demo data.",
}


def origin_text(document: DocumentView) -> str:
    """Where the document came from: the file added, or the app's own letter or record."""
    if document.source == "file":
        return f"Added from the file {document.original_name} ({document.original_kind})."
    return _MADE_HERE.get(document.source, "Made by PLO Tracker.")


def document_columns(titles: dict[int, str]) -> tuple[Column[DocumentView], ...]:
    """The table's columns; ``titles`` (filled in as the list loads) names duplicates."""
    def notes(document: DocumentView) -> str:
        return "; ".join(marks(document, titles))

    def tooltip(document: DocumentView) -> str | None:
        lines = [origin_text(document), *marks(document, titles), *document.intake_notes]
        return "\n".join(lines)

    return (
        Column("Date", "The date on the document",
               lambda x: short_date(x.document_date) if x.document_date else "No date",
               "Wed 30 Sep 2026"),
        Column("Title", "What the document is called", lambda x: x.title,
               "Parenting assessment of the mother", tooltip=tooltip, icon=mark_icon),
        # The longest type (the SWET) is elided here; its tooltip has it whole.
        Column("Type", "The kind of document", lambda x: x.doc_type.label,
               "Statement of issues"),
        Column("Section", "The bundle section it goes in unless placed elsewhere",
               lambda x: x.default_section, "Section"),
        Column("Pages", "How many pages it has", lambda x: f"{x.page_count:,}", "Pages"),
        Column("Author", "Who wrote it", lambda x: x.author or "", "Dr Hannah Lowe"),
        Column("Added by", "Who added it, and when",
               lambda x: f"{x.added_by_name}, {short_date(x.added_at.astimezone(UK).date())}",
               "manager, Tue 30 Sep 2026",
               tooltip=lambda x: (f"Added by {x.added_by_name} (user name {x.added_by}), "
                                  f"{local_time(x.added_at)}")),
        Column("Notes", "What to know before it goes to court", notes, tooltip=tooltip),
    )
