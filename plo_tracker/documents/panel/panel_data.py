"""What the panel's PDFs are made from: plain data, worded by the service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Section:
    """A heading and its lines (each line a sentence or a short row)."""

    heading: str
    lines: tuple[str, ...]
    empty: str = "None recorded."


@dataclass(frozen=True)
class SummarySheet:
    """One family's page for the panel."""

    plo_family_id: str
    title: str  # "PLO-2026-0042 Smith"
    details: tuple[str, ...]  # the lines under the title: meeting, reason, worker, stage
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class ItemMinute:
    """One family's part of the minutes, or of its decision letter."""

    number: int
    family_text: str
    reason: str
    decision: str  # "Extend pre-proceedings to 29 Jan 2027", or "No decision recorded"
    reasons: str
    actions: tuple[str, ...]  # "Send the letter (Sam Okafor, by 3 Dec 2026)"
    next_review: str  # a sentence
    quorate: bool | None
    recommendation: str | None = None


@dataclass(frozen=True)
class PanelMinutes:
    meeting_date: date
    title: str  # "Minutes of the gateway panel, 3 Dec 2026"
    where: str  # "10:00 at Room 4, County Hall"
    attended: tuple[str, ...]  # "Morgan Patel (chair)"
    absent: tuple[str, ...]
    quorum_text: str
    quorate: bool | None
    items: tuple[ItemMinute, ...]
    prepared_by: str


@dataclass(frozen=True)
class DecisionLetter:
    plo_family_id: str
    title: str  # "Gateway panel decision: PLO-2026-0042 Smith"
    to: tuple[str, ...]  # the social worker and team manager
    meeting_date: date
    item: ItemMinute
    signed_by: str
