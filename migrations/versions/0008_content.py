"""content in the database: documents, banks and questions, each edit a new version

The shipped banks and documents are imported into these tables (flask --app quiz banks
import questions/); the YAML files stay the exchange format. catalog_revision is one row
every content change increases, so each process reloads what it serves only when it moved.

Revision ID: 0008_content
Revises: 0007_study
Create Date: 2026-11-30 15:20:59
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008_content"
down_revision = "0007_study"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "bank",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank")),
    )
    op.create_table(
        "catalog_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalog_revision")),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
    )
    op.create_table(
        "document_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=80), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("short", sa.String(length=100), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["user.id"], name=op.f("fk_document_version_author_id_user")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_document_version_document_id_document")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_version")),
        sa.UniqueConstraint("document_id", "number", name="uq_document_version_number"),
    )
    op.create_table(
        "question",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("bank_id", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "draft",
                "retired",
                name="question_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("origin", sa.String(length=200), nullable=True),
        sa.Column("imported_digest", sa.String(length=32), nullable=True),
        sa.Column("draft", sa.JSON(), nullable=True),
        sa.Column("draft_author_id", sa.Integer(), nullable=True),
        sa.Column("draft_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["bank_id"], ["bank.id"], name=op.f("fk_question_bank_id_bank")),
        sa.ForeignKeyConstraint(
            ["draft_author_id"], ["user.id"], name=op.f("fk_question_draft_author_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question")),
    )
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_question_bank_id"), ["bank_id"], unique=False)

    op.create_table(
        "question_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=80), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.Column("bank_id", sa.String(length=80), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["user.id"], name=op.f("fk_question_version_author_id_user")
        ),
        sa.ForeignKeyConstraint(
            ["question_id"], ["question.id"], name=op.f("fk_question_version_question_id_question")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_version")),
        sa.UniqueConstraint("question_id", "number", name="uq_question_version_number"),
    )
    with op.batch_alter_table("question_version", schema=None) as batch_op:
        batch_op.create_index(
            "ix_question_version_question_digest", ["question_id", "digest"], unique=False
        )

    revision_table = sa.table(
        "catalog_revision",
        sa.column("id", sa.Integer),
        sa.column("revision", sa.Integer),
        sa.column("changed_at", sa.DateTime(timezone=True)),
    )
    op.bulk_insert(revision_table, [{"id": 1, "revision": 0, "changed_at": datetime.now(UTC)}])


def downgrade():
    with op.batch_alter_table("question_version", schema=None) as batch_op:
        batch_op.drop_index("ix_question_version_question_digest")

    op.drop_table("question_version")
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_question_bank_id"))

    op.drop_table("question")
    op.drop_table("document_version")
    op.drop_table("document")
    op.drop_table("catalog_revision")
    op.drop_table("bank")
