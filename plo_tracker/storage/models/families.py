"""The PLO family group: children and the adults who enter and leave PLO together."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UtcDateTime
from .episodes import Episode
from .notes import Note
from .people import Adult, Child


class Family(Base):
    __tablename__ = "families"

    id: Mapped[int] = mapped_column(primary_key=True)
    plo_family_id: Mapped[str] = mapped_column(String(32), unique=True)
    team: Mapped[str | None] = mapped_column(String(120))
    social_worker_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    team_manager_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    la_solicitor: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Bumped on every change to the family or anything in it, so a save made
    # from a stale form is refused instead of silently overwriting.
    version: Mapped[int] = mapped_column(Integer, default=1)
    # A restricted family (a staff member's relative, a high-profile case) is seen only by
    # the people named in family_access.
    restricted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # A legal hold stops the family being deleted at the end of its retention period.
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    legal_hold_reason: Mapped[str | None] = mapped_column(Text)
    legal_hold_by: Mapped[str | None] = mapped_column(String(64))
    legal_hold_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    children: Mapped[list[Child]] = relationship(
        order_by=Child.id, cascade="all, delete-orphan"
    )
    adults: Mapped[list[Adult]] = relationship(order_by=Adult.id, cascade="all, delete-orphan")
    episodes: Mapped[list[Episode]] = relationship(
        order_by=Episode.id, cascade="all, delete-orphan"
    )
    notes: Mapped[list[Note]] = relationship(order_by=Note.id, cascade="all, delete-orphan")


class FamilyAccess(Base):
    """A person named to see a restricted family."""

    __tablename__ = "family_access"

    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    granted_by: Mapped[str] = mapped_column(String(64))
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime)
