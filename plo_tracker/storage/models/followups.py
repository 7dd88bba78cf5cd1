"""Check-ins after a family steps down (by default at 3 and 6 months) and what was found."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class StepDownFollowUp(Base):
    __tablename__ = "step_down_followups"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), index=True)
    months: Mapped[int] = mapped_column(Integer)  # after the step-down decision
    due_date: Mapped[date] = mapped_column(Date, index=True)
    checked_on: Mapped[date | None] = mapped_column(Date)
    finding: Mapped[str | None] = mapped_column(String(32))
    notes: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str | None] = mapped_column(String(64))
