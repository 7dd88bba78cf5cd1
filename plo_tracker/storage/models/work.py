"""The work of an episode: letters, meetings, assessments and the plan."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import Boolean, Date, ForeignKey, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base


class Letter(Base):
    """A letter to one recipient; a letter before proceedings' sent date is a milestone."""

    __tablename__ = "letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), index=True)
    adult_id: Mapped[int | None] = mapped_column(ForeignKey("adults.id"))
    kind: Mapped[str] = mapped_column(String(32))
    sent_date: Mapped[date | None] = mapped_column(Date)
    method: Mapped[str | None] = mapped_column(String(16))


class Meeting(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    planned_date: Mapped[date | None] = mapped_column(Date)
    # Local (UK) time and place, for the invitation letters.
    start_time: Mapped[time | None] = mapped_column(Time)
    place: Mapped[str | None] = mapped_column(Text)
    held_date: Mapped[date | None] = mapped_column(Date)
    attendance: Mapped[str | None] = mapped_column(Text)
    parents_solicitors_present: Mapped[bool | None] = mapped_column(Boolean)
    agreement_signed: Mapped[bool | None] = mapped_column(Boolean)
    # What was agreed, in the words of the minutes.
    agreed: Mapped[str | None] = mapped_column(Text)


class Assessment(Base):
    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(160))
    commissioned_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    completed_date: Mapped[date | None] = mapped_column(Date)
    author: Mapped[str | None] = mapped_column(String(160))
    reason: Mapped[str | None] = mapped_column(Text)  # why it is needed, for the letter
    conclusion: Mapped[str | None] = mapped_column(Text)


class PlanItem(Base):
    """A concern, an expectation of the parents (with a due date) or support offered."""

    __tablename__ = "plan_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    due_date: Mapped[date | None] = mapped_column(Date)
    help_offered: Mapped[str | None] = mapped_column(Text)  # for an expectation

    progress: Mapped[list[PlanProgress]] = relationship(
        order_by="PlanProgress.id", cascade="all, delete-orphan"
    )


class PlanProgress(Base):
    """Progress against one plan item, recorded at a review meeting."""

    __tablename__ = "plan_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_item_id: Mapped[int] = mapped_column(ForeignKey("plan_items.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    recorded_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)


class DueItemRow(Base):
    """A due item computed by the domain rules and kept so the due list is one quick query.

    Rewritten for a family in the same transaction as any change to it, and for
    every family when the timescale settings change; `plo-tracker check` verifies it.
    """

    __tablename__ = "due_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"))
    rule: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    due_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    # The last working day on or before due_date: the due list is filtered and ordered by it.
    act_by: Mapped[date] = mapped_column(Date, index=True)
