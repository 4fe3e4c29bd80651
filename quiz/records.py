"""Reading and writing attempts and responses: the persistence operations views call."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from quiz.attempts import new_layout, total_score
from quiz.banks import Question
from quiz.extensions import db
from quiz.grading import Result, describe_key, describe_response
from quiz.models import Attempt, Response, ReviewCard, ReviewLog, User, now_utc
from quiz.scheduling import CardState, DueCounts, Rating, aware, default_rating, due_counts, review


# Attempt modes. Only whole-bank attempts count towards a bank's best and latest score.
PRACTICE, EXAM, REVIEW, RETRY, PASSAGE = "practice", "exam", "review", "retry", "passage"
WHOLE_BANK = (PRACTICE, EXAM)


def start_attempt(user: User, bank_id: str, questions: Sequence[Question], mode: str = "practice",
                  rng: random.Random | None = None, time_limit_s: int | None = None,
                  shuffle_questions: bool = True, now: datetime | None = None) -> Attempt:
    """Create an attempt with its shuffled layout stored, so a resume shows the same order."""
    layout = new_layout(questions, rng or random.Random(), shuffle_questions=shuffle_questions)
    attempt = Attempt(user_id=user.id, bank_id=bank_id, mode=mode, layout=layout, max_score=len(layout),
                      time_limit_s=time_limit_s, started_at=now or now_utc())
    db.session.add(attempt)
    db.session.commit()
    return attempt


def open_attempts(user: User) -> list[Attempt]:
    """The user's unfinished attempts, newest first (offered as "continue")."""
    query = select(Attempt).where(Attempt.user_id == user.id, Attempt.finished_at.is_(None))
    return list(db.session.execute(query.order_by(Attempt.started_at.desc())).scalars())


def get_response(attempt: Attempt, question_id: str) -> Response | None:
    return _response_of(attempt.id, question_id)


def _response_of(attempt_id: int, question_id: str) -> Response | None:
    query = select(Response).where(Response.attempt_id == attempt_id, Response.question_id == question_id)
    return db.session.execute(query).scalar_one_or_none()


def answered_positions(attempt: Attempt) -> set[int]:
    query = select(Response.position).where(Response.attempt_id == attempt.id)
    return set(db.session.execute(query).scalars())


def record_response(attempt: Attempt, position: int, question: Question, answer: Any, result: Result,
                    now: datetime | None = None, checked: bool = False) -> tuple[Response, bool]:
    """Store a response once, and schedule its review. Returns (the stored response,
    whether this call stored it).

    A repeat of the same question in the same attempt (double click, back button,
    replay, a concurrent duplicate) returns the response already stored, unchanged.
    The response, its review log and the student's card are written in one transaction.
    *checked*: the caller has just looked for a stored response and found none, so the
    look-up is not repeated (a duplicate is still caught by the unique constraint).
    """
    existing = None if checked else get_response(attempt, question.id)
    if existing is not None:
        return existing, False
    attempt_id, user_id = attempt.id, attempt.user_id
    fields = dict(attempt_id=attempt_id, user_id=user_id, bank_id=question.bank, question_id=question.id,
                  question_version=question.version, position=position, answer=answer,
                  answer_text=describe_response(question, answer), key_text=describe_key(question),
                  score=result.score, correct=result.correct, submitted_at=now or now_utc())
    for last_try in (False, True):
        response = Response(**fields)
        try:
            db.session.add(response)
            db.session.flush()  # the unique (attempt, question) constraint fires here
            _schedule(response, default_rating(result.score, result.correct), response.submitted_at)
            db.session.commit()
            return response, True
        except IntegrityError:
            db.session.rollback()
            stored = _response_of(attempt_id, question.id)
            if stored is not None:  # another request stored this answer first: keep that one
                return stored, False
            if last_try:
                raise
            # Else the student's review card was created meanwhile by an answer to the same
            # question in another attempt (PostgreSQL's read committed lets both see none):
            # once more, now finding the card.
    raise AssertionError("unreachable")


def finish_attempt(attempt: Attempt, now: datetime | None = None) -> None:
    """Close the attempt and fix its score (unanswered questions count 0)."""
    if attempt.finished_at is not None:
        return
    scores = db.session.execute(select(Response.score).where(Response.attempt_id == attempt.id)).scalars()
    score = total_score(list(scores), len(attempt.layout))
    attempt.score = score.points
    attempt.max_score = score.out_of
    attempt.finished_at = now or now_utc()
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
        .where(Attempt.user_id == user.id, Attempt.finished_at.is_not(None), Attempt.mode.in_(WHOLE_BANK))
        .group_by(Attempt.bank_id)
    ).all()
    stats = {}
    for bank_id, count, best, last_time in rows:
        latest = db.session.execute(
            select(Attempt).where(Attempt.user_id == user.id, Attempt.bank_id == bank_id,
                                  Attempt.finished_at == last_time, Attempt.mode.in_(WHOLE_BANK))
        ).scalars().first()
        stats[bank_id] = BankStats(count, best, latest.percent if latest else None)
    return stats


