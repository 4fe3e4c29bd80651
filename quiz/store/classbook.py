"""Reading one class's gradebook: its students, assignments, every attempt at them (from
an index: the attempt rows' large layouts are never read), extensions and practice.
Five queries, whatever the size of the class."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from quiz.domain.attempts import Kind, ended_at, percent
from quiz.domain.classbook import Column, Facts
from quiz.domain.courses import Extension, Taken
from quiz.store import assignments as assignment_reads
from quiz.store.courses import roster
from quiz.store.db import db
from quiz.store.models import Assignment, AssignmentExtension, Attempt, Enrollment
from quiz.store.scoring import as_float, closed
from quiz.store.scoring import percent as percent_column


def facts(course_id: int, now: datetime) -> Facts:
    """Everything the gradebook of *course_id* shows, read in bulk."""
    students = [(m.user_id, m.username) for m in roster(course_id)]
    found = assignment_reads.of_course(course_id)
    columns = [
        Column(a.id, a.title, assignment_reads.window(a), a.counting, a.weight) for a in found
    ]
    return Facts(
        students,
        columns,
        _taken(course_id, now),
        _extensions(course_id),
        _practice(course_id, now),
    )


def _in_class(course_id: int) -> Any:
    return (
        select(Enrollment.user_id)
        .where(Enrollment.course_id == course_id, Enrollment.removed_at.is_(None))
        .scalar_subquery()
    )


def _of_class(course_id: int) -> Any:
    return select(Assignment.id).where(Assignment.course_id == course_id).scalar_subquery()


def _taken(course_id: int, now: datetime) -> dict[tuple[int, int], list[Taken]]:
    query = select(
        Attempt.user_id,
        Attempt.assignment_id,
        Attempt.started_at,
        Attempt.finished_at,
        Attempt.deadline_at,
        Attempt.score,
        Attempt.max_score,
    ).where(
        Attempt.assignment_id.in_(_of_class(course_id)),
        Attempt.discarded_at.is_(None),
        Attempt.user_id.in_(_in_class(course_id)),
    )
    out: dict[tuple[int, int], list[Taken]] = {}
    for user, assignment, started, finished, deadline, score, most in db.session.execute(query):
        ended = ended_at(finished, deadline, now)
        out.setdefault((user, assignment or 0), []).append(
            Taken(started, ended, percent(score, most))
        )
    return out


def _extensions(course_id: int) -> dict[tuple[int, int], Extension]:
    query = select(AssignmentExtension).where(
        AssignmentExtension.assignment_id.in_(_of_class(course_id))
    )
    return {
        (e.user_id, e.assignment_id): Extension(e.extra_time_s, e.due_at, e.closes_at)
        for e in db.session.execute(query).scalars()
    }


def _practice(course_id: int, now: datetime) -> dict[int, tuple[int, float | None]]:
    """Per student: their finished practice attempts (any topic) and the mean percent."""
    query = (
        select(Attempt.user_id, func.count(), func.avg(percent_column()))
        .where(
            Attempt.user_id.in_(_in_class(course_id)),
            Attempt.kind == Kind.TOPIC,
            closed(now),
        )
        .group_by(Attempt.user_id)
    )
    return {user: (count, as_float(mean)) for user, count, mean in db.session.execute(query)}
