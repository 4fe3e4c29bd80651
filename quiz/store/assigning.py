"""Writing assignments: saving one from its spec, archiving it, a student's extension,
and starting a student's attempt at it (within its window and attempts allowed)."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from quiz.domain.assigning import AssignmentSpec
from quiz.domain.attempts import Kind, Plan
from quiz.domain.courses import Extension, Selection, attempt_deadline, start_refusal
from quiz.domain.questions import Question
from quiz.store.assignments import extension, student_window
from quiz.store.attempts import new_attempt, open_conditions
from quiz.store.db import db
from quiz.store.models import Assignment, AssignmentExtension, Attempt, User
from quiz.store.unit import lock_row, use_case


def _columns(spec: AssignmentSpec) -> dict[str, Any]:
    window = spec.window
    return {
        "title": spec.title,
        "selection": spec.selection,
        "bank_ids": list(spec.bank_ids),
        "question_ids": list(spec.question_ids) if spec.selection is Selection.CHOSEN else [],
        "draw_count": spec.draw_count if spec.selection is Selection.RANDOM else None,
        "mode": spec.mode,
        "opens_at": window.opens_at,
        "due_at": window.due_at,
        "closes_at": window.closes_at,
        "late_allowed": window.late_allowed,
        "time_limit_s": spec.time_limit_s,
        "attempts_allowed": spec.attempts_allowed,
        "counting": spec.counting,
        "reveal": spec.reveal,
        "weight": spec.weight,
    }


def save(
    course_id: int, spec: AssignmentSpec, now: datetime, assignment_id: int | None = None
) -> int:
    """Create the assignment (or change *assignment_id*); its id. A change applies to
    attempts started from now on; those under way keep their deadline."""
    with use_case() as session:
        found = None if assignment_id is None else session.get(Assignment, assignment_id)
        if found is None:
            assignment = Assignment(course_id=course_id, created_at=now, **_columns(spec))
            session.add(assignment)
        else:
            assignment = found
            for name, value in _columns(spec).items():
                setattr(assignment, name, value)
        session.flush()
        return assignment.id


def set_archived(assignment_id: int, archived: bool, now: datetime) -> None:
    with use_case() as session:
        found = session.get(Assignment, assignment_id)
        if found is not None:
            found.archived_at = now if archived else None


def set_extension(assignment_id: int, user_id: int, granted: Extension | None) -> None:
    """Give one student extra time or later dates (None: take the extension away)."""
    with use_case() as session:
        found = session.get(AssignmentExtension, (assignment_id, user_id))
        if granted is None:
            if found is not None:
                session.delete(found)
            return
        if found is None:
            found = AssignmentExtension(assignment_id=assignment_id, user_id=user_id)
            session.add(found)
        found.extra_time_s = granted.extra_time_s
        found.due_at, found.closes_at = granted.due_at, granted.closes_at


def used_attempts(assignment_id: int, user_id: int) -> int:
    """The attempts a student has made at an assignment (a reset one is not counted)."""
    query = select(func.count()).where(
        Attempt.assignment_id == assignment_id,
        Attempt.user_id == user_id,
        Attempt.discarded_at.is_(None),
    )
    return int(db.session.scalar(query) or 0)


def open_attempt(assignment_id: int, user_id: int, now: datetime) -> Attempt | None:
    query = select(Attempt).where(
        Attempt.assignment_id == assignment_id, Attempt.user_id == user_id, *open_conditions(now)
    )
    return db.session.execute(query.limit(1)).scalar_one_or_none()


def start(
    assignment: Assignment,
    user_id: int,
    questions: Callable[[int], Sequence[Question]],
    now: datetime,
    show: Callable[[datetime], str] = str,
) -> Attempt | str:
    """The student's attempt at *assignment*: the one under way, or a new one with
    ``questions(n)`` (n: which attempt this is, from 1), its deadline from the time limit,
    any extra time and the window; or, in words (dates as *show* writes them), why none
    may start now."""
    window = student_window(assignment, user_id)
    granted = extension(assignment.id, user_id)
    with use_case() as session:
        lock_row(User, user_id)  # one start at a time per student
        under_way = open_attempt(assignment.id, user_id, now)
        if under_way is not None:
            return under_way
        used = used_attempts(assignment.id, user_id)
        refusal = start_refusal(window, used, assignment.attempts_allowed, now, show)
        if refusal is not None:
            return refusal
        chosen = questions(used + 1)
        if not chosen:
            return "This assignment has no questions to give right now: tell your instructor."
        bank_id = assignment.bank_ids[0] if assignment.selection is Selection.BANK else None
        plan = Plan(Kind.ASSIGNMENT, assignment.mode, bank_id=bank_id, assignment_id=assignment.id)
        attempt = new_attempt(user_id, chosen, plan, now, random.Random())
        attempt.time_limit_s = assignment.time_limit_s
        extra = granted.extra_time_s if granted else 0
        attempt.deadline_at = attempt_deadline(now, assignment.time_limit_s, extra, window)
        session.add(attempt)
    return attempt
