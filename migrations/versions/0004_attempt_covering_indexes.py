"""attempt covering indexes: the gradebook's per-student scores and item analysis's
first attempts read from an index, not from the attempt rows, whose large ``layout``
column comes first and pushes the small columns into overflow pages (docs/performance.md)

Revision ID: 0004_attempt_covering_indexes
Revises: 0003_instructor_indexes
Create Date: 2026-11-21 20:40:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0004_attempt_covering_indexes"
down_revision = "0003_instructor_indexes"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.create_index(
            "ix_attempt_user_bank_scores",
            ["user_id", "bank_id", "finished_at", "mode", "score", "max_score"],
            unique=False,
        )
        batch_op.create_index(
            "ix_attempt_bank_user_started",
            ["bank_id", "user_id", "started_at", "finished_at", "mode"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.drop_index("ix_attempt_bank_user_started")
        batch_op.drop_index("ix_attempt_user_bank_scores")
