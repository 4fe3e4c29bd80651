"""Submitting an answer (practice and flashcards: one answer per question, final; an
exam's answers are saved, and changed, by :mod:`quiz.store.delivery`).

Submitting is one transaction: the attempt's score (only while it is open), the response
and the review schedule are written together or not at all. The attempt row is updated
first, so two requests writing to the same attempt queue on its row (PostgreSQL's row
lock; SQLite's single writer) and an answer that races "Finish" is either stored and
counted, or refused; never stored and ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Float, and_, bindparam, case, insert, update
from sqlalchemy.exc import IntegrityError

from quiz.domain.attempts import Mode
from quiz.domain.courses import Reveal
from quiz.domain.exams import feeds_review
from quiz.domain.grading import describe_answer, describe_key, grade
from quiz.domain.questions import Question
from quiz.domain.scheduling import RATING_LABELS, Rating, default_rating
from quiz.store import reviews
from quiz.store.attempts import open_conditions, response_to
from quiz.store.db import db, sql, table_of
from quiz.store.models import Assignment, Attempt, Response
from quiz.store.models.base import When
from quiz.store.unit import use_case


def _reveal_of(attempt: Attempt) -> Reveal | None:
    """When the answers of the attempt's assignment show (None: not an assignment's)."""
    if attempt.assignment_id is None:
        return None
    assignment = db.session.get(Assignment, attempt.assignment_id)
    return None if assignment is None else assignment.reveal


@dataclass(frozen=True)
class Submission:
    """What became of an answer: stored now, stored before (a repeat), or refused."""

    response_id: int | None
    stored: bool
    refused: bool = False  # the attempt had closed (finished, or its time was up)

    @property
    def response(self) -> Response | None:
        """The stored response (read when asked: the pages need only the outcome)."""
        return None if self.response_id is None else db.session.get(Response, self.response_id)


class _Closed(Exception):
    """The attempt closed before this answer could be stored."""


def submit_answer(
    attempt: Attempt,
    position: int,
    question: Question,
    answer: Any,
    now: datetime,
    self_rated: Rating | None = None,
) -> Submission:
    """Grade *answer* (or take a flashcard's *self_rated* recall), store it once with its
    score and review, and finish the attempt when it was the last question. A repeat
    (double click, back button, a concurrent duplicate) returns the response already
    stored, unchanged. Exam answers do not feed the review schedule, and the last of an
    exam's answers does not finish it."""
    graded = _graded(question, answer, self_rated)
    attempt_id, review = attempt.id, feeds_review(attempt.mode, _reveal_of(attempt))
    fields = _response_fields(attempt, position, question, answer, now) | graded.fields
    rating = graded.rating if review else None  # never an exam's: it would tell right early
    for last_try in (False, True):
        try:
            return Submission(_store(fields, rating, bool(self_rated), now), True)
        except _Closed:
            return Submission(None, False, refused=True)
        except IntegrityError:
            stored = response_to(attempt_id, question.id)
            if stored is not None:  # another request stored this answer first: keep that one
                return Submission(stored.id, False)
            if last_try:
                raise
            # Else the student's review card was created meanwhile by an answer to the same
            # question in another attempt (PostgreSQL's read committed lets both see none):
            # once more, now finding the card.
    raise AssertionError("unreachable")


def _store(fields: dict[str, Any], rating: Rating | None, chosen: bool, now: datetime) -> int:
    """One transaction: the attempt's count and score (:class:`_Closed` if it has closed),
    the response (an IntegrityError if this question was answered already) and, given a
    *rating*, its review. The new response's id."""
    with use_case():
        if not _add_answer(fields["attempt_id"], fields["score"], now):
            raise _Closed
        response_id: int = sql().execute(_NEW_RESPONSE, fields).scalar_one()
        if rating is not None:
            question_id, user_id = fields["question_id"], fields["user_id"]
            reviews.schedule(response_id, user_id, question_id, rating, now, chosen=chosen)
    return response_id


@dataclass(frozen=True)
class _Graded:
    fields: dict[str, Any]  # score, correct (and a flashcard's answer text)
    rating: Rating


def _graded(question: Question, answer: Any, self_rated: Rating | None) -> _Graded:
    """A typed answer's grade and the rating it implies; or a flashcard's own rating,
    which scores 1 unless it is Again."""
    if self_rated is not None:
        recalled = self_rated is not Rating.Again
        text = f"Rated {RATING_LABELS[self_rated]} (flashcard)"
        return _Graded(
            {"score": float(recalled), "correct": recalled, "answer_text": text}, self_rated
        )
    result = grade(question, answer)
    fields = {"score": result.score, "correct": result.correct}
    return _Graded(fields, default_rating(result.score, result.correct))


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


# Built once (the statement is the same for every answer; only its parameters change).
_RESPONSES = table_of(Response)
_NEW_RESPONSE = insert(_RESPONSES).returning(_RESPONSES.c.id)  # plain SQL: no unit of work
_NOW = bindparam("now", type_=When)
_ADD_ANSWER = (
    update(Attempt)
    .where(Attempt.id == bindparam("attempt_id"), *open_conditions(_NOW))
    .values(
        score=Attempt.score + bindparam("score", type_=Float),
        answered=Attempt.answered + 1,
        finished_at=case(  # an exam ends only by "Submit all" or its deadline
            (and_(Attempt.answered + 1 >= Attempt.max_score, Attempt.mode != Mode.EXAM), _NOW),
            else_=Attempt.finished_at,
        ),
    )
    .execution_options(synchronize_session=False)
)


def _add_answer(attempt_id: int, score: float, now: datetime) -> bool:
    """Count one more answer and its score while the attempt is open, finishing it when
    this was its last question; False when it has closed. One statement: the row is locked
    for the rest of the transaction."""
    parameters = {"attempt_id": attempt_id, "score": score, "now": now}
    return bool(sql().execute(_ADD_ANSWER, parameters).rowcount)
