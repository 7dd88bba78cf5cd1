"""Case notes written by workers on a family."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UtcDateTime


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episodes.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    written_at: Mapped[datetime] = mapped_column(UtcDateTime)
    text: Mapped[str] = mapped_column(Text)
    # Marked by the worker to appear in the social work chronology filed at court.
    for_chronology: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
