"""A family's documents (files kept by content hash), confidential details and chronology."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UtcDateTime


class Document(Base):
    """One document of a family; its PDF lives in the document store under its SHA-256.

    `sha256` names the PDF that goes into bundles (after conversion, repair and OCR);
    `original_sha256` the file as it was received, kept too so nothing is lost.
    """

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    document_date: Mapped[date | None] = mapped_column(Date)
    author: Mapped[str | None] = mapped_column(String(160))
    doc_type: Mapped[str] = mapped_column(String(32))
    default_section: Mapped[str] = mapped_column(String(8))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    original_sha256: Mapped[str] = mapped_column(String(64))
    original_name: Mapped[str] = mapped_column(String(255))
    # What the file was before it became a PDF ("PDF", "JPEG image", "Word document"...).
    original_kind: Mapped[str] = mapped_column(String(40))
    page_count: Mapped[int] = mapped_column(Integer)
    # 1-based page numbers: without a text layer (not checked for confidential details),
    # and given one by OCR.
    pages_without_text: Mapped[list[int]] = mapped_column(JSON, default=list)
    ocr_pages: Mapped[list[int]] = mapped_column(JSON, default=list)
    repaired: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Plain sentences about what was done to the file on the way in.
    intake_notes: Mapped[str | None] = mapped_column(Text)
    # Where it came from: "file", "letter", "chronology" or "minutes".
    source: Mapped[str] = mapped_column(String(16))
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("generated_letters.id"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    added_by: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ConfidentialDetail(Base):
    """A phrase that must never reach a party: a carer's address, a refuge, a school, a phone."""

    __tablename__ = "confidential_details"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    phrase: Mapped[str] = mapped_column(Text)
    added_by: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ChronologyEntry(Base):
    """One entry of a family's social work chronology, as the worker left it.

    Entries drawn from the record carry `origin` (e.g. "meeting:12:held") so that drawing
    again adds what is new without undoing the worker's edits; `hidden` keeps an entry the
    worker removed from coming back.
    """

    __tablename__ = "chronology_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    entry_date: Mapped[date] = mapped_column(Date)
    event: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(200))
    origin: Mapped[str | None] = mapped_column(String(60))
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    edited_by: Mapped[str] = mapped_column(String(64))
    edited_at: Mapped[datetime] = mapped_column(UtcDateTime)
