"""Spaced review: each student's card per question, the log of every rating."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from quiz.domain.scheduling import CardState, DueCounts, Rating, due_counts, review
from quiz.domain.times import aware
from quiz.store.db import db
from quiz.store.models import Response, ReviewCard, ReviewLog
from quiz.store.unit import use_case


def _state(card: ReviewCard | None) -> CardState | None:
    if card is None:
        return None
    last = aware(card.last_review) if card.last_review else None
    return CardState(
        card.state, card.step, card.stability, card.difficulty, aware(card.due), last, card.reviews
    )


def _card(user_id: int, question_id: str) -> ReviewCard | None:
    query = select(ReviewCard).where(
        ReviewCard.user_id == user_id, ReviewCard.question_id == question_id
    )
    return db.session.execute(query).scalar_one_or_none()


def _store(card: ReviewCard | None, user_id: int, question_id: str, state: CardState) -> None:
    """Write *state* to the student's *card* (already read), or to a new card if None."""
    if card is None:
        card = ReviewCard(user_id=user_id, question_id=question_id)
        db.session.add(card)
    card.state, card.step = state.state, state.step
    card.stability, card.difficulty = state.stability, state.difficulty
    card.due, card.last_review, card.reviews = state.due, state.last_review, state.reviews


def schedule(response: Response, rating: Rating, moment: datetime) -> None:
    """Review the student's card for the response's question (part of the caller's
    transaction: no commit here)."""
    card = _card(response.user_id, response.question_id)
    before = _state(card)
    _store(card, response.user_id, response.question_id, review(before, rating, moment))
    log = ReviewLog(
        response_id=response.id,
        user_id=response.user_id,
        question_id=response.question_id,
        rating=int(rating),
        chosen=False,
        card_before=before.to_dict() if before else None,
        reviewed_at=moment,
    )
    db.session.add(log)


def review_log(response_id: int) -> ReviewLog | None:
    query = select(ReviewLog).where(ReviewLog.response_id == response_id)
    return db.session.execute(query).scalar_one_or_none()


def rate(response: Response, rating: Rating) -> bool:
    """Replace the default rating of *response* with the student's own.

    Only the latest review of a card can be re-rated (a later answer has already built on
    it otherwise); returns whether the rating was applied.
    """
    with use_case():
        log = review_log(response.id)
        card = _card(response.user_id, response.question_id)
        if log is None or card is None or card.last_review is None:
            return False
        if aware(card.last_review) != aware(log.reviewed_at):
            return False
        before = CardState.from_dict(log.card_before) if log.card_before else None
        state = review(before, rating, aware(log.reviewed_at))
        _store(card, response.user_id, response.question_id, state)
        log.rating, log.chosen = int(rating), True
    return True


def due_counts_for(user_id: int, now: datetime) -> DueCounts:
    dues = db.session.execute(select(ReviewCard.due).where(ReviewCard.user_id == user_id)).scalars()
    return due_counts(list(dues), now)


def due_question_ids(user_id: int, now: datetime, known: set[str], limit: int = 20) -> list[str]:
    """Ids of the user's questions due at *now*, most overdue first (only known questions)."""
    query = (
        select(ReviewCard.question_id)
        .where(ReviewCard.user_id == user_id, ReviewCard.due <= now)
        .order_by(ReviewCard.due)
    )
    return [q for q in db.session.execute(query).scalars() if q in known][:limit]


def card_dues(user_id: int) -> dict[str, datetime]:
    """Per question the student has met: when it is next due."""
    query = select(ReviewCard.question_id, ReviewCard.due).where(ReviewCard.user_id == user_id)
    return {q: aware(d) for q, d in db.session.execute(query)}
