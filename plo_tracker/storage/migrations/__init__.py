"""Alembic migrations of the PLO Tracker schema."""
