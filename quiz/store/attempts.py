"""Attempts: start one, submit an answer, finish; and the reads that go with them.

Submitting an answer is one transaction: the attempt's score (only while it is open),
the response and the review schedule are written together or not at all. The attempt
row is updated first, so two requests writing to the same attempt queue on its row
(PostgreSQL's row lock; SQLite's single writer) and an answer that races "Finish" is
either stored and counted, or refused; never stored and ignored.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from quiz.domain.attempts import (
    REPEAT_WINDOW,
    Plan,
    deadline,
    new_layout,
    repeats_start,
)
from quiz.domain.exams import feeds_review
from quiz.domain.grading import describe_answer, describe_key, grade
from quiz.domain.layout import to_json
from quiz.domain.questions import Question
from quiz.domain.scheduling import default_rating
from quiz.domain.times import aware
from quiz.store import reviews
from quiz.store.db import db
from quiz.store.models import Attempt, Response, User
from quiz.store.scoring import still_open
from quiz.store.unit import lock_row, use_case


def get(attempt_id: int) -> Attempt | None:
    return db.session.get(Attempt, attempt_id)


def get_own(user_id: int, attempt_id: int) -> Attempt | None:
    """The attempt, if it belongs to *user_id*."""
    attempt = db.session.get(Attempt, attempt_id)
    return attempt if attempt is not None and attempt.user_id == user_id else None


def start(
    user_id: int,
    questions: Sequence[Question],
    plan: Plan,
    now: datetime,
    rng: random.Random | None = None,
) -> Attempt:
    """A new attempt with its shuffled layout stored, so a resume shows the same order.

    A second start of the same plan and questions within seconds (a double click on Start
    or Retry) returns the attempt the first one made, while it has no answer yet."""
    layout = new_layout(questions, rng or random.Random(), shuffle_questions=plan.shuffle)
    attempt = Attempt(
        user_id=user_id,
        kind=plan.kind,
        mode=plan.mode,
        bank_id=plan.bank_id,
        document_id=plan.document_id,
        layout=to_json(layout),
        max_score=len(layout),
        score=0.0,
        time_limit_s=plan.time_limit_s,
        started_at=now,
        deadline_at=deadline(now, plan.time_limit_s),
    )
    with use_case() as session:
        lock_row(User, user_id)  # one start at a time per student
        earlier = _repeated_start(user_id, plan, [e.question_id for e in layout], now)
        if earlier is not None:
            return earlier
        session.add(attempt)
    return attempt


def _repeated_start(
    user_id: int, plan: Plan, question_ids: list[str], now: datetime
) -> Attempt | None:
    """The student's attempt that this start repeats, if any (see ``repeats_start``)."""
    query = select(Attempt).where(
        Attempt.user_id == user_id,
        Attempt.started_at >= now - REPEAT_WINDOW,
        *still_open(now),
        ~Attempt.responses.any(),
    )
    for earlier in db.session.execute(query).scalars():
        shown = [e.question_id for e in earlier.entries]
        if repeats_start(plan, question_ids, earlier.plan, shown):
            return earlier
    return None


def response_to(attempt_id: int, question_id: str) -> Response | None:
    query = select(Response).where(
        Response.attempt_id == attempt_id, Response.question_id == question_id
    )
    return db.session.execute(query).scalar_one_or_none()


def answered_positions(attempt_id: int) -> set[int]:
    query = select(Response.position).where(Response.attempt_id == attempt_id)
    return set(db.session.execute(query).scalars())


@dataclass(frozen=True)
class Submission:
    """What became of an answer: stored now, stored before (a repeat), or refused."""

    response: Response | None
    stored: bool
    refused: bool = False  # the attempt had closed (finished, or its time was up)


class _Closed(Exception):
    """The attempt closed before this answer could be stored."""


