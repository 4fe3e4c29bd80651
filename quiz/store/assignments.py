"""Assignments: reading one, its window for a student (with their extension)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from quiz.domain.assigning import AssignmentSpec
from quiz.domain.courses import Extension, Window, for_student
from quiz.domain.standings import Taken
from quiz.domain.times import aware
from quiz.store.db import db
from quiz.store.models import Assignment, AssignmentExtension, Attempt, Course, Enrollment


def get(assignment_id: int) -> Assignment | None:
    return db.session.get(Assignment, assignment_id)


def window(assignment: Assignment) -> Window:
    """The class's window: when it opens, is due and closes."""
    return Window(
        assignment.opens_at, assignment.due_at, assignment.closes_at, assignment.late_allowed
    )


def extension(assignment_id: int, user_id: int) -> Extension | None:
    found = db.session.get(AssignmentExtension, (assignment_id, user_id))
    if found is None:
        return None
    return Extension(found.extra_time_s, found.due_at, found.closes_at)


def student_window(assignment: Assignment, user_id: int) -> Window:
    """The window one student has: the class's, moved later by their extension."""
    return for_student(window(assignment), extension(assignment.id, user_id))


def of_course(course_id: int, archived: bool = False) -> list[Assignment]:
    """A class's assignments, by due date (undated last), then title."""
    query = select(Assignment).where(Assignment.course_id == course_id)
    if not archived:
        query = query.where(Assignment.archived_at.is_(None))
    found = list(db.session.execute(query).scalars())
    return sorted(
        found, key=lambda a: (a.due_at is None, aware(a.due_at) if a.due_at else 0, a.title)
    )


@dataclass(frozen=True)
class StudentAssignment:
    """An assignment as one student meets it: their window and their attempts."""

    assignment: Assignment
    course_name: str
    window: Window
    attempts: list[Taken]
    open_attempt_id: int | None


def of_student(
    user_id: int, now: datetime, course_id: int | None = None
) -> list[StudentAssignment]:
    """The assignments of the student's classes (or of one), each with their window and
    attempts: three queries, whatever the number of assignments."""
    query = (
        select(Assignment, Course.name)
        .join(Course, Course.id == Assignment.course_id)
        .join(Enrollment, Enrollment.course_id == Course.id)
        .where(
            Enrollment.user_id == user_id,
            Enrollment.removed_at.is_(None),
            Course.archived_at.is_(None),
            Assignment.archived_at.is_(None),
        )
    )
    if course_id is not None:
        query = query.where(Course.id == course_id)
    rows = list(db.session.execute(query))
    ids = [a.id for a, _ in rows]
    extensions = _extensions_of(user_id, ids)
    taken, open_ids = _taken_by(user_id, ids, now)
    found = [
        StudentAssignment(
            a, name, for_student(window(a), extensions.get(a.id)), taken[a.id], open_ids.get(a.id)
        )
        for a, name in rows
    ]
    return sorted(found, key=_by_due)


def _taken_by(
    user_id: int, assignment_ids: list[int], now: datetime
) -> tuple[dict[int, list[Taken]], dict[int, int]]:
    """The student's attempts per assignment, and the open one's id of each."""
    taken: dict[int, list[Taken]] = {i: [] for i in assignment_ids}
    open_ids: dict[int, int] = {}
    query = select(Attempt).where(
        Attempt.user_id == user_id,
        Attempt.assignment_id.in_(assignment_ids),
        Attempt.discarded_at.is_(None),
    )
    for attempt in db.session.execute(query).scalars():
        assert attempt.assignment_id is not None
        ended = attempt.ended(now)
        taken[attempt.assignment_id].append(Taken(attempt.started_at, ended, attempt.percent))
        if ended is None:
            open_ids[attempt.assignment_id] = attempt.id
    return taken, open_ids


def _extensions_of(user_id: int, assignment_ids: list[int]) -> dict[int, Extension]:
    query = select(AssignmentExtension).where(
        AssignmentExtension.user_id == user_id,
        AssignmentExtension.assignment_id.in_(assignment_ids),
    )
    return {
        e.assignment_id: Extension(e.extra_time_s, e.due_at, e.closes_at)
        for e in db.session.execute(query).scalars()
    }


def _by_due(item: StudentAssignment) -> tuple[bool, datetime, str]:
    due = item.window.due_at or item.window.closes_at
    return (
        due is None,
        aware(due) if due else datetime.min.replace(tzinfo=UTC),
        item.assignment.title,
    )


def spec_of(assignment: Assignment) -> AssignmentSpec:
    """The assignment's settings as the domain reads them."""
    return AssignmentSpec(
        title=assignment.title,
        selection=assignment.selection,
        bank_ids=tuple(assignment.bank_ids or ()),
        question_ids=tuple(assignment.question_ids or ()),
        draw_count=assignment.draw_count,
        mode=assignment.mode,
        window=window(assignment),
        time_limit_s=assignment.time_limit_s,
        attempts_allowed=assignment.attempts_allowed,
        counting=assignment.counting,
        reveal=assignment.reveal,
        weight=assignment.weight,
    )


def attempts_of(assignment_id: int, user_id: int) -> list[Attempt]:
    """A student's attempts at an assignment (not those reset), oldest first."""
    query = (
        select(Attempt)
        .where(
            Attempt.assignment_id == assignment_id,
            Attempt.user_id == user_id,
            Attempt.discarded_at.is_(None),
        )
        .order_by(Attempt.started_at, Attempt.id)
    )
    return list(db.session.execute(query).scalars())
