"""Children and adults (parents and everyone with parental responsibility) in a family."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, false, true
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class Child(Base):
    __tablename__ = "children"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    expected_date_of_birth: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(16), default="unknown")
    local_child_id: Mapped[str | None] = mapped_column(String(40))
    cp_plan_status: Mapped[str] = mapped_column(String(16), default="none")
    cp_plan_count: Mapped[int] = mapped_column(Integer, default=0)


class Adult(Base):
    __tablename__ = "adults"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    address: Mapped[str | None] = mapped_column(Text)
    address_confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    relationship: Mapped[str] = mapped_column(String(60))
    parental_responsibility: Mapped[bool] = mapped_column(Boolean, default=True)
    # Each parent and everyone with parental responsibility receives the letters; the
    # worker may record otherwise (domain/recipients.py gives the default).
    receives_letters: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    solicitor_name: Mapped[str | None] = mapped_column(String(120))
    solicitor_firm: Mapped[str | None] = mapped_column(String(120))
    needs_interpreter: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str | None] = mapped_column(String(60))
    needs_advocate: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_intermediary: Mapped[bool] = mapped_column(Boolean, default=False)
    # Who supports them, named in the meeting invitations ("Sam Lee from Voice Advocacy").
    advocate_name: Mapped[str | None] = mapped_column(String(120))
    intermediary_name: Mapped[str | None] = mapped_column(String(120))
    learning_disability: Mapped[bool] = mapped_column(Boolean, default=False)
    large_print: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
