"""The families list as one row per family, kept up to date like the due list.

The table starts empty here; the app fills it (with the due list) by its current rules
when it next opens the database.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "family_list",
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("plo_family_id", sa.String(length=32), nullable=False),
        sa.Column("surname", sa.String(length=80), nullable=False),
        sa.Column("team", sa.String(length=120), nullable=True),
        sa.Column("social_worker_id", sa.Integer(), nullable=True),
        sa.Column("children", sa.Text(), nullable=False),
        sa.Column("adults", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=True),
        sa.Column("start", sa.Date(), nullable=True),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("extended", sa.Boolean(), nullable=False),
        sa.Column("episode_id", sa.Integer(), nullable=True),
        sa.Column("next_rule", sa.String(length=40), nullable=True),
        sa.Column("next_title", sa.Text(), nullable=True),
        sa.Column("next_due", sa.Date(), nullable=True),
        sa.Column("next_reason", sa.Text(), nullable=True),
        sa.Column("next_act_by", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["family_id"], ["families.id"],
                                name=op.f("fk_family_list_family_id_families")),
        sa.ForeignKeyConstraint(["social_worker_id"], ["users.id"],
                                name=op.f("fk_family_list_social_worker_id_users")),
        sa.PrimaryKeyConstraint("family_id", name=op.f("pk_family_list")),
    )


def downgrade() -> None:
    op.drop_table("family_list")
