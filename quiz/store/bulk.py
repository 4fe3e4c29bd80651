"""Bulk inserts for demo data: thousands of rows per statement, one transaction a batch."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from werkzeug.security import generate_password_hash

from quiz.domain.attempts import Kind, Mode
from quiz.domain.courses import Counting, Reveal, Selection, join_code
from quiz.domain.demo import DemoAttempt
from quiz.store.models import (
    INSTRUCTOR,
    STUDENT,
    Assignment,
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


def insert_assignments(
    prefix: str, count: int, bank_ids: Sequence[str], start: datetime, days: int
) -> dict[str, list[int]]:
    """*count* whole-topic practice assignments in the demo class of *prefix*, the banks
    taken in turn, due one after the other over *days*; their ids per bank."""
    if not count:
        return {}
    with use_case() as session:
        course_id = session.execute(
            select(Course.id).where(Course.name == f"Demo class ({prefix})")
        ).scalar_one()
        step = timedelta(days=days) / max(1, count)
        rows = [
            {
                "course_id": course_id,
                "title": f"Week {n + 1}: {bank_ids[n % len(bank_ids)]}",
                "selection": Selection.BANK,
                "bank_ids": [bank_ids[n % len(bank_ids)]],
                "question_ids": [],
                "mode": Mode.PRACTICE,
                "opens_at": start,
                "due_at": start + step * (n + 1),
                "closes_at": start + step * (n + 1) + timedelta(days=7),
                "late_allowed": True,
                "attempts_allowed": None,
                "counting": Counting.BEST,
                "reveal": Reveal.AFTER_EACH,
                "weight": 1.0,
                "created_at": start,
            }
            for n in range(count)
        ]
        returning = insert(Assignment).returning(Assignment.id, sort_by_parameter_order=True)
        ids = list(session.execute(returning, rows).scalars())
    found: dict[str, list[int]] = {}
    for n, assignment_id in enumerate(ids):
        found.setdefault(bank_ids[n % len(bank_ids)], []).append(assignment_id)
    return found


def insert_attempts(
    batch: Sequence[DemoAttempt],
    user_ids: Sequence[int],
    assignments: Mapping[str, Sequence[int]] | None = None,
) -> int:
    """The attempts of *batch* with their responses; returns how many responses. With
    *assignments* (ids per bank), each attempt is at one of its bank's assignments."""
    if not batch:
        return 0

    def assignment_of(n: int, a: DemoAttempt) -> int | None:
        choices = (assignments or {}).get(a.bank_id)
        return choices[(a.student + n) % len(choices)] if choices else None

    rows = [
        {
            "user_id": user_ids[a.student],
            "kind": Kind.ASSIGNMENT if assignments else Kind.TOPIC,
            "assignment_id": assignment_of(n, a),
            "bank_id": a.bank_id,
            "mode": a.mode,
            "layout": a.layout,
            "started_at": a.started_at,
            "finished_at": a.finished_at,
            "score": a.score,
            "max_score": a.max_score,
        }
        for n, a in enumerate(batch)
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
