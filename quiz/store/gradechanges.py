"""What an instructor changes by hand in a class's grades, each written to the audit log
with who, when, why and the before and after: a response's score overridden, a question
regraded against a version of its key, an attempt reset (the student may take it again)
or deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update

from quiz.domain.grading import describe_key, grade
from quiz.domain.questions import Question
from quiz.store.db import db
from quiz.store.models import Appeal, Attempt, AuditEntry, Response, ReviewLog
from quiz.store.unit import lock_row, use_case


@dataclass(frozen=True)
class Actor:
    """Who makes a change, in which class, and when."""

    user_id: int
    course_id: int
    at: datetime


def _audit(actor: Actor, action: str, attempt: Attempt, comment: str, **detail: Any) -> None:
    db.session.add(
        AuditEntry(
            at=actor.at,
            actor_id=actor.user_id,
            action=action,
            course_id=actor.course_id,
            student_id=attempt.user_id,
            attempt_id=attempt.id,
            comment=comment,
            detail=detail,
        )
    )


def _rescore(response: Response, score: float, correct: bool) -> None:
    """Give *response* a new score, keeping its first one and the attempt's total right."""
    lock_row(Attempt, response.attempt_id)
    db.session.execute(
        update(Attempt)
        .where(Attempt.id == response.attempt_id)
        .values(score=Attempt.score + (score - response.score))
        .execution_options(synchronize_session=False)
    )
    if response.original_score is None:
        response.original_score = response.score
    response.score, response.correct = score, correct


def override(response_id: int, score: float, comment: str, actor: Actor) -> None:
    """Set one response's score (0 to 1) by hand, with the instructor's reason."""
    with use_case() as session:
        response = session.get(Response, response_id)
        assert response is not None
        before = response.score
        _rescore(response, score, score >= 1.0)
        _audit(
            actor,
            "override",
            response.attempt,
            comment,
            question_id=response.question_id,
            before=before,
            after=score,
        )


def regrade(assignment_id: int, question: Question, number: int, actor: Actor) -> int:
    """Grade again every answer to *question* in the assignment's attempts against this
    version of it (*number*); how many scores changed."""
    query = (
        select(Response)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(Attempt.assignment_id == assignment_id, Response.question_id == question.id)
    )
    changed = 0
    with use_case() as session:
        for response in session.execute(query).scalars():
            result = grade(question, response.answer)
            response.key_text = describe_key(question)
            if result.score == response.score and result.correct == response.correct:
                continue
            before = response.score
            _rescore(response, result.score, result.correct)
            _audit(
                actor,
                "regrade",
                response.attempt,
                f"Regraded against version {number}",
                question_id=question.id,
                before=before,
                after=result.score,
            )
            changed += 1
    return changed


def reset(attempt_id: int, comment: str, actor: Actor) -> None:
    """Set an attempt aside: it no longer counts or uses up an attempt, so the student may
    take the assignment again. Its answers stay on record."""
    with use_case() as session:
        attempt = session.get(Attempt, attempt_id)
        assert attempt is not None
        attempt.discarded_at = actor.at
        if attempt.finished_at is None:
            attempt.finished_at = actor.at
        _audit(actor, "reset", attempt, comment, score=attempt.score, out_of=attempt.max_score)


def delete_attempt(attempt_id: int, comment: str, actor: Actor) -> None:
    """Remove an attempt and its answers for good (the audit log keeps its score)."""
    with use_case() as session:
        attempt = session.get(Attempt, attempt_id)
        assert attempt is not None
        _audit(actor, "delete", attempt, comment, score=attempt.score, out_of=attempt.max_score)
        responses = select(Response.id).where(Response.attempt_id == attempt_id)
        session.execute(delete(ReviewLog).where(ReviewLog.response_id.in_(responses)))
        session.execute(delete(Appeal).where(Appeal.response_id.in_(responses)))
        session.execute(delete(Response).where(Response.attempt_id == attempt_id))
        session.execute(delete(Attempt).where(Attempt.id == attempt_id))


def log(course_id: int, limit: int = 500) -> list[AuditEntry]:
    """The class's audit log, newest first."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.course_id == course_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    return list(db.session.execute(query).scalars())
