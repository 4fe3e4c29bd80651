"""exam delivery: each attempt keeps the questions its student flagged; a user's time zone
is unset (NULL) until they choose one

``attempt.flagged`` is a JSON list of positions (1-based), empty for every attempt so far.
``user.timezone`` was NOT NULL with "UTC" as its default, which could not tell a student who
chose UTC from one who never chose: it becomes nullable, and the defaults nobody chose (no
page could set it before this revision) become NULL. Pages show an unset zone as UTC, so
nothing a student reads changes. The downgrade gives every unset zone "UTC" again.

Revision ID: 0011_exam
Revises: 0010_courses
Create Date: 2026-12-01 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_exam"
down_revision = "0010_courses"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("flagged", sa.JSON(), server_default="[]", nullable=False))

    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.alter_column(
            "timezone",
            existing_type=sa.String(length=64),
            nullable=True,
            server_default=None,
            existing_server_default="UTC",
        )
    op.execute("UPDATE \"user\" SET timezone = NULL WHERE timezone = 'UTC'")


def downgrade():
    op.execute("UPDATE \"user\" SET timezone = 'UTC' WHERE timezone IS NULL")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.alter_column(
            "timezone",
            existing_type=sa.String(length=64),
            nullable=False,
            server_default="UTC",
        )

    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.drop_column("flagged")
