"""Documents, confidential details, the chronology, and court bundles with their versions.

- documents: a family's files (kept in the document store by SHA-256) and what they are.
- confidential_details: the phrases that must never reach a party.
- chronology_entries: the social work chronology as the worker edited it; notes may be
  marked for it (notes.for_chronology); meetings record what was agreed (meetings.agreed)
  for their minutes.
- bundles (one per hearing), bundle_items (documents placed in sections) and
  bundle_versions (each build, with its manifest).

Only tables and nullable or defaulted columns are added: nothing already stored changes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 12:00:00
"""

import sqlalchemy as sa
from alembic import op

from plo_tracker.storage.models.base import UtcDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"],
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("for_chronology", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("agreed", sa.Text(), nullable=True))

    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("document_date", sa.Date(), nullable=True),
        sa.Column("author", sa.String(length=160), nullable=True),
        sa.Column("doc_type", sa.String(length=32), nullable=False),
        sa.Column("default_section", sa.String(length=8), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("original_sha256", sa.String(length=64), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("original_kind", sa.String(length=40), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("pages_without_text", sa.JSON(), nullable=False),
        sa.Column("ocr_pages", sa.JSON(), nullable=False),
        sa.Column("repaired", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("intake_notes", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.Column("added_at", UtcDateTime(), nullable=False),
        _fk("documents", "family_id", "families"),
        _fk("documents", "letter_id", "generated_letters"),
        _fk("documents", "meeting_id", "meetings"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_index(op.f("ix_documents_family_id"), "documents", ["family_id"])
    op.create_index(op.f("ix_documents_sha256"), "documents", ["sha256"])

    op.create_table(
        "confidential_details",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("phrase", sa.Text(), nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.Column("added_at", UtcDateTime(), nullable=False),
        _fk("confidential_details", "family_id", "families"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_confidential_details")),
    )
    op.create_index(op.f("ix_confidential_details_family_id"), "confidential_details",
                    ["family_id"])

    op.create_table(
        "chronology_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("origin", sa.String(length=60), nullable=True),
        sa.Column("hidden", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("edited_by", sa.String(length=64), nullable=False),
        sa.Column("edited_at", UtcDateTime(), nullable=False),
        _fk("chronology_entries", "family_id", "families"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chronology_entries")),
    )
    op.create_index(op.f("ix_chronology_entries_family_id"), "chronology_entries",
                    ["family_id"])

    op.create_table(
        "bundles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("court", sa.String(length=160), nullable=False),
        sa.Column("case_number", sa.String(length=60), nullable=False),
        sa.Column("hearing_at", UtcDateTime(), nullable=True),
        sa.Column("judge", sa.String(length=160), nullable=True),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("page_limit", sa.Integer(), nullable=False, server_default="350"),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("issued_at", UtcDateTime(), nullable=True),
        _fk("bundles", "family_id", "families"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bundles")),
    )
    op.create_index(op.f("ix_bundles_family_id"), "bundles", ["family_id"])
    op.create_index(op.f("ix_bundles_hearing_at"), "bundles", ["hearing_at"])

    op.create_table(
        "bundle_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=8), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("placed_by_hand", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("late", sa.Boolean(), nullable=False, server_default=sa.false()),
        _fk("bundle_items", "bundle_id", "bundles"),
        _fk("bundle_items", "document_id", "documents"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bundle_items")),
        sa.UniqueConstraint("bundle_id", "document_id", name=op.f("uq_bundle_items_bundle_id")),
    )
    op.create_index(op.f("ix_bundle_items_bundle_id"), "bundle_items", ["bundle_id"])
    op.create_index(op.f("ix_bundle_items_document_id"), "bundle_items", ["document_id"])

    op.create_table(
        "bundle_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("built_by", sa.String(length=64), nullable=False),
        sa.Column("built_at", UtcDateTime(), nullable=False),
        sa.Column("issued", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("court_sha256", sa.String(length=64), nullable=False),
        sa.Column("parties_sha256", sa.String(length=64), nullable=True),
        sa.Column("manifest", sa.JSON(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        _fk("bundle_versions", "bundle_id", "bundles"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bundle_versions")),
        sa.UniqueConstraint("bundle_id", "number", name=op.f("uq_bundle_versions_bundle_id")),
    )
    op.create_index(op.f("ix_bundle_versions_bundle_id"), "bundle_versions", ["bundle_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_bundle_versions_bundle_id"), table_name="bundle_versions")
    op.drop_table("bundle_versions")
    op.drop_index(op.f("ix_bundle_items_document_id"), table_name="bundle_items")
    op.drop_index(op.f("ix_bundle_items_bundle_id"), table_name="bundle_items")
    op.drop_table("bundle_items")
    op.drop_index(op.f("ix_bundles_hearing_at"), table_name="bundles")
    op.drop_index(op.f("ix_bundles_family_id"), table_name="bundles")
    op.drop_table("bundles")
    op.drop_index(op.f("ix_chronology_entries_family_id"), table_name="chronology_entries")
    op.drop_table("chronology_entries")
    op.drop_index(op.f("ix_confidential_details_family_id"), table_name="confidential_details")
    op.drop_table("confidential_details")
    op.drop_index(op.f("ix_documents_sha256"), table_name="documents")
    op.drop_index(op.f("ix_documents_family_id"), table_name="documents")
    op.drop_table("documents")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("agreed")
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_column("for_chronology")