def submit_answer(
    attempt: Attempt, position: int, question: Question, answer: Any, now: datetime
) -> Submission:
    """Grade *answer*, store it once with its score and review, and finish the attempt
    when it was the last question. A repeat (double click, back button, a concurrent
    duplicate) returns the response already stored, unchanged."""
    result = grade(question, answer)
    attempt_id, size, review = attempt.id, attempt.size, feeds_review(attempt.mode)
    fields = _response_fields(attempt, position, question, answer, now) | {
        "score": result.score,
        "correct": result.correct,
    }
    rating = default_rating(result.score, result.correct)
    for last_try in (False, True):
        try:
            with use_case() as session:
                lock_row(Attempt, attempt_id)  # a "Finish" in flight waits, or we wait for it
                if not _add_score(attempt_id, result.score, now):
                    raise _Closed
                response = Response(**fields)
                session.add(response)
                session.flush()  # the unique (attempt, question) constraint fires here
                if review:  # never from an exam: that would tell right from wrong early
                    reviews.schedule(response, rating, now)
                if len(answered_positions(attempt_id)) >= size:
                    _close(attempt_id, now)
            return Submission(response, True)
        except _Closed:
            return Submission(None, False, refused=True)
        except IntegrityError:
            stored = response_to(attempt_id, question.id)
            if stored is not None:  # another request stored this answer first: keep that one
                return Submission(stored, False)
            if last_try:
                raise
            # Else the student's review card was created meanwhile by an answer to the same
            # question in another attempt (PostgreSQL's read committed lets both see none):
            # once more, now finding the card.
    raise AssertionError("unreachable")


def _response_fields(
    attempt: Attempt, position: int, question: Question, answer: Any, now: datetime
) -> dict[str, Any]:
    """A response's columns: what was answered, to which version, as machine and text."""
    return {
        "attempt_id": attempt.id,
        "user_id": attempt.user_id,
        "bank_id": question.bank,
        "question_id": question.id,
        "question_version": question.version,
        "position": position,
        "answer": answer,
        "answer_text": describe_answer(question, answer),
        "key_text": describe_key(question),
        "submitted_at": now,
    }


def _add_score(attempt_id: int, score: float, now: datetime) -> bool:
    """Add *score* to the attempt while it is open; False when it has closed."""
    statement = (
        update(Attempt)
        .where(Attempt.id == attempt_id, *still_open(now))
        .values(score=Attempt.score + score)
        .execution_options(synchronize_session=False)
    )
    return bool(db.session.execute(statement).rowcount)  # type: ignore[attr-defined]


def _close(attempt_id: int, moment: datetime) -> None:
    statement = (
        update(Attempt)
        .where(Attempt.id == attempt_id, Attempt.finished_at.is_(None))
        .values(finished_at=moment)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(statement)


def finish(attempt: Attempt, now: datetime) -> None:
    """Close the attempt (unanswered questions count 0); one past its deadline closes at
    the deadline. Finishing a finished attempt changes nothing."""
    end = aware(attempt.deadline_at) if attempt.deadline_at else None
    moment = min(now, end) if end is not None else now
    with use_case():
        lock_row(Attempt, attempt.id)
        _close(attempt.id, moment)


def open_attempts(user_id: int, now: datetime) -> list[Attempt]:
    """The user's attempts still open (not finished, time not up), newest first."""
    query = (
        select(Attempt)
        .where(Attempt.user_id == user_id, *still_open(now))
        .order_by(Attempt.started_at.desc())
    )
    return list(db.session.execute(query).scalars())


def attempts_of(user_id: int) -> list[Attempt]:
    """Every attempt of *user_id*, newest first."""
    query = select(Attempt).where(Attempt.user_id == user_id).order_by(Attempt.started_at.desc())
    return list(db.session.execute(query).scalars())


def right_question_ids(attempt_id: int) -> set[str]:
    """The questions of an attempt answered fully right."""
    query = select(Response.question_id).where(Response.attempt_id == attempt_id, Response.correct)
    return set(db.session.execute(query).scalars())
