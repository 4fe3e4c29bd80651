"""questions in and out of other formats: the uploaded file of an import, and why a draft waits

An import (GIFT, Moodle XML, Aiken, CSV, XLSX) keeps its file from the preview to the
confirmation; the questions it creates are drafts whose ``draft_reason`` says they need a
source passage, until an author chooses one and publishes.

Revision ID: 0009_interop
Revises: 0008_content
Create Date: 2026-12-01 10:00:00
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009_interop"
down_revision = "0008_content"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "content_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("bank_id", sa.String(length=80), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("summary", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"], ["user.id"], name=op.f("fk_content_import_author_id_user")
        ),
        sa.ForeignKeyConstraint(
            ["bank_id"], ["bank.id"], name=op.f("fk_content_import_bank_id_bank")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_import")),
    )
    op.create_index(
        op.f("ix_content_import_author_id"), "content_import", ["author_id"], unique=False
    )
    with op.batch_alter_table("question") as batch:
        batch.add_column(sa.Column("draft_reason", sa.String(length=300), nullable=True))


def downgrade():
    with op.batch_alter_table("question") as batch:
        batch.drop_column("draft_reason")
    op.drop_index(op.f("ix_content_import_author_id"), table_name="content_import")
    op.drop_table("content_import")
