"""Reading and writing attempts and responses: the persistence operations views call."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from quiz.attempts import new_layout, total_score
from quiz.banks import Question
from quiz.extensions import db
from quiz.grading import Result, describe_key, describe_response
from quiz.models import Attempt, Response, User, now_utc


def start_attempt(user: User, bank_id: str, questions: Sequence[Question], mode: str = "practice",
                  rng: random.Random | None = None) -> Attempt:
    """Create an attempt with its shuffled layout stored, so a resume shows the same order."""
    layout = new_layout(questions, rng or random.Random())
    attempt = Attempt(user_id=user.id, bank_id=bank_id, mode=mode, layout=layout, max_score=len(layout))
    db.session.add(attempt)
    db.session.commit()
    return attempt


def open_attempts(user: User) -> list[Attempt]:
    """The user's unfinished attempts, newest first (offered as "continue")."""
    query = select(Attempt).where(Attempt.user_id == user.id, Attempt.finished_at.is_(None))
    return list(db.session.execute(query.order_by(Attempt.started_at.desc())).scalars())


def get_response(attempt: Attempt, question_id: str) -> Response | None:
    query = select(Response).where(Response.attempt_id == attempt.id, Response.question_id == question_id)
    return db.session.execute(query).scalar_one_or_none()


def answered_positions(attempt: Attempt) -> set[int]:
    query = select(Response.position).where(Response.attempt_id == attempt.id)
    return set(db.session.execute(query).scalars())


def record_response(attempt: Attempt, position: int, question: Question, answer: Any, result: Result) -> tuple[Response, bool]:
    """Store a response once. Returns (the stored response, whether this call stored it).

    A repeat of the same question in the same attempt (double click, back button,
    replay, a concurrent duplicate) returns the response already stored, unchanged.
    """
    existing = get_response(attempt, question.id)
    if existing is not None:
        return existing, False
    response = Response(
        attempt_id=attempt.id,
        user_id=attempt.user_id,
        bank_id=attempt.bank_id,
        question_id=question.id,
        question_version=question.version,
        position=position,
        answer=answer,
        answer_text=describe_response(question, answer),
        key_text=describe_key(question),
        score=result.score,
        correct=result.correct,
    )
    db.session.add(response)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # another request stored it first: keep that one
        stored = get_response(attempt, question.id)
        assert stored is not None
        return stored, False
    return response, True


def finish_attempt(attempt: Attempt) -> None:
    """Close the attempt and fix its score (unanswered questions count 0)."""
    if attempt.finished_at is not None:
        return
    scores = db.session.execute(select(Response.score).where(Response.attempt_id == attempt.id)).scalars()
    score = total_score(list(scores), len(attempt.layout))
    attempt.score = score.points
    attempt.max_score = score.out_of
    attempt.finished_at = now_utc()
    db.session.commit()


@dataclass(frozen=True)
class BankStats:
    attempts: int
    best: float | None
    latest: float | None


def bank_stats(user: User) -> dict[str, BankStats]:
    """Per bank: finished attempts, best and latest percentage for *user*."""
    percent = 100.0 * Attempt.score / func.nullif(Attempt.max_score, 0)
    rows = db.session.execute(
        select(Attempt.bank_id, func.count(), func.max(percent), func.max(Attempt.finished_at))
        .where(Attempt.user_id == user.id, Attempt.finished_at.is_not(None))
        .group_by(Attempt.bank_id)
    ).all()
    stats = {}
    for bank_id, count, best, last_time in rows:
        latest = db.session.execute(
            select(Attempt).where(Attempt.user_id == user.id, Attempt.bank_id == bank_id,
                                  Attempt.finished_at == last_time)
        ).scalars().first()
        stats[bank_id] = BankStats(count, best, latest.percent if latest else None)
    return stats


def attempts_of(user: User) -> list[Attempt]:
    """Every attempt of *user*, newest first."""
    query = select(Attempt).where(Attempt.user_id == user.id).order_by(Attempt.started_at.desc())
    return list(db.session.execute(query).scalars())


def duration(attempt: Attempt) -> float | None:
    """Seconds from start to finish, or None while the attempt is open."""
    if attempt.finished_at is None:
        return None
    return (_aware(attempt.finished_at) - _aware(attempt.started_at)).total_seconds()


def _aware(moment: datetime) -> datetime:
    # SQLite returns naive datetimes for timezone-aware columns; they were stored in UTC.
    from datetime import timezone

    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
