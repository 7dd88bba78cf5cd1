"""Passwords and lock-outs, the audit log's hash chain, restricted families, legal hold.

- users: an argon2id password hash (empty for accounts made before passwords: such an
  account chooses its password at its next sign-in), failed sign-ins, locked until, and
  whether the password must be changed (after an administrator resets it).
- audit_entries.entry_hash: each entry's hash, chained to the one before; the entries
  already written are sealed here, oldest first. audit_chain_head holds the last hash
  and the number of entries, apart from the rows. On PostgreSQL, TRUNCATE is refused too.
- families.restricted and family_access: a restricted family is seen only by the people
  named for it. families.legal_hold (with its reason, who and when) stops deletion.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 10:00:00
"""

import sqlalchemy as sa
from alembic import op

# The chain's hash is the app's file format, the same for every version, so it is imported
# rather than copied (a copy that drifted would make every sealed entry look forged).
from plo_tracker.storage.audit_chain import GENESIS, entry_hash
from plo_tracker.storage.models.base import UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_TRIGGERS = {
    "sqlite": (
        ["DROP TRIGGER IF EXISTS audit_entries_no_update"],
        ["""CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"""],
    ),
    "postgresql": (
        ["ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only"],
        ["ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only"],
    ),
}
# On a server, TRUNCATE empties a table without firing its row triggers: refused as well.
_NO_TRUNCATE = """CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()"""


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_hash", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("password_changed_at", UtcDateTime(), nullable=True))
        batch_op.add_column(sa.Column("must_change_password", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column("failed_sign_ins", sa.Integer(), nullable=False,
                                      server_default="0"))
        batch_op.add_column(sa.Column("locked_until", UtcDateTime(), nullable=True))

    with op.batch_alter_table("families", schema=None) as batch_op:
        batch_op.add_column(sa.Column("restricted", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column("legal_hold", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column("legal_hold_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("legal_hold_by", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("legal_hold_at", UtcDateTime(), nullable=True))

    op.create_table(
        "family_access",
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("granted_by", sa.String(length=64), nullable=False),
        sa.Column("granted_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["family_id"], ["families.id"],
                                name=op.f("fk_family_access_family_id_families")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_family_access_user_id_users")),
        sa.PrimaryKeyConstraint("family_id", "user_id", name=op.f("pk_family_access")),
    )
    op.create_index(op.f("ix_family_access_user_id"), "family_access", ["user_id"])

    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_entry_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )

    dialect = op.get_bind().dialect.name
    before_fill, after_fill = _TRIGGERS.get(dialect, ([], []))
    for statement in before_fill:
        op.execute(statement)
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("entry_hash", sa.String(length=64), nullable=True))
    _seal_existing_entries()
    for statement in after_fill:
        op.execute(statement)
    if dialect == "postgresql":
        op.execute(_NO_TRUNCATE)


def _seal_existing_entries() -> None:
    """Chain the entries written before this migration, oldest first, and write the head."""
    entries = sa.table(
        "audit_entries", sa.column("id", sa.Integer()), sa.column("occurred_at", UtcDateTime()),
        sa.column("user_id", sa.Integer()), sa.column("username", sa.String()),
        sa.column("action", sa.String()), sa.column("entity", sa.String()),
        sa.column("entity_id", sa.Integer()), sa.column("family_id", sa.Integer()),
        sa.column("before", sa.Text()), sa.column("after", sa.Text()),
        sa.column("entry_hash", sa.String()),
    )
    bind = op.get_bind()
    previous, last_id, count, hashes = GENESIS, 0, 0, []
    for row in bind.execute(sa.select(entries).order_by(entries.c.id)):
        previous = entry_hash(previous, row.id, row.occurred_at, row.user_id, row.username,
                              row.action, row.entity, row.entity_id, row.family_id,
                              row.before, row.after)
        hashes.append({"entry_id": row.id, "entry_hash": previous})
        last_id, count = row.id, count + 1
    if hashes:
        bind.execute(entries.update().where(entries.c.id == sa.bindparam("entry_id"))
                     .values(entry_hash=sa.bindparam("entry_hash")), hashes)
    head = sa.table("audit_chain_head", sa.column("id", sa.Integer()),
                    sa.column("last_entry_id", sa.Integer()),
                    sa.column("last_hash", sa.String()), sa.column("entries", sa.Integer()))
    bind.execute(head.insert().values(id=1, last_entry_id=last_id, last_hash=previous,
                                      entries=count))


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER audit_entries_no_truncate ON audit_entries")
    before_fill, after_fill = _TRIGGERS.get(dialect, ([], []))
    for statement in before_fill:
        op.execute(statement)
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_column("entry_hash")
    for statement in after_fill:
        op.execute(statement)
    op.drop_table("audit_chain_head")
    op.drop_index(op.f("ix_family_access_user_id"), table_name="family_access")
    op.drop_table("family_access")
    with op.batch_alter_table("families", schema=None) as batch_op:
        for column in ("legal_hold_at", "legal_hold_by", "legal_hold_reason", "legal_hold",
                       "restricted"):
            batch_op.drop_column(column)
    with op.batch_alter_table("users", schema=None) as batch_op:
        for column in ("locked_until", "failed_sign_ins", "must_change_password",
                       "password_changed_at", "password_hash"):
            batch_op.drop_column(column)
