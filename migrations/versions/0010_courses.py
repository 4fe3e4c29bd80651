"""courses: classes with instructors and students, assignments and extensions, the audit
log; an attempt may belong to an assignment (a new kind); a response keeps its original
score when an instructor overrides it; a user has a time zone for showing dates

Revision ID: 0010_courses
Revises: 0009_interop
Create Date: 2026-11-30 16:40:00
"""

import sqlalchemy as sa
from alembic import op

KINDS = ("topic", "review", "retry", "passage", "mixed", "weak", "new")


# revision identifiers, used by Alembic.
revision = "0010_courses"
down_revision = "0009_interop"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "course",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("term", sa.String(length=100), nullable=False),
        sa.Column("join_code", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course")),
        sa.UniqueConstraint("join_code", name=op.f("uq_course_join_code")),
    )
    op.create_table(
        "assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "selection",
            sa.Enum(
                "bank",
                "chosen",
                "random",
                name="assignment_selection",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("bank_ids", sa.JSON(), nullable=False),
        sa.Column("question_ids", sa.JSON(), nullable=False),
        sa.Column("draw_count", sa.Integer(), nullable=True),
        sa.Column(
            "mode",
            sa.Enum(
                "practice",
                "exam",
                "flashcards",
                name="assignment_mode",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("opens_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("late_allowed", sa.Boolean(), nullable=False),
        sa.Column("time_limit_s", sa.Integer(), nullable=True),
        sa.Column("attempts_allowed", sa.Integer(), nullable=True),
        sa.Column(
            "counting",
            sa.Enum(
                "best",
                "last",
                "mean",
                name="assignment_counting",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "reveal",
            sa.Enum(
                "after_each",
                "after_submit",
                "after_close",
                name="assignment_reveal",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("weight", sa.Double(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["course_id"], ["course.id"], name=op.f("fk_assignment_course_id_course")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment")),
    )
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignment_course_id"), ["course_id"], unique=False)

    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=True),
        sa.Column("student_id", sa.Integer(), nullable=True),
        sa.Column("attempt_id", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["user.id"], name=op.f("fk_audit_entry_actor_id_user")
        ),
        sa.ForeignKeyConstraint(
            ["course_id"], ["course.id"], name=op.f("fk_audit_entry_course_id_course")
        ),
        sa.ForeignKeyConstraint(
            ["student_id"], ["user.id"], name=op.f("fk_audit_entry_student_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index("ix_audit_entry_course_at", ["course_id", "at"], unique=False)

    op.create_table(
        "course_instructor",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"], ["course.id"], name=op.f("fk_course_instructor_course_id_course")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_course_instructor_user_id_user")
        ),
        sa.PrimaryKeyConstraint("course_id", "user_id", name=op.f("pk_course_instructor")),
    )
    with op.batch_alter_table("course_instructor", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_course_instructor_user_id"), ["user_id"], unique=False)

    op.create_table(
        "enrollment",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["course_id"], ["course.id"], name=op.f("fk_enrollment_course_id_course")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_enrollment_user_id_user")),
        sa.PrimaryKeyConstraint("course_id", "user_id", name=op.f("pk_enrollment")),
    )
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrollment_user_id"), ["user_id"], unique=False)

    op.create_table(
        "assignment_extension",
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("extra_time_s", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignment.id"],
            name=op.f("fk_assignment_extension_assignment_id_assignment"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_assignment_extension_user_id_user")
        ),
        sa.PrimaryKeyConstraint("assignment_id", "user_id", name=op.f("pk_assignment_extension")),
    )
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assignment_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            "ix_attempt_assignment_user",  # covering: a class's gradebook reads only this
            [
                "assignment_id",
                "user_id",
                "discarded_at",
                "started_at",
                "finished_at",
                "deadline_at",
                "score",
                "max_score",
            ],
            unique=False,
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_attempt_assignment_id_assignment"),
            "assignment",
            ["assignment_id"],
            ["id"],
        )
        batch_op.drop_constraint(op.f("ck_attempt_attempt_kind"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_attempt_attempt_kind"), sa.column("kind").in_((*KINDS, "assignment"))
        )

    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.add_column(sa.Column("original_score", sa.Double(), nullable=True))

    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("timezone", sa.String(length=64), server_default="UTC", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("timezone")

    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.drop_column("original_score")

    op.execute("UPDATE attempt SET kind = 'topic' WHERE kind = 'assignment'")
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_attempt_attempt_kind"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_attempt_attempt_kind"), sa.column("kind").in_(KINDS)
        )
        batch_op.drop_constraint(
            batch_op.f("fk_attempt_assignment_id_assignment"), type_="foreignkey"
        )
        batch_op.drop_index("ix_attempt_assignment_user")
        batch_op.drop_column("assignment_id")

    op.drop_table("assignment_extension")
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrollment_user_id"))

    op.drop_table("enrollment")
    with op.batch_alter_table("course_instructor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_course_instructor_user_id"))

    op.drop_table("course_instructor")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entry_course_at")

    op.drop_table("audit_entry")
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignment_course_id"))

    op.drop_table("assignment")
    op.drop_table("course")
