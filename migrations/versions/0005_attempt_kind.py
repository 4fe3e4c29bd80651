"""attempt kind and mode as enums; the document of a passage attempt in its own column;
the deadline stored; the score and the number of answers kept as answers arrive

Before: ``mode`` held practice, exam, review, retry or passage, and ``bank_id`` held the
sentinels ``_review`` and ``_passage:<document>``. After: ``kind`` (topic, review, retry,
passage) and ``mode`` (practice, exam) are checked enums, ``bank_id`` is a bank or NULL,
``document_id`` names a passage attempt's document, ``deadline_at`` is when a timed
attempt closes, and ``score`` is the sum of the responses so far, open or not. Every row
is kept; the downgrade restores the old encoding.

Revision ID: 0005_attempt_kind
Revises: 0004_attempt_covering_indexes
Create Date: 2026-11-30 15:00:00
"""

from datetime import UTC, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0005_attempt_kind"
down_revision = "0004_attempt_covering_indexes"
branch_labels = None
depends_on = None

KINDS = ("topic", "review", "retry", "passage")
MODES = ("practice", "exam")
attempt = sa.table(
    "attempt",
    sa.column("id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("mode", sa.String),
    sa.column("bank_id", sa.String),
    sa.column("document_id", sa.String),
    sa.column("started_at", sa.DateTime(timezone=True)),
    sa.column("deadline_at", sa.DateTime(timezone=True)),
    sa.column("time_limit_s", sa.Integer),
    sa.column("finished_at", sa.DateTime(timezone=True)),
    sa.column("score", sa.Float),
    sa.column("answered", sa.Integer),
)
response = sa.table("response", sa.column("attempt_id", sa.Integer), sa.column("score", sa.Float))


def _indexes(batch, covering):
    batch.create_index(
        "ix_attempt_user_bank_scores", ["user_id", "bank_id", *covering[0]], unique=False
    )
    batch.create_index(
        "ix_attempt_bank_user_started", ["bank_id", "user_id", *covering[1]], unique=False
    )


def _drop_indexes(batch):
    batch.drop_index("ix_attempt_bank_user_started")
    batch.drop_index("ix_attempt_user_bank_scores")


def upgrade():
    with op.batch_alter_table("attempt") as batch:
        _drop_indexes(batch)
        batch.add_column(sa.Column("kind", sa.String(20), nullable=True))
        batch.add_column(sa.Column("document_id", sa.String(80), nullable=True))
        batch.add_column(sa.Column("deadline_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("answered", sa.Integer(), nullable=False, server_default="0"))
        batch.alter_column("bank_id", existing_type=sa.String(80), nullable=True)
    kind = sa.case(
        (attempt.c.mode.in_(("review", "retry", "passage")), attempt.c.mode), else_="topic"
    )
    op.execute(attempt.update().values(kind=kind))
    op.execute(
        attempt.update()
        .where(attempt.c.kind == "passage")
        .values(document_id=sa.func.substr(attempt.c.bank_id, len("_passage:") + 1), bank_id=None)
    )
    op.execute(attempt.update().where(attempt.c.kind == "review").values(bank_id=None))
    op.execute(attempt.update().where(attempt.c.mode.not_in(MODES)).values(mode="practice"))
    _backfill_deadlines()
    running = (
        sa.select(sa.func.coalesce(sa.func.sum(response.c.score), 0.0))
        .where(response.c.attempt_id == attempt.c.id)
        .scalar_subquery()
    )
    op.execute(attempt.update().where(attempt.c.finished_at.is_(None)).values(score=running))
    answered = (
        sa.select(sa.func.count()).where(response.c.attempt_id == attempt.c.id).scalar_subquery()
    )
    op.execute(attempt.update().values(answered=answered))
    with op.batch_alter_table("attempt") as batch:
        batch.alter_column("kind", existing_type=sa.String(20), nullable=False)
        batch.alter_column("score", existing_type=sa.Float, nullable=False)
        batch.create_check_constraint(op.f("ck_attempt_attempt_kind"), sa.column("kind").in_(KINDS))
        batch.create_check_constraint(op.f("ck_attempt_attempt_mode"), sa.column("mode").in_(MODES))
        _indexes(
            batch,
            (
                ["kind", "finished_at", "deadline_at", "score", "max_score"],
                ["kind", "started_at", "finished_at", "deadline_at"],
            ),
        )


def _backfill_deadlines():
    """started_at + time_limit_s, computed here: date arithmetic is not portable SQL."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(attempt.c.id, attempt.c.started_at, attempt.c.time_limit_s).where(
            attempt.c.time_limit_s.is_not(None)
        )
    ).all()
    for attempt_id, started, limit in rows:
        start = started.replace(tzinfo=UTC) if started.tzinfo is None else started
        deadline = start + timedelta(seconds=limit)
        bind.execute(
            attempt.update().where(attempt.c.id == attempt_id).values(deadline_at=deadline)
        )


def downgrade():
    with op.batch_alter_table("attempt") as batch:
        _drop_indexes(batch)
        batch.drop_constraint(op.f("ck_attempt_attempt_kind"), type_="check")
        batch.drop_constraint(op.f("ck_attempt_attempt_mode"), type_="check")
        batch.alter_column("score", existing_type=sa.Float, nullable=True)
    op.execute(attempt.update().where(attempt.c.kind != "topic").values(mode=attempt.c.kind))
    op.execute(attempt.update().where(attempt.c.kind == "review").values(bank_id="_review"))
    op.execute(
        attempt.update()
        .where(attempt.c.kind == "passage")
        .values(bank_id=sa.literal("_passage:") + attempt.c.document_id)
    )
    op.execute(attempt.update().where(attempt.c.finished_at.is_(None)).values(score=None))
    with op.batch_alter_table("attempt") as batch:
        batch.alter_column("bank_id", existing_type=sa.String(80), nullable=False)
        batch.drop_column("answered")
        batch.drop_column("deadline_at")
        batch.drop_column("document_id")
        batch.drop_column("kind")
        _indexes(
            batch,
            (["finished_at", "mode", "score", "max_score"], ["started_at", "finished_at", "mode"]),
        )
