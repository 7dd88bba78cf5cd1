"""Facts about the database itself, and the settings a council changes."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class DatabaseFact(Base):
    """Key/value facts such as whether this is a demo database."""

    __tablename__ = "database_facts"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Setting(Base):
    """A council's own value for one setting, stored as JSON; absent means the default."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
