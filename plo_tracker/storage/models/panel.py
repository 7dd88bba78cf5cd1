"""The legal gateway panel: its meetings, who sat, the families on each agenda, the
decisions taken and the actions set (each with an owner and a date)."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UtcDateTime


class PanelMeeting(Base):
    __tablename__ = "panel_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_date: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time | None] = mapped_column(Time)  # UK local time
    place: Mapped[str | None] = mapped_column(Text)
    # "planned" until the chair closes the meeting as "held".
    status: Mapped[str] = mapped_column(String(16), default="planned")
    # Worked out from who attended against the quorum setting when attendance is recorded,
    # and kept: a later change of the setting does not rewrite what a meeting was.
    quorate: Mapped[bool | None] = mapped_column(Boolean)
    notes: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(64))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    members: Mapped[list[PanelMember]] = relationship(
        order_by="PanelMember.id", cascade="all, delete-orphan")
    items: Mapped[list[PanelItem]] = relationship(
        order_by="PanelItem.position", cascade="all, delete-orphan")


class PanelMember(Base):
    """Someone invited to sit on a meeting: an account, or a name (a visiting lawyer)."""

    __tablename__ = "panel_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("panel_meetings.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(120))
    # chair, legal (the local authority's lawyer), manager or other.
    panel_role: Mapped[str] = mapped_column(String(16))
    attended: Mapped[bool | None] = mapped_column(Boolean)


class PanelItem(Base):
    """One family on a meeting's agenda, and the decision taken on it."""

    __tablename__ = "panel_items"
    __table_args__ = (UniqueConstraint("meeting_id", "family_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("panel_meetings.id"), index=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episodes.id"))
    position: Mapped[int] = mapped_column(Integer)
    # Why the family is on the agenda: gateway, review, sixteen_weeks, outcome or added.
    reason: Mapped[str] = mapped_column(String(32))
    recommendation: Mapped[str | None] = mapped_column(Text)  # the social worker's
    decision: Mapped[str | None] = mapped_column(String(32))
    reasons: Mapped[str | None] = mapped_column(Text)
    next_review_date: Mapped[date | None] = mapped_column(Date)
    # Copied from the meeting when the decision is recorded, so the record says so for ever.
    quorate: Mapped[bool | None] = mapped_column(Boolean)
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class PanelAction(Base):
    """Something the panel asked someone to do, by a date; open ones are in the owner's My work."""

    __tablename__ = "panel_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episodes.id"))
    panel_item_id: Mapped[int | None] = mapped_column(ForeignKey("panel_items.id"))
    text: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    due_date: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    done_by: Mapped[str | None] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
