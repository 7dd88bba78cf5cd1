"""What the bundle service hands to the window and the command line: frozen plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from plo_tracker.domain.bundle_sections import DEFAULT_PAGE_LIMIT, SectionTemplate
from plo_tracker.domain.clock import UK
from plo_tracker.domain.document_types import DocumentType
from plo_tracker.domain.errors import DomainError

from .bundle_layout import page_range


@dataclass(frozen=True)
class BundleForm:
    """The hearing a bundle is for. ``hearing_at`` is an aware datetime (shown in UK time)."""

    court: str
    case_number: str
    hearing_at: datetime | None
    judge: str = ""
    page_limit: int = DEFAULT_PAGE_LIMIT


@dataclass(frozen=True)
class BundleView:
    bundle_id: int
    family_id: int
    plo_family_id: str
    court: str
    case_number: str
    hearing_at: datetime | None
    judge: str
    page_limit: int
    sections: tuple[SectionTemplate, ...]
    created_by: str
    created_at: datetime
    issued_at: datetime | None
    versions: int
    last_built_at: datetime | None

    @property
    def hearing_words(self) -> str:
        """"Tue 8 Dec 2026 at 10:30" in UK time, or "no hearing date yet"."""
        return hearing_words(self.hearing_at)


def hearing_words(when: datetime | None) -> str:
    if when is None:
        return "no hearing date yet"
    local = when.astimezone(UK)
    return f"{local:%a} {local.day} {local:%b %Y} at {local:%H:%M}"


@dataclass(frozen=True)
class PlacedView:
    """A document in a section, with the page numbers it will have when built."""

    document_id: int
    title: str
    document_date: date | None
    doc_type: DocumentType
    section: str
    page_count: int
    first_label: str
    last_label: str
    sha256: str
    pages_without_text: tuple[int, ...]
    placed_by_hand: bool
    late: bool
    # In an issued version: it cannot be moved or taken out, and its numbers stay.
    locked: bool

    @property
    def page_range(self) -> str:
        return page_range(self.first_label, self.last_label)


@dataclass(frozen=True)
class SectionView:
    letter: str
    title: str
    documents: tuple[PlacedView, ...]
    pages: int


@dataclass(frozen=True)
class UnplacedView:
    """A document of the family not in this bundle, and where it would go."""

    document_id: int
    title: str
    document_date: date | None
    doc_type: DocumentType
    default_section: str
    page_count: int


@dataclass(frozen=True)
class BundleLayoutView:
    bundle: BundleView
    sections: tuple[SectionView, ...]
    unplaced: tuple[UnplacedView, ...]
    total_pages: int
    page_limit: int
    warnings: tuple[str, ...]
    # What a build now would list as changed since the last issued version.
    changes: tuple[str, ...]


@dataclass(frozen=True)
class ConfidentialHit:
    """A confidential detail found on a page. ``page`` counts within the document (from 1);
    ``kind`` says what it is ("address"); the phrase itself is never shown."""

    document_id: int
    title: str
    page: int
    kind: str

    @property
    def words(self) -> str:
        return (f"document “{self.title}”, page {self.page}: a confidential detail "
                f"({self.kind}) was found")


@dataclass(frozen=True)
class UncheckedPages:
    """Pages of a document without a text layer: the guard could not read them."""

    document_id: int
    title: str
    pages: tuple[int, ...]

    @property
    def words(self) -> str:
        listed = ", ".join(str(p) for p in self.pages)
        return f"document “{self.title}”, page{'s' if len(self.pages) > 1 else ''} {listed}"


@dataclass(frozen=True)
class BuildCheck:
    """What a build would meet now: confidential details found, pages not checked, and
    the layout's warnings."""

    hits: tuple[ConfidentialHit, ...]
    unchecked: tuple[UncheckedPages, ...]
    warnings: tuple[str, ...]

    @property
    def clear(self) -> bool:
        """Nothing stops the parties' copy (warnings never do)."""
        return not self.hits and not self.unchecked


class ConfidentialDetailsFound(DomainError):
    """The parties' copy is refused: confidential details are in documents placed."""

    def __init__(self, hits: tuple[ConfidentialHit, ...], after_redaction: bool = False):
        self.hits = hits
        if after_redaction:
            message = (f"Confidential details are still in the parties' copy after redaction "
                       f"({len(hits)} found), so it was not made. Replace those documents "
                       "with versions without the details.")
        else:
            message = (f"Confidential details were found in {len(hits)} "
                       f"place{'s' if len(hits) != 1 else ''}, so the parties' copy was not "
                       "made. Redact them (build again with redaction chosen) or take the "
                       "documents out.")
        # What was found, without the advice (which the window and the command line word
        # each in their own terms).
        self.finding = message.split(". ")[0] + "."
        super().__init__(message)


class PagesNotChecked(DomainError):
    """Pages without a text layer cannot be searched; the worker must confirm them."""

    def __init__(self, unchecked: tuple[UncheckedPages, ...]):
        self.unchecked = unchecked
        count = sum(len(u.pages) for u in unchecked)
        self.finding = (f"{count} page{'s' if count != 1 else ''} could not be checked for "
                        "confidential details (no text layer).")
        super().__init__(f"{self.finding} Look at them yourself, then confirm to build.")


@dataclass(frozen=True)
class ManifestRow:
    """Where one document is in a built version (the same in both copies)."""

    document_id: int
    title: str
    sha256: str
    section: str
    first_label: str
    last_label: str
    first_page: int
    last_page: int


@dataclass(frozen=True)
class BundleVersionView:
    version_id: int
    bundle_id: int
    number: int
    built_by: str
    built_at: datetime
    issued: bool
    page_count: int
    court_sha256: str
    parties_sha256: str | None
    manifest: tuple[ManifestRow, ...]
    changes: tuple[str, ...]
    # The build report: documents redacted (title and pages), pages not checked, warnings.
    redacted: tuple[str, ...]
    unchecked: tuple[str, ...]
    warnings: tuple[str, ...]
    # Where this build wrote the two copies (None when read back later).
    court_path: Path | None = None
    parties_path: Path | None = None
    # Who built it, by the display name their account has ("Sam Okafor" for "worker06").
    built_by_name: str = ""


@dataclass(frozen=True)
class BundleSummary:
    """A bundle in the Bundles page's lists."""

    bundle_id: int
    family_id: int
    plo_family_id: str
    court: str
    case_number: str
    hearing_at: datetime | None
    issued_at: datetime | None
    versions: int
    last_built_at: datetime | None
    # Documents placed since the last version was built (late additions included).
    waiting: int


@dataclass(frozen=True)
class BuiltSummary:
    bundle: BundleSummary
    number: int
    built_by: str  # the display name of the account that built it
    built_at: datetime
    page_count: int
    issued: bool


@dataclass(frozen=True)
class BundlesOverview:
    upcoming: tuple[BundleSummary, ...]  # hearings in the next 28 days, soonest first
    in_progress: tuple[BundleSummary, ...]  # not issued, or late additions since
    last_built: tuple[BuiltSummary, ...]  # most recent versions first
