"""Readable letters: translated copies sent, and who supports an adult at meetings.

- letter_translations: a translated copy of a kept letter (the copy is one of the family's
  documents), its language, and when and how it was sent.
- adults: the names of the advocate and the intermediary who support them, which the
  meeting invitations give.

Only a table and nullable columns are added: nothing already stored changes.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 20:10:00
"""

import sqlalchemy as sa
from alembic import op

from plo_tracker.storage.models.base import UtcDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_SUPPORTERS = ("advocate_name", "intermediary_name")


def _fk(column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"],
                                   name=op.f(f"fk_letter_translations_{column}_{target}"))


def upgrade() -> None:
    with op.batch_alter_table("adults", schema=None) as batch_op:
        for name in _SUPPORTERS:
            batch_op.add_column(sa.Column(name, sa.String(length=120), nullable=True))

    op.create_table(
        "letter_translations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=60), nullable=False),
        sa.Column("sent_date", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        _fk("family_id", "families"),
        _fk("letter_id", "generated_letters"),
        _fk("document_id", "documents"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_translations")),
        sa.UniqueConstraint("document_id", name=op.f("uq_letter_translations_document_id")),
    )
    op.create_index(op.f("ix_letter_translations_family_id"), "letter_translations",
                    ["family_id"])
    op.create_index(op.f("ix_letter_translations_letter_id"), "letter_translations",
                    ["letter_id"])


def downgrade() -> None:
    for column in ("letter_id", "family_id"):
        op.drop_index(op.f(f"ix_letter_translations_{column}"), table_name="letter_translations")
    op.drop_table("letter_translations")
    with op.batch_alter_table("adults", schema=None) as batch_op:
        for name in reversed(_SUPPORTERS):
            batch_op.drop_column(name)