def attempts_of(user: User) -> list[Attempt]:
    """Every attempt of *user*, newest first."""
    query = select(Attempt).where(Attempt.user_id == user.id).order_by(Attempt.started_at.desc())
    return list(db.session.execute(query).scalars())


def deadline(attempt: Attempt) -> datetime | None:
    """When an exam with a time limit ends, or None."""
    if not attempt.time_limit_s:
        return None
    return aware(attempt.started_at) + timedelta(seconds=attempt.time_limit_s)


def time_is_up(attempt: Attempt, now: datetime) -> bool:
    end = deadline(attempt)
    return end is not None and not attempt.is_finished and aware(now) > end


def duration(attempt: Attempt) -> float | None:
    """Seconds from start to finish, or None while the attempt is open."""
    if attempt.finished_at is None:
        return None
    return (aware(attempt.finished_at) - aware(attempt.started_at)).total_seconds()


# ------------------------------------------------------------------ spaced review


def _card_state(card: ReviewCard | None) -> CardState | None:
    if card is None:
        return None
    return CardState(card.state, card.step, card.stability, card.difficulty, aware(card.due),
                     aware(card.last_review) if card.last_review else None, card.reviews)


def _get_card(user_id: int, question_id: str) -> ReviewCard | None:
    query = select(ReviewCard).where(ReviewCard.user_id == user_id, ReviewCard.question_id == question_id)
    return db.session.execute(query).scalar_one_or_none()


def _store_card(card: ReviewCard | None, user_id: int, question_id: str, state: CardState) -> None:
    """Write *state* to the student's *card* (already read), or to a new card if None."""
    if card is None:
        card = ReviewCard(user_id=user_id, question_id=question_id)
        db.session.add(card)
    card.state, card.step = state.state, state.step
    card.stability, card.difficulty = state.stability, state.difficulty
    card.due, card.last_review, card.reviews = state.due, state.last_review, state.reviews


def _schedule(response: Response, rating: Rating, moment: datetime) -> None:
    """Review the student's card for this question with *rating* (no commit)."""
    card = _get_card(response.user_id, response.question_id)
    before = _card_state(card)
    _store_card(card, response.user_id, response.question_id, review(before, rating, moment))
    db.session.add(ReviewLog(response_id=response.id, user_id=response.user_id, question_id=response.question_id,
                             rating=int(rating), chosen=False,
                             card_before=before.to_dict() if before else None, reviewed_at=moment))


def review_log(response: Response) -> ReviewLog | None:
    return db.session.execute(select(ReviewLog).where(ReviewLog.response_id == response.id)).scalar_one_or_none()


def rate_response(response: Response, rating: Rating) -> bool:
    """Replace the default rating of *response* with the student's own.

    Only the latest review of a card can be re-rated (a later answer has already built on
    it otherwise); returns whether the rating was applied.
    """
    log = review_log(response)
    card = _get_card(response.user_id, response.question_id)
    if log is None or card is None or card.last_review is None:
        return False
    if aware(card.last_review) != aware(log.reviewed_at):
        return False
    before = CardState.from_dict(log.card_before) if log.card_before else None
    _store_card(card, response.user_id, response.question_id, review(before, rating, aware(log.reviewed_at)))
    log.rating, log.chosen = int(rating), True
    db.session.commit()
    return True


def cards_of(user: User) -> list[ReviewCard]:
    return list(db.session.execute(select(ReviewCard).where(ReviewCard.user_id == user.id)).scalars())


def due_counts_for(user: User, now: datetime) -> DueCounts:
    dues = db.session.execute(select(ReviewCard.due).where(ReviewCard.user_id == user.id)).scalars()
    return due_counts(list(dues), now)


def due_question_ids(user: User, now: datetime, known: set[str], limit: int = 20) -> list[str]:
    """Ids of the user's questions due at *now*, most overdue first (only known questions)."""
    query = (select(ReviewCard.question_id).where(ReviewCard.user_id == user.id, ReviewCard.due <= now)
             .order_by(ReviewCard.due))
    return [q for q in db.session.execute(query).scalars() if q in known][:limit]


def wrong_question_ids(attempt: Attempt) -> list[str]:
    """Questions of a finished attempt not answered fully right (unanswered included)."""
    right = {r.question_id for r in attempt.responses if r.correct}
    return [e["question_id"] for e in attempt.layout if e["question_id"] not in right]


def last_results(user: User) -> dict[str, bool]:
    """Per question, whether the user's most recent answer to it was right."""
    latest = (select(Response.question_id, func.max(Response.id).label("rid"))
              .where(Response.user_id == user.id).group_by(Response.question_id).subquery())
    rows = db.session.execute(
        select(Response.question_id, Response.correct).join(latest, Response.id == latest.c.rid)
    ).all()
    return {q: bool(c) for q, c in rows}
