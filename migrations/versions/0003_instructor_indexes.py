"""instructor indexes: a student's latest response (the gradebook's "last active") and
the scores per question (facility per passage), each read from its index alone

Revision ID: 0003_instructor_indexes
Revises: 0002
Create Date: 2026-11-21 20:30:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0003_instructor_indexes"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.create_index(
            "ix_response_user_submitted", ["user_id", "submitted_at"], unique=False
        )
        batch_op.create_index("ix_response_question_score", ["question_id", "score"], unique=False)


def downgrade():
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.drop_index("ix_response_question_score")
        batch_op.drop_index("ix_response_user_submitted")
