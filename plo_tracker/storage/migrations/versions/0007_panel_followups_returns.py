"""The legal gateway panel, step-down follow-ups, and what the national returns need.

- panel_meetings, panel_members, panel_items (a family on an agenda and the decision
  taken) and panel_actions (each with an owner and a date).
- step_down_followups: the check-ins after a family steps down.
- episodes: the panel's next review date, the council's own episode reference (from an
  imported spreadsheet) and the Standard Safeguarding Dataset's court fields.

Only tables and nullable columns are added: nothing already stored changes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 14:00:00
"""

import sqlalchemy as sa
from alembic import op

from plo_tracker.storage.models.base import UtcDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_EPISODE_COLUMNS = (
    ("panel_review_date", sa.Date()),
    ("external_id", sa.String(length=60)),
    ("parents_represented_at_issue", sa.String(length=16)),
    ("court_hearings", sa.Integer()),
    ("short_notice_ground", sa.String(length=16)),
    ("initial_care_plan", sa.String(length=16)),
    ("initial_plan_approved", sa.String(length=16)),
    ("final_care_plan", sa.String(length=16)),
    ("final_plan_approved", sa.String(length=16)),
)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"],
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    with op.batch_alter_table("episodes", schema=None) as batch_op:
        for name, kind in _EPISODE_COLUMNS:
            batch_op.add_column(sa.Column(name, kind, nullable=True))

    op.create_table(
        "panel_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("quorate", sa.Boolean(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.Column("closed_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panel_meetings")),
    )
    op.create_index(op.f("ix_panel_meetings_meeting_date"), "panel_meetings", ["meeting_date"])

    op.create_table(
        "panel_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("panel_role", sa.String(length=16), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=True),
        _fk("panel_members", "meeting_id", "panel_meetings"),
        _fk("panel_members", "user_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panel_members")),
    )
    op.create_index(op.f("ix_panel_members_meeting_id"), "panel_members", ["meeting_id"])

    op.create_table(
        "panel_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("episode_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("recommendation", sa.Text(), nullable=True),
        sa.Column("decision", sa.String(length=32), nullable=True),
        sa.Column("reasons", sa.Text(), nullable=True),
        sa.Column("next_review_date", sa.Date(), nullable=True),
        sa.Column("quorate", sa.Boolean(), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", UtcDateTime(), nullable=True),
        _fk("panel_items", "meeting_id", "panel_meetings"),
        _fk("panel_items", "family_id", "families"),
        _fk("panel_items", "episode_id", "episodes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panel_items")),
        sa.UniqueConstraint("meeting_id", "family_id", name=op.f("uq_panel_items_meeting_id")),
    )
    op.create_index(op.f("ix_panel_items_meeting_id"), "panel_items", ["meeting_id"])
    op.create_index(op.f("ix_panel_items_family_id"), "panel_items", ["family_id"])

    op.create_table(
        "panel_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("episode_id", sa.Integer(), nullable=True),
        sa.Column("panel_item_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_by", sa.String(length=64), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        _fk("panel_actions", "family_id", "families"),
        _fk("panel_actions", "episode_id", "episodes"),
        _fk("panel_actions", "panel_item_id", "panel_items"),
        _fk("panel_actions", "owner_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panel_actions")),
    )
    op.create_index(op.f("ix_panel_actions_family_id"), "panel_actions", ["family_id"])
    op.create_index(op.f("ix_panel_actions_owner_id"), "panel_actions", ["owner_id"])

    op.create_table(
        "step_down_followups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("episode_id", sa.Integer(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=True),
        sa.Column("finding", sa.String(length=32), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=True),
        _fk("step_down_followups", "family_id", "families"),
        _fk("step_down_followups", "episode_id", "episodes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_step_down_followups")),
    )
    op.create_index(op.f("ix_step_down_followups_family_id"), "step_down_followups",
                    ["family_id"])
    op.create_index(op.f("ix_step_down_followups_episode_id"), "step_down_followups",
                    ["episode_id"])
    op.create_index(op.f("ix_step_down_followups_due_date"), "step_down_followups",
                    ["due_date"])


def downgrade() -> None:
    for table, columns in (
        ("step_down_followups", ("due_date", "episode_id", "family_id")),
        ("panel_actions", ("owner_id", "family_id")),
        ("panel_items", ("family_id", "meeting_id")),
        ("panel_members", ("meeting_id",)),
        ("panel_meetings", ("meeting_date",)),
    ):
        for column in columns:
            op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
        op.drop_table(table)
    with op.batch_alter_table("episodes", schema=None) as batch_op:
        for name, _kind in reversed(_EPISODE_COLUMNS):
            batch_op.drop_column(name)
