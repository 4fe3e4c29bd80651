"""Reading one class's gradebook: its students, assignments, every attempt at them (from
an index: the attempt rows' large layouts are never read), extensions and practice.
Five queries, whatever the size of the class."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select

from quiz.domain.attempts import Kind
from quiz.domain.classbook import Column, Facts
from quiz.domain.courses import Counting, Extension
from quiz.domain.standings import Record
from quiz.domain.times import aware
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
        _taken(course_id, now, [c.id for c in columns if c.counting is Counting.LAST]),
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


def _taken(
    course_id: int, now: datetime, last_counts: Sequence[int]
) -> dict[tuple[int, int], Record]:
    """Per student and assignment, their attempts summed up in the database (one row per
    pair, not per attempt): how many, the first submission, the best and mean percent;
    the latest one's percent only for the assignments *last_counts* (where it counts)."""
    ended = case(
        (Attempt.finished_at.is_not(None), Attempt.finished_at),
        (Attempt.deadline_at < now, Attempt.deadline_at),
        else_=None,
    )
    scored = case((ended.is_not(None), percent_column()), else_=None)
    mine = (
        Attempt.assignment_id.in_(_of_class(course_id)),
        Attempt.discarded_at.is_(None),
        Attempt.user_id.in_(_in_class(course_id)),
    )
    query = (
        select(
            Attempt.user_id,
            Attempt.assignment_id,
            func.count(),
            func.min(ended),
            func.max(scored),
            func.avg(scored),
        )
        .where(*mine)
        .group_by(Attempt.assignment_id, Attempt.user_id)
    )
    latest = _latest(select(Attempt.user_id, Attempt.assignment_id, ended, scored), last_counts)
    return {
        (user, assignment): Record(
            count,
            aware(first),
            as_float(best),
            as_float(mean),
            latest.get((user, assignment)),
        )
        for user, assignment, count, first, best, mean in db.session.execute(query)
    }


def _latest(query: Any, assignment_ids: Sequence[int]) -> dict[tuple[int, int], float | None]:
    """The percent of each student's latest submitted attempt at *assignment_ids*."""
    if not assignment_ids:
        return {}
    found: dict[tuple[int, int], tuple[datetime, float | None]] = {}
    rows = query.where(Attempt.assignment_id.in_(assignment_ids), Attempt.discarded_at.is_(None))
    for user, assignment, ended, scored in db.session.execute(rows):
        if ended is None or scored is None:
            continue
        key, moment = (user, assignment), aware(ended)
        if key not in found or moment > found[key][0]:
            found[key] = (moment, as_float(scored))
    return {key: value for key, (_, value) in found.items()}


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
