"""Spaced review: each student's card per question, the log of every rating."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Row, bindparam, func, insert, select, update

from quiz.domain.scheduling import CardState, DueCounts, Rating, due_counts
from quiz.domain.study import introduction_day, previews, schedule_first
from quiz.domain.times import aware
from quiz.store.db import db, sql, table_of
from quiz.store.models import Response, ReviewCard, ReviewLog
from quiz.store.settings import limits_of
from quiz.store.unit import use_case


def state_of(card: ReviewCard | Row[Any] | None) -> CardState | None:
    """The scheduler's view of a card (a mapped card or a row of the card table)."""
    if card is None:
        return None
    last = aware(card.last_review) if card.last_review else None
    return CardState(
        card.state, card.step, card.stability, card.difficulty, aware(card.due), last, card.reviews
    )


# Built once: every answer runs them
_CARD = select(ReviewCard).where(
    ReviewCard.user_id == bindparam("user_id"), ReviewCard.question_id == bindparam("question_id")
)
_INTRODUCED = (
    select(ReviewCard.introduced_on, func.count())
    .where(
        ReviewCard.user_id == bindparam("user_id"),
        ReviewCard.introduced_on >= bindparam("today", type_=ReviewCard.introduced_on.type),
    )
    .group_by(ReviewCard.introduced_on)
)


def _card(user_id: int, question_id: str) -> ReviewCard | None:
    found = db.session.execute(_CARD, {"user_id": user_id, "question_id": question_id})
    return found.scalar_one_or_none()


def _store(
    card: ReviewCard | None,
    user_id: int,
    question_id: str,
    state: CardState,
    introduced_on: date | None = None,
) -> None:
    """Write *state* to the student's *card* (already read), or to a new card if None."""
    if card is None:
        card = ReviewCard(user_id=user_id, question_id=question_id, introduced_on=introduced_on)
        db.session.add(card)
    card.state, card.step = state.state, state.step
    card.stability, card.difficulty = state.stability, state.difficulty
    card.due, card.last_review, card.reviews = state.due, state.last_review, state.reviews


# An answer's writes, built once and run as plain SQL: one row each, no unit of work
# (docs/performance.md)
_CARDS, _LOGS = table_of(ReviewCard), table_of(ReviewLog)
_CARD_ROW = select(_CARDS).where(
    _CARDS.c.user_id == bindparam("user_id"), _CARDS.c.question_id == bindparam("question_id")
)
_NEW_CARD = insert(_CARDS)
_CARD_UPDATE = update(_CARDS).where(_CARDS.c.id == bindparam("card_id"))
_NEW_LOG = insert(_LOGS)


def _card_row(user_id: int, question_id: str) -> Row[Any] | None:
    return sql().execute(_CARD_ROW, {"user_id": user_id, "question_id": question_id}).first()


def schedule(
    response_id: int,
    user_id: int,
    question_id: str,
    rating: Rating,
    moment: datetime,
    chosen: bool = False,
) -> None:
    """Review the student's card for the question answered by *response_id* (part of the
    caller's transaction: no commit here). A question's first review enters the schedule
    on the first day with room under the student's daily limit of new questions."""
    card = _card_row(user_id, question_id)
    before = state_of(card)
    day = _introduction_day(user_id, moment) if card is None else None
    state = schedule_first(before, rating, moment, day)
    columns = {
        "state": state.state,
        "step": state.step,
        "stability": state.stability,
        "difficulty": state.difficulty,
        "due": state.due,
        "last_review": state.last_review,
        "reviews": state.reviews,
    }
    if card is None:
        new = {"user_id": user_id, "question_id": question_id, "introduced_on": day}
        sql().execute(_NEW_CARD, new | columns)
    else:
        sql().execute(_CARD_UPDATE, {"card_id": card.id} | columns)
    log = {
        "response_id": response_id,
        "user_id": user_id,
        "question_id": question_id,
        "rating": int(rating),
        "chosen": chosen,
        "card_before": before.to_dict() if before else None,
        "reviewed_at": moment,
    }
    sql().execute(_NEW_LOG, log)


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
        day = card.introduced_on if before is None else None
        state = schedule_first(before, rating, aware(log.reviewed_at), day)
        _store(card, response.user_id, response.question_id, state)
        log.rating, log.chosen = int(rating), True
    return True


def _introduction_day(user_id: int, moment: datetime) -> date:
    today = aware(moment).date()
    counts = sql().execute(_INTRODUCED, {"user_id": user_id, "today": today})
    introduced = {day: n for day, n in counts if day is not None}
    return introduction_day(today, introduced, limits_of(user_id).new_per_day)


def interval_previews(response: Response) -> dict[str, timedelta] | None:
    """Per rating: how long until the question comes back if the student re-rates the
    response so now; None when its rating can no longer change (rate() explains)."""
    log = review_log(response.id)
    card = _card(response.user_id, response.question_id)
    if log is None or card is None or card.last_review is None:
        return None
    if aware(card.last_review) != aware(log.reviewed_at):
        return None
    before = CardState.from_dict(log.card_before) if log.card_before else None
    day = card.introduced_on if before is None else None
    return previews(before, aware(log.reviewed_at), day)


def card_previews(user_id: int, question_id: str, now: datetime) -> dict[str, timedelta]:
    """Per rating: how long until the question comes back if rated so now (a flashcard's
    back, before it is rated)."""
    card = _card(user_id, question_id)
    day = _introduction_day(user_id, now) if card is None else None
    return previews(state_of(card), now, day)


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
