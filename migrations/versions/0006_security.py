"""a per-user session version, so logging out (or a new password) ends every session

Each session cookie carries the version it was made with; a request whose version is not
the user's current one is treated as logged out. Existing users start at 0.

Revision ID: 0006_security
Revises: 0005_attempt_kind
Create Date: 2026-11-30 16:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_security"
down_revision = "0005_attempt_kind"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user") as batch:
        batch.add_column(
            sa.Column("session_version", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade():
    with op.batch_alter_table("user") as batch:
        batch.drop_column("session_version")
