"""What a bundle is made of (plain data from the services) and what building it gives back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path


@dataclass(frozen=True)
class BundleDocument:
    """One document placed in a section; ``key`` is the service's name for it (kept in
    the manifest), ``page_count`` what intake counted (checked when building)."""

    key: str
    title: str
    document_date: date | None
    pdf_path: Path
    sha256: str
    page_count: int


@dataclass(frozen=True)
class BundleSection:
    """A lettered section (PD27A: A to F), its documents in the order they are bound."""

    letter: str
    title: str
    documents: tuple[BundleDocument, ...]


@dataclass(frozen=True)
class FrontSheet:
    """What the first page says about the hearing and about this copy of the bundle."""

    case_title: str
    case_number: str
    court: str
    hearing_at: datetime | None
    judge: str
    prepared_by: str
    version_label: str  # e.g. "Version 2"
    copy_label: str  # e.g. "Court's copy" or "Parties' copy (confidential details removed)"


@dataclass(frozen=True)
class BundleLayout:
    """Everything a build needs: the front sheet, the sections in order, and (for a
    version after the first) the sentences saying what changed, printed after the index."""

    front: FrontSheet
    sections: tuple[BundleSection, ...]
    changes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ManifestEntry:
    """Where one document went: its labels ("C1", "C12") and its physical pages (from 1)."""

    key: str
    title: str
    sha256: str
    section: str
    first_label: str
    last_label: str
    first_page: int
    last_page: int


@dataclass(frozen=True)
class BuiltBundle:
    """The finished file, its page count, where each document is, and every page's label."""

    path: Path
    page_count: int
    manifest: tuple[ManifestEntry, ...]
    page_labels: tuple[str, ...]
