"""open exams from an index: every page of a logged-in student asks whether they have an
exam open (it holds questions back), which read each of the student's attempt rows, whose
large ``layout`` pushes the small columns into overflow pages

Revision ID: 0012_open_exam_index
Revises: 0011_exam
Create Date: 2026-11-30 21:10:00
"""

from alembic import op

revision = "0012_open_exam_index"
down_revision = "0011_exam"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_attempt_user_open",
        "attempt",
        ["user_id", "mode", "finished_at", "deadline_at"],
        unique=False,
    )


def downgrade():
    op.drop_index("ix_attempt_user_open", table_name="attempt")
