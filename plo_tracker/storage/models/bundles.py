"""Court bundles: one per hearing, the documents placed in its sections, and each version built."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UtcDateTime


class Bundle(Base):
    """The bundle for one hearing of a family's case, with the hearing's details."""

    __tablename__ = "bundles"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    court: Mapped[str] = mapped_column(String(160))
    case_number: Mapped[str] = mapped_column(String(60))
    hearing_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    judge: Mapped[str | None] = mapped_column(String(160))
    # The sections as [{"letter": "A", "title": "..."}], copied from the template when made.
    sections: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    page_limit: Mapped[int] = mapped_column(Integer, default=350, server_default="350")
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Set when a version is first issued: from then on placed pages keep their numbers.
    issued_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class BundleItem(Base):
    """A document placed in a section of a bundle, at a position within the section."""

    __tablename__ = "bundle_items"
    __table_args__ = (UniqueConstraint("bundle_id", "document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[int] = mapped_column(ForeignKey("bundles.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    section: Mapped[str] = mapped_column(String(8))
    position: Mapped[int] = mapped_column(Integer)
    # False while the section is kept in date order; True once the worker moved it by hand.
    placed_by_hand: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Added after the bundle was issued: it goes at the end of its section.
    late: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class BundleVersion(Base):
    """One build of a bundle: both copies' hashes and the manifest, kept for good."""

    __tablename__ = "bundle_versions"
    __table_args__ = (UniqueConstraint("bundle_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[int] = mapped_column(ForeignKey("bundles.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    built_by: Mapped[str] = mapped_column(String(64))
    built_at: Mapped[datetime] = mapped_column(UtcDateTime)
    issued: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    page_count: Mapped[int] = mapped_column(Integer)
    court_sha256: Mapped[str] = mapped_column(String(64))
    parties_sha256: Mapped[str | None] = mapped_column(String(64))
    # [{"document_id", "title", "sha256", "section", "first_label", "last_label",
    #   "first_page", "last_page"}], the same page numbers in both copies.
    manifest: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    # What changed since the version before, as printed after the index.
    changes: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The build report: redactions made, pages not checked for confidential details.
    report: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
