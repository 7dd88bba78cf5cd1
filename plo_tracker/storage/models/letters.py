"""Letter templates with their versions, and every letter generated, kept exactly as sent."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UtcDateTime


class LetterTemplate(Base):
    """One version of one letter type's template; the highest version is in use."""

    __tablename__ = "letter_templates"
    __table_args__ = (UniqueConstraint("letter_type", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_type: Mapped[str] = mapped_column(String(32), index=True)
    version: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text)  # what changed, in the editor's words
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class GeneratedLetter(Base):
    """A letter as generated: the PDF bytes themselves, so it re-opens exactly as it was."""

    __tablename__ = "generated_letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"))
    adult_id: Mapped[int | None] = mapped_column(ForeignKey("adults.id"))
    letter_type: Mapped[str] = mapped_column(String(32))
    template_id: Mapped[int | None] = mapped_column(ForeignKey("letter_templates.id"))
    template_version: Mapped[int] = mapped_column(Integer)
    recipient_name: Mapped[str] = mapped_column(String(200))
    letter_date: Mapped[date] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sha256: Mapped[str] = mapped_column(String(64))
    pages: Mapped[int] = mapped_column(Integer)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    # Filled in when the letter is recorded as sent; a letter before proceedings also
    # writes the recipient's milestone in `letters`.
    sent_date: Mapped[date | None] = mapped_column(Date)
    method: Mapped[str | None] = mapped_column(String(16))
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("letters.id"))


class LetterTranslation(Base):
    """A translated copy of a kept letter, sent to its recipient: the copy itself is one of
    the family's documents (so it can go into a bundle), and this row says what it is,
    in which language, and when and how it was sent."""

    __tablename__ = "letter_translations"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("generated_letters.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), unique=True)
    language: Mapped[str] = mapped_column(String(60))
    sent_date: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(16))
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
