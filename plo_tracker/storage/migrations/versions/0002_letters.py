"""Letters: templates with versions, generated letters, and the case details letters need.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 09:01:22.648587
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "letter_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_type", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_templates")),
        sa.UniqueConstraint("letter_type", "version", name=op.f("uq_letter_templates_letter_type")),
    )
    with op.batch_alter_table("letter_templates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_letter_templates_letter_type"), ["letter_type"], unique=False
        )

    op.create_table(
        "generated_letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("episode_id", sa.Integer(), nullable=False),
        sa.Column("adult_id", sa.Integer(), nullable=True),
        sa.Column("letter_type", sa.String(length=32), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=True),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("recipient_name", sa.String(length=200), nullable=False),
        sa.Column("letter_date", sa.Date(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False
        ),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("sent_date", sa.Date(), nullable=True),
        sa.Column("method", sa.String(length=16), nullable=True),
        sa.Column("letter_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["adult_id"], ["adults.id"], name=op.f("fk_generated_letters_adult_id_adults")
        ),
        sa.ForeignKeyConstraint(
            ["episode_id"], ["episodes.id"], name=op.f("fk_generated_letters_episode_id_episodes")
        ),
        sa.ForeignKeyConstraint(
            ["family_id"], ["families.id"], name=op.f("fk_generated_letters_family_id_families")
        ),
        sa.ForeignKeyConstraint(
            ["letter_id"], ["letters.id"], name=op.f("fk_generated_letters_letter_id_letters")
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["letter_templates.id"],
            name=op.f("fk_generated_letters_template_id_letter_templates"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_generated_letters")),
    )
    with op.batch_alter_table("generated_letters", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_generated_letters_family_id"), ["family_id"], unique=False
        )

    with op.batch_alter_table("adults", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("large_print", sa.Boolean(), nullable=False, server_default=sa.false())
        )

    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=True))

    with op.batch_alter_table("episodes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("court_name", sa.String(length=160), nullable=True))
        batch_op.add_column(sa.Column("history", sa.Text(), nullable=True))

    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("start_time", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("place", sa.Text(), nullable=True))

    with op.batch_alter_table("plan_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("help_offered", sa.Text(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table("plan_items", schema=None) as batch_op:
        batch_op.drop_column("help_offered")

    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("place")
        batch_op.drop_column("start_time")

    with op.batch_alter_table("episodes", schema=None) as batch_op:
        batch_op.drop_column("history")
        batch_op.drop_column("court_name")

    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_column("reason")

    with op.batch_alter_table("adults", schema=None) as batch_op:
        batch_op.drop_column("large_print")

    with op.batch_alter_table("generated_letters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_generated_letters_family_id"))

    op.drop_table("generated_letters")
    with op.batch_alter_table("letter_templates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letter_templates_letter_type"))

    op.drop_table("letter_templates")
