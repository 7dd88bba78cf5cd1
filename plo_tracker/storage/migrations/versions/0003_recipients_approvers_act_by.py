"""Who receives letters, extensions approved by an account, and the working day to act by.

- adults.receives_letters: each parent (with or without parental responsibility) and
  everyone with parental responsibility; filled in from the relationship and PR.
- extensions.approved_by_id: the account that approved an extension (the name stays).
- due_items.act_by: the last working day on or before the due date. Filled with the due
  date here; the app rebuilds the due list by its current rules when it next opens.
- Episodes that decided to issue care proceedings but have no application recorded
  move to the new stage "decided to issue".

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The relationships that made someone a parent when this migration was written (a copy,
# not an import, so the migration always does what it did the day it was released).
_PARENTS = ("mother", "father", "parent", "birth mother", "birth father", "birth parent",
            "adoptive mother", "adoptive father", "adoptive parent")


def upgrade() -> None:
    with op.batch_alter_table("adults", schema=None) as batch_op:
        batch_op.add_column(sa.Column("receives_letters", sa.Boolean(), nullable=False,
                                      server_default=sa.true()))
    adults = sa.table("adults", sa.column("receives_letters", sa.Boolean()),
                      sa.column("parental_responsibility", sa.Boolean()),
                      sa.column("relationship", sa.String()))
    op.execute(adults.update().values(receives_letters=sa.or_(
        adults.c.parental_responsibility.is_(True),
        sa.func.lower(sa.func.trim(adults.c.relationship)).in_(_PARENTS),
    )))

    with op.batch_alter_table("extensions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("approved_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_extensions_approved_by_id_users"), "users",
                                    ["approved_by_id"], ["id"])

    with op.batch_alter_table("due_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("act_by", sa.Date(), nullable=True))
    due = sa.table("due_items", sa.column("act_by", sa.Date()), sa.column("due_date", sa.Date()))
    op.execute(due.update().values(act_by=due.c.due_date))
    with op.batch_alter_table("due_items", schema=None) as batch_op:
        batch_op.alter_column("act_by", existing_type=sa.Date(), nullable=False)
        batch_op.drop_index("ix_due_items_due_date")
        batch_op.create_index(batch_op.f("ix_due_items_act_by"), ["act_by"], unique=False)

    episodes = sa.table("episodes", sa.column("stage", sa.String()),
                        sa.column("court_application_date", sa.Date()))
    op.execute(episodes.update()
               .where(episodes.c.stage == "proceedings_issued",
                      episodes.c.court_application_date.is_(None))
               .values(stage="decided_to_issue"))


def downgrade() -> None:
    episodes = sa.table("episodes", sa.column("stage", sa.String()))
    op.execute(episodes.update().where(episodes.c.stage == "decided_to_issue")
               .values(stage="proceedings_issued"))
    with op.batch_alter_table("due_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_due_items_act_by"))
        batch_op.create_index("ix_due_items_due_date", ["due_date"], unique=False)
        batch_op.drop_column("act_by")
    with op.batch_alter_table("extensions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_extensions_approved_by_id_users"),
                                 type_="foreignkey")
        batch_op.drop_column("approved_by_id")
    with op.batch_alter_table("adults", schema=None) as batch_op:
        batch_op.drop_column("receives_letters")
