"""Bulk inserts for demo data: thousands of rows per statement, one transaction a batch."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select
from werkzeug.security import generate_password_hash

from quiz.domain.attempts import Kind
from quiz.domain.courses import join_code
from quiz.domain.demo import DemoAttempt
from quiz.store.models import (
    INSTRUCTOR,
    STUDENT,
    Attempt,
    Course,
    CourseInstructor,
    Enrollment,
    Response,
    User,
)
from quiz.store.unit import use_case


def users_named(prefix: str) -> int:
    """How many users have a name starting with *prefix*."""
    with use_case() as session:
        query = (
            select(func.count())
            .select_from(User)
            .where(User.username.startswith(prefix, autoescape=True))
        )
        return int(session.execute(query).scalar_one())


def insert_students(prefix: str, students: int, password: str) -> list[int]:
    """*students* students PREFIX0001..., in a new class taught by every instructor there is
    (an instructor sees only the students of their classes); returns their ids in order."""
    digest = generate_password_hash(password)  # hashing once: a hash per student would take minutes
    width = max(4, len(str(students)))
    now = datetime.now(UTC)
    rows = [
        {
            "username": f"{prefix}{n:0{width}d}",
            "password_hash": digest,
            "role": STUDENT,
            "created_at": now,
        }
        for n in range(1, students + 1)
    ]
    with use_case() as session:
        returning = insert(User).returning(User.id, sort_by_parameter_order=True)
        ids = list(session.execute(returning, rows).scalars())
        course = Course(
            name=f"Demo class ({prefix})", term="demo", join_code=join_code(), created_at=now
        )
        session.add(course)
        session.flush()
        teachers = session.execute(select(User.id).where(User.role == INSTRUCTOR)).scalars()
        session.add_all(
            CourseInstructor(course_id=course.id, user_id=t, added_at=now) for t in teachers
        )
        session.execute(
            insert(Enrollment),
            [{"course_id": course.id, "user_id": i, "joined_at": now} for i in ids],
        )
    return ids


def insert_attempts(batch: Sequence[DemoAttempt], user_ids: Sequence[int]) -> int:
    """The attempts of *batch* with their responses; returns how many responses."""
    if not batch:
        return 0
    rows = [
        {
            "user_id": user_ids[a.student],
            "kind": Kind.TOPIC,
            "bank_id": a.bank_id,
            "mode": a.mode,
            "layout": a.layout,
            "started_at": a.started_at,
            "finished_at": a.finished_at,
            "score": a.score,
            "max_score": a.max_score,
        }
        for a in batch
    ]
    with use_case() as session:
        returning = insert(Attempt).returning(Attempt.id, sort_by_parameter_order=True)
        ids = list(session.execute(returning, rows).scalars())
        responses: list[dict[str, Any]] = [
            {**r, "attempt_id": attempt_id, "user_id": user_ids[a.student]}
            for a, attempt_id in zip(batch, ids, strict=True)
            for r in a.responses
        ]
        if responses:
            session.execute(insert(Response), responses)
    return len(responses)
