"""Assignments: reading one, its window for a student (with their extension)."""

from __future__ import annotations

from quiz.domain.courses import Extension, Window, for_student
from quiz.store.db import db
from quiz.store.models import Assignment, AssignmentExtension


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
