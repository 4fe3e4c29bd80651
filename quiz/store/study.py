"""What the spaced-review pages read: today's review allowance and the statistics."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import func, select

from quiz.domain.attempts import Kind
from quiz.domain.study import Limits, Rated, reviews_left
from quiz.domain.times import aware
from quiz.store.db import db
from quiz.store.models import Attempt, Response, ReviewCard, ReviewLog
from quiz.store.settings import limits_of


def _start_of_day(now: datetime) -> datetime:
    now = aware(now)
    return datetime.combine(now.date(), time.min, tzinfo=now.tzinfo)


def reviewed_today(user_id: int, now: datetime) -> int:
    """Answers given in review sessions today (they count against the daily limit)."""
    query = (
        select(func.count())
        .select_from(Response)
        .join(Attempt, Response.attempt_id == Attempt.id)
        .where(
            Response.user_id == user_id,
            Response.submitted_at >= _start_of_day(now),
            Attempt.kind == Kind.REVIEW,
        )
    )
    return int(db.session.execute(query).scalar_one())


def allowance(user_id: int, now: datetime) -> tuple[Limits, int, int]:
    """(the student's limits, reviews done today, reviews still allowed today)."""
    limits = limits_of(user_id)
    done = reviewed_today(user_id, now)
    return limits, done, reviews_left(limits, done)


def ratings_since(user_id: int, now: datetime, days: int = 30) -> list[Rated]:
    """Every rating the student gave (or the grade gave) in the last *days* days."""
    query = select(ReviewLog.reviewed_at, ReviewLog.rating, ReviewLog.card_before).where(
        ReviewLog.user_id == user_id,
        ReviewLog.reviewed_at >= _start_of_day(now) - timedelta(days=days - 1),
    )
    return [
        Rated(aware(at), rating, before.get("state") if isinstance(before, dict) else None)
        for at, rating, before in db.session.execute(query)
    ]


def card_states(user_id: int, known: set[str]) -> list[int]:
    """The fsrs state of each of the student's cards for questions still served."""
    query = select(ReviewCard.question_id, ReviewCard.state).where(ReviewCard.user_id == user_id)
    return [state for q, state in db.session.execute(query) if q in known]
