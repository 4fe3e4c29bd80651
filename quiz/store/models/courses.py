"""Classes, their instructors and students, assignments and per-student extensions, and
the audit log of what instructors changed by hand."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from quiz.domain.attempts import Mode
from quiz.domain.courses import Counting, Reveal, Selection
from quiz.store.models.base import Model, When, enum_column, now_utc


class Course(Model):
    """A class an instructor runs: students join it with its code."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    term: Mapped[str] = mapped_column(String(100), default="")
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    created_at: Mapped[datetime] = mapped_column(When, default=now_utc)
    archived_at: Mapped[datetime | None] = mapped_column(When)


class CourseInstructor(Model):
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True, index=True)
    added_at: Mapped[datetime] = mapped_column(When, default=now_utc)


class Enrollment(Model):
    """A student in a class; removing them keeps the row (and their work) with a date."""

    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True, index=True)
    joined_at: Mapped[datetime] = mapped_column(When, default=now_utc)
    removed_at: Mapped[datetime | None] = mapped_column(When)


class Assignment(Model):
    """Work given to a class: which questions, how they are taken, when, and what counts."""

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    selection: Mapped[Selection] = mapped_column(enum_column(Selection, "assignment_selection"))
    bank_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    question_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    draw_count: Mapped[int | None] = mapped_column()
    mode: Mapped[Mode] = mapped_column(enum_column(Mode, "assignment_mode"), default=Mode.PRACTICE)
    opens_at: Mapped[datetime | None] = mapped_column(When)
    due_at: Mapped[datetime | None] = mapped_column(When)
    closes_at: Mapped[datetime | None] = mapped_column(When)
    late_allowed: Mapped[bool] = mapped_column(default=False)
    time_limit_s: Mapped[int | None] = mapped_column()
    attempts_allowed: Mapped[int | None] = mapped_column()  # None: as many as they like
    counting: Mapped[Counting] = mapped_column(
        enum_column(Counting, "assignment_counting"), default=Counting.BEST
    )
    reveal: Mapped[Reveal] = mapped_column(
        enum_column(Reveal, "assignment_reveal"), default=Reveal.AFTER_EACH
    )
    weight: Mapped[float] = mapped_column(default=1.0)
    created_at: Mapped[datetime] = mapped_column(When, default=now_utc)
    archived_at: Mapped[datetime | None] = mapped_column(When)


class AssignmentExtension(Model):
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    extra_time_s: Mapped[int] = mapped_column(default=0)
    due_at: Mapped[datetime | None] = mapped_column(When)
    closes_at: Mapped[datetime | None] = mapped_column(When)


class AuditEntry(Model):
    """A change an instructor made by hand: a score overridden, a question regraded, an
    attempt reset; who, when, and the before and after."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(When, default=now_utc)
    actor_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    action: Mapped[str] = mapped_column(String(40))
    course_id: Mapped[int | None] = mapped_column(ForeignKey("course.id"))
    student_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    attempt_id: Mapped[int | None] = mapped_column()  # kept after the attempt is deleted
    comment: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (Index("ix_audit_entry_course_at", "course_id", "at"),)
