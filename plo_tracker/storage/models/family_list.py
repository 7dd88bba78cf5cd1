"""One row per family with what the families table shows, kept up to date like the due list.

Rewritten for a family in the same transaction as any change to it (services/case_index.py),
so the families list of a whole council is one query of one table, and a family changed is
one row read again. Ages and weeks, which change with the date, are worked out when read.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class FamilyListRow(Base):
    __tablename__ = "family_list"

    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), primary_key=True)
    plo_family_id: Mapped[str] = mapped_column(String(32))
    surname: Mapped[str] = mapped_column(String(80))
    team: Mapped[str | None] = mapped_column(String(120))
    social_worker_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The children ("first", "last", born and expected as ISO dates or empty) and the
    # adults' names (for search), as text with separators (services/case_index.py).
    children: Mapped[str] = mapped_column(Text)
    adults: Mapped[str] = mapped_column(Text)
    # The latest episode: its stage, start and the end of pre-proceedings (the target or
    # the latest extension); None before the first episode.
    stage: Mapped[str | None] = mapped_column(String(32))
    start: Mapped[date | None] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date)
    extended: Mapped[bool] = mapped_column(Boolean)
    # The earliest thing to act on, as the due list holds it; None when nothing is due.
    episode_id: Mapped[int | None] = mapped_column(Integer)
    next_rule: Mapped[str | None] = mapped_column(String(40))
    next_title: Mapped[str | None] = mapped_column(Text)
    next_due: Mapped[date | None] = mapped_column(Date)
    next_reason: Mapped[str | None] = mapped_column(Text)
    next_act_by: Mapped[date | None] = mapped_column(Date)
