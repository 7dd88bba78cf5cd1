"""A PLO episode (a family may have several over the years) and its extensions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .work import Assessment, Letter, Meeting, PlanItem


class Episode(Base):
    __tablename__ = "episodes"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    stage: Mapped[str] = mapped_column(String(32), index=True)
    gateway_decision: Mapped[str | None] = mapped_column(String(32))
    # The date of the decision to enter is the pre-proceedings start date.
    gateway_date: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(32))
    outcome_date: Mapped[date | None] = mapped_column(Date)
    step_down_plan: Mapped[str | None] = mapped_column(String(32))
    court_application_date: Mapped[date | None] = mapped_column(Date)
    letter_of_issue_date: Mapped[date | None] = mapped_column(Date)
    short_notice: Mapped[bool | None] = mapped_column(Boolean)
    short_notice_reason: Mapped[str | None] = mapped_column(Text)
    court_reference: Mapped[str | None] = mapped_column(String(60))
    court_name: Mapped[str | None] = mapped_column(String(160))
    history: Mapped[str | None] = mapped_column(Text)  # the short history for the letter
    fgdm_offered: Mapped[bool | None] = mapped_column(Boolean)
    fgdm_held: Mapped[bool | None] = mapped_column(Boolean)
    closed_date: Mapped[date | None] = mapped_column(Date)
    # Set by the gateway panel: when it next looks at this family.
    panel_review_date: Mapped[date | None] = mapped_column(Date)
    # The council's own reference for the episode, from an imported spreadsheet.
    external_id: Mapped[str | None] = mapped_column(String(60))
    # For the Standard Safeguarding Dataset (PREP015A, PREP017A, PREP019A to PREP023A):
    # yes, no or unknown; hearings in the care proceedings; the short notice ground code;
    # the initial and final care plans (codes) and whether each was approved.
    parents_represented_at_issue: Mapped[str | None] = mapped_column(String(16))
    court_hearings: Mapped[int | None] = mapped_column(Integer)
    short_notice_ground: Mapped[str | None] = mapped_column(String(16))
    initial_care_plan: Mapped[str | None] = mapped_column(String(16))
    initial_plan_approved: Mapped[str | None] = mapped_column(String(16))
    final_care_plan: Mapped[str | None] = mapped_column(String(16))
    final_plan_approved: Mapped[str | None] = mapped_column(String(16))

    extensions: Mapped[list[Extension]] = relationship(
        order_by="Extension.id", cascade="all, delete-orphan"
    )
    letters: Mapped[list[Letter]] = relationship(order_by=Letter.id, cascade="all, delete-orphan")
    meetings: Mapped[list[Meeting]] = relationship(
        order_by=Meeting.id, cascade="all, delete-orphan"
    )
    assessments: Mapped[list[Assessment]] = relationship(
        order_by=Assessment.id, cascade="all, delete-orphan"
    )
    plan_items: Mapped[list[PlanItem]] = relationship(
        order_by=PlanItem.id, cascade="all, delete-orphan"
    )


class Extension(Base):
    __tablename__ = "extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episodes.id"), index=True)
    decided_on: Mapped[date] = mapped_column(Date)
    new_end_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    # The approver's name as it was when approved; since 0003 also the account itself.
    approved_by: Mapped[str] = mapped_column(String(120))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
