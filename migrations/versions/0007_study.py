"""study sessions, flashcards, daily limits and appeals

- ``attempt.kind`` may also be ``mixed``, ``weak`` or ``new`` (sessions a student
  chooses) and ``attempt.mode`` ``flashcards``; ``attempt.discarded_at`` marks an
  unfinished attempt the student threw away.
- ``review_card.introduced_on``: the day a question entered the schedule, so at most the
  student's "new per day" share a day (NULL for earlier cards, whose dates stand).
- ``study_settings``: a student's daily limits of new questions and reviews.
- ``appeal``: "I think my answer should count", and the instructor's decision.

Every row is kept on the upgrade. The downgrade drops the new tables and columns (appeals
and settings with them) and turns attempts of the new kinds into ``retry`` attempts and
flashcards into practice: uncounted, as they were, so no score changes.

Revision ID: 0007_study
Revises: 0006_security
Create Date: 2026-12-01 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_study"
down_revision = "0006_security"
branch_labels = None
depends_on = None

OLD_KINDS = ("topic", "review", "retry", "passage")
KINDS = (*OLD_KINDS, "mixed", "weak", "new")
OLD_MODES = ("practice", "exam")
MODES = (*OLD_MODES, "flashcards")
STATUSES = ("open", "accepted", "declined")
attempt = sa.table(
    "attempt",
    sa.column("kind", sa.String),
    sa.column("mode", sa.String),
    sa.column("bank_id", sa.String),
)


def _checks(batch, kinds, modes):
    batch.drop_constraint(op.f("ck_attempt_attempt_kind"), type_="check")
    batch.drop_constraint(op.f("ck_attempt_attempt_mode"), type_="check")
    batch.create_check_constraint(op.f("ck_attempt_attempt_kind"), sa.column("kind").in_(kinds))
    batch.create_check_constraint(op.f("ck_attempt_attempt_mode"), sa.column("mode").in_(modes))


def upgrade():
    with op.batch_alter_table("attempt") as batch:
        batch.add_column(sa.Column("discarded_at", sa.DateTime(timezone=True), nullable=True))
        _checks(batch, KINDS, MODES)
    with op.batch_alter_table("review_card") as batch:
        batch.add_column(sa.Column("introduced_on", sa.Date(), nullable=True))
    op.create_table(
        "study_settings",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("new_per_day", sa.Integer(), nullable=False),
        sa.Column("reviews_per_day", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_study_settings_user_id_user")
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_study_settings")),
    )
    op.create_table(
        "appeal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                *STATUSES,
                name="appeal_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("score_before", sa.Double(), nullable=False),
        sa.Column("score_after", sa.Double(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("reply", sa.String(500), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"], ["response.id"], name=op.f("fk_appeal_response_id_response")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_appeal_user_id_user")),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["user.id"], name=op.f("fk_appeal_decided_by_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appeal")),
        sa.UniqueConstraint("response_id", name=op.f("uq_appeal_response_id")),
    )
    with op.batch_alter_table("appeal") as batch:
        batch.create_index("ix_appeal_status_created", ["status", "created_at"], unique=False)
        batch.create_index("ix_appeal_user_id", ["user_id"], unique=False)


def downgrade():
    op.drop_table("appeal")
    op.drop_table("study_settings")
    with op.batch_alter_table("review_card") as batch:
        batch.drop_column("introduced_on")
    # Chosen sessions were never counted: as retries (of their bank, or none) they stay so.
    op.execute(
        attempt.update().where(attempt.c.kind.in_(("mixed", "weak", "new"))).values(kind="retry")
    )
    op.execute(attempt.update().where(attempt.c.mode == "flashcards").values(mode="practice"))
    with op.batch_alter_table("attempt") as batch:
        _checks(batch, OLD_KINDS, OLD_MODES)
        batch.drop_column("discarded_at")
